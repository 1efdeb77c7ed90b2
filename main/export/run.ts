/**
 * One export, start to finish: plan the scope, draw the PDF (draw.ts), write the schedule and
 * manifest, verify, and only then put the bundle in place and record it.
 *
 * Everything from planning to verification reads one snapshot of the case (a read transaction on a
 * connection of its own), so the bundle is one consistent state even while the reviewer goes on
 * working. Before recording, that state is compared with the live case under the write lock: if a
 * decision, redaction, flag or final bundle changed meanwhile, the export fails and says to run it
 * again, rather than hand over a bundle without the change.
 *
 * Files are written to a temporary folder beside the destination; verification runs on those files;
 * a failure (or a cancel) deletes the folder, so nothing that looks like a bundle is ever left
 * unverified, and one a killed export left is removed by the next (partials.ts). The destination must not exist yet (or be an empty folder): a bundle is never
 * overwritten. The bundle, its items and an audit entry are recorded in one transaction afterwards.
 */
import { CancelledError, isCancelled, type CancellationToken } from '../../common/domain/cancellation';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openReader, type ReadableDB, type WritableDB } from '../../db/connection';
import type { CaseMetaRow } from '../../db/queries/case-meta';
import { decisionRows, exportInputRows, insertBundle, insertBundleItem, lastChangeAt, stateChainHead } from '../../db/queries/export';
import { listSources } from '../../db/queries/browse';
import { deleteExportRun, insertExportRun } from '../../db/queries/export-runs';
import { beginSnapshot, endSnapshot, transaction } from '../../db/queries/run';
import { printedLabelText } from '../redact/printed-labels';
import { appendAudit } from '../audit/log';
import type { DocumentUnit } from '../../common/domain/model';
import { checkExport, StaleAcknowledgementError, UnacknowledgedWarningsError, type ConsistencyWarning } from './consistency';
import { drawBundle } from './draw';
import { fileEntry, MANIFEST_FILE, MANIFEST_FORMAT, manifestJson, sha256, type Manifest, type ManifestAcknowledgement, type ManifestFile } from './manifest';
import type { Numbering } from './numbering';
import { moveIntoPlace, startPartialFolder } from './partials';
import { PdfReaders } from './pdf-text';
import { scheduleCsv, scheduleXlsx } from './schedule';
import type { ScopeSettings } from './scope';
import { explainLeaks } from './leak-causes';
import type { LongBodies } from './long-body';
import { BundleVerificationError, verifyBundle, type FoundLeak, type VerifyReport } from './verify';

export interface ExportSettings {
  readonly prefix: string;
  /** Null: the first number no earlier final bundle under this prefix used (numbering.ts). */
  readonly firstNumber: number | null;
  readonly width: number;
  /** Marked draft by the reviewer (a bundle including undecided items is a draft anyway). */
  readonly draft: boolean;
  /** A new version of an earlier final bundle, with the same references, and why. */
  readonly reissue: { readonly bundleId: number; readonly reason: string } | null;
  readonly unit: DocumentUnit;
  readonly scope: ScopeSettings;
  readonly xlsx: boolean;
  /** The bundle's folder: created by the export, must not exist yet (or be empty). */
  readonly outputDir: string;
}

export interface ExportProgress {
  readonly phase: 'planning' | 'drawing' | 'numbering' | 'writing' | 'verifying';
  readonly pages: number;
  readonly totalPages: number;
}

export interface ExportResult {
  readonly bundleId: number;
  readonly dir: string;
  readonly pages: number;
  readonly documents: number;
  readonly firstReference: string;
  readonly lastReference: string;
  readonly produced: number;
  readonly withheld: number;
  readonly draft: boolean;
  readonly version: number;
  readonly reissueOf: number | null;
  /** The consistency warnings the reviewer acknowledged for this bundle (empty when there were none). */
  readonly warnings: readonly ConsistencyWarning[];
  readonly files: readonly ManifestFile[];
  readonly verification: VerifyReport;
  /** Partial folders that interrupted exports had left beside this one, removed before it began writing. */
  readonly leftoversRemoved: readonly string[];
}

