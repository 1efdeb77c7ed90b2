/**
 * Verifying a bundle folder later, against its case: the hash of manifest.json or of a file it lists
 * finds the recorded bundle. The folder must hold exactly the files the case recorded, with the
 * hashes it recorded (so an edited schedule fails even with a manifest rewritten to match), and the
 * hidden strings are rebuilt as they stood at export (hidden.ts). A folder the case did not export is
 * still checked for hashes, pages and references, and the report says the leak search could not be done.
 *
 * The manifest's audit chain head (docs/spec.md §12) is looked up in the case's log: the entry must still be
 * there with the same hash. A log rewritten after the bundle was produced, even consistently from
 * start to end (which `audit --verify` alone cannot tell), fails here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReadableDB } from '../../db/connection';
import { auditEntryHash, bundleFileHashes, conversationsOfMessages } from '../../db/queries/export';
import { bundleItems } from '../../db/queries/leak-causes';
import { heldBackAttachments } from './bundle-attachments';
import { explainLeaks } from './leak-causes';
import { bundleByFileHash, type RecordedBundle } from '../../db/queries/export';
import { hiddenForBundle } from './hidden';
import { MANIFEST_FILE, readManifest, sha256, type Manifest } from './manifest';
import { refusePartialFolder } from './partials';
import { verifyBundle, type FoundLeak, type VerifyOptions, type VerifyProblem, type VerifyReport } from './verify';

/** The recorded files under `folder` (one output's folder in an export of several), named as inside it; all of them without one. */
export function recordedIn(files: ReadonlyMap<string, string>, folder: string | undefined): Map<string, string> {
  if (folder === undefined) return new Map(files);
  const prefix = `${folder}/`;
  return new Map([...files].flatMap(([name, hash]) => (name.startsWith(prefix) ? [[name.slice(prefix.length), hash] as const] : [])));
}

export function chainHeadProblem(db: ReadableDB, manifest: Pick<Manifest, 'auditChainHead'>): VerifyProblem | null {
  const head = manifest.auditChainHead;
  if (!head) return null;
  const hash = auditEntryHash(db, head.id);
  if (hash === head.hash) return null;
  return {
    check: 'audit',
    message: `the case's audit log ${hash === undefined ? 'no longer holds' : 'holds a different'} entry #${head.id}, the chain head this bundle recorded (SHA-256 ${head.hash}): the log was rewritten after the bundle was produced, or this is not the bundle's case`,
  };
}

export async function verifyRecordedBundle(db: ReadableDB | null, dir: string, options: VerifyOptions = {}): Promise<VerifyReport> {
  refusePartialFolder(dir);
  const manifestPath = join(dir, MANIFEST_FILE);
  const manifest = readManifest(manifestPath);
  // The manifest's own hash first (recorded since issue 13), then the PDF's, then the other files'.
  const hashes = [
    sha256(readFileSync(manifestPath)),
    ...[...manifest.files].sort((a, b) => Number(b.role === 'pdf') - Number(a.role === 'pdf')).map((f) => f.sha256),
  ];
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
  const heldBack =
    recorded && db
      ? heldBackAttachments(
          db,
          conversationsOfMessages(
            db,
            bundleItems(db, recorded.id).map((item) => item.messageId),
          ),
          manifest.attachments ?? [],
        )
      : null;
  const report = await verifyBundle(dir, leakCheck, {
    heldBackAttachments: heldBack,
    ...options,
    ...(recorded && db ? { recordedFiles: recordedIn(bundleFileHashes(db, recorded.id), options.folder) } : {}),
  });
  const problem = db && chainHeadProblem(db, manifest);
  return problem ? { ...report, ok: false, problems: [...report.problems, problem] } : report;
}
