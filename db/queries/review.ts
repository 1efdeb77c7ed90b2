/**
 * Review decisions, set-based. A bulk action never loops over messages in JavaScript: the selected
 * ids go into a temporary table, and each step (events, current decisions, counts) is one
 * INSERT … SELECT over it, so classifying a million-message conversation is a handful of statements.
 */
import type { Classification, Outcome, Relevance } from '../../common/domain/model';
import type { ReadableDB, WritableDB } from '../connection';
import { raw, sql, type SqlQuery } from '../sql';
import { all, get, run } from './run';

/** A message with no reviews row is in this state: unreviewed. */
export const DEFAULT_DECISION = { classification: 'unclassified', relevance: 'unassessed', outcome: 'pending' } as const;

export type TargetOrigin = 'decision' | 'bulk' | 'propagation' | 'custodian_flag' | 'undo' | 'redo';

/**
 * Empties (creating on first use) the connection's temporary target list. TEMP: it lives in the
 * connection's own temp database, so it never touches the case file and needs no clean-up.
 */
export function resetTargets(db: WritableDB): void {
  db.exec('CREATE TEMP TABLE IF NOT EXISTS review_targets (message_id INTEGER PRIMARY KEY, origin TEXT NOT NULL) STRICT');
  run(db, sql`DELETE FROM temp.review_targets`);
}

/** Adds the messages `ids` selects (a query yielding one `id` column); returns how many were new. */
export const addTargets = (db: WritableDB, ids: SqlQuery, origin: TargetOrigin): number =>
  run(db, sql`INSERT OR IGNORE INTO temp.review_targets (message_id, origin) SELECT id, ${origin} FROM (${ids})`).changes;

/** Adds every other member of the targets' duplicate groups (the same message on other devices). */
export const addDuplicateTargets = (db: WritableDB): number =>
  run(
    db,
    sql`INSERT OR IGNORE INTO temp.review_targets (message_id, origin)
        SELECT d.id, 'propagation' FROM temp.review_targets t
        JOIN messages m ON m.id = t.message_id
        JOIN messages d ON d.duplicate_group_id = m.duplicate_group_id
        WHERE m.duplicate_group_id IS NOT NULL`,
  ).changes;

export interface ChangeValues {
  readonly classification: Classification | null;
  readonly relevance: Relevance | null;
  readonly outcome: Outcome | null;
  /** undefined: keep each message's assessment; null: remove it; a number: use that assessment. */
  readonly article8Id: number | null | undefined;
  readonly rationale: string | null;
}

/** The per-field "set individually" flags every review event carries (migration 0009 says what they mean). */
const FLAG_COLUMNS = raw('classification_individual, relevance_individual, outcome_individual, article8_individual, rationale_individual');

/**
 * What the change would do to each target, in temp.review_plan: the new state, its flags, and one
 * status. The preview and the apply both read this one table, so what a reviewer is shown is what
 * gets written.
 *   same        the message already has these values: no event;
 *   redaction   the new outcome contradicts a live redaction (span ⇒ not disclose, whole ⇒ withhold):
 *               never written, whatever the reviewer chooses (removing the redaction comes first);
 *   individual  a field the change alters was decided for this message alone, and this is a bulk
 *               target (origin other than 'decision'): written only when the reviewer overwrites;
 *   change      written.
 * `kept_reason` / `kept_value` name, for a kept message, what keeps it, in the order the preview lists
 * them: live redactions, then the individually decided outcome, Article 8 record, classification,
 * relevance, rationale (with its current value).
 */
