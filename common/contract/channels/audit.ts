/**
 * The audit log and the reviewer's identity (docs/spec.md §12): the channels the Audit screen and the
 * reviewer prompt use. Runtime-neutral: zod and the domain only. Browsing pages from main (the log
 * can hold hundreds of thousands of entries); verifying the chain runs as a job, with its progress and
 * outcome as `audit.verifyProgress` / `audit.verifyFinished`.
 */
import { z } from 'zod';
import { AUDIT_PROBLEMS, type AuditFilter, type AuditItem, type AuditListEntry, type AuditTarget } from '../../domain/audit';
import { reviewerNameProblem } from '../../domain/reviewer-name';
import type { AllCarried, Carries } from '../carries';
import { Id, JobId, NoArgs } from './common';

const count = z.number().int().nonnegative();

export const ReviewerNameSchema = z
  .string()
  .superRefine((name, ctx) => {
    const problem = reviewerNameProblem(name);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: `the reviewer name ${problem}` });
  })
  .transform((name) => name.normalize('NFC').trim());

export const ReviewerSchema = z
  .object({
    /** The name given on this machine, or null when the reviewer has not been asked yet. */
    stored: z.string().nullable(),
    /** The name recorded on changes now: the stored one, else the OS user. */
    current: z.string(),
    /** What the prompt offers first: the OS user. */
    suggested: z.string(),
  })
  .strict();
export type ReviewerInfo = z.output<typeof ReviewerSchema>;

export const AuditItemSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('message'), messageId: Id }).strict(),
  z.object({ kind: z.literal('reference'), reference: z.string().trim().min(1, 'give a reference, e.g. INQ000000001').max(100) }).strict(),
  z.object({ kind: z.literal('conversation'), conversationId: Id }).strict(),
]);

export const AuditFilterSchema = z
  .object({
    actions: z.array(z.string().min(1).max(100)).min(1).max(100).nullable().default(null),
    actor: z.string().min(1).max(200).nullable().default(null),
    /** UTC epoch ms, inclusive / exclusive. */
    from: z.number().int().nullable().default(null),
    to: z.number().int().nullable().default(null),
    item: AuditItemSchema.nullable().default(null),
  })
  .strict()
  .refine((f) => f.from === null || f.to === null || f.from < f.to, 'the "from" date must be before the "to" date');
export type AuditFilterInput = z.input<typeof AuditFilterSchema>;

/** What an entry opens: a message in Review, a conversation, a bundle, a source, or a screen. */
export const AuditTargetSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('message'),
      messageId: Id,
      conversationId: Id,
      position: count,
      /** How many messages the entry concerns; this is the first. */
      messages: z.number().int().positive(),
    })
    .strict(),
  z.object({ kind: z.literal('conversation'), conversationId: Id }).strict(),
  z.object({ kind: z.literal('bundle'), bundleId: Id }).strict(),
  z.object({ kind: z.literal('source'), sourceId: Id }).strict(),
  z.object({ kind: z.literal('screen'), screen: z.enum(['overview', 'sources', 'redaction']) }).strict(),
]);

export const AuditListEntrySchema = z
  .object({
    id: Id,
    at: z.number().int(),
    actor: z.string(),
    action: z.string(),
    actionLabel: z.string(),
    summary: z.string(),
    subject: z.string(),
    hash: z.string(),
    target: AuditTargetSchema.nullable(),
  })
  .strict();

export const AuditVerificationSchema = z
  .object({
    ok: z.boolean(),
    entries: count,
    problems: z.array(z.object({ entryId: Id.nullable(), problem: z.enum(AUDIT_PROBLEMS), message: z.string() }).strict()),
    head: z.object({ id: Id, hash: z.string() }).strict().nullable(),
  })
  .strict();
export type AuditVerificationInfo = z.output<typeof AuditVerificationSchema>;

/** The filter and the listing are the domain's (common/domain/audit.ts). */
export type { AuditFilter, AuditItem, AuditListEntry, AuditTarget };

/** Each schema carries exactly its domain type (../carries.ts). */
export type AuditWire = AllCarried<
  [
    Carries<typeof AuditItemSchema, AuditItem>,
    Carries<typeof AuditFilterSchema, AuditFilter>,
    Carries<typeof AuditTargetSchema, AuditTarget>,
    Carries<typeof AuditListEntrySchema, AuditListEntry>,
  ]
>;

export const AUDIT_PAGE_MAX = 500;

export const auditChannels = {
  'reviewer.get': { method: 'reviewer', args: NoArgs, result: ReviewerSchema },
  'reviewer.set': { method: 'setReviewer', args: z.object({ name: ReviewerNameSchema }).strict(), result: ReviewerSchema },
  'audit.facets': {
    method: 'auditFacets',
    args: NoArgs,
    result: z
      .object({
        entries: count,
        newestId: Id.nullable(),
        actions: z.array(z.object({ action: z.string(), label: z.string() }).strict()),
        actors: z.array(z.string()),
      })
      .strict(),
  },
  'audit.page': {
    method: 'auditPage',
    args: z
      .object({
        filter: AuditFilterSchema.default({ actions: null, actor: null, from: null, to: null, item: null }),
        /** The newest entry id the listing includes (from its first page), so later pages line up. */
        upTo: Id.nullable().default(null),
        offset: count.default(0),
        limit: z.number().int().min(1).max(AUDIT_PAGE_MAX).default(200),
      })
      .strict(),
    result: z.object({ total: count, upTo: Id.nullable(), entries: z.array(AuditListEntrySchema) }).strict(),
  },
  'audit.verifyStart': { method: 'verifyAuditChain', args: NoArgs, result: z.object({ jobId: JobId }).strict() },
  'audit.verifyCancel': { method: 'cancelAuditVerify', args: z.object({ jobId: JobId }).strict(), result: z.null() },
} as const;

export const auditEvents = {
  'audit.verifyProgress': {
    method: 'onAuditVerifyProgress',
    payload: z.object({ jobId: JobId, checked: count, total: count }).strict(),
  },
  'audit.verifyFinished': {
    method: 'onAuditVerifyFinished',
    payload: z
      .object({
        jobId: JobId,
        cancelled: z.boolean(),
        result: AuditVerificationSchema.nullable(),
        error: z.object({ name: z.string(), message: z.string() }).strict().nullable(),
      })
      .strict(),
  },
} as const;