export interface ExportOptions {
  readonly actor: string;
  readonly appVersion: string;
  readonly casePath: string;
  readonly token?: CancellationToken;
  readonly onProgress?: (progress: ExportProgress) => void;
  /**
   * The reviewer's acknowledgement of the consistency report: the fingerprint of the list they saw
   * (the app), or 'as-listed' when the same run prints the list it accepts (`--accept-warnings`).
   * Without it, an export with warnings is refused before anything is written.
   */
  readonly acknowledged?: { readonly fingerprint: string } | 'as-listed';
  /** Test seam: when a body counts as long and is read in pieces, and how big the pieces are (long-body.ts). */
  readonly longBodies?: LongBodies;
  /** Test seam: runs between writing and verifying (a test plants a leak here). */
  readonly beforeVerify?: (tempDir: string) => void | Promise<void>;
}

export class NothingToExportError extends Error {
  constructor() {
    super('Nothing in this scope is to be produced: no message has the outcome "disclose" or "disclose with redactions" (add --include-pending to produce undecided messages).');
    this.name = 'NothingToExportError';
  }
}

const exportCancelled = (): CancelledError => new CancelledError('The export', 'No bundle was written.');

export class BundleExistsError extends Error {
  constructor(dir: string) {
    super(`${dir} already exists and is not empty: choose a new folder for the bundle (a bundle is never overwritten).`);
    this.name = 'BundleExistsError';
  }
}

export class CaseChangedDuringExportError extends Error {
  constructor() {
    super(
      'The case changed during export; run it again. A decision, redaction, custodian flag or bundle number changed while the bundle was being made, ' +
        'so it would not have shown the case as it is now: nothing was written or recorded.',
    );
    this.name = 'CaseChangedDuringExportError';
  }
}

/** SHA-256 over the decisions, labels, case details and sources the bundle is built from. */
export function decisionsHash(db: ReadableDB): string {
  const hash = createHash('sha256');
  for (const row of decisionRows(db)) hash.update(JSON.stringify(row)).update('\n');
  return hash.digest('hex');
}

/** The decisions hash and everything else an export reads that may change while it runs. */
function exportStateHash(db: ReadableDB, decisions = decisionsHash(db)): string {
  const hash = createHash('sha256').update(decisions);
  for (const row of exportInputRows(db)) hash.update(JSON.stringify(row)).update('\n');
  return hash.digest('hex');
}

const PROGRESS_EVERY = 25;

export async function exportBundle(live: WritableDB, meta: CaseMetaRow, settings: ExportSettings, options: ExportOptions): Promise<ExportResult> {
  const outDir = resolve(settings.outputDir);
  if (existsSync(outDir) && (!statSync(outDir).isDirectory() || readdirSync(outDir).length > 0)) throw new BundleExistsError(outDir);
  const snapshot = openReader(live.name);
  try {
    beginSnapshot(snapshot);
    return await exportSnapshot(snapshot, live, meta, settings, options);
  } finally {
    endSnapshot(snapshot);
    snapshot.close();
  }
}

