/**
 * Verifying a bundle folder later, against its case: the manifest's PDF hash finds the recorded
 * bundle, whose hidden strings are rebuilt as they stood at export (hidden.ts). A folder the case
 * did not export is still checked for hashes, pages and references, and the report says the leak
 * search could not be done.
 */
import { join } from 'node:path';
import type { ReadableDB } from '../../db/connection';
import { bundleItems } from '../../db/queries/leak-causes';
import { explainLeaks } from './leak-causes';
import { bundleByFileHash, hiddenForBundle } from './hidden';
import { MANIFEST_FILE, readManifest } from './manifest';
import { refusePartialFolder } from './partials';
import { verifyBundle, type FoundLeak, type VerifyOptions, type VerifyReport } from './verify';

export async function verifyRecordedBundle(db: ReadableDB | null, dir: string, options: VerifyOptions = {}): Promise<VerifyReport> {
  refusePartialFolder(dir);
  const manifest = readManifest(join(dir, MANIFEST_FILE));
  const pdf = manifest.files.find((f) => f.role === 'pdf');
  const recorded = db && pdf ? bundleByFileHash(db, pdf.sha256) : undefined;
  const leakCheck =
    recorded && db ? { needles: hiddenForBundle(db, recorded), explain: (found: readonly FoundLeak[]) => explainLeaks(db, { items: bundleItems(db, recorded.id), asOf: recorded.createdAt }, found) } : null;
  return verifyBundle(dir, leakCheck, options);
}
