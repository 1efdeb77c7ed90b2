/**
 * Exports under way (migration 11): the hidden folder each export writes into, recorded when it starts
 * and dropped when it ends. What is left names the folders of exports that were killed.
 */
import type { ReadableDB, WritableDB } from '../connection';
import { sql } from '../sql';
import { all, run } from './run';

export interface ExportRunRow {
  readonly partialDir: string;
  readonly bundleDir: string;
  readonly startedAt: number;
  readonly startedBy: string;
}

export function insertExportRun(db: WritableDB, r: ExportRunRow): void {
  run(
    db,
    sql`INSERT INTO export_runs (partial_dir, bundle_dir, started_at, started_by) VALUES (${r.partialDir}, ${r.bundleDir}, ${r.startedAt}, ${r.startedBy})`,
  );
}

export function deleteExportRun(db: WritableDB, partialDir: string): void {
  run(db, sql`DELETE FROM export_runs WHERE partial_dir = ${partialDir}`);
}

export const exportRuns = (db: ReadableDB): ExportRunRow[] =>
  all<ExportRunRow>(
    db,
    sql`SELECT partial_dir AS partialDir, bundle_dir AS bundleDir, started_at AS startedAt, started_by AS startedBy FROM export_runs ORDER BY id`,
  );
