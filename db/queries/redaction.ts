/**
 * Redactions, reason codes and the case's names list. Rows are never deleted (a trigger forbids it):
 * removal stamps removed_at/by and, where a replacement exists, superseded_by. "Live" means not removed.
 */
import type { RedactionKind } from '../../common/domain/model';
import type { PrintedNameField } from '../../common/domain/redaction';
import type { ReadableDB, WritableDB } from '../connection';
import { sql, type SqlQuery } from '../sql';
import { all, get, run } from './run';

export interface RedactionRow {
  readonly id: number;
  readonly messageId: number;
  readonly conversationId: number;
  readonly kind: RedactionKind;
  readonly start: number | null;
  readonly end: number | null;
  readonly reasonCode: string;
  readonly label: string;
  readonly note: string;
  readonly createdAt: number;
  readonly createdBy: string;
  readonly removedAt: number | null;
  readonly removedBy: string | null;
  readonly supersededBy: number | null;
}

const COLUMNS = sql`x.id, x.message_id AS messageId, m.conversation_id AS conversationId, x.kind, x.start_utf16 AS start, x.end_utf16 AS "end",
  x.reason_code AS reasonCode, c.label, x.note, x.created_at AS createdAt, x.created_by AS createdBy,
  x.removed_at AS removedAt, x.removed_by AS removedBy, x.superseded_by AS supersededBy`;
const FROM = sql`FROM redactions x JOIN messages m ON m.id = x.message_id JOIN reason_codes c ON c.code = x.reason_code`;
const ORDER = sql`ORDER BY x.message_id, x.kind DESC, x.start_utf16, x.end_utf16, x.id`;

export interface NewRedaction {
  readonly messageId: number;
  readonly kind: RedactionKind;
  readonly start: number | null;
  readonly end: number | null;
  readonly reasonCode: string;
  readonly note: string;
  readonly at: number;
  readonly actor: string;
}

export const insertRedaction = (db: WritableDB, r: NewRedaction): number =>
  Number(
    run(
      db,
      sql`INSERT INTO redactions (message_id, kind, start_utf16, end_utf16, reason_code, note, created_at, created_by)
          VALUES (${r.messageId}, ${r.kind}, ${r.start}, ${r.end}, ${r.reasonCode}, ${r.note}, ${r.at}, ${r.actor})`,
    ).lastInsertRowid,
  );

/** Marks a live redaction removed; returns false when it was already removed (or does not exist). */
export const markRedactionRemoved = (db: WritableDB, id: number, at: number, actor: string, supersededBy: number | null): boolean =>
  run(
    db,
    sql`UPDATE redactions SET removed_at = ${at}, removed_by = ${actor}, superseded_by = ${supersededBy}
        WHERE id = ${id} AND removed_at IS NULL`,
  ).changes === 1;

export const redactionById = (db: ReadableDB, id: number): RedactionRow | undefined =>
  get<RedactionRow>(db, sql`SELECT ${COLUMNS} ${FROM} WHERE x.id = ${id}`);

const idList = (ids: readonly number[]): SqlQuery => sql`(SELECT value FROM json_each(${JSON.stringify(ids)}))`;

/** Live redactions of the given messages (uses the partial index redactions_live_by_message). */
export const liveRedactionsOfMessages = (db: ReadableDB, messageIds: readonly number[]): RedactionRow[] =>
  all<RedactionRow>(db, sql`SELECT ${COLUMNS} ${FROM} WHERE x.removed_at IS NULL AND x.message_id IN ${idList(messageIds)} ${ORDER}`);

/** Every redaction of one message, removed ones included: its redaction history. */
export const redactionHistoryOfMessage = (db: ReadableDB, messageId: number): RedactionRow[] =>
  all<RedactionRow>(db, sql`SELECT ${COLUMNS} ${FROM} WHERE x.message_id = ${messageId} ORDER BY x.id`);

