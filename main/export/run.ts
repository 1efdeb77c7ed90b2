/**
 * One export, start to finish: select the scope (scope.ts, as the items of items.ts), let the output
 * the settings name (outputs/) write and verify its files, and only then put the bundle in place and
 * record it.
 *
 * Everything from selection to verification reads one snapshot of the case (a read transaction on a
 * connection of its own), so the bundle is one consistent state even while the reviewer goes on
 * working. Before recording, that state is compared with the live case under the write lock: if a
 * decision, redaction, flag or final bundle changed meanwhile, the export fails and says to run it
 * again, rather than hand over a bundle without the change.
 *
 * Files are written to a temporary folder beside the destination; the output verifies them there;
 * a failure (or a cancel) deletes the folder, so nothing that looks like a bundle is ever left
 * unverified, and one a killed export left is removed by the next (partials.ts). The destination
 * must not exist yet (or be an empty folder): a bundle is never overwritten. The bundle, its items
 * and an audit entry are recorded in one transaction afterwards.
 */
import { CancelledError, isCancelled, type CancellationToken } from '../../common/domain/cancellation';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { openReader, type ReadableDB, type WritableDB } from '../../db/connection';
import type { CaseMetaRow } from '../../db/queries/case-meta';
import { decisionRows, exportInputRows, insertBundle, insertBundleItem, lastChangeAt, stateChainHead } from '../../db/queries/export';
import { deleteExportRun, insertExportRun } from '../../db/queries/export-runs';
import { beginSnapshot, endSnapshot, transaction } from '../../db/queries/run';
import { appendAudit } from '../audit/log';
import { checkExport, StaleAcknowledgementError, UnacknowledgedWarningsError, type ConsistencyWarning } from './consistency';
import type { ManifestAcknowledgement } from './manifest';
import type { Numbering } from './numbering';
import { outputById, type ExportOutput } from './outputs';
import type { OutputFile } from './outputs/output';
import { moveIntoPlace, startPartialFolder } from './partials';
import { selection } from './scope';
import type { LongBodies } from './long-body';
import type { ExportProgress, ExportSettings } from './settings';
import { BundleVerificationError, type VerifyReport } from './verify';

export type { ExportProgress, ExportSettings } from './settings';

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
  readonly files: readonly OutputFile[];
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
  /** Test seam: runs between the output's writing and its verifying (a test plants a leak here). */
  readonly beforeVerify?: (tempDir: string) => void | Promise<void>;
}

export class NothingToExportError extends Error {
  constructor() {
    super(
      'Nothing in this scope is to be produced: no message has the outcome "disclose" or "disclose with redactions" (add --include-pending to produce undecided messages).',
    );
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

export async function exportBundle(
  live: WritableDB,
  meta: CaseMetaRow,
  settings: ExportSettings,
  options: ExportOptions,
): Promise<ExportResult> {
  // An output no one registered is refused before anything is opened or written.
  const output = outputById(settings.output);
  const outDir = resolve(settings.outputDir);
  if (existsSync(outDir) && (!statSync(outDir).isDirectory() || readdirSync(outDir).length > 0)) throw new BundleExistsError(outDir);
  const snapshot = openReader(live.name);
  try {
    beginSnapshot(snapshot);
    return await exportSnapshot(snapshot, live, meta, settings, output, options);
  } finally {
    endSnapshot(snapshot);
    snapshot.close();
  }
}

/** The export itself: `db` is the snapshot every read comes from; `live` is only written to, once the bundle is verified. */
async function exportSnapshot(
  db: ReadableDB,
  live: WritableDB,
  meta: CaseMetaRow,
  settings: ExportSettings,
  output: ExportOutput,
  options: ExportOptions,
): Promise<ExportResult> {
  const onProgress = (progress: ExportProgress): void => options.onProgress?.(progress);
  const outDir = resolve(settings.outputDir);

  onProgress({ phase: 'planning', pages: 0, totalPages: 0 });
  const stateAt = lastChangeAt(db);
  const decisions = decisionsHash(db);
  const state = exportStateHash(db, decisions);
  const chainHead = stateChainHead(db) ?? null;
  const { ctx, plan, numbering, references, report } = checkExport(db, meta, settings, options.longBodies);
  if (plan.documents.length === 0) throw new NothingToExportError();
  if (report.warnings.length > 0) {
    if (options.acknowledged === undefined) throw new UnacknowledgedWarningsError(report);
    if (options.acknowledged !== 'as-listed' && options.acknowledged.fingerprint !== report.fingerprint)
      throw new StaleAcknowledgementError();
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
  const firstReference = references[0] as string;
  const lastReference = references.at(-1) as string;
  const selected = selection(ctx, meta, settings.unit, plan, numbering, references);
  const record = settingsRecord(settings, numbering);

  // The output writes into the partial folder; a failure or cancel removes the folder.
  const { dir: temp, leftoversRemoved } = startPartialFolder(outDir);
  // Recorded so that, if this process is killed, the next opening of the case removes the folder
  // (interrupted.ts); leftovers just removed here need no such record any more.
  insertExportRun(live, { partialDir: temp, bundleDir: outDir, startedAt: Date.now(), startedBy: options.actor });
  for (const leftover of leftoversRemoved) deleteExportRun(live, leftover);
  // While the verified files are in the bundle's folder but not yet recorded: if recording fails,
  // that folder (empty or absent before the move, so holding only this export's files) goes too.
  let unrecorded = false;
  try {
    const produced = await output.produce(selected, settings, {
      dir: temp,
      token: options.token,
      onProgress,
      run: {
        actor: options.actor,
        appVersion: options.appVersion,
        casePath: options.casePath,
        stateAt,
        decisionsHash: decisions,
        chainHead,
        consistency: { warnings: report.warnings.length, acknowledgement },
        settings: record,
      },
      ...(options.beforeVerify ? { beforeVerify: options.beforeVerify } : {}),
    });
    // Whatever the output: files that failed their check are never recorded or put in place.
    if (!produced.verification.ok) throw new BundleVerificationError(produced.verification);
    if (options.token?.isCancellationRequested) throw exportCancelled();
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
        settings: JSON.stringify(record),
        outputDir: outDir,
        fileHashes: JSON.stringify(Object.fromEntries(produced.written.map((f) => [f.name, f.sha256]))),
        decisionsHash: decisions,
        pageCount: produced.pages,
        createdAt: Date.now(),
        createdBy: options.actor,
        draft: numbering.draft,
        version: numbering.version,
        reissueOf: numbering.reissueOf,
        reissueReason: numbering.reason,
        acknowledgement: acknowledgement && JSON.stringify(acknowledgement),
      });
      for (const item of produced.placed) insertBundleItem(live, id, item.messageId, item.reference, item.start, item.end);
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
          pages: produced.pages,
          produced: produced.placed.length,
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
      pages: produced.pages,
      documents: plan.documents.length,
      firstReference,
      lastReference,
      produced: produced.placed.length,
      withheld: plan.withheld,
      draft: numbering.draft,
      version: numbering.version,
      reissueOf: numbering.reissueOf,
      warnings: report.warnings,
      files: produced.files,
      verification: produced.verification,
      leftoversRemoved,
    };
  } catch (err) {
    rmSync(unrecorded ? outDir : temp, { recursive: true, force: true });
    deleteExportRun(live, temp);
    throw isCancelled(err) ? exportCancelled() : err;
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
