/**
 * Redaction (docs/spec.md §6): span and whole-item redactions, reason codes, the case's names list,
 * suggestions and "redact every occurrence". Runtime-neutral: zod and the domain vocabulary only.
 * Change this file additively: the Redaction UI is built against it.
 */
import { z } from 'zod';
import { OUTCOMES, REDACTION_KINDS } from '../../domain/model';
import {
  PRINTED_NAME_FIELDS,
  SUGGESTION_KINDS,
  type AddReasonArgs,
  type AddRedactionArgs,
  type AddRedactionResult,
  type FileNameRedaction,
  type LabelRedaction,
  type OutcomeMove,
  type ReasonCodeInfo,
  type RedactFileNameArgs,
  type RedactFileNameResult,
  type RedactLabelArgs,
  type RedactLabelResult,
  type Redaction,
  type RedactionListArgs,
  type RedactionName,
  type RemoveRedactionsResult,
  type UpdateReasonArgs,
} from '../../domain/redaction';
import {
  SWEEP_STATES,
  type AcceptedHit,
  type ApplyOccurrencesArgs,
  type ApplyOccurrencesResult,
  type ApplySweepArgs,
  type FindSuggestionsArgs,
  type FindSuggestionsResult,
  type HitContext,
  type Occurrence,
  type OccurrenceTarget,
  type PreviewOccurrencesArgs,
  type PreviewOccurrencesResult,
  type Suggestion,
  type SweepChoice,
  type SweepGroup,
  type SweepHit,
  type SweepHitsArgs,
  type SweepRequest,
  type SweepStatus,
  type TextScope,
} from '../../domain/sweep';
import type { AllCarried, Carries } from '../carries';
import { Id, JobId, NoArgs } from './common';

const Text = (max: number) => z.string().trim().max(max);

/** Stable identifiers as the reason_codes table allows them: lower-case letters, digits and hyphens. */
export const ReasonCodeValue = z
  .string()
  .trim()
  .regex(
    /^[a-z0-9][a-z0-9-]{0,47}$/,
    'a reason code is 1-48 lower-case letters, digits or hyphens, starting with a letter or digit (e.g. "personal-health")',
  );

export const RedactionSchema = z
  .object({
    id: Id,
    messageId: Id,
    conversationId: Id,
    kind: z.enum(REDACTION_KINDS),
    /** UTF-16 code units of the message body; null for a whole-item redaction. */
    start: z.number().int().nonnegative().nullable(),
    end: z.number().int().positive().nullable(),
    reasonCode: z.string(),
    /** The reason's current label in this case. */
    label: z.string(),
    note: z.string(),
    createdAt: z.number(),
    createdBy: z.string(),
    removedAt: z.number().nullable(),
    removedBy: z.string().nullable(),
    /** The redaction that replaced this one, when it was removed by a replacement. */
    supersededBy: Id.nullable(),
  })
  .strict();

export const RedactionListArgsSchema = z.discriminatedUnion('kind', [
  /** `includeRemoved`: the message's whole redaction history, removed and superseded ones too. */
  z.object({ kind: z.literal('message'), messageId: Id, includeRemoved: z.boolean().default(false) }).strict(),
  z.object({ kind: z.literal('conversation'), conversationId: Id }).strict(),
]);

const Common = {
  messageId: Id,
  reasonCode: ReasonCodeValue,
  note: Text(2000).default(''),
  /** A live redaction of the same message this one replaces (removed, pointing at the new one). */
  replaces: Id.optional(),
};

export const AddRedactionArgsSchema = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('span'), start: z.number().int().nonnegative(), end: z.number().int().positive(), ...Common })
    .strict()
    .refine((a) => a.start < a.end, { message: '"start" must be before "end"', path: ['end'] }),
  z.object({ kind: z.literal('whole'), ...Common }).strict(),
]);

/** A message's outcome changed by a redaction (a span makes `disclose` `disclose_redacted`, …). */
export const OutcomeMoveSchema = z.object({ messageId: Id, from: z.enum(OUTCOMES), to: z.enum(OUTCOMES) }).strict();

export const AddRedactionResultSchema = z
  .object({ redaction: RedactionSchema, replaced: Id.nullable(), outcomeMoves: z.array(OutcomeMoveSchema) })
  .strict();

