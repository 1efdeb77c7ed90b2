/**
 * Attachments' own decisions (migration 0016), set-based like messages' (review.ts): the selected ids
 * go into a temporary table and each step is one statement over it. A NULL field is "inherits the
 * message's"; the effective decision is read by joining the message's (`reviews`).
 */
import type { Classification, Outcome, Relevance } from '../../common/domain/model';
import type { ReadableDB, WritableDB } from '../connection';
import { raw, sql } from '../sql';
import { all, get, run } from './run';
import { DEFAULT_DECISION, type ChangeValues, type LaterChange } from './review';

const FLAG_COLUMNS = raw('classification_individual, relevance_individual, outcome_individual, article8_individual, rationale_individual');
const VALUE_COLUMNS = raw('classification, relevance, outcome, article8_own, article8_id, rationale');

/** Empties (creating on first use) the connection's temporary list of attachments to decide. */
export function resetAttachmentTargets(db: WritableDB): void {
  db.exec('CREATE TEMP TABLE IF NOT EXISTS attachment_targets (attachment_id INTEGER PRIMARY KEY, origin TEXT NOT NULL) STRICT');
  run(db, sql`DELETE FROM temp.attachment_targets`);
}

/** Adds the attachments of `ids` that are in the case; returns how many. One is an individual decision, more a bulk one. */
export function addAttachmentTargets(db: WritableDB, ids: readonly number[]): number {
  const added = run(
    db,
    sql`INSERT OR IGNORE INTO temp.attachment_targets (attachment_id, origin)
        SELECT a.id, 'bulk' FROM attachments a WHERE a.id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`,
  ).changes;
  if (added === 1) run(db, sql`UPDATE temp.attachment_targets SET origin = 'decision'`);
  return added;
}

/** Ids among `ids` that are not attachments of this case. */
export const missingAttachmentIds = (db: ReadableDB, ids: readonly number[]): number[] =>
  all<{ id: number }>(
    db,
    sql`SELECT j.value AS id FROM json_each(${JSON.stringify(ids)}) j LEFT JOIN attachments a ON a.id = j.value
        WHERE a.id IS NULL ORDER BY j.value`,
  ).map((r) => r.id);

/**
 * What the change would do to each target, in temp.attachment_review_plan, with the statuses of
 * review.ts's planTargets: `same`, `individual` (a bulk target whose changed field was decided for
 * that attachment alone; written only when overwriting) or `change`. A field set to the value it
 * inherits still becomes the attachment's own: the reviewer decided it, and a later change to the
 * message must not move it.
 */
