/**
 * Reads for explaining a verification failure (main/export/leak-causes.ts): the messages a bundle
 * names, and what else it prints — labels, titles, extract details, produced bodies and attachment
 * names — to find where a leaked text came from. Only run when verification found something.
 */
import type { ReadableDB } from '../connection';
import { sql } from '../sql';
import { INLINE_BODY_BYTES } from './export';
import { all, prepare } from './run';

const idList = (ids: readonly number[]): string => JSON.stringify(ids);

export interface MessageRefRow {
  readonly id: number;
  readonly conversationId: number;
  readonly position: number;
  readonly title: string;
  readonly senderParticipantId: number | null;
  readonly sender: string | null;
  readonly sentAt: number | null;
}

export const messageRefRows = (db: ReadableDB, ids: readonly number[]): MessageRefRow[] =>
  all<MessageRefRow>(
    db,
    sql`SELECT m.id, m.conversation_id AS conversationId, m.position, v.title, m.sender_participant_id AS senderParticipantId, p.label AS sender, m.sent_at AS sentAt
        FROM messages m JOIN conversations v ON v.id = m.conversation_id LEFT JOIN participants p ON p.id = m.sender_participant_id
        WHERE m.id IN (SELECT value FROM json_each(${idList(ids)})) ORDER BY m.id`,
  );

export interface PrintedConversationRow {
  readonly id: number;
  readonly sourceId: number;
  readonly title: string;
  readonly custodian: string;
  readonly deviceLabel: string;
  readonly sourceFile: string;
}

export const printedConversations = (db: ReadableDB, ids: readonly number[]): PrintedConversationRow[] =>
  all<PrintedConversationRow>(
    db,
    sql`SELECT v.id, v.source_id AS sourceId, v.title, c.name AS custodian, s.device_label AS deviceLabel, s.file_name AS sourceFile
        FROM conversations v JOIN sources s ON s.id = v.source_id JOIN custodians c ON c.id = s.custodian_id
        WHERE v.id IN (SELECT value FROM json_each(${idList(ids)})) ORDER BY v.id`,
  );

/** Participants of these conversations (their labels print in each extract's details). */
export const printedParticipants = (
  db: ReadableDB,
  conversationIds: readonly number[],
): { participantId: number; conversationId: number; label: string }[] =>
  all(
    db,
    sql`SELECT p.id AS participantId, cp.conversation_id AS conversationId, p.label FROM conversation_participants cp JOIN participants p ON p.id = cp.participant_id
        WHERE cp.conversation_id IN (SELECT value FROM json_each(${idList(conversationIds)})) ORDER BY cp.conversation_id, p.id`,
  );

export interface ProducedBodyRow {
  readonly id: number;
  readonly senderParticipantId: number | null;
  /** Null when longer than INLINE_BODY_BYTES (export.ts): read it in pieces. */
  readonly body: string | null;
}

/** Bodies of these messages, read one at a time (a bundle can produce a million). */
export function* producedBodies(db: ReadableDB, ids: readonly number[]): Generator<ProducedBodyRow> {
  const q = sql`SELECT m.id, m.sender_participant_id AS senderParticipantId, CASE WHEN octet_length(m.body) <= ${INLINE_BODY_BYTES} THEN m.body END AS body
    FROM messages m WHERE m.id IN (SELECT value FROM json_each(${idList(ids)}))`;
  yield* prepare(db, q.text).iterate(...q.values) as Iterable<ProducedBodyRow>;
}

export const attachmentNames = (db: ReadableDB, messageIds: readonly number[]): { id: number; messageId: number; fileName: string }[] =>
  all(
    db,
    sql`SELECT a.id, a.message_id AS messageId, a.file_name AS fileName FROM attachments a
        WHERE a.file_name IS NOT NULL AND a.message_id IN (SELECT value FROM json_each(${idList(messageIds)})) ORDER BY a.id`,
  );

/** A recorded bundle's produced items in bundle order, with their references. */
export const bundleItems = (db: ReadableDB, bundleId: number): { messageId: number; reference: string }[] =>
  all(db, sql`SELECT message_id AS messageId, reference FROM bundle_items WHERE bundle_id = ${bundleId} ORDER BY page_start, message_id`);
