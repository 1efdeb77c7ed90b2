/**
 * Review decisions, Article 8 assessments, progress and the custodian check pack (docs/spec.md §5): the
 * channels the Review screen and the custodian check mode use. Runtime-neutral: zod and the domain
 * vocabulary only. Change this file additively: the Review screen is built against it.
 */
import { z } from 'zod';
import { ARTICLE8_ENGAGED, ARTICLE8_WHOSE, CLASSIFICATIONS, LESS_INTRUSIVE_STEPS, OUTCOMES, RELEVANCES } from '../../domain/model';
import {
  FLAG_STATUSES,
  KEPT_REASONS,
  REVIEW_ORIGINS,
  type Article8Input,
  type Article8Record,
  type ConversationProgress,
  type CurrentReview,
  type CustodianFlag,
  type CustodianProgress,
  type DecideArgs,
  type DecidePreview,
  type DecideResult,
  type KeptGroup,
  type KeptMessage,
  type Progress,
  type ReviewerProgress,
  type ReviewChange,
  type ReviewEvent,
  type ReviewSelector,
  type UndoResult,
  type UndoState,
} from '../../domain/review';
import type { AllCarried, Carries } from '../carries';
import { Id, NoArgs } from './common';
import { QueryText, SearchFiltersSchema } from './search';

export const ClassificationSchema = z.enum(CLASSIFICATIONS);
export const RelevanceSchema = z.enum(RELEVANCES);
export const OutcomeSchema = z.enum(OUTCOMES);

const Text = (max: number) => z.string().trim().max(max);

/**
 * The Article 8 record as entered: "is private or family life engaged, and whose", then the four
 * Bank Mellat (No 2) questions. `objective` may be omitted: the service fills in the default (the
 * inquiry's terms of reference and the request, from the case details).
 */
export const Article8InputSchema = z
  .object({
    engaged: z.enum(ARTICLE8_ENGAGED),
    whose: z.enum(ARTICLE8_WHOSE).nullable().default(null),
    objective: Text(4000).optional(),
    rationalConnection: Text(4000).default(''),
    lessIntrusiveStep: z.enum(LESS_INTRUSIVE_STEPS).default('none'),
    lessIntrusiveReasoning: Text(4000).default(''),
    fairBalance: Text(4000).default(''),
  })
  .strict()
  .superRefine((a, ctx) => {
    const need = (path: string, message: string): void => ctx.addIssue({ code: 'custom', path: [path], message });
    // "No" means the four questions do not arise; naming whose private life is then a contradiction.
    if (a.engaged === 'no' && a.whose !== null) need('whose', 'leave "whose" empty when private life is not engaged');
    if (a.engaged !== 'yes') return;
    // Engaged: the interference must be justified, so each question needs an answer a court could read.
    if (a.whose === null) need('whose', 'say whose private life is engaged (custodian, third party or both)');
    if (!a.rationalConnection) need('rationalConnection', 'say how disclosing the item is connected to the objective (its relevance)');
    if (!a.lessIntrusiveReasoning) need('lessIntrusiveReasoning', 'say why a less intrusive step would or would not serve');
    if (!a.fairBalance) need('fairBalance', 'a fair balance is required when private life is engaged');
  });

export const Article8RecordSchema = z
  .object({
    id: Id,
    engaged: z.enum(ARTICLE8_ENGAGED),
    whose: z.enum(ARTICLE8_WHOSE).nullable(),
    objective: z.string(),
    rationalConnection: z.string(),
    lessIntrusiveStep: z.enum(LESS_INTRUSIVE_STEPS),
    lessIntrusiveReasoning: z.string(),
    fairBalance: z.string(),
    createdAt: z.number(),
    createdBy: z.string(),
  })
  .strict();

/** Epoch milliseconds: `from` inclusive, `to` exclusive, so consecutive days never overlap. */
const DateRangeSelector = z
  .object({
    kind: z.literal('dateRange'),
    from: z.number().int(),
    to: z.number().int(),
    conversationId: Id.optional(),
    custodianId: Id.optional(),
  })
  .strict()
  .refine((s) => s.from < s.to, { message: '"from" must be before "to"', path: ['to'] });