export function planTargets(db: WritableDB, change: ChangeValues): void {
  db.exec(`CREATE TEMP TABLE IF NOT EXISTS review_plan (
    message_id INTEGER PRIMARY KEY, origin TEXT NOT NULL, status TEXT NOT NULL, kept_reason TEXT, kept_value TEXT,
    classification TEXT NOT NULL, relevance TEXT NOT NULL, outcome TEXT NOT NULL, article8_id INTEGER, rationale TEXT NOT NULL,
    classification_individual INTEGER NOT NULL, relevance_individual INTEGER NOT NULL, outcome_individual INTEGER NOT NULL,
    article8_individual INTEGER NOT NULL, rationale_individual INTEGER NOT NULL) STRICT`);
  run(db, sql`DELETE FROM temp.review_plan`);
  const setArticle8 = change.article8Id !== undefined;
  const article8Id = change.article8Id ?? null;
  const individual = raw("origin IN ('decision', 'custodian_flag')");
  // d_*: the change alters the field; i_*: its current value was set individually.
  run(
    db,
    sql`WITH next AS (
          SELECT t.message_id, t.origin,
            coalesce(${change.classification}, r.classification, ${DEFAULT_DECISION.classification}) AS classification,
            coalesce(${change.relevance}, r.relevance, ${DEFAULT_DECISION.relevance}) AS relevance,
            coalesce(${change.outcome}, r.outcome, ${DEFAULT_DECISION.outcome}) AS outcome,
            CASE WHEN ${setArticle8} THEN ${article8Id} ELSE r.article8_id END AS article8_id,
            coalesce(${change.rationale}, r.rationale, '') AS rationale,
            coalesce(r.classification, ${DEFAULT_DECISION.classification}) AS was_classification,
            coalesce(r.relevance, ${DEFAULT_DECISION.relevance}) AS was_relevance,
            coalesce(r.outcome, ${DEFAULT_DECISION.outcome}) AS was_outcome,
            r.article8_id AS was_article8_id, coalesce(r.rationale, '') AS was_rationale,
            coalesce(e.classification_individual, 0) AS i_classification, coalesce(e.relevance_individual, 0) AS i_relevance,
            coalesce(e.outcome_individual, 0) AS i_outcome, coalesce(e.article8_individual, 0) AS i_article8,
            coalesce(e.rationale_individual, 0) AS i_rationale
          FROM temp.review_targets t LEFT JOIN reviews r ON r.message_id = t.message_id LEFT JOIN review_events e ON e.id = r.last_event_id
        ),
        diff AS (
          SELECT *, classification <> was_classification AS d_classification, relevance <> was_relevance AS d_relevance,
            outcome <> was_outcome AS d_outcome, article8_id IS NOT was_article8_id AS d_article8, rationale <> was_rationale AS d_rationale
          FROM next
        ),
        held AS (
          SELECT *,
            d_classification OR d_relevance OR d_outcome OR d_article8 OR d_rationale AS differs,
            d_outcome AND outcome <> 'withhold' AND EXISTS (SELECT 1 FROM redactions x WHERE x.message_id = diff.message_id
              AND x.removed_at IS NULL AND (x.kind = 'whole' OR diff.outcome = 'disclose')) AS by_redaction,
            origin <> 'decision' AND ((d_classification AND i_classification) OR (d_relevance AND i_relevance) OR (d_outcome AND i_outcome)
              OR (d_article8 AND i_article8) OR (d_rationale AND i_rationale)) AS by_individual
          FROM diff
        )
        INSERT INTO temp.review_plan
        SELECT message_id, origin,
          CASE WHEN NOT differs THEN 'same' WHEN by_redaction THEN 'redaction' WHEN by_individual THEN 'individual' ELSE 'change' END,
          CASE
            WHEN NOT differs THEN NULL
            WHEN by_redaction THEN 'redactions'
            WHEN NOT by_individual THEN NULL
            WHEN d_outcome AND i_outcome THEN 'outcome'
            WHEN d_article8 AND i_article8 THEN 'article8'
            WHEN d_classification AND i_classification THEN 'classification'
            WHEN d_relevance AND i_relevance THEN 'relevance'
            ELSE 'rationale'
          END,
          CASE
            WHEN NOT differs THEN NULL
            WHEN by_redaction THEN CASE WHEN EXISTS (SELECT 1 FROM redactions x WHERE x.message_id = held.message_id AND x.removed_at IS NULL
              AND x.kind = 'whole') THEN 'whole' ELSE 'span' END
            WHEN NOT by_individual THEN NULL
            WHEN d_outcome AND i_outcome THEN was_outcome
            WHEN d_article8 AND i_article8 THEN NULL
            WHEN d_classification AND i_classification THEN was_classification
            WHEN d_relevance AND i_relevance THEN was_relevance
          END,
          classification, relevance, outcome, article8_id, rationale,
          CASE WHEN d_classification THEN ${individual} ELSE i_classification END,
          CASE WHEN d_relevance THEN ${individual} ELSE i_relevance END,
          CASE WHEN d_outcome THEN ${individual} ELSE i_outcome END,
          CASE WHEN d_article8 THEN ${individual} ELSE i_article8 END,
          CASE WHEN d_rationale THEN ${individual} ELSE i_rationale END
        FROM held`,
  );
}