export function planAttachmentTargets(db: WritableDB, change: ChangeValues): void {
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS attachment_review_plan (
    attachment_id INTEGER PRIMARY KEY, origin TEXT NOT NULL, status TEXT NOT NULL,
    classification TEXT, relevance TEXT, outcome TEXT, article8_own INTEGER NOT NULL, article8_id INTEGER, rationale TEXT,
    classification_individual INTEGER NOT NULL, relevance_individual INTEGER NOT NULL, outcome_individual INTEGER NOT NULL,
    article8_individual INTEGER NOT NULL, rationale_individual INTEGER NOT NULL) STRICT`);
  run(db, sql`DELETE FROM temp.attachment_review_plan`);
  const setArticle8 = change.article8Id !== undefined;
  const individual = raw("origin = 'decision'");
  run(
    db,
    sql`WITH next AS (
          SELECT t.attachment_id, t.origin,
            coalesce(${change.classification}, r.classification) AS classification,
            coalesce(${change.relevance}, r.relevance) AS relevance,
            coalesce(${change.outcome}, r.outcome) AS outcome,
            CASE WHEN ${setArticle8} THEN 1 ELSE coalesce(r.article8_own, 0) END AS article8_own,
            CASE WHEN ${setArticle8} THEN ${change.article8Id ?? null} ELSE r.article8_id END AS article8_id,
            coalesce(${change.rationale}, r.rationale) AS rationale,
            r.classification AS was_classification, r.relevance AS was_relevance, r.outcome AS was_outcome,
            coalesce(r.article8_own, 0) AS was_article8_own, r.article8_id AS was_article8_id, r.rationale AS was_rationale,
            coalesce(e.classification_individual, 0) AS i_classification, coalesce(e.relevance_individual, 0) AS i_relevance,
            coalesce(e.outcome_individual, 0) AS i_outcome, coalesce(e.article8_individual, 0) AS i_article8,
            coalesce(e.rationale_individual, 0) AS i_rationale
          FROM temp.attachment_targets t LEFT JOIN attachment_reviews r ON r.attachment_id = t.attachment_id
            LEFT JOIN attachment_review_events e ON e.id = r.last_event_id
        ),
        diff AS (
          SELECT *, classification IS NOT was_classification AS d_classification, relevance IS NOT was_relevance AS d_relevance,
            outcome IS NOT was_outcome AS d_outcome,
            (article8_own <> was_article8_own OR article8_id IS NOT was_article8_id) AS d_article8,
            rationale IS NOT was_rationale AS d_rationale
          FROM next
        ),
        held AS (
          SELECT *, d_classification OR d_relevance OR d_outcome OR d_article8 OR d_rationale AS differs,
            origin <> 'decision' AND ((d_classification AND i_classification) OR (d_relevance AND i_relevance) OR (d_outcome AND i_outcome)
              OR (d_article8 AND i_article8) OR (d_rationale AND i_rationale)) AS by_individual
          FROM diff
        )
        INSERT INTO temp.attachment_review_plan
        SELECT attachment_id, origin,
          CASE WHEN NOT differs THEN 'same' WHEN by_individual THEN 'individual' ELSE 'change' END,
          classification, relevance, outcome, article8_own, article8_id, rationale,
          CASE WHEN d_classification THEN ${individual} ELSE i_classification END,
          CASE WHEN d_relevance THEN ${individual} ELSE i_relevance END,
          CASE WHEN d_outcome THEN ${individual} ELSE i_outcome END,
          CASE WHEN d_article8 THEN ${individual} ELSE i_article8 END,
          CASE WHEN d_rationale THEN ${individual} ELSE i_rationale END
        FROM held`,
  );
}

export const attachmentPlanCounts = (db: ReadableDB): { status: string; n: number }[] =>
  all(db, sql`SELECT status, count(*) AS n FROM temp.attachment_review_plan GROUP BY status`);

/** Writes the planned events (the `individual` ones too when overwriting); returns how many. */
export const insertPlannedAttachmentEvents = (db: WritableDB, batchId: string, overwrite: boolean, at: number, actor: string): number =>
  run(
    db,
    sql`INSERT INTO attachment_review_events (attachment_id, batch_id, origin, ${VALUE_COLUMNS}, at, actor, ${FLAG_COLUMNS})
        SELECT attachment_id, ${batchId}, origin, ${VALUE_COLUMNS}, ${at}, ${actor}, ${FLAG_COLUMNS}
        FROM temp.attachment_review_plan WHERE status = 'change' OR (${overwrite} AND status = 'individual')
        ORDER BY attachment_id`,
  ).changes;

/** Undo: each attachment of `targetBatchId` back to its state before that batch (inheriting everything if it was the first). */
export const insertAttachmentUndoEvents = (db: WritableDB, batchId: string, targetBatchId: string, at: number, actor: string): number =>
  run(
    db,
    sql`INSERT INTO attachment_review_events (attachment_id, batch_id, origin, ${VALUE_COLUMNS}, at, actor, ${FLAG_COLUMNS})
        SELECT e.attachment_id, ${batchId}, 'undo', p.classification, p.relevance, p.outcome, coalesce(p.article8_own, 0), p.article8_id,
          p.rationale, ${at}, ${actor},
          coalesce(p.classification_individual, 0), coalesce(p.relevance_individual, 0), coalesce(p.outcome_individual, 0),
          coalesce(p.article8_individual, 0), coalesce(p.rationale_individual, 0)
        FROM attachment_review_events e
        LEFT JOIN attachment_review_events p
          ON p.id = (SELECT max(q.id) FROM attachment_review_events q WHERE q.attachment_id = e.attachment_id AND q.id < e.id)
        WHERE e.batch_id = ${targetBatchId}
        ORDER BY e.id`,
  ).changes;

/** Redo: the state `targetBatchId` set, flags included, written again. */
export const insertAttachmentRedoEvents = (db: WritableDB, batchId: string, targetBatchId: string, at: number, actor: string): number =>
  run(
    db,
    sql`INSERT INTO attachment_review_events (attachment_id, batch_id, origin, ${VALUE_COLUMNS}, at, actor, ${FLAG_COLUMNS})
        SELECT attachment_id, ${batchId}, 'redo', ${VALUE_COLUMNS}, ${at}, ${actor}, ${FLAG_COLUMNS}
        FROM attachment_review_events WHERE batch_id = ${targetBatchId} ORDER BY id`,
  ).changes;

/** Brings attachment_reviews (the current own decision) up to the events of one batch. */
export function applyBatchToAttachmentReviews(db: WritableDB, batchId: string): void {
  run(
    db,
    sql`INSERT INTO attachment_reviews (attachment_id, ${VALUE_COLUMNS}, last_event_id, updated_at, updated_by)
        SELECT attachment_id, ${VALUE_COLUMNS}, id, at, actor FROM attachment_review_events WHERE batch_id = ${batchId}
        ON CONFLICT (attachment_id) DO UPDATE SET
          classification = excluded.classification, relevance = excluded.relevance, outcome = excluded.outcome,
          article8_own = excluded.article8_own, article8_id = excluded.article8_id, rationale = excluded.rationale,
          last_event_id = excluded.last_event_id, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  );
}

