/**
 * Bundle export and verification (docs/spec.md §7): the channels the Bundles screen uses. Runtime-neutral:
 * no Node, no DOM. An export runs as a job; its progress (in pages) and its outcome arrive as
 * `export.progress` / `export.finished`, separate from the import `job.*` events.
 *
 * Preview: the renderer's CSP forbids loading PDF files or blobs from main, and pdfjs needs a canvas
 * main does not have, so `export.preview` returns the first pages as layout data — positioned text
 * runs, boxes and rules in PDF points — for the screen to draw with HTML. It is the same layout the
 * PDF is drawn from, so what the reviewer sees is what is produced.
 */
import { z } from 'zod';
import { DEFAULT_EXPORT_OUTPUT, type ExportScopeInput, type ExportSettingsInput } from '../../domain/export-settings';
import { CONSISTENCY_WARNINGS, DOCUMENT_UNITS, OUTCOMES } from '../../domain/model';
import type { AllCarried, Carries } from '../carries';
import { Id, JobId, NoArgs } from './common';
import { VerifyReportSchema } from './verification';

export { VerifyReportSchema };

const count = z.number().int().nonnegative();

export const ExportScopeSchema = z
  .object({
    /** Search syntax, as on the Search screen; empty for the whole case. */
    query: z.string().max(2000).nullable().default(null),
    custodianIds: z.array(Id).max(10_000).nullable().default(null),
    /** UTC epoch ms, inclusive / exclusive. */
    from: z.number().int().nullable().default(null),
    to: z.number().int().nullable().default(null),
    outcomes: z
      .array(z.enum(OUTCOMES).exclude(['withhold', 'pending']))
      .min(1, 'choose at least one outcome to produce')
      .default(['disclose', 'disclose_redacted']),
    /** Produce undecided messages too (a draft bundle, or a case reviewed elsewhere). */
    includePending: z.boolean().default(false),
  })
  .strict()
  .refine((s) => s.from === null || s.to === null || s.from < s.to, 'the "from" date must be before the "to" date');

export const ExportSettingsSchema = z
  .object({
    /** Which output makes the bundle (main/export/outputs): a registered output's id, or several joined by "+" (pdf-bundle+rsmf). */
    output: z
      .string()
      .regex(
        /^[a-z][a-z0-9-]{0,39}(\+[a-z][a-z0-9-]{0,39}){0,3}$/u,
        'name an export output by its id, e.g. pdf-bundle, or several joined by "+"',
      )
      .default(DEFAULT_EXPORT_OUTPUT),
    /** Defaults to the case's reference prefix. */
    prefix: z
      .string()
      .trim()
      .regex(/^[A-Z][A-Z0-9_-]{0,15}$/, 'use 1-16 capital letters, digits, "-" or "_", starting with a letter (e.g. INQ)')
      .optional(),
    /** Omitted: the first number no earlier final bundle under this prefix used. */
    firstNumber: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
    width: z.number().int().min(1).max(18).default(9),
    unit: z.enum(DOCUMENT_UNITS).default('conversation'),
    scope: ExportScopeSchema.default({
      query: null,
      custodianIds: null,
      from: null,
      to: null,
      outcomes: ['disclose', 'disclose_redacted'],
      includePending: false,
    }),
    xlsx: z.boolean().default(true),
    /** Marked draft: DRAFT on every page and DRAFT- references (undecided items make a draft anyway). */
    draft: z.boolean().default(false),
    /** A new version of an earlier final bundle, keeping its references; the reason is recorded. */
    reissue: z
      .object({ bundleId: Id, reason: z.string().trim().min(1, 'say why the bundle is re-issued').max(2000) })
      .strict()
      .nullable()
      .default(null),
    outputDir: z
      .string()
      .trim()
      .min(1, 'choose a folder for the bundle')
      .max(4096)
      .refine((p) => !p.includes('\0'), 'the path contains a NUL character'),
  })
  .strict();
/** What an export is asked for is the domain's (common/domain/export-settings.ts). */
export { DEFAULT_EXPORT_OUTPUT, type ExportSettingsInput };

/** Each schema carries exactly its domain type (../carries.ts). */
export type ExportWire = AllCarried<
  [Carries<typeof ExportScopeSchema, ExportScopeInput>, Carries<typeof ExportSettingsSchema, ExportSettingsInput>]
>;

const Piece = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('text'),
      x: z.number(),
      y: z.number(),
      size: z.number(),
      font: z.enum(['regular', 'bold', 'emoji']),
      text: z.string(),
      width: z.number(),
      color: z.enum(['black', 'grey', 'white', 'light']),
      angle: z.number().optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('box'),
      x: z.number(),
      y: z.number(),
      width: z.number(),
      height: z.number(),
      fill: z.enum(['black', 'light']),
    })
    .strict(),
  z.object({ kind: z.literal('rule'), x1: z.number(), x2: z.number(), y: z.number() }).strict(),
]);

/** A produced item the reviewer must acknowledge before export (main/export/consistency.ts). */
export const ConsistencyWarningSchema = z
  .object({
    messageId: Id,
    conversationId: Id,
    position: z.number().int(),
    reference: z.string(),
    conversation: z.string(),
    snippet: z.string(),
    kinds: z.array(z.enum(CONSISTENCY_WARNINGS)).min(1),
    flagReason: z.string().nullable(),
  })
  .strict();

