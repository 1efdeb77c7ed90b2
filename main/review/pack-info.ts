/** Which pack a case is (in a pack), and which packs a case has exported (in the reviewer's case). */
import type { ReadableDB } from '../../db/connection';
import { all, get } from '../../db/queries/run';
import { sql } from '../../db/sql';
import { caseMode } from './mode';

export interface PackRow {
  readonly packId: string;
  readonly parentCaseId: string;
  readonly custodianId: number;
  readonly custodian: string;
  readonly messages: number;
  readonly exportedAt: number;
  readonly exportedBy: string;
}

const COLUMNS = sql`pack_id AS packId, parent_case_id AS parentCaseId, custodian_id AS custodianId, custodian_name AS custodian,
  messages, exported_at AS exportedAt, exported_by AS exportedBy`;

/** In a custodian check pack, its one custodian_packs row; null in a full case. */
export function thisPack(db: ReadableDB): PackRow | null {
  if (caseMode(db) !== 'custodian_check') return null;
  const rows = all<PackRow>(db, sql`SELECT ${COLUMNS} FROM custodian_packs`);
  if (rows.length !== 1) throw new Error(`a custodian check pack must describe exactly one pack; this one has ${rows.length}`);
  return rows[0] ?? null;
}

export const packImport = (db: ReadableDB, packId: string): { importedAt: number; importedBy: string } | undefined =>
  get(db, sql`SELECT imported_at AS importedAt, imported_by AS importedBy FROM custodian_pack_imports WHERE pack_id = ${packId}`);