/**
 * Which messages a decision applies to. `search` takes the same query and filters as the Search
 * screen, so "apply to this search result" decides exactly the messages the user saw listed.
 */
export const ReviewSelectorSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ids'), ids: z.array(Id).min(1, 'select at least one message').max(100_000) }).strict(),
  z.object({ kind: z.literal('conversation'), conversationId: Id }).strict(),
  DateRangeSelector,
  z
    .object({
      kind: z.literal('search'),
      query: QueryText,
      filters: SearchFiltersSchema.default({}),
    })
    .strict(),
  z.object({ kind: z.literal('all') }).strict(),
]);

/** A partial decision: only the fields given change. `article8: null` removes the assessment. */
export const ReviewChangeSchema = z
  .object({
    classification: ClassificationSchema.optional(),
    relevance: RelevanceSchema.optional(),
    outcome: OutcomeSchema.optional(),
    article8: Article8InputSchema.nullable().optional(),
    rationale: Text(4000).optional(),
  })
  .strict()
  .refine((c) => Object.values(c).some((v) => v !== undefined), { message: 'choose at least one thing to change' });

export const DecideArgsSchema = z
  .object({
    selector: ReviewSelectorSchema,
    change: ReviewChangeSchema,
    /** Apply the same change to the other custodians' copies of the selected messages. */
    propagate: z.boolean().default(false),
    /**
     * Also change messages whose field was decided individually (a bulk action keeps them otherwise).
     * Refused when the selection has none: the reviewer meant to overwrite something that is not there.
     */
    overwrite: z.boolean().default(false),
  })
  .strict();

/** Kept messages counted by reason and current value ("outcome withhold: 3", "redactions span: 5"). */
export const KeptGroupSchema = z
  .object({ reason: z.enum(KEPT_REASONS), value: z.string().nullable(), count: z.number().int().positive() })
  .strict();

export const KeptMessageSchema = z
  .object({
    messageId: Id,
    conversationId: Id,
    conversation: z.string(),
    sender: z.string().nullable(),
    sentAt: z.number().nullable(),
    snippet: z.string(),
    reason: z.enum(KEPT_REASONS),
    value: z.string().nullable(),
    classification: ClassificationSchema,
    outcome: OutcomeSchema,
    article8: z.boolean(),
  })
  .strict();

const Count = z.number().int().nonnegative();

/**
 * What a decision would do, computed by the service that applies it: `willChange` messages change,
 * `unchanged` already have it, `individual` are kept unless overwritten (then they change too),
 * `heldByRedactions` are kept whatever is chosen; `duplicates` of these are copies added by
 * propagation. `kept` lists the first of the kept messages.
 */
export const DecidePreviewSchema = z
  .object({
    matched: Count,
    duplicates: Count,
    willChange: Count,
    unchanged: Count,
    individual: Count,
    heldByRedactions: Count,
    keptGroups: z.array(KeptGroupSchema),
    kept: z.array(KeptMessageSchema),
  })
  .strict();

export const DecideResultSchema = z
  .object({
    /** Null when nothing changed (every selected message already had this decision). */
    batchId: z.string().nullable(),
    matched: z.number().int().nonnegative(),
    changed: z.number().int().nonnegative(),
    propagated: z.number().int().nonnegative(),
    article8Id: Id.nullable(),
    /** Individually decided messages left as they were (none when overwriting). */
    kept: Count,
    /** Individually decided messages changed because the reviewer chose to overwrite them. */
    overwritten: Count,
    heldByRedactions: Count,
    keptGroups: z.array(KeptGroupSchema),
  })
  .strict();

/** What an undo or redo did: the new batch, and the batch it reversed or re-applied. */
export const UndoResultSchema = z
  .object({ batchId: z.string(), targetBatchId: z.string(), changed: z.number().int().nonnegative() })
  .strict()
  .nullable();

const StackEntrySchema = z
  .object({ batchId: z.string(), at: z.number(), messages: z.number().int().nonnegative(), summary: z.string() })
  .strict()
  .nullable();

export const UndoStateSchema = z.object({ undo: StackEntrySchema, redo: StackEntrySchema }).strict();

