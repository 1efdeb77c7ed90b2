/**
 * Deciding messages: a partial change (classification, relevance, outcome, Article 8, rationale)
 * applied to a selector, optionally propagated to the other custodians' copies. One call is one
 * batch: one transaction, one review_events row per message whose decision actually changes, the
 * current decision (`reviews`) brought up to date, and ONE audit entry naming the batch and its
 * counts (the events hold the per-message detail; an audit entry per message would bury the log).
 *
 * Decisions are layered (docs/spec.md §12). An individual decision on a field is one made for that message
 * alone: the value was set by a batch that targeted only that message (origin 'decision', which also
 * covers an outcome a redaction of it implied) or by accepting a custodian flag on it (origin
 * 'custodian_flag'); undo and redo restore the flags of the state they restore. Each event stores
 * these per-field flags (migration 0009). A bulk target (a selection of several, a conversation, a
 * date range, a search result, "all", a propagated duplicate, an accepted flag) whose change would
 * alter an individually decided field is kept, unless the reviewer chose `overwrite` after seeing
 * the preview. A change whose outcome contradicts live redactions is never written: bulk keeps those
 * messages, a single decision is refused.
 */
import { randomUUID } from 'node:crypto';
import type { ReadableDB, WritableDB } from '../../db/connection';
import {
  addDuplicateTargets,
  addTargets,
  applyBatchToReviews,
  batchCountsByOrigin,
  insertBatch,
  insertPlannedEvents,
  keptGroups,
  keptMessages,
  markTargetsIndividual,
  planCounts,
  planTargets,
  resetTargets,
  type ChangeValues,
  type KeptMessageRow,
  type PlanStatus,
} from '../../db/queries/review';
import { transaction } from '../../db/queries/run';
import type { DecideArgs, DecidePreview, DecideResult, KeptGroup, KeptMessage, KeptReason, ReviewChange } from '../../common/domain/review';
import type { Classification, Outcome } from '../../common/domain/model';
import { CLASSIFICATION_LABELS, ENGAGED_LABELS, OUTCOME_LABELS, RELEVANCE_LABELS } from '../../common/domain/review-labels';
import { appendAudit } from '../audit/log';
import { recordArticle8 } from './article8';
import { NothingSelectedError, NothingToOverwriteError, RedactionOutcomeError } from './errors';
import { assertFullCase } from './mode';
import { auditableSelector, describeSelector, selectorIds } from './selectors';

export const newBatchId = (): string => randomUUID();

/** The change in words ("classification: Business, outcome: Withhold"), for undo labels and audit. */
export function describeChange(change: ReviewChange): string {
  const parts = [
    change.classification && `classification: ${CLASSIFICATION_LABELS[change.classification]}`,
    change.relevance && `relevance: ${RELEVANCE_LABELS[change.relevance]}`,
    change.outcome && `outcome: ${OUTCOME_LABELS[change.outcome]}`,
    change.article8 === null
      ? 'Article 8 assessment removed'
      : change.article8 && `Article 8: engaged ${ENGAGED_LABELS[change.article8.engaged].toLowerCase()}`,
    change.rationale !== undefined && 'rationale',
  ];
  return parts.filter(Boolean).join(', ');
}

const FIELD_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  classification: CLASSIFICATION_LABELS,
  relevance: RELEVANCE_LABELS,
  outcome: OUTCOME_LABELS,
};

/**
 * A summary stored before describeChange used words ("relevance → not_relevant") in today's words. The
 * stored text is left as it was recorded; only what the reviewer is shown is reworded.
 */
export function summaryInWords(summary: string): string {
  return summary.replace(/\b(classification|relevance|outcome) → ([a-z_]+)/g, (written, field: string, value: string) => {
    const label = FIELD_LABELS[field]?.[value];
    return label === undefined ? written : `${field}: ${label}`;
  });
}

export interface BatchCounts {
  readonly events: number;
  readonly changed: number;
  readonly propagated: number;
}

/** The values a change writes; an Article 8 record it brings is stored first, to be referred to. */
export function changeValues(db: WritableDB, change: ReviewChange, actor: string, at: number): ChangeValues {
  return {
    classification: change.classification ?? null,
    relevance: change.relevance ?? null,
    outcome: change.outcome ?? null,
    article8Id:
      change.article8 === undefined ? undefined : change.article8 === null ? null : recordArticle8(db, change.article8, actor, at),
    rationale: change.rationale ?? null,
  };
}

/**
 * What planTargets decided for the targets, counted: the one summary both the preview and the
 * result of applying report, so the two cannot disagree.
 */
export interface PlanSummary {
  readonly willChange: number;
  readonly unchanged: number;
  readonly individual: number;
  readonly heldByRedactions: number;
  /** Of the targets, those added as duplicates by propagation. */
  readonly duplicates: number;
  readonly keptGroups: KeptGroup[];
}

const STATUS_FIELD: Readonly<Record<PlanStatus, 'willChange' | 'unchanged' | 'individual' | 'heldByRedactions'>> = {
  change: 'willChange',
  same: 'unchanged',
  individual: 'individual',
  redaction: 'heldByRedactions',
};

export function summarisePlan(db: ReadableDB): PlanSummary {
  const counts = { willChange: 0, unchanged: 0, individual: 0, heldByRedactions: 0, duplicates: 0 };
  for (const row of planCounts(db)) {
    counts[STATUS_FIELD[row.status]] += row.n;
    if (row.propagated) counts.duplicates += row.n;
  }
  return { ...counts, keptGroups: keptGroups(db).map((g) => ({ ...g, reason: g.reason as KeptReason })) };
}

