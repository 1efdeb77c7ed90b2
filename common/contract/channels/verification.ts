/**
 * A bundle verification report on the wire (common/domain/verification.ts): each problem, and for a
 * leak which decision hid the text, where it was found and the likely causes, for the Bundles screen
 * to show with a button that opens the place to fix it. Runtime-neutral.
 */
import { z } from 'zod';
import { VERIFY_CHECKS, type VerifyReport } from '../../domain/verification';
import type { AllCarried, Carries } from '../carries';
import { Id } from './common';

const count = z.number().int().nonnegative();
const reasons = z.string();

const MessageRefSchema = z
  .object({
    messageId: Id,
    conversationId: Id,
    position: count,
    conversation: z.string(),
    sender: z.string().nullable(),
    sent: z.string(),
    reference: z.string().nullable(),
  })
  .strict();

const HiddenDecisionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('redacted-text'), reason: reasons, message: MessageRefSchema }).strict(),
  z.object({ kind: z.literal('withheld-item'), reason: reasons, message: MessageRefSchema }).strict(),
  z.object({ kind: z.literal('redacted-name'), reason: reasons, participantId: Id, message: MessageRefSchema.nullable() }).strict(),
  z
    .object({
      kind: z.literal('redacted-title'),
      reason: reasons,
      conversationId: Id,
      custodian: z.string(),
      references: z.array(z.string()).readonly(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('redacted-file-name'),
      reason: reasons,
      target: z.enum(['source-file', 'attachment']),
      id: Id,
      message: MessageRefSchema.nullable(),
    })
    .strict(),
]);

const LeakLocationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('extract-page'), reference: z.string(), page: Id, bundlePage: Id }).strict(),
  z.object({ kind: z.literal('front-page'), bundlePage: Id }).strict(),
  z.object({ kind: z.literal('pdf-metadata'), field: z.string() }).strict(),
  z.object({ kind: z.literal('pdf-internals'), stream: Id.nullable() }).strict(),
  z.object({ kind: z.literal('schedule-csv'), row: Id.nullable(), reference: z.string().nullable() }).strict(),
  z.object({ kind: z.literal('schedule-xlsx'), part: z.string() }).strict(),
  z.object({ kind: z.literal('attachments-csv'), row: Id.nullable() }).strict(),
  z.object({ kind: z.literal('manifest') }).strict(),
  z.object({ kind: z.literal('rsmf'), file: z.string(), part: z.string() }).strict(),
]);

const LeakCauseSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('sender-name'), participantId: Id, conversationId: Id, message: MessageRefSchema.nullable() }).strict(),
  z.object({ kind: z.literal('conversation-title'), conversationId: Id, custodian: z.string(), reference: z.string().nullable() }).strict(),
  z.object({ kind: z.literal('same-message'), message: MessageRefSchema }).strict(),
  z.object({ kind: z.literal('other-message'), message: MessageRefSchema, more: count }).strict(),
  z.object({ kind: z.literal('attachment-name'), message: MessageRefSchema }).strict(),
  z
    .object({ kind: z.literal('extract-details'), field: z.enum(['custodian', 'device', 'source file']), reference: z.string().nullable() })
    .strict(),
  z.object({ kind: z.literal('case-details'), field: z.string() }).strict(),
  z.object({ kind: z.literal('not-printed') }).strict(),
]);

const LeakFailureSchema = z
  .object({
    hidden: HiddenDecisionSchema,
    alsoHiddenIn: count,
    locations: z.array(LeakLocationSchema).readonly(),
    moreLocations: count,
    causes: z.array(LeakCauseSchema).min(1).readonly(),
  })
  .strict();

const ProblemSchema = z.union([
  z.object({ check: z.enum(VERIFY_CHECKS).exclude(['leak']), message: z.string() }).strict(),
  z.object({ check: z.literal('leak'), message: z.string(), leak: LeakFailureSchema }).strict(),
]);

export const VerifyReportSchema = z
  .object({
    ok: z.boolean(),
    pages: count,
    documents: count,
    scheduleRows: count,
    checkedStrings: count,
    tooShortToCheck: count,
    leakCheck: z.boolean(),
    problems: z.array(ProblemSchema).readonly(),
  })
  .strict();

/** The wire report is the domain's (../carries.ts): the renderer words it with common/domain/verification.ts. */
export type VerificationWire = AllCarried<[Carries<typeof VerifyReportSchema, VerifyReport>]>;