export const ReviewEventSchema = z
  .object({
    id: Id,
    batchId: z.string(),
    origin: z.enum(REVIEW_ORIGINS),
    classification: ClassificationSchema,
    relevance: RelevanceSchema,
    outcome: OutcomeSchema,
    article8Id: Id.nullable(),
    rationale: z.string(),
    at: z.number(),
    actor: z.string(),
  })
  .strict();

/** A message's current decision; an unreviewed message has the defaults and `updatedAt: null`. */
export const CurrentReviewSchema = z
  .object({
    messageId: Id,
    classification: ClassificationSchema,
    relevance: RelevanceSchema,
    outcome: OutcomeSchema,
    rationale: z.string(),
    article8: Article8RecordSchema.nullable(),
    updatedAt: z.number().nullable(),
    updatedBy: z.string().nullable(),
  })
  .strict();

const countsOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.object(Object.fromEntries(values.map((v) => [v, z.number().int().nonnegative()])) as Record<T[number], z.ZodNumber>).strict();

/** `reviewed`: messages whose classification, relevance or outcome has left its default. */
const ProgressCounts = {
  total: z.number().int().nonnegative(),
  reviewed: z.number().int().nonnegative(),
  byClassification: countsOf(CLASSIFICATIONS),
  byRelevance: countsOf(RELEVANCES),
  byOutcome: countsOf(OUTCOMES),
};

export const ConversationProgressSchema = z.object({ conversationId: Id, custodianId: Id, ...ProgressCounts }).strict();
export const CustodianProgressSchema = z.object({ custodianId: Id, custodian: z.string(), ...ProgressCounts }).strict();

export const ProgressSchema = z
  .object({ conversations: z.array(ConversationProgressSchema), custodians: z.array(CustodianProgressSchema) })
  .strict();

export const ReviewerProgressSchema = z
  .object({
    reviewer: z.string(),
    reviewed: z.number().int().nonnegative(),
    disclose: z.number().int().nonnegative(),
    discloseRedacted: z.number().int().nonnegative(),
    withhold: z.number().int().nonnegative(),
  })
  .strict();

const PackPath = z
  .string()
  .trim()
  .min(1, 'choose where the pack file goes')
  .max(4096)
  .refine((p) => p.toLowerCase().endsWith('.ddcase'), 'a pack is a case file: its name ends in .ddcase')
  .refine((p) => !p.includes('\0'), 'the path contains a NUL character');

export const PackExportResultSchema = z
  .object({
    packId: z.string(),
    path: z.string(),
    custodian: z.string(),
    conversations: z.number().int().nonnegative(),
    messages: z.number().int().nonnegative(),
    sha256: z.string(),
  })
  .strict();

/** In a custodian check pack: what it is and where it came from. Null in a full case. */
export const PackInfoSchema = z
  .object({
    packId: z.string(),
    parentCaseId: z.string(),
    custodianId: Id,
    custodian: z.string(),
    exportedAt: z.number(),
    exportedBy: z.string(),
  })
  .strict()
  .nullable();

export const CustodianFlagSchema = z
  .object({
    id: Id,
    packId: z.string(),
    messageId: Id,
    conversationId: Id,
    reason: z.string(),
    flaggedAt: z.number(),
    flaggedBy: z.string(),
    /** Null in the pack itself; when the reviewer brought the flag into the case. */
    importedAt: z.number().nullable(),
    status: z.enum(FLAG_STATUSES),
    resolvedAt: z.number().nullable(),
    resolvedBy: z.string().nullable(),
    note: z.string().nullable(),
  })
  .strict();

/** The review vocabulary and record shapes are the domain's (common/domain/review.ts). */
export { FLAG_STATUSES, KEPT_REASONS, REVIEW_ORIGINS };
export type {
  Article8Input,
  Article8Record,
  ConversationProgress,
  CurrentReview,
  CustodianFlag,
  CustodianProgress,
  DecideArgs,
  DecidePreview,
  DecideResult,
  KeptGroup,
  KeptMessage,
  Progress,
  ReviewerProgress,
  ReviewChange,
  ReviewEvent,
  ReviewSelector,
  UndoResult,
  UndoState,
};
export type { FlagStatus, KeptReason, ReviewOrigin } from '../../domain/review';