/** The export itself: `db` is the snapshot every read comes from; `live` is only written to, once the bundle is verified. */
async function exportSnapshot(db: ReadableDB, live: WritableDB, meta: CaseMetaRow, settings: ExportSettings, options: ExportOptions): Promise<ExportResult> {
  const cancelled = (): void => {
    if (options.token?.isCancellationRequested) throw exportCancelled();
  };
  const progress = (phase: ExportProgress['phase'], pages: number, totalPages: number): void => options.onProgress?.({ phase, pages, totalPages });
  const outDir = resolve(settings.outputDir);

  progress('planning', 0, 0);
  const stateAt = lastChangeAt(db);
  const decisions = decisionsHash(db);
  const state = exportStateHash(db, decisions);
  const chainHead = stateChainHead(db) ?? null;
  const { ctx, plan, numbering, references, report } = checkExport(db, meta, settings, options.longBodies);
  if (plan.documents.length === 0) throw new NothingToExportError();
  if (report.warnings.length > 0) {
    if (options.acknowledged === undefined) throw new UnacknowledgedWarningsError(report);
    if (options.acknowledged !== 'as-listed' && options.acknowledged.fingerprint !== report.fingerprint) throw new StaleAcknowledgementError();
  }
  const acknowledgement: ManifestAcknowledgement | null =
    report.warnings.length > 0
      ? {
          by: options.actor,
          at: new Date().toISOString(),
          fingerprint: report.fingerprint,
          warnings: report.warnings.map((w) => ({ messageId: w.messageId, reference: w.reference, kinds: [...w.kinds] })),
        }
      : null;
  const status = { draft: numbering.draft, includesPending: settings.scope.includePending, version: numbering.version, reissueOf: numbering.reissueOf, reason: numbering.reason };
  const firstReference = references[0] as string;
  const lastReference = references.at(-1) as string;

  // Reader threads for verification start as soon as the page count is known, so pdfjs loads while
  // the frames are drawn and the files written.
  const reading: { readers?: PdfReaders } = {};
  // The PDF is written into the partial folder as it is drawn; a failure or cancel removes the folder.
  const { dir: temp, leftoversRemoved } = startPartialFolder(outDir);
  // Recorded so that, if this process is killed, the next opening of the case removes the folder
  // (interrupted.ts); leftovers just removed here need no such record any more.
  insertExportRun(live, { partialDir: temp, bundleDir: outDir, startedAt: Date.now(), startedBy: options.actor });
  for (const leftover of leftoversRemoved) deleteExportRun(live, leftover);
  // While the verified files are in the bundle's folder but not yet recorded: if recording fails,
  // that folder (empty or absent before the move, so holding only this export's files) goes too.
  let unrecorded = false;
  try {
    try {
      const pdfName = `${firstReference}-${lastReference}.pdf`;
      const drawn = await drawBundle(
        { db, meta, unit: settings.unit, ctx, plan, references, decisionsHash: decisions, stateAt, appVersion: options.appVersion, status, chainHead, pdfPath: join(temp, pdfName) },
        { checkpoint: cancelled, progress, onTotalPages: (pages) => (reading.readers = PdfReaders.forPages(pages)) },
      );
      const { totalPages, schedule } = drawn;
      const date = new Date(stateAt);

      progress('writing', totalPages, totalPages);
      const csv = scheduleCsv(schedule);
      const files: ManifestFile[] = [{ name: pdfName, role: 'pdf', bytes: drawn.pdf.bytes, sha256: drawn.pdf.sha256 }, fileEntry('schedule.csv', 'schedule-csv', csv)];
      // Owner-only, like the case: a bundle is sensitive until it is handed over.
      writeFileSync(join(temp, 'schedule.csv'), csv, { mode: 0o600 });
      if (settings.xlsx) {
        const xlsx = await scheduleXlsx(schedule, `Schedule ${firstReference}–${lastReference}`, date);
        writeFileSync(join(temp, 'schedule.xlsx'), xlsx, { mode: 0o600 });
        files.push(fileEntry('schedule.xlsx', 'schedule-xlsx', xlsx));
      }
      const manifest: Manifest = {
        format: MANIFEST_FORMAT,
        app: { name: 'Disclosure Desk', version: options.appVersion },
        case: { caseId: meta.caseId, name: meta.name, path: options.casePath },
        exportedAt: new Date().toISOString(),
        exportedBy: options.actor,
        stateAsAt: date.toISOString(),
        decisionsHash: decisions,
        settings: settingsRecord(settings, numbering),
        bundle: {
          draft: numbering.draft,
          references: { prefix: numbering.printedPrefix, first: firstReference, last: lastReference },
          version: numbering.version,
          reissueOf: numbering.reissueOf,
          reissueReason: numbering.reason,
        },
        auditChainHead: chainHead,
        consistency: { warnings: report.warnings.length, acknowledgement },
        pages: totalPages,
        documents: [...drawn.documents],
        items: { produced: schedule.length, withheld: plan.withheld, redactionBoxes: drawn.redactionBoxes },
        substitutions: drawn.substitutions,
        leakCheck: { checked: 0, tooShortToCheck: 0 },
        files,
        sources: listSources(db).map((s) => ({ custodian: s.custodian, fileName: printedLabelText(ctx.printed.sourceFile(s.id, s.fileName)), sha256: s.sha256 })).sort((a, b) => a.sha256.localeCompare(b.sha256)),
      };
      writeFileSync(join(temp, MANIFEST_FILE), manifestJson(manifest), { mode: 0o600 });
      await options.beforeVerify?.(temp);

      progress('verifying', 0, totalPages);
      const leakCheck = { needles: drawn.hidden, explain: (found: readonly FoundLeak[]) => explainLeaks(db, { items: drawn.items, asOf: null }, found) };
      const verification = await verifyBundle(temp, leakCheck, { readers: reading.readers, token: options.token, onPage: (page) => page % PROGRESS_EVERY === 0 && progress('verifying', page, totalPages) });
      if (!verification.ok) throw new BundleVerificationError(verification);
      cancelled();
      // The leak-check figures are only known now; the manifest is rewritten with them (its hash is
      // not in itself, so nothing else changes).
      const finalManifest = manifestJson({ ...manifest, leakCheck: { checked: verification.checkedStrings, tooShortToCheck: verification.tooShortToCheck } });
      writeFileSync(join(temp, MANIFEST_FILE), finalManifest, { mode: 0o600 });
      const bundleId = transaction(live, () => {
        // Under the write lock, so nothing can change between this comparison and the record.
        if (exportStateHash(live) !== state) throw new CaseChangedDuringExportError();
        moveIntoPlace(temp, outDir);
        unrecorded = true;
        deleteExportRun(live, temp);
        const id = insertBundle(live, {
          prefix: numbering.prefix,
          firstNumber: numbering.firstNumber,
          lastNumber: numbering.firstNumber + plan.documents.length - 1,
          width: numbering.width,
          documentUnit: settings.unit,
          settings: JSON.stringify(settingsRecord(settings, numbering)),
          outputDir: outDir,
          // Every file in the folder, the manifest too: `verify` holds the folder to exactly these.
          fileHashes: JSON.stringify(Object.fromEntries([...files.map((f) => [f.name, f.sha256]), [MANIFEST_FILE, sha256(finalManifest)]])),
          decisionsHash: decisions,
          pageCount: totalPages,
          createdAt: Date.now(),
          createdBy: options.actor,
          draft: numbering.draft,
          version: numbering.version,
          reissueOf: numbering.reissueOf,
          reissueReason: numbering.reason,
          acknowledgement: acknowledgement && JSON.stringify(acknowledgement),
        });
        for (const item of drawn.items) insertBundleItem(live, id, item.messageId, item.reference, item.start, item.end);
        if (acknowledgement) {
          appendAudit(live, {
            actor: options.actor,
            action: 'bundle.warnings-acknowledged',
            subject: `bundle:${id}`,
            details: { fingerprint: acknowledgement.fingerprint, at: acknowledgement.at, warnings: acknowledgement.warnings },
          });
        }
        appendAudit(live, {
          actor: options.actor,
          action: numbering.reissueOf === null ? 'bundle.exported' : 'bundle.reissued',
          subject: `bundle:${id}`,
          details: {
            references: `${firstReference}–${lastReference}`,
            draft: numbering.draft,
            version: numbering.version,
            ...(numbering.reissueOf === null ? {} : { reissueOf: numbering.reissueOf, reason: numbering.reason }),
            pages: totalPages,
            produced: schedule.length,
            withheld: plan.withheld,
            decisionsHash: decisions,
            auditChainHead: chainHead,
            warningsAcknowledged: acknowledgement?.warnings.length ?? 0,
            outputDir: outDir,
          },
        });
        return id;
      });
      unrecorded = false;
      return {
        bundleId,
        dir: outDir,
        pages: totalPages,
        documents: plan.documents.length,
        firstReference,
        lastReference,
        produced: schedule.length,
        withheld: plan.withheld,
        draft: numbering.draft,
        version: numbering.version,
        reissueOf: numbering.reissueOf,
        warnings: report.warnings,
        files,
        verification,
        leftoversRemoved,
      };
    } catch (err) {
      rmSync(unrecorded ? outDir : temp, { recursive: true, force: true });
      deleteExportRun(live, temp);
      throw isCancelled(err) ? exportCancelled() : err;
    }
  } finally {
    reading.readers?.close();
  }
}

function settingsRecord(settings: ExportSettings, numbering: Numbering): Record<string, unknown> {
  return {
    prefix: numbering.prefix,
    firstNumber: numbering.firstNumber,
    width: numbering.width,
    draft: numbering.draft,
    documentUnit: settings.unit,
    xlsx: settings.xlsx,
    scope: settings.scope,
  };
}
