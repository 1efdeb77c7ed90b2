/**
 * How redactions move a message's disclosure outcome (SPEC §8: "A span redaction moves a `disclose`
 * item to `disclose_redacted`"). The move is recorded as review events through main/review, so the
 * decision history shows it next to the reviewer's own decisions.
 */
import type { WritableDB } from '../../db/connection';
import { currentReviews } from '../../db/queries/review';
import { sql } from '../../db/sql';
import type { Outcome } from '../domain/model';
import type { OutcomeMove } from '../../preload/channels/redaction';
import { recordImpliedOutcome } from '../review/decisions';

export interface OutcomeMoves {
  /** The review batch the events were written in; null when no message moved. */
  readonly batchId: string | null;
  readonly moves: OutcomeMove[];
}

/** Moves each of `messageIds` whose current outcome satisfies `from` to `to`, as one batch of events. */
export function moveOutcomes(db: WritableDB, messageIds: readonly number[], from: (outcome: Outcome) => boolean, to: Outcome, at: number, actor: string): OutcomeMoves {
  const moves = currentReviews(db, messageIds)
    .map((r) => ({ messageId: r.messageId, from: r.outcome as Outcome, to }))
    .filter((m) => m.from !== to && from(m.from));
  if (moves.length === 0) return { batchId: null, moves };
  const ids = JSON.stringify(moves.map((m) => m.messageId));
  const { batchId } = recordImpliedOutcome(db, sql`SELECT value AS id FROM json_each(${ids})`, to, at, actor);
  return { batchId, moves };
}

/** A span hides part of an item that was to be disclosed whole: it is now disclosed with redactions. */
export const afterSpanAdded = (db: WritableDB, messageIds: readonly number[], at: number, actor: string): OutcomeMoves =>
  moveOutcomes(db, messageIds, (o) => o === 'disclose', 'disclose_redacted', at, actor);

/**
 * A whole-item redaction withholds the item, whatever was decided before (pending included: the
 * redaction is itself the decision to withhold).
 */
export const afterWholeAdded = (db: WritableDB, messageIds: readonly number[], at: number, actor: string): OutcomeMoves =>
  moveOutcomes(db, messageIds, () => true, 'withhold', at, actor);

/**
 * The last live span of a `disclose_redacted` item removed: nothing is redacted any more, so it goes
 * back to `disclose` (what the bundle would show anyway), making removal the undo of adding. Removing
 * a whole-item redaction leaves `withhold` alone: whether to disclose instead is the reviewer's call,
 * and withholding is the safe side meanwhile.
 */
export const afterSpansRemoved = (db: WritableDB, messageIdsWithoutSpans: readonly number[], at: number, actor: string): OutcomeMoves =>
  moveOutcomes(db, messageIdsWithoutSpans, (o) => o === 'disclose_redacted', 'disclose', at, actor);
