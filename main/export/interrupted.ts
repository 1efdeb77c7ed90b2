/**
 * Exports this case started and never finished (killed, or the machine went down): each export
 * records its hidden partial folder in the case when it starts (db/queries/export-runs.ts) and drops
 * the record when it ends. When the case is opened again, the folders still recorded are removed —
 * wherever they are, not only beside the next bundle (partials.ts) — and each removal is written to
 * the audit log and reported, so the reviewer knows that export did not finish and runs it again.
 *
 * A folder is removed only if its name is a partial folder's and the process that made it has gone:
 * a record is never a licence to delete an arbitrary path, nor the files of an export still running.
 */
import { existsSync, rmSync } from 'node:fs';
import type { WritableDB } from '../../db/connection';
import { deleteExportRun, exportRuns, type ExportRunRow } from '../../db/queries/export-runs';
import { transaction } from '../../db/queries/run';
import { appendAudit } from '../audit/log';
import { isAbandonedPartial } from './partials';

export type InterruptedExport = ExportRunRow;

export function removeInterruptedExports(db: WritableDB, actor: string, now = Date.now()): InterruptedExport[] {
  const removed: InterruptedExport[] = [];
  for (const runRow of exportRuns(db)) {
    const present = existsSync(runRow.partialDir);
    if (present && !isAbandonedPartial(runRow.partialDir, now)) continue;
    if (present) rmSync(runRow.partialDir, { recursive: true, force: true });
    transaction(db, () => {
      deleteExportRun(db, runRow.partialDir);
      // A folder already gone was removed by a later export into the same place, which said so then.
      if (present) {
        appendAudit(db, {
          actor,
          action: 'bundle.interrupted-removed',
          subject: runRow.bundleDir,
          details: { folder: runRow.partialDir, bundleDir: runRow.bundleDir, startedAt: runRow.startedAt, startedBy: runRow.startedBy },
        });
      }
    });
    if (present) removed.push(runRow);
  }
  return removed;
}