export const RemoveRedactionsArgsSchema = z.object({ ids: z.array(Id).min(1, 'choose at least one redaction').max(10_000) }).strict();
export const RemoveRedactionsResultSchema = z
  .object({ removed: z.number().int().nonnegative(), outcomeMoves: z.array(OutcomeMoveSchema) })
  .strict();

export const ReasonCodeSchema = z.object({ code: z.string(), label: z.string(), description: z.string(), builtin: z.boolean() }).strict();

const Label = Text(120).min(1, 'a reason needs a label, as drawn on the redaction box');

export const UpdateReasonArgsSchema = z
  .object({ code: ReasonCodeValue, label: Label.optional(), description: Text(1000).optional() })
  .strict()
  .refine((a) => a.label !== undefined || a.description !== undefined, { message: 'change the label or the description' });

export const AddReasonArgsSchema = z.object({ code: ReasonCodeValue, label: Label, description: Text(1000).default('') }).strict();

/** Where suggestions and "every occurrence" look. */
export const TextScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('message'), messageId: Id }).strict(),
  z.object({ kind: z.literal('conversation'), conversationId: Id }).strict(),
  z.object({ kind: z.literal('custodian'), custodianId: Id }).strict(),
  z.object({ kind: z.literal('case') }).strict(),
]);

/** A few words either side of a hit, for the reviewer to judge it; never more than the hit's message. */
export const HitContextSchema = z.object({ before: z.string(), match: z.string(), after: z.string() }).strict();

const HitFields = {
  messageId: Id,
  conversationId: Id,
  start: z.number().int().nonnegative(),
  end: z.number().int().positive(),
  text: z.string(),
  context: HitContextSchema,
  /** Already hidden by a live redaction of the message (span covering it, or the whole item). */
  alreadyRedacted: z.boolean(),
};

export const SuggestionKindSchema = z.enum(SUGGESTION_KINDS);
export const SuggestionSchema = z.object({ ...HitFields, kind: SuggestionKindSchema }).strict();

/**
 * Pages go by message id: `after` is the last message id of the previous page (0 to start), and
 * `next` is the value to pass for the following page, null at the end.
 */
const Paging = {
  after: z.number().int().nonnegative().default(0),
  limit: z.number().int().min(1).max(1000).default(200),
};

export const FindSuggestionsArgsSchema = z
  .object({
    scope: TextScopeSchema,
    kinds: z
      .array(SuggestionKindSchema)
      .min(1)
      .default([...SUGGESTION_KINDS]),
    ...Paging,
  })
  .strict();

export const FindSuggestionsResultSchema = z.object({ suggestions: z.array(SuggestionSchema), next: z.number().int().nullable() }).strict();

/**
 * What "redact every occurrence" looks for: a text (whole words and any case by default; apostrophes
 * and accents however typed) or a regular expression (flags i, m, s; run under a time budget).
 */
export const OccurrenceTargetSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('text'),
      text: Text(500).min(1, 'enter the text to look for'),
      caseSensitive: z.boolean().default(false),
      wholeWord: z.boolean().default(true),
    })
    .strict(),
  z
    .object({ kind: z.literal('pattern'), pattern: z.string().min(1, 'enter a pattern').max(500), flags: z.string().max(3).default('') })
    .strict(),
]);

export const PreviewOccurrencesArgsSchema = z.object({ target: OccurrenceTargetSchema, scope: TextScopeSchema, ...Paging }).strict();

export const OccurrenceSchema = z.object(HitFields).strict();

export const PreviewOccurrencesResultSchema = z.object({ hits: z.array(OccurrenceSchema), next: z.number().int().nullable() }).strict();

export const AcceptedHitSchema = z
  .object({ messageId: Id, start: z.number().int().nonnegative(), end: z.number().int().positive() })
  .strict()
  .refine((h) => h.start < h.end, { message: '"start" must be before "end"', path: ['end'] });

export const ApplyOccurrencesArgsSchema = z
  .object({
    hits: z.array(AcceptedHitSchema).min(1, 'accept at least one occurrence').max(50_000),
    reasonCode: ReasonCodeValue,
    note: Text(2000).default(''),
  })
  .strict();