/**
 * Plans `values` for the messages already in the target table (planTargets), then writes the events
 * and updates their current decisions. Shared by decisions, implied outcomes and accepted custodian
 * flags, which differ only in how targets are chosen and which batch kind they record. Individually
 * decided targets are written only with `overwrite`; targets whose live redactions forbid the new
 * outcome never are.
 */
export function applyToTargets(
  db: WritableDB,
  batchId: string,
  values: ChangeValues,
  at: number,
  actor: string,
  overwrite = false,
): BatchCounts & { plan: PlanSummary } {
  planTargets(db, values);
  const plan = summarisePlan(db);
  return { ...writePlan(db, batchId, overwrite, at, actor), plan };
}

function writePlan(db: WritableDB, batchId: string, overwrite: boolean, at: number, actor: string): BatchCounts {
  const events = insertPlannedEvents(db, batchId, overwrite, at, actor);
  if (events === 0) return { events, changed: 0, propagated: 0 };
  applyBatchToReviews(db, batchId);
  const byOrigin = new Map(batchCountsByOrigin(db, batchId).map((row) => [row.origin, row.n]));
  const propagated = byOrigin.get('propagation') ?? 0;
  return { events, changed: events - propagated, propagated };
}

/** How many kept messages a preview lists; the counts cover all of them. */
export const KEPT_LISTED = 500;

interface Staged {
  readonly matched: number;
  readonly article8Id: number | null | undefined;
  readonly plan: PlanSummary;
}

/**
 * Everything up to writing: the targets, the assessment, the plan. Refuses a selector matching
 * nothing, an overwrite with nothing to overwrite, and a single decision its redactions forbid.
 * Runs inside the caller's transaction; the preview rolls it back.
 */
function stage(db: WritableDB, args: DecideArgs, actor: string, at: number): Staged {
  const { selector, change, propagate, overwrite } = args;
  resetTargets(db);
  const matched = addTargets(db, selectorIds(db, selector), 'bulk');
  if (matched === 0) throw new NothingSelectedError(describeSelector(selector));
  // One message is a single decision; more is a bulk action. The history shows which it was, and a
  // single decision is the reviewer's individual decision on that message (layering, migration 0009).
  if (matched === 1) markTargetsIndividual(db);
  if (propagate) addDuplicateTargets(db);
  const values = changeValues(db, change, actor, at);
  const { article8Id } = values;
  planTargets(db, values);
  const plan = summarisePlan(db);
  if (overwrite && plan.individual === 0) throw new NothingToOverwriteError(describeSelector(selector));
  if (matched === 1 && !propagate && plan.heldByRedactions > 0) {
    const kept = keptMessages(db, 1).map((k) => k.messageId);
    throw new RedactionOutcomeError(`Outcome "${change.outcome}" on ${describeSelector(selector)}`, kept.length, kept);
  }
  return { matched, article8Id, plan };
}

const toKept = (row: KeptMessageRow): KeptMessage => ({
  messageId: row.messageId,
  conversationId: row.conversationId,
  conversation: row.conversation,
  sender: row.sender,
  sentAt: row.sentAt,
  snippet: row.snippet,
  reason: row.reason as KeptReason,
  value: row.value,
  classification: row.classification as Classification,
  outcome: row.outcome as Outcome,
  article8: row.article8Id !== null,
});

class PreviewDone extends Error {
  constructor(readonly preview: DecidePreview) {
    super('preview rolled back');
  }
}

/**
 * What `decide` would do with these arguments: the same staging in a transaction that is then rolled
 * back, so the counts are the ones applying would produce (and nothing is written, not even the
 * Article 8 record the staging creates).
 */
export function previewDecision(db: WritableDB, args: DecideArgs, actor: string, at = Date.now()): DecidePreview {
  assertFullCase(db, 'a review decision');
  try {
    transaction(db, () => {
      const { matched, plan } = stage(db, args, actor, at);
      throw new PreviewDone({ matched, ...plan, kept: keptMessages(db, KEPT_LISTED).map(toKept) });
    });
  } catch (err) {
    if (err instanceof PreviewDone) return err.preview;
    throw err;
  }
  throw new Error('the preview transaction ended without a preview');
}

export function decide(db: WritableDB, args: DecideArgs, actor: string, at = Date.now()): DecideResult {
  assertFullCase(db, 'a review decision');
  const { selector, change, propagate, overwrite } = args;
  return transaction(db, () => {
    const { matched, article8Id, plan } = stage(db, args, actor, at);
    const batchId = newBatchId();
    const counts = writePlan(db, batchId, overwrite, at, actor);
    const kept = overwrite ? 0 : plan.individual;
    const overwritten = overwrite ? plan.individual : 0;
    const outcome = { matched, kept, overwritten, heldByRedactions: plan.heldByRedactions, keptGroups: plan.keptGroups };
    // Nothing would change (every message already had this decision, or was kept): no batch, no audit entry.
    if (counts.events === 0) return { batchId: null, changed: 0, propagated: 0, article8Id: null, ...outcome };

    const summary = `${describeChange(change)} on ${describeSelector(selector)}`;
    insertBatch(db, { batchId, actor, kind: 'decision', targetBatchId: null, summary, events: counts.events, at });
    appendAudit(db, {
      actor,
      action: 'review.decided',
      subject: `batch:${batchId}`,
      at,
      details: {
        selector: auditableSelector(selector),
        // The assessment by id (its text is in article8_assessments); absent keys were not changed.
        change: {
          classification: change.classification,
          relevance: change.relevance,
          outcome: change.outcome,
          rationale: change.rationale,
          article8Id,
        },
        propagate,
        overwrite,
        matched,
        changed: counts.changed,
        propagated: counts.propagated,
        kept,
        overwritten,
        heldByRedactions: plan.heldByRedactions,
      },
    });
    return { batchId, changed: counts.changed, propagated: counts.propagated, article8Id: article8Id ?? null, ...outcome };
  });
}