const Fingerprint = z.string().regex(/^[0-9a-f]{64}$/u, 'not a consistency report fingerprint');

export const ExportResultSchema = z
  .object({
    bundleId: Id,
    dir: z.string(),
    pages: count,
    documents: count,
    firstReference: z.string(),
    lastReference: z.string(),
    produced: count,
    withheld: count,
    draft: z.boolean(),
    version: z.number().int().min(1),
    reissueOf: Id.nullable(),
    warnings: z.array(ConsistencyWarningSchema),
    /** `role`: what the file is to its output ('pdf', 'schedule-csv', 'schedule-xlsx' for a pdf-bundle). */
    files: z.array(z.object({ name: z.string(), role: z.string(), bytes: count, sha256: z.string() }).strict()),
    verification: VerifyReportSchema,
    /** Unverified folders that interrupted exports had left beside this one, removed first. */
    leftoversRemoved: z.array(z.string()),
  })
  .strict();

export const BundleSummarySchema = z
  .object({
    id: Id,
    prefix: z.string(),
    firstNumber: count,
    lastNumber: count,
    width: count,
    documentUnit: z.enum(DOCUMENT_UNITS),
    outputDir: z.string(),
    decisionsHash: z.string(),
    pageCount: count,
    items: count,
    createdAt: z.number(),
    createdBy: z.string(),
    draft: z.boolean(),
    version: z.number().int().min(1),
    reissueOf: Id.nullable(),
    reissueReason: z.string().nullable(),
    warningsAcknowledged: count,
  })
  .strict();

export const exportChannels = {
  /** The first pages of the first extract, as layout data (see the note at the top). */
  'export.preview': {
    method: 'previewExport',
    args: z
      .object({ settings: ExportSettingsSchema.omit({ outputDir: true }), pages: z.number().int().min(1).max(10).default(3) })
      .strict(),
    result: z
      .object({
        documents: count,
        produced: count,
        withheld: count,
        pageWidth: z.number(),
        pageHeight: z.number(),
        pages: z.array(z.object({ pieces: z.array(Piece) }).strict()),
      })
      .strict(),
  },
  /**
   * What an export with these settings would produce and number, and the consistency report to
   * acknowledge first. Fails, naming the earlier bundle, when the numbers would reuse a final bundle's.
   */
  'export.check': {
    method: 'checkExport',
    args: z.object({ settings: ExportSettingsSchema.omit({ outputDir: true }) }).strict(),
    result: z
      .object({
        documents: count,
        produced: count,
        draft: z.boolean(),
        version: z.number().int().min(1),
        reissueOf: Id.nullable(),
        firstReference: z.string(),
        lastReference: z.string(),
        warnings: z.array(ConsistencyWarningSchema),
        fingerprint: Fingerprint,
      })
      .strict(),
  },
  /** `acknowledged`: the fingerprint of the consistency report the reviewer accepted (export.check). */
  'export.start': {
    method: 'startExport',
    args: z.object({ settings: ExportSettingsSchema, acknowledged: Fingerprint.nullable().default(null) }).strict(),
    result: z.object({ jobId: JobId }).strict(),
  },
  'export.cancel': { method: 'cancelExport', args: z.object({ jobId: JobId }).strict(), result: z.null() },
  /** Bundles exported from the open case, newest first. */
  'export.list': { method: 'listBundles', args: NoArgs, result: z.array(BundleSummarySchema) },
  /** Re-verifies a bundle folder against the open case (hashes, pages, references, leaks). */
  'export.verify': {
    method: 'verifyBundle',
    args: z.object({ dir: z.string().trim().min(1).max(4096) }).strict(),
    result: VerifyReportSchema,
  },
  /**
   * Exports of this case that were interrupted (the app killed mid-export): their unverified folders
   * were removed when the case was opened; the Bundles screen says so.
   */
  'export.interrupted': {
    method: 'interruptedExports',
    args: NoArgs,
    result: z.array(z.object({ partialDir: z.string(), bundleDir: z.string(), startedAt: z.number(), startedBy: z.string() }).strict()),
  },
  /** A folder dialog for the bundle's destination; null when cancelled or where no native dialog exists. */
  /** Shows a recorded bundle's output folder in the file manager; by bundle id, never a path the renderer names. */
  'export.openFolder': { method: 'openBundleFolder', args: z.object({ bundleId: Id }).strict(), result: z.null() },
  'dialog.chooseFolder': {
    method: 'chooseFolder',
    args: z.object({ purpose: z.enum(['bundle']) }).strict(),
    result: z.object({ path: z.string().nullable() }).strict(),
  },
} as const;

export const exportEvents = {
  'export.progress': {
    method: 'onExportProgress',
    payload: z
      .object({
        jobId: JobId,
        phase: z.enum(['planning', 'drawing', 'numbering', 'writing', 'verifying']),
        pages: count,
        totalPages: count,
      })
      .strict(),
  },
  'export.finished': {
    method: 'onExportFinished',
    payload: z
      .object({
        jobId: JobId,
        ok: z.boolean(),
        cancelled: z.boolean(),
        result: ExportResultSchema.nullable(),
        /** `verification`: the report of an export refused by verification (BundleVerificationError). */
        error: z.object({ name: z.string(), message: z.string(), verification: VerifyReportSchema.optional() }).strict().nullable(),
      })
      .strict(),
  },
} as const;
