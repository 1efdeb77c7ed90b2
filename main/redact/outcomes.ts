/**
 * How redactions move a message's disclosure outcome (docs/spec.md §8: "A span redaction moves a `disclose`
 * item to `disclose_redacted`"). The move is recorded as review events in the redaction's own review
 * batch, so the decision history shows it next to the reviewer's own decisions and undoing the
 * redaction reverses it with the redaction.
 *
 * The invariants: a message with a live span redaction is never `disclose`; one with a live whole-item
 * redaction is `withhold`; only removing its last redaction moves a `disclose_redacted` item back.
 */
import type { WritableDB } from '../../db/connection';
import { liveRedactionsOfMessages } from '../../db/queries/redaction';
import {
  addTargets,
  applyBatchToReviews,
  currentReviews,
  insertPlannedEvents,
  planTargets,
  resetTargets,
  type TargetOrigin,
} from '../../db/queries/review';
import { listedIds } from '../../db/queries/selection';
import type { Outcome } from '../../common/domain/model';
import type { OutcomeMove } from '../../common/domain/redaction';

export interface OutcomeMoves {
  /** The review batch the events were written in; null when no message moved. */
  readonly batchId: string | null;
  readonly moves: OutcomeMove[];
}

/**
 * Writes `moves` as review events of batch `batchId` (one per message, keeping its classification,
 * relevance, Article 8 assessment and rationale) and brings the current decisions up to them.
 */
function recordMoves(
  db: WritableDB,
  batchId: string,
  origin: TargetOrigin,
  moves: readonly OutcomeMove[],
  at: number,
  actor: string,
): OutcomeMoves {
  if (moves.length === 0) return { batchId: null, moves: [] };
  for (const to of new Set(moves.map((m) => m.to))) {
    resetTargets(db);
    addTargets(db, listedIds(moves.filter((m) => m.to === to).map((m) => m.messageId)), origin);
    planTargets(db, { classification: null, relevance: null, outcome: to, article8Id: undefined, rationale: null });
    // The move is implied by the redactions themselves, so it overwrites an individual outcome.
    insertPlannedEvents(db, batchId, true, at, actor);
  }
  applyBatchToReviews(db, batchId);
  return { batchId, moves: [...moves] };
}

/** Moves each of `messageIds` whose current outcome satisfies `from` to `to`, in batch `batchId`. */
function moveOutcomes(
  db: WritableDB,
  batchId: string,
  messageIds: readonly number[],
  from: (outcome: Outcome) => boolean,
  to: Outcome,
  at: number,
  actor: string,
): OutcomeMoves {
  const moves = currentReviews(db, messageIds)
    .map((r) => ({ messageId: r.messageId, from: r.outcome as Outcome, to }))
    .filter((m) => m.from !== to && from(m.from));
  return recordMoves(db, batchId, 'decision', moves, at, actor);
}

/** A span hides part of an item that was to be disclosed whole: it is now disclosed with redactions. */
export const afterSpanAdded = (db: WritableDB, batchId: string, messageIds: readonly number[], at: number, actor: string): OutcomeMoves =>
  moveOutcomes(db, batchId, messageIds, (o) => o === 'disclose', 'disclose_redacted', at, actor);

/**
 * A whole-item redaction withholds the item, whatever was decided before (pending included: the
 * redaction is itself the decision to withhold).
 */
export const afterWholeAdded = (db: WritableDB, batchId: string, messageIds: readonly number[], at: number, actor: string): OutcomeMoves =>
  moveOutcomes(db, batchId, messageIds, () => true, 'withhold', at, actor);

/**
 * The last live span of a `disclose_redacted` item removed: nothing is redacted any more, so it goes
 * back to `disclose` (what the bundle would show anyway), making removal the undo of adding. Removing
 * a whole-item redaction leaves `withhold` alone: whether to disclose instead is the reviewer's call,
 * and withholding is the safe side meanwhile.
 */
export const afterSpansRemoved = (
  db: WritableDB,
  batchId: string,
  messageIdsWithoutSpans: readonly number[],
  at: number,
  actor: string,
): OutcomeMoves => moveOutcomes(db, batchId, messageIdsWithoutSpans, (o) => o === 'disclose_redacted', 'disclose', at, actor);

export interface Reversal {
  /** Messages whose redactions the reversal changed. */
  readonly messageIds: readonly number[];
  /** Of those, the ones a span was removed from. */
  readonly spansRemovedFrom: ReadonlySet<number>;
  /** Redactions the reversal is about to bring back (written after the outcomes settle). */
  readonly restoring: readonly { readonly messageId: number; readonly kind: 'span' | 'whole' }[];
  /** The outcome each message had before the batch being reversed moved it. */
  readonly before: ReadonlyMap<number, Outcome>;
}

/**
 * After an undo or redo has reversed a batch's redactions: each message goes back to the outcome it
 * had before that batch moved it (or keeps its current one), held to the invariants by the redactions
 * live once it is done — so undoing the only span of an item moves it back exactly as removing the span would,
 * and undoing one of two spans leaves it `disclose_redacted`.
 */
export function settleAfterReversal(
  db: WritableDB,
  batchId: string,
  origin: 'undo' | 'redo',
  reversal: Reversal,
  at: number,
  actor: string,
): OutcomeMoves {
  const live = [...liveRedactionsOfMessages(db, reversal.messageIds), ...reversal.restoring];
  const whole = new Set(live.filter((r) => r.kind === 'whole').map((r) => r.messageId));
  const spanned = new Set(live.filter((r) => r.kind === 'span').map((r) => r.messageId));
  const held = (messageId: number, base: Outcome): Outcome => {
    if (whole.has(messageId)) return 'withhold';
    if (spanned.has(messageId)) return base === 'disclose' ? 'disclose_redacted' : base;
    return base === 'disclose_redacted' && reversal.spansRemovedFrom.has(messageId) ? 'disclose' : base;
  };
  const moves = currentReviews(db, reversal.messageIds)
    .map((r) => {
      const from = r.outcome as Outcome;
      return { messageId: r.messageId, from, to: held(r.messageId, reversal.before.get(r.messageId) ?? from) };
    })
    .filter((m) => m.from !== m.to);
  return recordMoves(db, batchId, origin, moves, at, actor);
}