export const liveRedactionsOfConversation = (db: ReadableDB, conversationId: number): RedactionRow[] =>
  all<RedactionRow>(db, sql`SELECT ${COLUMNS} ${FROM} WHERE x.removed_at IS NULL AND m.conversation_id = ${conversationId} ${ORDER}`);

/** Live redactions of the messages at positions [from, to) of a conversation: one query per timeline window. */
export const liveRedactionsInWindow = (db: ReadableDB, conversationId: number, from: number, to: number): RedactionRow[] =>
  all<RedactionRow>(
    db,
    sql`SELECT ${COLUMNS} ${FROM}
        WHERE x.removed_at IS NULL AND m.conversation_id = ${conversationId} AND m.position >= ${from} AND m.position < ${to} ${ORDER}`,
  );

export interface MessageText {
  readonly id: number;
  readonly conversationId: number;
  readonly body: string;
}

export const messageTexts = (db: ReadableDB, ids: readonly number[]): MessageText[] =>
  all<MessageText>(db, sql`SELECT id, conversation_id AS conversationId, body FROM messages WHERE id IN ${idList(ids)} ORDER BY id`);

/** Where suggestions and "every occurrence" look: one message, a conversation, a custodian's or the whole case. */
export type TextScope =
  | { readonly kind: 'message'; readonly messageId: number }
  | { readonly kind: 'conversation'; readonly conversationId: number }
  | { readonly kind: 'custodian'; readonly custodianId: number }
  | { readonly kind: 'case' };

const scopeCondition = (scope: TextScope): SqlQuery => {
  switch (scope.kind) {
    case 'message':
      return sql`m.id = ${scope.messageId}`;
    case 'conversation':
      return sql`m.conversation_id = ${scope.conversationId}`;
    case 'custodian':
      return sql`m.source_id IN (SELECT id FROM sources WHERE custodian_id = ${scope.custodianId})`;
    case 'case':
      return sql`1`;
  }
};

/**
 * The next `limit` messages with text in scope after message id `afterId`, in id order: the scan
 * behind suggestions and previews pages through a case by id so no call holds a million bodies.
 */
export const textsInScope = (db: ReadableDB, scope: TextScope, afterId: number, limit: number): MessageText[] =>
  all<MessageText>(
    db,
    sql`SELECT m.id, m.conversation_id AS conversationId, m.body FROM messages m
        WHERE ${scopeCondition(scope)} AND m.id > ${afterId} AND m.body <> '' ORDER BY m.id LIMIT ${limit}`,
  );

export interface ReasonCodeRow {
  readonly code: string;
  readonly label: string;
  readonly description: string;
  readonly builtin: number;
  readonly sortOrder: number;
}

export const reasonCodes = (db: ReadableDB): ReasonCodeRow[] =>
  all<ReasonCodeRow>(
    db,
    sql`SELECT code, label, description, builtin, sort_order AS sortOrder FROM reason_codes ORDER BY sort_order, code`,
  );

export const reasonCodeByCode = (db: ReadableDB, code: string): ReasonCodeRow | undefined =>
  get<ReasonCodeRow>(db, sql`SELECT code, label, description, builtin, sort_order AS sortOrder FROM reason_codes WHERE code = ${code}`);

export const updateReasonCode = (db: WritableDB, code: string, label: string, description: string): void => {
  run(db, sql`UPDATE reason_codes SET label = ${label}, description = ${description} WHERE code = ${code}`);
};

export const insertReasonCode = (db: WritableDB, code: string, label: string, description: string): void => {
  run(
    db,
    sql`INSERT INTO reason_codes (code, label, description, builtin, sort_order)
        VALUES (${code}, ${label}, ${description}, 0, (SELECT coalesce(max(sort_order), -1) + 1 FROM reason_codes))`,
  );
};

export interface NameRow {
  readonly id: number;
  readonly name: string;
  readonly nameKey: string;
  readonly note: string;
  readonly addedAt: number;
  readonly addedBy: string;
}

