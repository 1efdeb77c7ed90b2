/**
 * Verifying an RSMF export folder later, against its case (as verify-recorded.ts does for the PDF
 * bundle): the hash of rsmf-export.json or of a file it lists finds the recorded export; the folder must
 * hold exactly the files the case recorded; the hidden strings are rebuilt as they stood at export; the
 * audit chain head it recorded must still be in the log. Without a record, everything but the leak
 * search is checked and the report says so.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReadableDB } from '../../../db/connection';
import { bundleByFileHash, bundleFileHashes, type RecordedBundle } from '../../../db/queries/export';
import { bundleItems } from '../../../db/queries/leak-causes';
import type { VerifyReport } from '../../../common/domain/verification';
import { hiddenForBundle } from '../hidden';
import { explainLeaks } from '../leak-causes';
import { sha256 } from '../manifest';
import { refusePartialFolder } from '../partials';
import type { FoundLeak } from '../verify';
import { chainHeadProblem, recordedIn } from '../verify-recorded';
import { readRsmfExport, RSMF_EXPORT_FILE, verifyRsmfFolder, type RsmfVerifyOptions } from './folder';

export async function verifyRecordedRsmf(db: ReadableDB | null, dir: string, options: RsmfVerifyOptions = {}): Promise<VerifyReport> {
  refusePartialFolder(dir);
  const path = join(dir, RSMF_EXPORT_FILE);
  const manifest = readRsmfExport(path);
  const hashes = [sha256(readFileSync(path)), ...manifest.files.map((f) => f.sha256)];
  const recorded = db
    ? hashes.reduce<RecordedBundle | undefined>((found, hash) => found ?? bundleByFileHash(db, hash), undefined)
    : undefined;
  const leakCheck =
    recorded && db
      ? {
          needles: hiddenForBundle(db, recorded),
          explain: (found: readonly FoundLeak[]) =>
            explainLeaks(db, { items: bundleItems(db, recorded.id), asOf: recorded.createdAt }, found),
        }
      : null;
  const report = await verifyRsmfFolder(dir, leakCheck, {
    ...options,
    ...(recorded && db ? { recordedFiles: recordedIn(bundleFileHashes(db, recorded.id), options.folder) } : {}),
  });
  const problem = db && chainHeadProblem(db, manifest);
  return problem ? { ...report, ok: false, problems: [...report.problems, problem] } : report;
}
