/**
 * Deciding messages: a partial change (classification, relevance, outcome, Article 8, rationale)
 * applied to a selector, optionally propagated to the other custodians' copies. One call is one
 * batch: one transaction, one review_events row per message whose decision actually changes, the
 * current decision (`reviews`) brought up to date, and ONE audit entry naming the batch and its
 * counts (the events hold the per-message detail; an audit entry per message would bury the log).
 */
import { randomUUID } from 'node:crypto';
import type { WritableDB } from '../../db/connection';
import {
  addDuplicateTargets,
  addTargets,
  applyBatchToReviews,
  batchCountsByOrigin,
  insertBatch,
  insertChangeEvents,
  resetTargets,
  type ChangeValues,
} from '../../db/queries/review';
import { run, transaction } from '../../db/queries/run';
import { sql } from '../../db/sql';
import type { DecideArgs, DecideResult, ReviewChange } from '../../preload/channels/review';
import { appendAudit } from '../audit/log';
import { recordArticle8 } from './article8';
import { assertFullCase } from './mode';
import { auditableSelector, describeSelector, selectorIds } from './selectors';

export const newBatchId = (): string => randomUUID();

/** The change in words ("classification → business, outcome → withhold"), for undo labels and audit. */
export function describeChange(change: ReviewChange): string {
  const parts = [
    change.classification && `classification → ${change.classification}`,
    change.relevance && `relevance → ${change.relevance}`,
    change.outcome && `outcome → ${change.outcome}`,
    change.article8 === null ? 'Article 8 assessment removed' : change.article8 && `Article 8: engaged ${change.article8.engaged}`,
    change.rationale !== undefined && 'rationale',
  ];
  return parts.filter(Boolean).join(', ');
}

export interface BatchCounts {
  readonly events: number;
  readonly changed: number;
  readonly propagated: number;
}

/**
 * Writes the events for the messages already in the target table and updates their current
 * decisions. Shared by decisions and accepted custodian flags, which differ only in how targets are
 * chosen and which batch kind they record.
 */
export function applyToTargets(db: WritableDB, batchId: string, values: ChangeValues, at: number, actor: string): BatchCounts {
  const events = insertChangeEvents(db, batchId, values, at, actor);
  if (events === 0) return { events, changed: 0, propagated: 0 };
  applyBatchToReviews(db, batchId);
  const byOrigin = new Map(batchCountsByOrigin(db, batchId).map((row) => [row.origin, row.n]));
  const propagated = byOrigin.get('propagation') ?? 0;
  return { events, changed: events - propagated, propagated };
}

export function decide(db: WritableDB, args: DecideArgs, actor: string, at = Date.now()): DecideResult {
  assertFullCase(db, 'a review decision');
  const { selector, change, propagate } = args;
  return transaction(db, () => {
    resetTargets(db);
    const matched = addTargets(db, selectorIds(db, selector), 'bulk');
    const nothing: DecideResult = { batchId: null, matched, changed: 0, propagated: 0, article8Id: null };
    if (matched === 0) return nothing;
    // One message is a single decision; more is a bulk action. The history shows which it was.
    if (matched === 1) run(db, sql`UPDATE temp.review_targets SET origin = 'decision'`);
    if (propagate) addDuplicateTargets(db);

    const article8Id = change.article8 === undefined ? undefined : change.article8 === null ? null : recordArticle8(db, change.article8, actor, at);
    const batchId = newBatchId();
    const values: ChangeValues = {
      classification: change.classification ?? null,
      relevance: change.relevance ?? null,
      outcome: change.outcome ?? null,
      article8Id,
      rationale: change.rationale ?? null,
    };
    const counts = applyToTargets(db, batchId, values, at, actor);
    // Nothing would change (every message already had this decision): no batch, no audit entry.
    if (counts.events === 0) return nothing;

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
        change: { classification: change.classification, relevance: change.relevance, outcome: change.outcome, rationale: change.rationale, article8Id },
        propagate,
        matched,
        changed: counts.changed,
        propagated: counts.propagated,
      },
    });
    return { batchId, matched, changed: counts.changed, propagated: counts.propagated, article8Id: article8Id ?? null };
  });
}
