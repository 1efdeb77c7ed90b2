/**
 * RSMF 2.0 (docs/spec.md §14): one `<reference>.rsmf` per produced reference (main/export/rsmf/document.ts),
 * each validated against the official schema and our rules before it is written, and
 * `rsmf-export.json` saying what the folder is. Then the folder is verified (rsmf/folder.ts): files,
 * schema and rules again, and the search for every hidden text in every decoded part.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { throwIfCancelled } from '../../../common/domain/cancellation';
import { liveImageRegions } from '../../../db/queries/image-redactions';
import type { SelectedDocument } from '../items';
import { explainLeaks } from '../leak-causes';
import type { Needle } from '../leaks';
import { sha256 } from '../manifest';
import { rsmfFiles, rsmfLabelNeedles } from '../rsmf/document';
import {
  RSMF_EXPORT_FILE,
  RSMF_EXPORT_FORMAT,
  rsmfExportJson,
  verifyRsmfFolder,
  type RsmfExportDocument,
  type RsmfExportManifest,
} from '../rsmf/folder';
import { RSMF_VERSION } from '../rsmf/manifest';
import { BundleVerificationError, type FoundLeak } from '../verify';
import type { ExportOutput, OutputFile, PlacedItem } from './output';

export const rsmfOutput: ExportOutput = {
  id: 'rsmf',
  label: 'RSMF 2.0',
  writes:
    'One RSMF 2.0 file (.rsmf) per reference for a review platform such as Relativity, with rsmf-export.json listing each file’s SHA-256.',
  async produce(selection, _settings, { dir, token, onProgress, run, beforeVerify }) {
    const { numbering, meta } = selection;
    const total = selection.documents.length;
    const hidden: Needle[] = rsmfLabelNeedles(selection);
    const documents: RsmfExportDocument[] = [];
    const files: OutputFile[] = [];
    const placed: PlacedItem[] = [];
    onProgress({ phase: 'writing', pages: 0, totalPages: 0 });
    for await (const file of rsmfFiles(selection, {
      generator: `Disclosure Desk ${run.appVersion}`,
      imageRegions: (ids) => new Map([...liveImageRegions(selection.db, ids)].map(([id, regions]) => [id, regions.map((r) => r.rect)])),
      ...(token ? { token } : {}),
      hidden: (needle) => hidden.push(needle),
    })) {
      // Owner-only, like the case: an export is sensitive until it is handed over.
      writeFileSync(join(dir, file.name), file.bytes, { mode: 0o600 });
      files.push({ name: file.name, role: 'rsmf', bytes: file.bytes.length, sha256: file.sha256 });
      documents.push({
        reference: file.reference,
        file: file.name,
        bytes: file.bytes.length,
        sha256: file.sha256,
        events: file.events,
        attachments: file.attachments,
        eventCollectionId: file.eventCollectionId,
        produced: file.messageIds.length,
      });
      for (const messageId of file.messageIds) placed.push({ messageId, reference: file.reference, start: 1, end: 1 });
      onProgress({ phase: 'writing', pages: documents.length, totalPages: total });
    }
    throwIfCancelled(token, 'The export');
    const first = (selection.documents[0] as SelectedDocument).reference;
    const last = (selection.documents.at(-1) as SelectedDocument).reference;
    const manifest: RsmfExportManifest = {
      format: RSMF_EXPORT_FORMAT,
      app: { name: 'Disclosure Desk', version: run.appVersion },
      case: { caseId: meta.caseId, name: meta.name, path: run.casePath },
      exportedBy: run.actor,
      stateAsAt: new Date(run.stateAt).toISOString(),
      decisionsHash: run.decisionsHash,
      settings: run.settings,
      bundle: {
        draft: numbering.draft,
        references: { prefix: numbering.printedPrefix, first, last },
        version: numbering.version,
        reissueOf: numbering.reissueOf,
      },
      auditChainHead: run.chainHead,
      rsmf: { version: RSMF_VERSION, schema: 'relativitydev/rsmf-validator-samples RSMFManifestSchema/rsmf_schema_2_0_0.json' },
      documents,
      items: { produced: selection.produced, withheld: selection.withheld },
      files: files.map((f) => ({ name: f.name, role: 'rsmf', bytes: f.bytes, sha256: f.sha256 })),
    };
    const json = rsmfExportJson(manifest);
    writeFileSync(join(dir, RSMF_EXPORT_FILE), json, { mode: 0o600 });
    await beforeVerify?.(dir);

    onProgress({ phase: 'verifying', pages: 0, totalPages: total });
    const verification = await verifyRsmfFolder(
      dir,
      {
        needles: hidden,
        explain: (found: readonly FoundLeak[]) => explainLeaks(selection.db, { items: placed, asOf: null }, found),
      },
      token ? { token } : {},
    );
    if (!verification.ok) throw new BundleVerificationError(verification);
    return {
      files,
      written: [...files.map((f) => ({ name: f.name, sha256: f.sha256 })), { name: RSMF_EXPORT_FILE, sha256: sha256(json) }],
      pages: 0,
      placed,
      verification,
    };
  },
};