/**
 * Attachments of `batchId` whose own decision is no longer what that batch left (review.ts's
 * changedSince, for attachments): up to `limit` examples, named by their message, and the total.
 */
export function attachmentsChangedSince(db: ReadableDB, batchId: string, limit: number): { total: number; examples: LaterChange[] } {
  const differs = sql`(r.classification IS NOT e.classification OR r.relevance IS NOT e.relevance OR r.outcome IS NOT e.outcome
    OR r.article8_own <> e.article8_own OR r.article8_id IS NOT e.article8_id OR r.rationale IS NOT e.rationale)`;
  const from = sql`FROM attachment_review_events e JOIN attachment_reviews r ON r.attachment_id = e.attachment_id
    WHERE e.batch_id = ${batchId} AND ${differs}`;
  const total = get<{ n: number }>(db, sql`SELECT count(*) AS n ${from}`)?.n ?? 0;
  const examples = all<LaterChange>(
    db,
    sql`SELECT a.message_id AS messageId, l.batch_id AS batchId, l.actor
        FROM attachment_review_events e JOIN attachment_reviews r ON r.attachment_id = e.attachment_id
        JOIN attachment_review_events l ON l.id = r.last_event_id JOIN attachments a ON a.id = e.attachment_id
        WHERE e.batch_id = ${batchId} AND ${differs} ORDER BY e.attachment_id LIMIT ${limit}`,
  );
  return { total, examples };
}

export interface EffectiveAttachmentRow {
  readonly attachmentId: number;
  readonly messageId: number;
  readonly fileName: string | null;
  readonly classification: Classification;
  readonly relevance: Relevance;
  readonly outcome: Outcome;
  readonly rationale: string;
  readonly article8Id: number | null;
  readonly ownClassification: 0 | 1;
  readonly ownRelevance: 0 | 1;
  readonly ownOutcome: 0 | 1;
  readonly ownArticle8: 0 | 1;
  readonly ownRationale: 0 | 1;
  readonly updatedAt: number | null;
  readonly updatedBy: string | null;
}