const NAME_COLUMNS = sql`id, name, name_key AS nameKey, note, added_at AS addedAt, added_by AS addedBy`;

export const liveNames = (db: ReadableDB): NameRow[] =>
  all<NameRow>(db, sql`SELECT ${NAME_COLUMNS} FROM redaction_names WHERE removed_at IS NULL ORDER BY name_key, id`);

export const liveNameByKey = (db: ReadableDB, nameKey: string): NameRow | undefined =>
  get<NameRow>(db, sql`SELECT ${NAME_COLUMNS} FROM redaction_names WHERE removed_at IS NULL AND name_key = ${nameKey}`);

export const liveNameById = (db: ReadableDB, id: number): NameRow | undefined =>
  get<NameRow>(db, sql`SELECT ${NAME_COLUMNS} FROM redaction_names WHERE removed_at IS NULL AND id = ${id}`);

export const insertName = (db: WritableDB, name: string, nameKey: string, note: string, at: number, actor: string): number =>
  Number(
    run(
      db,
      sql`INSERT INTO redaction_names (name, name_key, note, added_at, added_by) VALUES (${name}, ${nameKey}, ${note}, ${at}, ${actor})`,
    ).lastInsertRowid,
  );

export const markNameRemoved = (db: WritableDB, id: number, at: number, actor: string): boolean =>
  run(db, sql`UPDATE redaction_names SET removed_at = ${at}, removed_by = ${actor} WHERE id = ${id} AND removed_at IS NULL`).changes === 1;

/**
 * How many messages a scope holds: the total a whole-scope scan (a sweep) reports progress against.
 * Empty bodies are counted (and skipped by the scan): testing each body would read every page of the
 * table, a second or more on a large case, where counting rows reads only an index.
 */
export const countMessagesInScope = (db: ReadableDB, scope: TextScope): number =>
  get<{ n: number }>(db, sql`SELECT count(*) AS n FROM messages m WHERE ${scopeCondition(scope)}`)?.n ?? 0;

export interface DatedMessageText extends MessageText {
  readonly sentAt: number | null;
}

/** The next `limit` messages in scope after `afterId`, empty ones too (see countMessagesInScope), with each message's time. */
export const datedTextsInScope = (db: ReadableDB, scope: TextScope, afterId: number, limit: number): DatedMessageText[] =>
  all<DatedMessageText>(
    db,
    sql`SELECT m.id, m.conversation_id AS conversationId, m.body, m.sent_at AS sentAt FROM messages m
        WHERE ${scopeCondition(scope)} AND m.id > ${afterId} ORDER BY m.id LIMIT ${limit}`,
  );

/**
 * What a sweep's findings rest on: the messages, the live redactions and the live names list. Any
 * import, redaction added or removed, or name listed or dropped changes it (ids only grow; a removal
 * lowers a live count), so a sweep read against another basis is stale.
 */
export const sweepBasis = (db: ReadableDB): string => {
  const row = get<Record<string, number>>(
    db,
    sql`SELECT (SELECT coalesce(max(id), 0) FROM messages) AS m, (SELECT count(*) FROM messages) AS mc,
               (SELECT coalesce(max(id), 0) FROM redactions) AS r, (SELECT count(*) FROM redactions WHERE removed_at IS NULL) AS rl,
               (SELECT coalesce(max(id), 0) FROM redaction_names) AS n, (SELECT count(*) FROM redaction_names WHERE removed_at IS NULL) AS nl,
               (SELECT coalesce(max(id), 0) FROM label_redactions) AS l, (SELECT count(*) FROM label_redactions WHERE removed_at IS NULL) AS ll,
               (SELECT coalesce(max(id), 0) FROM file_name_redactions) AS f, (SELECT count(*) FROM file_name_redactions WHERE removed_at IS NULL) AS fl`,
  );
  return row ? `${row.m}.${row.mc}/${row.r}.${row.rl}/${row.n}.${row.nl}/${row.l}.${row.ll}/${row.f}.${row.fl}` : '';
};

