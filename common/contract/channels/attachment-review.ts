/**
 * An attachment's own decision (docs/spec.md §13): read it as it takes effect (each field its own, else
 * its message's), and decide one attachment or several. Undo and redo are review.undo / review.redo:
 * attachment decisions share the messages' batches.
 */
import { z } from 'zod';
import type { AttachmentDecideArgs, AttachmentDecideResult, AttachmentDecision, OwnFields } from '../../domain/review';
import type { AllCarried, Carries } from '../carries';
import { Id } from './common';
import { Article8RecordSchema, ClassificationSchema, OutcomeSchema, RelevanceSchema, ReviewChangeSchema } from './review';

export const OwnFieldsSchema = z
  .object({ classification: z.boolean(), relevance: z.boolean(), outcome: z.boolean(), article8: z.boolean(), rationale: z.boolean() })
  .strict();

export const AttachmentDecisionSchema = z
  .object({
    attachmentId: Id,
    messageId: Id,
    fileName: z.string().nullable(),
    classification: ClassificationSchema,
    relevance: RelevanceSchema,
    outcome: OutcomeSchema,
    rationale: z.string(),
    article8: Article8RecordSchema.nullable(),
    own: OwnFieldsSchema,
    updatedAt: z.number().nullable(),
    updatedBy: z.string().nullable(),
  })
  .strict();

export const AttachmentDecideArgsSchema = z
  .object({
    attachmentIds: z.array(Id).min(1, 'select at least one attachment').max(100_000),
    change: ReviewChangeSchema,
    /** Also change attachments whose field was decided individually (several attachments keep them otherwise). */
    overwrite: z.boolean().default(false),
  })
  .strict();

export const AttachmentDecideResultSchema = z
  .object({
    batchId: z.string().nullable(),
    matched: z.number().int().nonnegative(),
    changed: z.number().int().nonnegative(),
    kept: z.number().int().nonnegative(),
    overwritten: z.number().int().nonnegative(),
    article8Id: Id.nullable(),
  })
  .strict();

export type { AttachmentDecideArgs, AttachmentDecideResult, AttachmentDecision, OwnFields };

/** Each schema carries exactly its domain type (../carries.ts). */
export type AttachmentReviewWire = AllCarried<
  [
    Carries<typeof OwnFieldsSchema, OwnFields>,
    Carries<typeof AttachmentDecisionSchema, AttachmentDecision>,
    Carries<typeof AttachmentDecideArgsSchema, AttachmentDecideArgs>,
    Carries<typeof AttachmentDecideResultSchema, AttachmentDecideResult>,
  ]
>;

export const attachmentReviewChannels = {
  'attachmentReview.get': {
    method: 'attachmentReviewGet',
    args: z.object({ attachmentIds: z.array(Id).min(1).max(500) }).strict(),
    result: z.array(AttachmentDecisionSchema),
  },
  'attachmentReview.decide': { method: 'attachmentReviewDecide', args: AttachmentDecideArgsSchema, result: AttachmentDecideResultSchema },
} as const;
