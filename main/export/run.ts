/**
 * One export, start to finish: plan the scope; lay out and draw every extract page's body (one pass,
 * counting pages as it goes); lay out the cover and index, now that page numbers are known; draw every
 * page's header and footer ("Page n of N"); write the schedule and manifest; verify; and only then put
 * the bundle in place and record it.
 *
 * Files are written to a temporary folder beside the destination; verification runs on those files;
 * a failure (or a cancel) deletes the folder, so nothing that looks like a bundle is ever left
 * unverified. The destination must not exist yet (or be an empty folder): a bundle is never
 * overwritten. The bundle, its items and an audit entry are recorded in one transaction afterwards.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { WritableDB } from '../../db/connection';
import type { CaseMetaRow } from '../../db/queries/case-meta';
import { decisionRows, insertBundle, insertBundleItem, lastChangeAt } from '../../db/queries/export';
import { listSources } from '../../db/queries/browse';
import { transaction } from '../../db/queries/run';
import { appendAudit } from '../audit/log';
import type { DocumentUnit } from '../domain/model';
import { fontBytes } from './fonts';
import { layoutCover, layoutExtract, layoutIndex, pageFrame, type IndexRow, type LaidPage } from './layout';
import type { Needle } from './leaks';
import { fileEntry, MANIFEST_FILE, MANIFEST_FORMAT, manifestJson, type Manifest, type ManifestDocument, type ManifestFile } from './manifest';
import { BundlePdf } from './pdf';
import { formatReference, referenceSequence } from './references';
import type { PDFRef } from 'pdf-lib';
import { scheduleCsv, scheduleXlsx, type ScheduleRow } from './schedule';
import { hiddenLabelNeedles, printedLabelText } from '../redact/printed-labels';
import { documentEntries, extractDetails, extractTitle, planDocuments, scopeContext, type ScopeSettings } from './scope';
import { localSpan, localStamp } from './times';
import { FontMeasurer, parseFont, type SubstitutionCounts } from './text-measure';
import { BundleVerificationError, VerificationCancelledError, verifyBundle, type VerifyReport } from './verify';

export interface ExportSettings {
  readonly prefix: string;
  readonly firstNumber: number;
  readonly width: number;
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
  readonly files: readonly ManifestFile[];
  readonly verification: VerifyReport;
}

export interface ExportOptions {
  readonly actor: string;
  readonly appVersion: string;
  readonly casePath: string;
  readonly signal?: { readonly aborted: boolean };
  readonly onProgress?: (progress: ExportProgress) => void;
  /** Test seam: runs between writing and verifying (a test plants a leak here). */
  readonly beforeVerify?: (tempDir: string) => void | Promise<void>;
}

export class NothingToExportError extends Error {
  constructor() {
    super('Nothing in this scope is to be produced: no message has the outcome "disclose" or "disclose with redactions" (add --include-pending to produce undecided messages).');
    this.name = 'NothingToExportError';
  }
}

export class ExportCancelledError extends Error {
  constructor() {
    super('The export was cancelled; no bundle was written.');
    this.name = 'ExportCancelledError';
  }
}

export class BundleExistsError extends Error {
  constructor(dir: string) {
    super(`${dir} already exists and is not empty: choose a new folder for the bundle (a bundle is never overwritten).`);
    this.name = 'BundleExistsError';
  }
}

/** SHA-256 over the decisions, labels, case details and sources the bundle is built from. */
export function decisionsHash(db: WritableDB): string {
  const hash = createHash('sha256');
  for (const row of decisionRows(db)) hash.update(JSON.stringify(row)).update('\n');
  return hash.digest('hex');
}

const PROGRESS_EVERY = 25;

/** "7" for one page, "7–9" for several. */
const pageRange = (first: number, count: number): string => (count <= 1 ? String(first) : `${first}–${first + count - 1}`);

