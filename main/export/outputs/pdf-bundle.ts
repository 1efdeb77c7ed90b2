/**
 * The PDF bundle: one PDF of cover, index and extracts (draw.ts), its schedule as CSV (and XLSX when
 * asked), and manifest.json; then every file is verified (verify.ts) — hashes, pages, references and
 * the search for every hidden text — before the export may record it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { throwIfCancelled } from '../../../common/domain/cancellation';
import { listSources } from '../../../db/queries/browse';
import { printedLabelText } from '../../redact/printed-labels';
import { heldBackAttachments } from '../bundle-attachments';
import { drawBundle } from '../draw';
import type { SelectedDocument } from '../items';
import { explainLeaks } from '../leak-causes';
import { fileEntry, MANIFEST_FILE, MANIFEST_FORMAT, manifestJson, sha256, type Manifest, type ManifestFile } from '../manifest';
import { PdfReaders } from '../pdf-text';
import { ATTACHMENT_SCHEDULE_FILE, attachmentScheduleCsv, scheduleCsv, scheduleXlsx } from '../schedule';
import { BundleVerificationError, verifyBundle, type FoundLeak } from '../verify';
import type { ExportOutput } from './output';

const PROGRESS_EVERY = 25;

export const pdfBundle: ExportOutput = {
  id: 'pdf-bundle',
  label: 'PDF bundle',
  writes:
    'One PDF (cover, index, an extract per reference, images embedded), the schedule and the attachments schedule as CSV and XLSX, and manifest.json with every file’s SHA-256.',
  async produce(selection, settings, { dir, token, onProgress, run, beforeVerify }) {
    const { meta, numbering } = selection;
    const progress = (phase: 'drawing' | 'numbering' | 'writing' | 'verifying', pages: number, totalPages: number): void =>
      onProgress({ phase, pages, totalPages });
    const firstReference = (selection.documents[0] as SelectedDocument).reference;
    const lastReference = (selection.documents.at(-1) as SelectedDocument).reference;
    // Reader threads for verification start as soon as the page count is known, so pdfjs loads while
    // the frames are drawn and the files written.
    const reading: { readers?: PdfReaders } = {};
    try {
      const pdfName = `${firstReference}-${lastReference}.pdf`;
      const status = {
        draft: numbering.draft,
        includesPending: settings.scope.includePending,
        version: numbering.version,
        reissueOf: numbering.reissueOf,
        reason: numbering.reason,
      };
      const drawn = await drawBundle(
        {
          selection,
          decisionsHash: run.decisionsHash,
          stateAt: run.stateAt,
          appVersion: run.appVersion,
          status,
          chainHead: run.chainHead,
          pdfPath: join(dir, pdfName),
        },
        {
          checkpoint: () => throwIfCancelled(token, 'The export'),
          progress,
          onTotalPages: (pages) => (reading.readers = PdfReaders.forPages(pages)),
        },
      );
      const { totalPages, schedule } = drawn;
      const date = new Date(run.stateAt);

      progress('writing', totalPages, totalPages);
      const csv = scheduleCsv(schedule);
      const attachmentsCsv = attachmentScheduleCsv(drawn.attachmentSchedule);
      const files: ManifestFile[] = [
        { name: pdfName, role: 'pdf', bytes: drawn.pdf.bytes, sha256: drawn.pdf.sha256 },
        fileEntry('schedule.csv', 'schedule-csv', csv),
        fileEntry(ATTACHMENT_SCHEDULE_FILE, 'attachments-csv', attachmentsCsv),
      ];
      // Owner-only, like the case: a bundle is sensitive until it is handed over.
      writeFileSync(join(dir, 'schedule.csv'), csv, { mode: 0o600 });
      writeFileSync(join(dir, ATTACHMENT_SCHEDULE_FILE), attachmentsCsv, { mode: 0o600 });
      if (settings.xlsx) {
        const xlsx = await scheduleXlsx(schedule, `Schedule ${firstReference}–${lastReference}`, date, drawn.attachmentSchedule);
        writeFileSync(join(dir, 'schedule.xlsx'), xlsx, { mode: 0o600 });
        files.push(fileEntry('schedule.xlsx', 'schedule-xlsx', xlsx));
      }
      const manifest: Manifest = {
        format: MANIFEST_FORMAT,
        app: { name: 'Disclosure Desk', version: run.appVersion },
        case: { caseId: meta.caseId, name: meta.name, path: run.casePath },
        exportedAt: new Date().toISOString(),
        exportedBy: run.actor,
        stateAsAt: date.toISOString(),
        decisionsHash: run.decisionsHash,
        settings: run.settings,
        bundle: {
          draft: numbering.draft,
          references: { prefix: numbering.printedPrefix, first: firstReference, last: lastReference },
          version: numbering.version,
          reissueOf: numbering.reissueOf,
          reissueReason: numbering.reason,
        },
        auditChainHead: run.chainHead,
        consistency: run.consistency,
        pages: totalPages,
        documents: [...drawn.documents],
        items: {
          produced: schedule.length,
          withheld: selection.withheld,
          redactionBoxes: drawn.redactionBoxes,
          withheldAttachments: drawn.withheldAttachments,
        },
        substitutions: drawn.substitutions,
        leakCheck: { checked: 0, tooShortToCheck: 0 },
        files,
        attachments: drawn.attachments,
        sources: listSources(selection.db)
          .map((s) => ({
            custodian: s.custodian,
            fileName: printedLabelText(selection.printed.sourceFile(s.id, s.fileName)),
            sha256: s.sha256,
          }))
          .sort((a, b) => a.sha256.localeCompare(b.sha256)),
      };
      writeFileSync(join(dir, MANIFEST_FILE), manifestJson(manifest), { mode: 0o600 });
      await beforeVerify?.(dir);

      progress('verifying', 0, totalPages);
      const leakCheck = {
        needles: drawn.hidden,
        explain: (found: readonly FoundLeak[]) => explainLeaks(selection.db, { items: drawn.items, asOf: null }, found),
      };
      const conversationIds = [...new Set(selection.documents.map((d) => d.conversation.id))];
      const verification = await verifyBundle(dir, leakCheck, {
        heldBackAttachments: heldBackAttachments(selection.db, conversationIds, drawn.attachments),
        readers: reading.readers,
        token,
        onPage: (page) => page % PROGRESS_EVERY === 0 && progress('verifying', page, totalPages),
      });
      if (!verification.ok) throw new BundleVerificationError(verification);
      throwIfCancelled(token, 'The export');
      // The leak-check figures are only known now; the manifest is rewritten with them (its hash is
      // not in itself, so nothing else changes).
      const finalManifest = manifestJson({
        ...manifest,
        leakCheck: { checked: verification.checkedStrings, tooShortToCheck: verification.tooShortToCheck },
      });
      writeFileSync(join(dir, MANIFEST_FILE), finalManifest, { mode: 0o600 });
      return {
        files,
        // Every file in the folder, the manifest too: `verify` holds the folder to exactly these.
        written: [...files.map((f) => ({ name: f.name, sha256: f.sha256 })), { name: MANIFEST_FILE, sha256: sha256(finalManifest) }],
        pages: totalPages,
        placed: drawn.items,
        verification,
      };
    } finally {
      reading.readers?.close();
    }
  },
};