/** Each field its own where set, else the message's (itself the default when unreviewed). */
const EFFECTIVE = sql`a.id AS attachmentId, a.message_id AS messageId, a.file_name AS fileName,
  coalesce(o.classification, r.classification, ${DEFAULT_DECISION.classification}) AS classification,
  coalesce(o.relevance, r.relevance, ${DEFAULT_DECISION.relevance}) AS relevance,
  coalesce(o.outcome, r.outcome, ${DEFAULT_DECISION.outcome}) AS outcome,
  coalesce(o.rationale, r.rationale, '') AS rationale,
  CASE WHEN coalesce(o.article8_own, 0) = 1 THEN o.article8_id ELSE r.article8_id END AS article8Id,
  o.classification IS NOT NULL AS ownClassification, o.relevance IS NOT NULL AS ownRelevance, o.outcome IS NOT NULL AS ownOutcome,
  coalesce(o.article8_own, 0) AS ownArticle8, o.rationale IS NOT NULL AS ownRationale,
  o.updated_at AS updatedAt, o.updated_by AS updatedBy
  FROM attachments a LEFT JOIN attachment_reviews o ON o.attachment_id = a.id LEFT JOIN reviews r ON r.message_id = a.message_id`;

export const effectiveAttachmentDecisions = (db: ReadableDB, attachmentIds: readonly number[]): EffectiveAttachmentRow[] =>
  all<EffectiveAttachmentRow>(
    db,
    sql`SELECT ${EFFECTIVE} WHERE a.id IN (SELECT value FROM json_each(${JSON.stringify(attachmentIds)})) ORDER BY a.id`,
  );

/** The effective decisions of a window of a conversation's attachments (the timeline's). */
export const effectiveDecisionsInWindow = (db: ReadableDB, conversationId: number, from: number, to: number): EffectiveAttachmentRow[] =>
  all<EffectiveAttachmentRow>(
    db,
    sql`SELECT ${EFFECTIVE} JOIN messages m ON m.id = a.message_id
        WHERE m.conversation_id = ${conversationId} AND m.position >= ${from} AND m.position < ${to} ORDER BY a.id`,
  );

/**
 * A conversation's attachments whose effective outcome is withhold, with whether Article 8 is engaged
 * in the record it takes effect with.
 */
export const withheldAttachmentsOf = (db: ReadableDB, conversationId: number): { attachmentId: number; article8: 0 | 1 }[] =>
  all(
    db,
    sql`SELECT d.attachmentId, coalesce(x.engaged IN ('yes', 'unclear'), 0) AS article8
        FROM (SELECT ${EFFECTIVE} JOIN messages m ON m.id = a.message_id WHERE m.conversation_id = ${conversationId}) d
        LEFT JOIN article8_assessments x ON x.id = d.article8Id
        WHERE d.outcome = 'withhold' ORDER BY d.attachmentId`,
  );

/**
 * The names of the attachments of these conversations whose own outcome was withhold as of `asOf`
 * (null: now): a bundle prints a slip in place of each, so a name found in it is a leak. An attachment
 * withheld only because its message is needs no name of its own: its message is not printed.
 */
export const withheldAttachmentNames = (
  db: ReadableDB,
  asOf: number | null,
  conversationIds: readonly number[],
): { attachmentId: number; messageId: number; text: string; article8: 0 | 1 }[] =>
  all(
    db,
    sql`SELECT a.id AS attachmentId, a.message_id AS messageId, a.file_name AS text,
          coalesce((SELECT x.engaged IN ('yes', 'unclear') FROM article8_assessments x
            WHERE x.id = CASE WHEN e.article8_own = 1 THEN e.article8_id ELSE r.article8_id END), 0) AS article8
        FROM attachments a JOIN messages m ON m.id = a.message_id
        JOIN attachment_review_events e ON e.id = (SELECT max(q.id) FROM attachment_review_events q
          WHERE q.attachment_id = a.id AND (${asOf} IS NULL OR q.at <= ${asOf}))
        LEFT JOIN reviews r ON r.message_id = a.message_id
        WHERE m.conversation_id IN (SELECT value FROM json_each(${JSON.stringify(conversationIds)}))
          AND e.outcome = 'withhold' AND a.file_name IS NOT NULL AND a.file_name <> ''
        ORDER BY a.id`,
  );

/** How many events of `batchId` are attachments'. */
export const attachmentEventsOf = (db: ReadableDB, batchId: string): number =>
  get<{ n: number }>(db, sql`SELECT count(*) AS n FROM attachment_review_events WHERE batch_id = ${batchId}`)?.n ?? 0;