export interface PrintedNameRow {
  readonly field: PrintedNameField;
  /** The participant, conversation, source or attachment. */
  readonly targetId: number;
  readonly text: string;
  readonly conversationId: number;
  /** A message in scope it prints with: the sender's first, the conversation's first, the attachment's own. */
  readonly messageId: number;
  readonly sentAt: number | null;
  /** Hidden already by a live redaction of that label or name. */
  readonly redacted: number;
}

/**
 * Every label and name a bundle of the scope's messages could print: each conversation's title and
 * source file name, its participants' labels (and every sender's), and its messages' attachment names.
 * One row per place (a participant of two conversations gives two); the sweep keeps the first of each.
 */
export const printedNamesInScope = (db: ReadableDB, scope: TextScope): PrintedNameRow[] =>
  all<PrintedNameRow>(
    db,
    sql`WITH convs AS (SELECT m.conversation_id AS id, min(m.id) AS first FROM messages m WHERE ${scopeCondition(scope)} GROUP BY m.conversation_id),
        names AS (
          SELECT 'title' AS field, v.id AS targetId, v.title AS text, v.id AS conversationId, c.first AS messageId
            FROM convs c JOIN conversations v ON v.id = c.id
          UNION ALL
          SELECT 'source-file', s.id, s.file_name, v.id, c.first
            FROM convs c JOIN conversations v ON v.id = c.id JOIN sources s ON s.id = v.source_id
          UNION ALL
          SELECT 'sender', p.id, p.label, c.id,
                 coalesce((SELECT min(x.id) FROM messages x WHERE x.conversation_id = c.id AND x.sender_participant_id = p.id), c.first)
            FROM convs c JOIN conversation_participants cp ON cp.conversation_id = c.id JOIN participants p ON p.id = cp.participant_id
          UNION ALL
          SELECT 'sender', p.id, p.label, m.conversation_id, min(m.id)
            FROM messages m JOIN participants p ON p.id = m.sender_participant_id WHERE ${scopeCondition(scope)} GROUP BY p.id, m.conversation_id
          UNION ALL
          SELECT 'attachment', a.id, a.file_name, m.conversation_id, m.id
            FROM messages m JOIN attachments a ON a.message_id = m.id WHERE ${scopeCondition(scope)} AND a.file_name IS NOT NULL
        )
        SELECT n.field, n.targetId, n.text, n.conversationId, n.messageId, mm.sent_at AS sentAt,
               CASE n.field
                 WHEN 'sender' THEN EXISTS (SELECT 1 FROM label_redactions r WHERE r.participant_id = n.targetId AND r.removed_at IS NULL)
                 WHEN 'title' THEN EXISTS (SELECT 1 FROM label_redactions r WHERE r.conversation_id = n.targetId AND r.removed_at IS NULL)
                 WHEN 'source-file' THEN EXISTS (SELECT 1 FROM file_name_redactions r WHERE r.source_id = n.targetId AND r.removed_at IS NULL)
                 ELSE EXISTS (SELECT 1 FROM file_name_redactions r WHERE r.attachment_id = n.targetId AND r.removed_at IS NULL)
               END AS redacted
        FROM names n JOIN messages mm ON mm.id = n.messageId
        WHERE n.text <> '' ORDER BY n.field, n.targetId, n.messageId`,
  );

export interface ConversationLabel {
  readonly id: number;
  readonly title: string;
  readonly custodian: string;
}

/** Each conversation's title and its custodian's name, for the headings of a sweep's list. */
export const conversationLabels = (db: ReadableDB, ids: readonly number[]): ConversationLabel[] =>
  all<ConversationLabel>(
    db,
    sql`SELECT c.id, c.title, coalesce(k.name, '') AS custodian FROM conversations c
        LEFT JOIN sources s ON s.id = c.source_id LEFT JOIN custodians k ON k.id = s.custodian_id WHERE c.id IN ${idList(ids)}`,
  );
