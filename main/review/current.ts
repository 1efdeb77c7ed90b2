/** What the coding panel shows: a message's current decision with its Article 8 record, and its history. */
import type { ReadableDB } from '../../db/connection';
import { currentReviews, eventsOf } from '../../db/queries/review';
import type { CurrentReview, ReviewEvent, ReviewOrigin } from '../../common/domain/review';
import type { Classification, Outcome, Relevance } from '../../common/domain/model';
import { article8Records } from './article8';
import { MessagesNotFoundError } from './errors';

export function currentDecisions(db: ReadableDB, messageIds: readonly number[]): CurrentReview[] {
  const rows = currentReviews(db, messageIds);
  if (rows.length < new Set(messageIds).size) {
    const found = new Set(rows.map((r) => r.messageId));
    throw new MessagesNotFoundError(messageIds.filter((id) => !found.has(id)));
  }
  const assessments = article8Records(
    db,
    rows.flatMap((r) => (r.article8Id === null ? [] : [r.article8Id])),
  );
  return rows.map((r) => ({
    messageId: r.messageId,
    classification: r.classification as Classification,
    relevance: r.relevance as Relevance,
    outcome: r.outcome as Outcome,
    rationale: r.rationale,
    article8: r.article8Id === null ? null : (assessments.get(r.article8Id) ?? null),
    updatedAt: r.updatedAt,
    updatedBy: r.updatedBy,
  }));
}

export const history = (db: ReadableDB, messageId: number): ReviewEvent[] =>
  eventsOf(db, messageId).map((e) => ({
    ...e,
    origin: e.origin as ReviewOrigin,
    classification: e.classification as Classification,
    relevance: e.relevance as Relevance,
    outcome: e.outcome as Outcome,
  }));