/** Each schema carries exactly its domain type (../carries.ts). */
export type ReviewWire = AllCarried<
  [
    Carries<typeof Article8InputSchema, Article8Input>,
    Carries<typeof Article8RecordSchema, Article8Record>,
    Carries<typeof ReviewSelectorSchema, ReviewSelector>,
    Carries<typeof ReviewChangeSchema, ReviewChange>,
    Carries<typeof DecideArgsSchema, DecideArgs>,
    Carries<typeof KeptGroupSchema, KeptGroup>,
    Carries<typeof KeptMessageSchema, KeptMessage>,
    Carries<typeof DecidePreviewSchema, DecidePreview>,
    Carries<typeof DecideResultSchema, DecideResult>,
    Carries<typeof UndoResultSchema, UndoResult>,
    Carries<typeof UndoStateSchema, UndoState>,
    Carries<typeof ReviewEventSchema, ReviewEvent>,
    Carries<typeof CurrentReviewSchema, CurrentReview>,
    Carries<typeof ConversationProgressSchema, ConversationProgress>,
    Carries<typeof CustodianProgressSchema, CustodianProgress>,
    Carries<typeof ProgressSchema, Progress>,
    Carries<typeof ReviewerProgressSchema, ReviewerProgress>,
    Carries<typeof CustodianFlagSchema, CustodianFlag>,
  ]
>;

export const reviewChannels = {
  'review.decide': { method: 'reviewDecide', args: DecideArgsSchema, result: DecideResultSchema },
  'review.preview': { method: 'reviewPreview', args: DecideArgsSchema, result: DecidePreviewSchema },
  'review.undo': { method: 'reviewUndo', args: NoArgs, result: UndoResultSchema },
  'review.redo': { method: 'reviewRedo', args: NoArgs, result: UndoResultSchema },
  'review.undoState': { method: 'reviewUndoState', args: NoArgs, result: UndoStateSchema },
  'review.history': {
    method: 'reviewHistory',
    args: z.object({ messageId: Id }).strict(),
    result: z.array(ReviewEventSchema),
  },
  'review.get': {
    method: 'reviewGet',
    args: z.object({ messageIds: z.array(Id).min(1).max(500) }).strict(),
    result: z.array(CurrentReviewSchema),
  },
  'review.article8Defaults': {
    method: 'reviewArticle8Defaults',
    args: NoArgs,
    result: z.object({ objective: z.string() }).strict(),
  },
  'review.progress': {
    method: 'reviewProgress',
    args: z.object({ custodianId: Id.optional() }).strict(),
    result: ProgressSchema,
  },
  'review.reviewers': { method: 'reviewReviewers', args: NoArgs, result: z.array(ReviewerProgressSchema) },
  'pack.export': {
    method: 'exportCustodianPack',
    args: z.object({ custodianId: Id, path: PackPath }).strict(),
    result: PackExportResultSchema,
  },
  'pack.importFlags': {
    method: 'importPackFlags',
    args: z.object({ path: PackPath }).strict(),
    result: z.object({ packId: z.string(), custodian: z.string(), flags: z.number().int().nonnegative() }).strict(),
  },
  'pack.info': { method: 'packInfo', args: NoArgs, result: PackInfoSchema },
  'flags.list': {
    method: 'listCustodianFlags',
    args: z.object({ status: z.enum([...FLAG_STATUSES, 'all']).default('all'), packId: z.string().optional() }).strict(),
    result: z.array(CustodianFlagSchema),
  },
  'flags.resolve': {
    method: 'resolveCustodianFlags',
    args: z
      .object({
        flagIds: z.array(Id).min(1, 'choose at least one flag').max(10_000),
        decision: z.enum(['accept', 'reject']),
        note: Text(4000).default(''),
        /** Accept flags whose messages were decided individually too (otherwise they stay open). */
        overwrite: z.boolean().default(false),
      })
      .strict(),
    result: z
      .object({
        resolved: z.number().int().nonnegative(),
        batchId: z.string().nullable(),
        /** Flags left open: accepting them would overwrite an individual decision on their message. */
        kept: z.array(Id),
      })
      .strict(),
  },
  'flags.create': {
    method: 'createCustodianFlag',
    args: z
      .object({
        messageId: Id,
        reason: Text(2000).min(1, 'say why the item is personal, so the reviewer can weigh it'),
      })
      .strict(),
    result: CustodianFlagSchema,
  },
} as const;