export const ApplyOccurrencesResultSchema = z
  .object({
    /** Span redactions written. */
    added: z.number().int().nonnegative(),
    /** Accepted hits already hidden by a live redaction: left alone. */
    alreadyRedacted: z.number().int().nonnegative(),
    messages: z.number().int().nonnegative(),
    /** Labels, titles and file names redacted whole (a sweep's hits outside bodies). */
    names: z.number().int().nonnegative().default(0),
    outcomeMoves: z.array(OutcomeMoveSchema),
  })
  .strict();

/**
 * A sweep: suggestions or every occurrence over a whole scope, run as a job (progress, cancel) that
 * reads every message before anything can be applied. Its complete list is fetched a window at a
 * time, grouped by conversation; hits are chosen by their index in that list.
 */
export const SweepRequestSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('suggestions'),
      scope: TextScopeSchema,
      kinds: z
        .array(SuggestionKindSchema)
        .min(1)
        .default([...SUGGESTION_KINDS]),
    })
    .strict(),
  z.object({ kind: z.literal('occurrences'), scope: TextScopeSchema, target: OccurrenceTargetSchema }).strict(),
]);

const count = z.number().int().nonnegative();

/**
 * A hit in a message's body, or in a label or name printed with it (`field`, and `targetId`: the
 * participant, conversation, source or attachment); those are redacted whole, and `start`/`end` are
 * then offsets into the name. `messageId` is a message it prints with.
 */
export const SweepHitSchema = z
  .object({
    ...HitFields,
    index: count,
    kind: SuggestionKindSchema.nullable(),
    sentAt: z.number().nullable(),
    field: z.enum(['body', ...PRINTED_NAME_FIELDS]).default('body'),
    targetId: Id.nullable().default(null),
  })
  .strict();

/** A conversation's run of the list: its hits are `count` from index `first`. */
export const SweepGroupSchema = z.object({ conversationId: Id, title: z.string(), custodian: z.string(), first: count, count }).strict();

export const SweepStatusSchema = z
  .object({
    jobId: JobId,
    state: z.enum(SWEEP_STATES),
    scanned: count,
    total: count,
    hits: count,
    /** Hits a live redaction already hides (nothing to do); known when complete. */
    alreadyRedacted: count,
    /** Filled when complete. */
    groups: z.array(SweepGroupSchema),
    /** Complete, but the case changed since the scan read it: it must be run again before applying. */
    stale: z.boolean(),
    error: z.object({ name: z.string(), message: z.string() }).strict().nullable(),
  })
  .strict();

export const SweepHitsArgsSchema = z
  .object({ jobId: JobId, offset: count, limit: z.number().int().min(1).max(1000).default(500) })
  .strict();

/** Which hits of a complete sweep to redact: all but some (by list index), or only some. */
export const SweepChoiceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all'), except: z.array(count).max(500_000).default([]) }).strict(),
  z.object({ kind: z.literal('only'), indices: z.array(count).min(1, 'accept at least one hit').max(500_000) }).strict(),
]);

export const ApplySweepArgsSchema = z
  .object({ jobId: JobId, choice: SweepChoiceSchema, reasonCode: ReasonCodeValue, note: Text(2000).default('') })
  .strict();

export const RedactionNameSchema = z
  .object({ id: Id, name: z.string(), note: z.string(), addedAt: z.number(), addedBy: z.string() })
  .strict();

/**
 * A redaction of a participant's label (the name a sender was saved under) or of a conversation's
 * title: the bundle prints a box with the reason wherever that label or title would appear.
 */
export const LabelRedactionSchema = z
  .object({
    id: Id,
    participantId: Id.nullable(),
    conversationId: Id.nullable(),
    /** The label or title hidden, for the reviewer's list (never printed in a bundle). */
    text: z.string(),
    reasonCode: z.string(),
    /** The reason's current label in this case. */
    label: z.string(),
    note: z.string(),
    createdAt: z.number(),
    createdBy: z.string(),
  })
  .strict();

const LabelReason = { reasonCode: ReasonCodeValue, note: Text(2000).default('') };

/** Either a participant's label or a conversation's title; a live redaction of the same one is replaced. */
export const RedactLabelArgsSchema = z.union([
  z.object({ participantId: Id, ...LabelReason }).strict(),
  z.object({ conversationId: Id, ...LabelReason }).strict(),
]);

export const RedactLabelResultSchema = z.object({ redaction: LabelRedactionSchema, replaced: Id.nullable() }).strict();