/**
 * Writes the planned events: the `change` targets, and the `individual` ones too when the reviewer
 * chose to overwrite them. Returns how many were written.
 */
export const insertPlannedEvents = (db: WritableDB, batchId: string, overwrite: boolean, at: number, actor: string): number =>
  run(
    db,
    sql`INSERT INTO review_events (message_id, batch_id, origin, classification, relevance, outcome, article8_id, rationale, at, actor, ${FLAG_COLUMNS})
        SELECT message_id, ${batchId}, origin, classification, relevance, outcome, article8_id, rationale, ${at}, ${actor}, ${FLAG_COLUMNS}
        FROM temp.review_plan WHERE status = 'change' OR (${overwrite} AND status = 'individual')
        ORDER BY message_id`,
  ).changes;

export type PlanStatus = 'same' | 'redaction' | 'individual' | 'change';

export interface PlanCountRow {
  readonly status: PlanStatus;
  readonly propagated: 0 | 1;
  readonly n: number;
}

export const planCounts = (db: ReadableDB): PlanCountRow[] =>
  all<PlanCountRow>(
    db,
    sql`SELECT status, origin = 'propagation' AS propagated, count(*) AS n FROM temp.review_plan GROUP BY status, origin = 'propagation'`,
  );

export interface KeptGroupRow {
  readonly reason: string;
  readonly value: string | null;
  readonly count: number;
}

export const keptGroups = (db: ReadableDB): KeptGroupRow[] =>
  all<KeptGroupRow>(
    db,
    sql`SELECT kept_reason AS reason, kept_value AS value, count(*) AS count FROM temp.review_plan
        WHERE status IN ('redaction', 'individual') GROUP BY kept_reason, kept_value ORDER BY count(*) DESC, kept_reason, kept_value`,
  );

export interface KeptMessageRow {
  readonly messageId: number;
  readonly conversationId: number;
  readonly conversation: string;
  readonly sender: string | null;
  readonly sentAt: number | null;
  readonly snippet: string;
  readonly reason: string;
  readonly value: string | null;
  readonly classification: string;
  readonly outcome: string;
  readonly article8Id: number | null;
}

/** The first `limit` kept messages, in id order, with what identifies them to a reviewer. */
export const keptMessages = (db: ReadableDB, limit: number): KeptMessageRow[] =>
  all<KeptMessageRow>(
    db,
    sql`SELECT p.message_id AS messageId, m.conversation_id AS conversationId, v.title AS conversation, s.label AS sender, m.sent_at AS sentAt,
          substr(m.body, 1, 160) AS snippet, p.kept_reason AS reason, p.kept_value AS value,
          coalesce(r.classification, ${DEFAULT_DECISION.classification}) AS classification,
          coalesce(r.outcome, ${DEFAULT_DECISION.outcome}) AS outcome, r.article8_id AS article8Id
        FROM temp.review_plan p JOIN messages m ON m.id = p.message_id JOIN conversations v ON v.id = m.conversation_id
        LEFT JOIN participants s ON s.id = m.sender_participant_id LEFT JOIN reviews r ON r.message_id = p.message_id
        WHERE p.status IN ('redaction', 'individual') ORDER BY p.message_id LIMIT ${limit}`,
  );