export async function exportBundle(db: WritableDB, meta: CaseMetaRow, settings: ExportSettings, options: ExportOptions): Promise<ExportResult> {
  const cancelled = (): void => {
    if (options.signal?.aborted) throw new ExportCancelledError();
  };
  const progress = (phase: ExportProgress['phase'], pages: number, totalPages: number): void => options.onProgress?.({ phase, pages, totalPages });
  const outDir = resolve(settings.outputDir);
  if (existsSync(outDir) && (!statSync(outDir).isDirectory() || readdirSync(outDir).length > 0)) throw new BundleExistsError(outDir);

  progress('planning', 0, 0);
  const zone = meta.defaultTimeZone;
  const stateAt = lastChangeAt(db);
  const decisions = decisionsHash(db);
  const ctx = scopeContext(db, settings.scope, zone);
  const plan = planDocuments(ctx, settings.unit);
  if (plan.documents.length === 0) throw new NothingToExportError();
  formatReference(settings.prefix, settings.firstNumber + plan.documents.length - 1, settings.width);
  const references = (() => {
    const next = referenceSequence(settings.prefix, settings.firstNumber, settings.width);
    return plan.documents.map(() => next());
  })();
  const firstReference = references[0] as string;
  const lastReference = references.at(-1) as string;

  const bytes = fontBytes();
  const measurer = new FontMeasurer({ regular: parseFont(bytes.regular), bold: parseFont(bytes.bold), emoji: parseFont(bytes.emoji) });
  const date = new Date(stateAt);
  const pdf = await BundlePdf.create(bytes, {
    title: `Disclosure bundle ${firstReference}–${lastReference}`,
    creator: `Disclosure Desk ${options.appVersion}`,
    date,
    fileId: decisions.slice(0, 32),
  });

  // Pass 1: every extract's body pages, drawn as they are laid out; their frames wait for the totals.
  const bodies: PDFRef[][] = [];
  const schedule: { readonly row: ScheduleRow; readonly doc: number; readonly page: number }[] = [];
  const items: { messageId: number; reference: string; doc: number; firstPage: number; lastPage: number }[] = [];
  // Redacted labels and titles may appear nowhere: not in a heading, the header block, the index or
  // the schedule, and not in a body either (a label hidden in one place is hidden everywhere).
  const hidden: Needle[] = hiddenLabelNeedles(db, null, [...new Set(plan.documents.map((d) => d.conversation.id))]);
  const substitutions: SubstitutionCounts = { emojiDrawn: 0, named: {}, formattingSkipped: 0 };
  let redactionBoxes = 0;
  let laid = 0;
  for (const [i, doc] of plan.documents.entries()) {
    const reference = references[i] as string;
    const title = printedLabelText(extractTitle(ctx, doc));
    const pending = new Map<number, ScheduleRow>();
    const entries = documentEntries(ctx, doc, {
      produced: ({ row, text, hidden: strings }) => {
        const reasons = text.kind === 'text' ? [...new Set(text.segments.flatMap((s) => (s.kind === 'redacted' ? [s.label] : [])))] : [];
        redactionBoxes += text.kind === 'text' ? text.segments.filter((s) => s.kind === 'redacted').length : 0;
        for (const s of strings) hidden.push({ text: s, kind: 'redacted text' });
        if (text.kind === 'text') for (const s of text.segments) if (s.kind === 'text') measurer.tally(s.text, 'regular', substitutions);
        pending.set(row.id, {
          reference,
          page: '',
          bundlePage: 0,
          custodian: doc.conversation.custodian,
          conversation: title,
          sent: row.sentAt === null ? 'undated' : localStamp(row.sentAt, zone),
          sender: printedLabelText(ctx.printed.participant(row.senderParticipantId, row.sender ?? '')),
          classification: row.classification,
          outcome: row.outcome,
          redactionReasons: reasons.join('; '),
          messageId: row.id,
        });
      },
      withheld: (row) => hidden.push({ text: row.body, kind: 'withheld item' }),
    });
    const onItem = (messageId: number, firstPage: number, lastPage: number): void => {
      const row = pending.get(messageId);
      if (!row) return;
      pending.delete(messageId);
      schedule.push({ row: { ...row, page: firstPage === lastPage ? String(firstPage) : `${firstPage}–${lastPage}` }, doc: i, page: firstPage });
      items.push({ messageId, reference, doc: i, firstPage, lastPage });
    };
    const streams: PDFRef[] = [];
    for (const page of layoutExtract({ title: extractTitle(ctx, doc), details: extractDetails(ctx, doc, reference), entries }, measurer, onItem)) {
      streams.push(await pdf.contentStream(page.pieces));
      if (++laid % PROGRESS_EVERY === 0) {
        cancelled();
        progress('drawing', laid, 0);
      }
    }
    bodies.push(streams);
  }
  const docPages = bodies.map((streams) => streams.length);

  const headerLeft = [meta.inquiry, meta.name].filter(Boolean).join(' — ');
  const coverDetails = [
    { label: 'Case', value: meta.name },
    { label: 'Inquiry', value: meta.inquiry },
    { label: 'Request reference', value: meta.requestReference },
    { label: 'Protective marking', value: meta.protectiveMarking },
    { label: 'References', value: `${firstReference} to ${lastReference} (${plan.documents.length})` },
    { label: 'Custodians', value: [...new Set(plan.documents.map((d) => d.conversation.custodian))].join(', ') },
    {
      label: 'Date range',
      value: localSpan(
        plan.documents.reduce<number | null>((m, d) => (d.firstAt === null ? m : m === null ? d.firstAt : Math.min(m, d.firstAt)), null),
        plan.documents.reduce<number | null>((m, d) => (d.lastAt === null ? m : m === null ? d.lastAt : Math.max(m, d.lastAt)), null),
        zone,
      ),
    },
    { label: 'Items produced', value: plan.produced.toLocaleString('en-GB') },
    { label: 'Items withheld', value: `${plan.withheld.toLocaleString('en-GB')} (shown as withheld lines)` },
    { label: 'Document unit', value: settings.unit === 'day' ? 'one reference per conversation per day' : 'one reference per conversation' },
    { label: 'Review state as at', value: stateAt ? localStamp(stateAt, zone) : 'no review recorded' },
    { label: 'Decisions SHA-256', value: decisions },
  ];
  const cover = layoutCover('Disclosure bundle', coverDetails, measurer);
  // The index's own length moves every page number after it, and the numbers it prints can change
  // its length: settle it (twice is enough in practice; the loop stops when it is stable).
  let indexPages = 1;
  let index: LaidPage[] = [];
  let firstPages: number[] = [];
  for (let attempt = 0; attempt < 5; attempt++) {
    let page = cover.length + indexPages + 1;
    firstPages = docPages.map((n) => {
      const first = page;
      page += n;
      return first;
    });
    const rows: IndexRow[] = plan.documents.map((d, i) => ({
      reference: references[i] as string,
      custodian: d.conversation.custodian,
      conversation: extractTitle(ctx, d),
      dates: localSpan(d.firstAt, d.lastAt, zone),
      pages: docPages[i] ?? 0,
      bundlePages: pageRange(firstPages[i] ?? 0, docPages[i] ?? 1),
    }));
    index = layoutIndex(rows, measurer);
    if (index.length === indexPages) break;
    indexPages = index.length;
  }
  const totalPages = cover.length + index.length + docPages.reduce((a, b) => a + b, 0);

  // Pass 2: cover and index whole, then every extract page's frame beside its body.
  let numbered = 0;
  const frameOf = (label: string, n: number, of: number) => pageFrame({ headerLeft, marking: meta.protectiveMarking, label, page: n, pages: of, bundlePage: numbered + 1 }, measurer);
  const advance = (): void => {
    if (++numbered % PROGRESS_EVERY === 0) {
      cancelled();
      progress('numbering', numbered, totalPages);
    }
  };
  const front: [string, readonly LaidPage[]][] = [
    ['Cover', cover],
    ['Index', index],
  ];
  for (const [label, pages] of front) {
    for (const [i, page] of pages.entries()) {
      const { above, below } = frameOf(label, i + 1, pages.length);
      await pdf.drawPage({ pieces: [...above, ...page.pieces, ...below] });
      advance();
    }
  }
  for (const [i, streams] of bodies.entries()) {
    for (const [n, body] of streams.entries()) {
      const { above, below } = frameOf(references[i] as string, n + 1, streams.length);
      pdf.addPage([body, await pdf.contentStream([...above, ...below])]);
      advance();
    }
  }
  const bundlePage = (doc: number, page: number): number => (firstPages[doc] as number) + page - 1;
  const scheduleRows: ScheduleRow[] = schedule.map(({ row, doc, page }) => ({ ...row, bundlePage: bundlePage(doc, page) }));
  cancelled();

  progress('writing', numbered, totalPages);
  const parent = dirname(outDir);
  mkdirSync(parent, { recursive: true });
  const temp = join(parent, `.${basename(outDir)}.partial-${randomBytes(4).toString('hex')}`);
  mkdirSync(temp, { mode: 0o700 });
  try {
    const pdfName = `${firstReference}-${lastReference}.pdf`;
    const pdfBytes = await pdf.save();
    const csv = scheduleCsv(scheduleRows);
    const files: ManifestFile[] = [fileEntry(pdfName, 'pdf', pdfBytes), fileEntry('schedule.csv', 'schedule-csv', csv)];
    // Owner-only, like the case: a bundle is sensitive until it is handed over.
    writeFileSync(join(temp, pdfName), pdfBytes, { mode: 0o600 });
    writeFileSync(join(temp, 'schedule.csv'), csv, { mode: 0o600 });
    if (settings.xlsx) {
      const xlsx = await scheduleXlsx(scheduleRows, `Schedule ${firstReference}–${lastReference}`, date);
      writeFileSync(join(temp, 'schedule.xlsx'), xlsx, { mode: 0o600 });
      files.push(fileEntry('schedule.xlsx', 'schedule-xlsx', xlsx));
    }
    const documents: ManifestDocument[] = references.map((reference, i) => ({ reference, firstBundlePage: firstPages[i] as number, pages: docPages[i] as number }));
    const manifest: Manifest = {
      format: MANIFEST_FORMAT,
      app: { name: 'Disclosure Desk', version: options.appVersion },
      case: { caseId: meta.caseId, name: meta.name, path: options.casePath },
      exportedAt: new Date().toISOString(),
      exportedBy: options.actor,
      stateAsAt: date.toISOString(),
      decisionsHash: decisions,
      settings: settingsRecord(settings),
      pages: totalPages,
      documents,
      items: { produced: scheduleRows.length, withheld: plan.withheld, redactionBoxes },
      substitutions,
      leakCheck: { checked: 0, tooShortToCheck: 0 },
      files,
      sources: listSources(db).map((s) => ({ custodian: s.custodian, fileName: s.fileName, sha256: s.sha256 })).sort((a, b) => a.sha256.localeCompare(b.sha256)),
    };
    writeFileSync(join(temp, MANIFEST_FILE), manifestJson(manifest), { mode: 0o600 });
    await options.beforeVerify?.(temp);

    progress('verifying', 0, totalPages);
    const report = await verifyBundle(temp, hidden, { signal: options.signal, onPage: (page) => page % PROGRESS_EVERY === 0 && progress('verifying', page, totalPages) });
    if (!report.ok) throw new BundleVerificationError(report);
    cancelled();
    // The leak-check figures are only known now; the manifest is rewritten with them (its hash is
    // not in itself, so nothing else changes).
    writeFileSync(join(temp, MANIFEST_FILE), manifestJson({ ...manifest, leakCheck: { checked: report.checkedStrings, tooShortToCheck: report.tooShortToCheck } }), { mode: 0o600 });
    if (existsSync(outDir)) rmdirSync(outDir);
    renameSync(temp, outDir);

    const bundleId = transaction(db, () => {
      const id = insertBundle(db, {
        prefix: settings.prefix,
        firstNumber: settings.firstNumber,
        width: settings.width,
        documentUnit: settings.unit,
        settings: JSON.stringify(settingsRecord(settings)),
        outputDir: outDir,
        fileHashes: JSON.stringify(Object.fromEntries(files.map((f) => [f.name, f.sha256]))),
        decisionsHash: decisions,
        pageCount: totalPages,
        createdAt: Date.now(),
        createdBy: options.actor,
      });
      for (const item of items) insertBundleItem(db, id, item.messageId, item.reference, bundlePage(item.doc, item.firstPage), bundlePage(item.doc, item.lastPage));
      appendAudit(db, {
        actor: options.actor,
        action: 'bundle.exported',
        subject: `bundle:${id}`,
        details: { references: `${firstReference}–${lastReference}`, pages: totalPages, produced: scheduleRows.length, withheld: plan.withheld, decisionsHash: decisions, outputDir: outDir },
      });
      return id;
    });
    return {
      bundleId,
      dir: outDir,
      pages: totalPages,
      documents: plan.documents.length,
      firstReference,
      lastReference,
      produced: scheduleRows.length,
      withheld: plan.withheld,
      files,
      verification: report,
    };
  } catch (err) {
    rmSync(temp, { recursive: true, force: true });
    throw err instanceof VerificationCancelledError ? new ExportCancelledError() : err;
  }
}

function settingsRecord(settings: ExportSettings): Record<string, unknown> {
  return {
    prefix: settings.prefix,
    firstNumber: settings.firstNumber,
    width: settings.width,
    documentUnit: settings.unit,
    xlsx: settings.xlsx,
    scope: settings.scope,
  };
}