/**
 * A redaction of a source file's name or of an attachment's name: the bundle prints the reason
 * wherever that name would appear (extract header blocks, attachment lines, the manifest).
 */
export const FileNameRedactionSchema = z
  .object({
    id: Id,
    sourceId: Id.nullable(),
    attachmentId: Id.nullable(),
    /** The name hidden, for the reviewer's list (never printed in a bundle). */
    text: z.string(),
    reasonCode: z.string(),
    label: z.string(),
    note: z.string(),
    createdAt: z.number(),
    createdBy: z.string(),
  })
  .strict();

/** Either a source's file name or an attachment's name; a live redaction of the same one is replaced. */
export const RedactFileNameArgsSchema = z.union([
  z.object({ sourceId: Id, ...LabelReason }).strict(),
  z.object({ attachmentId: Id, ...LabelReason }).strict(),
]);

export const RedactFileNameResultSchema = z.object({ redaction: FileNameRedactionSchema, replaced: Id.nullable() }).strict();

/** The redaction records and the sweep vocabulary are the domain's (common/domain/redaction.ts, sweep.ts). */
export { SWEEP_STATES };
export type {
  AcceptedHit,
  AddReasonArgs,
  AddRedactionArgs,
  AddRedactionResult,
  ApplyOccurrencesArgs,
  ApplyOccurrencesResult,
  ApplySweepArgs,
  FileNameRedaction,
  FindSuggestionsArgs,
  FindSuggestionsResult,
  HitContext,
  LabelRedaction,
  Occurrence,
  OccurrenceTarget,
  OutcomeMove,
  PreviewOccurrencesArgs,
  PreviewOccurrencesResult,
  ReasonCodeInfo,
  RedactFileNameArgs,
  RedactFileNameResult,
  RedactLabelArgs,
  RedactLabelResult,
  Redaction,
  RedactionListArgs,
  RedactionName,
  RemoveRedactionsResult,
  Suggestion,
  SweepChoice,
  SweepGroup,
  SweepHit,
  SweepHitsArgs,
  SweepRequest,
  SweepStatus,
  TextScope,
  UpdateReasonArgs,
};

/** Each schema carries exactly its domain type (../carries.ts). */
export type RedactionWire = AllCarried<
  [
    Carries<typeof AddReasonArgsSchema, AddReasonArgs>,
    Carries<typeof AddRedactionArgsSchema, AddRedactionArgs>,
    Carries<typeof AddRedactionResultSchema, AddRedactionResult>,
    Carries<typeof FileNameRedactionSchema, FileNameRedaction>,
    Carries<typeof LabelRedactionSchema, LabelRedaction>,
    Carries<typeof OutcomeMoveSchema, OutcomeMove>,
    Carries<typeof ReasonCodeSchema, ReasonCodeInfo>,
    Carries<typeof RedactFileNameArgsSchema, RedactFileNameArgs>,
    Carries<typeof RedactFileNameResultSchema, RedactFileNameResult>,
    Carries<typeof RedactLabelArgsSchema, RedactLabelArgs>,
    Carries<typeof RedactLabelResultSchema, RedactLabelResult>,
    Carries<typeof RedactionSchema, Redaction>,
    Carries<typeof RedactionListArgsSchema, RedactionListArgs>,
    Carries<typeof RedactionNameSchema, RedactionName>,
    Carries<typeof RemoveRedactionsResultSchema, RemoveRedactionsResult>,
    Carries<typeof UpdateReasonArgsSchema, UpdateReasonArgs>,
    Carries<typeof AcceptedHitSchema, AcceptedHit>,
    Carries<typeof ApplyOccurrencesArgsSchema, ApplyOccurrencesArgs>,
    Carries<typeof ApplyOccurrencesResultSchema, ApplyOccurrencesResult>,
    Carries<typeof ApplySweepArgsSchema, ApplySweepArgs>,
    Carries<typeof FindSuggestionsArgsSchema, FindSuggestionsArgs>,
    Carries<typeof FindSuggestionsResultSchema, FindSuggestionsResult>,
    Carries<typeof HitContextSchema, HitContext>,
    Carries<typeof OccurrenceSchema, Occurrence>,
    Carries<typeof OccurrenceTargetSchema, OccurrenceTarget>,
    Carries<typeof PreviewOccurrencesArgsSchema, PreviewOccurrencesArgs>,
    Carries<typeof PreviewOccurrencesResultSchema, PreviewOccurrencesResult>,
    Carries<typeof SuggestionSchema, Suggestion>,
    Carries<typeof SweepChoiceSchema, SweepChoice>,
    Carries<typeof SweepGroupSchema, SweepGroup>,
    Carries<typeof SweepHitSchema, SweepHit>,
    Carries<typeof SweepHitsArgsSchema, SweepHitsArgs>,
    Carries<typeof SweepRequestSchema, SweepRequest>,
    Carries<typeof SweepStatusSchema, SweepStatus>,
    Carries<typeof TextScopeSchema, TextScope>,
  ]