/** Of `flagIds`, those whose messages the plan keeps (accepting them would overwrite an individual decision). */
export const keptFlagIds = (db: ReadableDB, flagIds: readonly number[]): number[] =>
  all<{ id: number }>(
    db,
    sql`SELECT f.id FROM custodian_flags f JOIN temp.review_plan p ON p.message_id = f.message_id
        WHERE f.id IN (SELECT value FROM json_each(${JSON.stringify(flagIds)})) AND p.status IN ('redaction', 'individual') ORDER BY f.id`,
  ).map((r) => r.id);

/**
 * Undo: for each message of `targetBatchId`, an event restoring the state it had just before that
 * batch (its previous event, or unreviewed if that batch was its first decision), with that state's
 * individual flags.
 */
export const insertUndoEvents = (db: WritableDB, batchId: string, targetBatchId: string, at: number, actor: string): number =>
  run(
    db,
    sql`INSERT INTO review_events (message_id, batch_id, origin, classification, relevance, outcome, article8_id, rationale, at, actor, ${FLAG_COLUMNS})
        SELECT e.message_id, ${batchId}, 'undo',
          coalesce(p.classification, ${DEFAULT_DECISION.classification}), coalesce(p.relevance, ${DEFAULT_DECISION.relevance}),
          coalesce(p.outcome, ${DEFAULT_DECISION.outcome}), p.article8_id, coalesce(p.rationale, ''), ${at}, ${actor},
          coalesce(p.classification_individual, 0), coalesce(p.relevance_individual, 0), coalesce(p.outcome_individual, 0),
          coalesce(p.article8_individual, 0), coalesce(p.rationale_individual, 0)
        FROM review_events e
        LEFT JOIN review_events p ON p.id = (SELECT max(q.id) FROM review_events q WHERE q.message_id = e.message_id AND q.id < e.id)
        WHERE e.batch_id = ${targetBatchId}
        ORDER BY e.id`,
  ).changes;

/** Redo: the state `targetBatchId` set, flags included, written again as new events. */
export const insertRedoEvents = (db: WritableDB, batchId: string, targetBatchId: string, at: number, actor: string): number =>
  run(
    db,
    sql`INSERT INTO review_events (message_id, batch_id, origin, classification, relevance, outcome, article8_id, rationale, at, actor, ${FLAG_COLUMNS})
        SELECT message_id, ${batchId}, 'redo', classification, relevance, outcome, article8_id, rationale, ${at}, ${actor}, ${FLAG_COLUMNS}
        FROM review_events WHERE batch_id = ${targetBatchId} ORDER BY id`,
  ).changes;

/** Messages of a batch whose event's outcome contradicts a live redaction: up to `limit` ids, and the total. */
export function redactionConflicts(db: ReadableDB, batchId: string, limit: number): { total: number; ids: number[] } {
  const conflicting = sql`FROM review_events e WHERE e.batch_id = ${batchId} AND e.outcome <> 'withhold' AND EXISTS (
    SELECT 1 FROM redactions x WHERE x.message_id = e.message_id AND x.removed_at IS NULL AND (x.kind = 'whole' OR e.outcome = 'disclose'))`;
  const total = get<{ n: number }>(db, sql`SELECT count(*) AS n ${conflicting}`)?.n ?? 0;
  const ids = all<{ id: number }>(db, sql`SELECT e.message_id AS id ${conflicting} ORDER BY e.message_id LIMIT ${limit}`).map((r) => r.id);
  return { total, ids };
}