>;

export const redactionChannels = {
  'redactions.list': { method: 'listRedactions', args: RedactionListArgsSchema, result: z.array(RedactionSchema) },
  'redactions.add': { method: 'addRedaction', args: AddRedactionArgsSchema, result: AddRedactionResultSchema },
  'redactions.remove': { method: 'removeRedactions', args: RemoveRedactionsArgsSchema, result: RemoveRedactionsResultSchema },
  'reasons.list': { method: 'listReasonCodes', args: NoArgs, result: z.array(ReasonCodeSchema) },
  /** The reason of the case's newest redaction, which the reason picker starts on; null before the first. */
  'reasons.lastUsed': { method: 'lastUsedReasonCode', args: NoArgs, result: z.string().nullable() },
  'reasons.update': { method: 'updateReasonCode', args: UpdateReasonArgsSchema, result: ReasonCodeSchema },
  'reasons.add': { method: 'addReasonCode', args: AddReasonArgsSchema, result: ReasonCodeSchema },
  'suggestions.find': { method: 'findSuggestions', args: FindSuggestionsArgsSchema, result: FindSuggestionsResultSchema },
  'occurrences.preview': { method: 'previewOccurrences', args: PreviewOccurrencesArgsSchema, result: PreviewOccurrencesResultSchema },
  // No channel applies hits directly: the window applies only a complete, current sweep (sweeps.apply).
  /** `total`: the messages the scan will read, known at once, so progress shows before the job's first report. */
  'sweeps.start': { method: 'startSweep', args: SweepRequestSchema, result: z.object({ jobId: JobId, total: count }).strict() },
  'sweeps.cancel': { method: 'cancelSweep', args: z.object({ jobId: JobId }).strict(), result: z.null() },
  'sweeps.status': { method: 'sweepStatus', args: z.object({ jobId: JobId }).strict(), result: SweepStatusSchema },
  'sweeps.hits': { method: 'sweepHits', args: SweepHitsArgsSchema, result: z.array(SweepHitSchema) },
  'sweeps.apply': { method: 'applySweep', args: ApplySweepArgsSchema, result: ApplyOccurrencesResultSchema },
  'names.list': { method: 'listRedactionNames', args: NoArgs, result: z.array(RedactionNameSchema) },
  'names.add': {
    method: 'addRedactionName',
    args: z.object({ name: Text(200).min(1, 'enter a name'), note: Text(1000).default('') }).strict(),
    result: RedactionNameSchema,
  },
  'names.remove': { method: 'removeRedactionName', args: z.object({ id: Id }).strict(), result: z.object({ removed: Id }).strict() },
  'labels.list': { method: 'listLabelRedactions', args: NoArgs, result: z.array(LabelRedactionSchema) },
  'labels.redact': { method: 'redactLabel', args: RedactLabelArgsSchema, result: RedactLabelResultSchema },
  'labels.remove': { method: 'removeLabelRedaction', args: z.object({ id: Id }).strict(), result: z.object({ removed: Id }).strict() },
  'fileNames.list': { method: 'listFileNameRedactions', args: NoArgs, result: z.array(FileNameRedactionSchema) },
  'fileNames.redact': { method: 'redactFileName', args: RedactFileNameArgsSchema, result: RedactFileNameResultSchema },
  'fileNames.remove': {
    method: 'removeFileNameRedaction',
    args: z.object({ id: Id }).strict(),
    result: z.object({ removed: Id }).strict(),
  },
} as const;

export const redactionEvents = {
  'sweeps.progress': { method: 'onSweepProgress', payload: z.object({ jobId: JobId, scanned: count, total: count, hits: count }).strict() },
  'sweeps.finished': { method: 'onSweepFinished', payload: SweepStatusSchema },
} as const;