/** Brings `reviews` (the current decision) up to the events of one batch. */
export function applyBatchToReviews(db: WritableDB, batchId: string): void {
  run(
    db,
    sql`INSERT INTO reviews (message_id, classification, relevance, outcome, article8_id, rationale, last_event_id, updated_at, updated_by)
        SELECT message_id, classification, relevance, outcome, article8_id, rationale, id, at, actor
        FROM review_events WHERE batch_id = ${batchId}
        ON CONFLICT (message_id) DO UPDATE SET
          classification = excluded.classification, relevance = excluded.relevance, outcome = excluded.outcome,
          article8_id = excluded.article8_id, rationale = excluded.rationale, last_event_id = excluded.last_event_id,
          updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  );
}

export const countTargets = (db: WritableDB): number =>
  get<{ n: number }>(db, sql`SELECT count(*) AS n FROM temp.review_targets WHERE origin <> 'propagation'`)?.n ?? 0;

export const batchCountsByOrigin = (db: ReadableDB, batchId: string): { origin: string; n: number }[] =>
  all(db, sql`SELECT origin, count(*) AS n FROM review_events WHERE batch_id = ${batchId} GROUP BY origin`);

export interface LaterChange {
  readonly messageId: number;
  readonly batchId: string;
  readonly actor: string;
}

/**
 * Messages of `batchId` whose current decision is no longer the state that batch left them in:
 * someone has changed them since. Compared by value, not by event id, so a later change that was
 * itself undone (or an identical decision by someone else) does not block: nothing would be lost.
 * Returns up to `limit` examples, with whoever made each current decision, and the total.
 */
export function changedSince(db: ReadableDB, batchId: string, limit: number): { total: number; examples: LaterChange[] } {
  const differs = sql`(r.classification <> e.classification OR r.relevance <> e.relevance OR r.outcome <> e.outcome
    OR r.article8_id IS NOT e.article8_id OR r.rationale <> e.rationale)`;
  const total =
    get<{ n: number }>(
      db,
      sql`SELECT count(*) AS n FROM review_events e JOIN reviews r ON r.message_id = e.message_id WHERE e.batch_id = ${batchId} AND ${differs}`,
    )?.n ?? 0;
  const examples = all<LaterChange>(
    db,
    sql`SELECT e.message_id AS messageId, l.batch_id AS batchId, l.actor FROM review_events e
        JOIN reviews r ON r.message_id = e.message_id JOIN review_events l ON l.id = r.last_event_id
        WHERE e.batch_id = ${batchId} AND ${differs} ORDER BY e.message_id LIMIT ${limit}`,
  );
  return { total, examples };
}

export type BatchKind = 'decision' | 'undo' | 'redo' | 'custodian_flag';

export interface BatchRow {
  readonly batchId: string;
  readonly actor: string;
  readonly kind: BatchKind;
  readonly targetBatchId: string | null;
  readonly summary: string;
  readonly events: number;
  readonly at: number;
}

export function insertBatch(db: WritableDB, row: BatchRow): void {
  run(
    db,
    sql`INSERT INTO review_batches (batch_id, actor, kind, target_batch_id, summary, events, at)
        VALUES (${row.batchId}, ${row.actor}, ${row.kind}, ${row.targetBatchId}, ${row.summary}, ${row.events}, ${row.at})`,
  );
}

/** One actor's batches in the order they were made (the undo/redo stacks are a replay of these). */
export const batchesOf = (db: ReadableDB, actor: string): BatchRow[] =>
  all<BatchRow>(
    db,
    sql`SELECT batch_id AS batchId, actor, kind, target_batch_id AS targetBatchId, summary, events, at
        FROM review_batches WHERE actor = ${actor} ORDER BY seq`,
  );

export const batchById = (db: ReadableDB, batchId: string): BatchRow | undefined =>
  get<BatchRow>(
    db,
    sql`SELECT batch_id AS batchId, actor, kind, target_batch_id AS targetBatchId, summary, events, at
        FROM review_batches WHERE batch_id = ${batchId}`,
  );

export interface Article8Row {
  readonly id: number;
  readonly engaged: string;
  readonly whose: string | null;
  readonly objective: string;
  readonly rationalConnection: string;
  readonly lessIntrusiveStep: string;
  readonly lessIntrusiveReasoning: string;
  readonly fairBalance: string;
  readonly createdAt: number;
  readonly createdBy: string;
}

export function insertArticle8(db: WritableDB, a: Omit<Article8Row, 'id'>): number {
  return Number(
    run(
      db,
      sql`INSERT INTO article8_assessments (engaged, whose, objective, rational_connection, less_intrusive_step,
            less_intrusive_reasoning, fair_balance, created_at, created_by)
          VALUES (${a.engaged}, ${a.whose}, ${a.objective}, ${a.rationalConnection}, ${a.lessIntrusiveStep},
            ${a.lessIntrusiveReasoning}, ${a.fairBalance}, ${a.createdAt}, ${a.createdBy})`,
    ).lastInsertRowid,
  );
}

const ARTICLE8_COLUMNS = sql`a.id, a.engaged, a.whose, a.objective, a.rational_connection AS rationalConnection,
  a.less_intrusive_step AS lessIntrusiveStep, a.less_intrusive_reasoning AS lessIntrusiveReasoning,
  a.fair_balance AS fairBalance, a.created_at AS createdAt, a.created_by AS createdBy`;

export const article8ByIds = (db: ReadableDB, ids: readonly number[]): Article8Row[] =>
  all<Article8Row>(
    db,
    sql`SELECT ${ARTICLE8_COLUMNS} FROM article8_assessments a WHERE a.id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`,
  );

export interface CurrentReviewRow {
  readonly messageId: number;
  readonly classification: string;
  readonly relevance: string;
  readonly outcome: string;
  readonly rationale: string;
  readonly article8Id: number | null;
  readonly updatedAt: number | null;
  readonly updatedBy: string | null;
}

/** The current decision of each given message that exists (unreviewed ones with the defaults). */
export const currentReviews = (db: ReadableDB, messageIds: readonly number[]): CurrentReviewRow[] =>
  all<CurrentReviewRow>(
    db,
    sql`SELECT m.id AS messageId,
          coalesce(r.classification, ${DEFAULT_DECISION.classification}) AS classification,
          coalesce(r.relevance, ${DEFAULT_DECISION.relevance}) AS relevance,
          coalesce(r.outcome, ${DEFAULT_DECISION.outcome}) AS outcome,
          coalesce(r.rationale, '') AS rationale, r.article8_id AS article8Id,
          r.updated_at AS updatedAt, r.updated_by AS updatedBy
        FROM messages m LEFT JOIN reviews r ON r.message_id = m.id
        WHERE m.id IN (SELECT value FROM json_each(${JSON.stringify(messageIds)})) ORDER BY m.id`,
  );

export interface EventRow {
  readonly id: number;
  readonly batchId: string;
  readonly origin: string;
  readonly classification: string;
  readonly relevance: string;
  readonly outcome: string;
  readonly article8Id: number | null;
  readonly rationale: string;
  readonly at: number;
  readonly actor: string;
}

export const eventsOf = (db: ReadableDB, messageId: number): EventRow[] =>
  all<EventRow>(
    db,
    sql`SELECT id, batch_id AS batchId, origin, classification, relevance, outcome, article8_id AS article8Id, rationale, at, actor
        FROM review_events WHERE message_id = ${messageId} ORDER BY id`,
  );

/** Ids among `ids` that are not messages of this case. */
export const missingMessageIds = (db: ReadableDB, ids: readonly number[]): number[] =>
  all<{ id: number }>(
    db,
    sql`SELECT j.value AS id FROM json_each(${JSON.stringify(ids)}) j LEFT JOIN messages m ON m.id = j.value
        WHERE m.id IS NULL ORDER BY j.value`,
  ).map((r) => r.id);

export interface DecisionCountsRow {
  readonly conversationId: number;
  readonly reviewed: number;
  readonly business: number;
  readonly personal: number;
  readonly mixed: number;
  readonly relevant: number;
  readonly notRelevant: number;
  readonly disclose: number;
  readonly discloseRedacted: number;
  readonly withhold: number;
}

/**
 * Reviewed means a decision has left the defaults, whatever rows exist: a message decided and then
 * undone back to unclassified / unassessed / pending counts as unreviewed again. Progress and the
 * search filter both use this one definition. `r` is the reviews row (NULL when there is none).
 */
export const REVIEWED = raw("(r.classification <> 'unclassified' OR r.relevance <> 'unassessed' OR r.outcome <> 'pending')");

/**
 * Decision counts per conversation, from `reviews` only: a conversation's unreviewed messages are
 * its total (conversations.message_count) minus these, so the million never-touched rows of a big
 * case are never read.
 */
export const decisionCountsByConversation = (db: ReadableDB, custodianId: number | null): DecisionCountsRow[] =>
  all<DecisionCountsRow>(
    db,
    sql`SELECT m.conversation_id AS conversationId,
          sum(${REVIEWED}) AS reviewed,
          sum(r.classification = 'business') AS business, sum(r.classification = 'personal') AS personal,
          sum(r.classification = 'mixed') AS mixed,
          sum(r.relevance = 'relevant') AS relevant, sum(r.relevance = 'not_relevant') AS notRelevant,
          sum(r.outcome = 'disclose') AS disclose, sum(r.outcome = 'disclose_redacted') AS discloseRedacted,
          sum(r.outcome = 'withhold') AS withhold
        FROM reviews r JOIN messages m ON m.id = r.message_id
        WHERE ${custodianId} IS NULL OR m.source_id IN (SELECT id FROM sources WHERE custodian_id = ${custodianId})
        GROUP BY m.conversation_id`,
  );

export interface ReviewerCountsRow {
  readonly reviewer: string;
  readonly reviewed: number;
  readonly disclose: number;
  readonly discloseRedacted: number;
  readonly withhold: number;
}

/** Messages by the reviewer who last decided them (reviews.updated_by), those set back to the defaults left out. */
export const decisionCountsByReviewer = (db: ReadableDB): ReviewerCountsRow[] =>
  all<ReviewerCountsRow>(
    db,
    sql`SELECT r.updated_by AS reviewer, count(*) AS reviewed,
          sum(r.outcome = 'disclose') AS disclose, sum(r.outcome = 'disclose_redacted') AS discloseRedacted,
          sum(r.outcome = 'withhold') AS withhold
        FROM reviews r WHERE ${REVIEWED}
        GROUP BY r.updated_by ORDER BY reviewed DESC, reviewer`,
  );

export interface ConversationTotalRow {
  readonly conversationId: number;
  readonly custodianId: number;
  readonly custodian: string;
  readonly total: number;
}

export const conversationTotals = (db: ReadableDB, custodianId: number | null): ConversationTotalRow[] =>
  all<ConversationTotalRow>(
    db,
    sql`SELECT v.id AS conversationId, s.custodian_id AS custodianId, c.name AS custodian, v.message_count AS total
        FROM conversations v JOIN sources s ON s.id = v.source_id JOIN custodians c ON c.id = s.custodian_id
        WHERE ${custodianId} IS NULL OR s.custodian_id = ${custodianId}
        ORDER BY v.id`,
  );

/** One target and no more: it is the reviewer's individual decision on that message, not a bulk action. */
export const markTargetsIndividual = (db: WritableDB): void => {
  run(db, sql`UPDATE temp.review_targets SET origin = 'decision'`);
};
