/**
 * Duplicate groups across sources (main/import/duplicates.ts): conversations matched by fingerprint,
 * their messages keyed by content, equal keys grouped.
 */
import type { ReadableDB, WritableDB } from '../connection';
import { sql } from '../sql';
import { all, run } from './run';

export interface SharedConversation {
  readonly mine: number;
  readonly theirs: number;
}

/** This source's conversations that another source also holds (same fingerprint), paired with theirs. */
export const sharedConversations = (db: ReadableDB, sourceId: number): SharedConversation[] =>
  all<SharedConversation>(
    db,
    sql`SELECT DISTINCT a.id AS mine, b.id AS theirs FROM conversations a
        JOIN conversations b ON b.fingerprint = a.fingerprint AND b.source_id <> a.source_id
        WHERE a.source_id = ${sourceId}`,
  );

export interface UnkeyedMessage {
  readonly id: number;
  readonly sentAt: number | null;
  readonly personId: number | null;
  readonly label: string | null;
  readonly body: string;
}

/** A conversation's messages without a content key yet, with what their key is made of. */
export const unkeyedMessages = (db: ReadableDB, conversationId: number): UnkeyedMessage[] =>
  all<UnkeyedMessage>(
    db,
    sql`SELECT m.id, m.sent_at AS sentAt, p.person_id AS personId, p.label, m.body
        FROM messages m LEFT JOIN participants p ON p.id = m.sender_participant_id
        WHERE m.conversation_id = ${conversationId} AND m.content_key IS NULL`,
  );

export function setContentKey(db: WritableDB, messageId: number, contentKey: string): void {
  run(db, sql`UPDATE messages SET content_key = ${contentKey} WHERE id = ${messageId}`);
}

/**
 * Groups the messages of a pair of shared conversations whose content keys are equal (a group per key,
 * made when first needed); returns how many messages joined a group.
 */
export function groupEqualMessages(db: WritableDB, { mine, theirs }: SharedConversation): number {
  run(
    db,
    sql`INSERT OR IGNORE INTO duplicate_groups (content_key)
        SELECT DISTINCT c.fingerprint || ':' || m.content_key FROM messages m JOIN conversations c ON c.id = m.conversation_id
        WHERE m.conversation_id = ${mine} AND EXISTS (SELECT 1 FROM messages o WHERE o.conversation_id = ${theirs} AND o.content_key = m.content_key)`,
  );
  return run(
    db,
    sql`UPDATE messages SET duplicate_group_id = g.id FROM conversations c, duplicate_groups g
        WHERE messages.conversation_id IN (${mine}, ${theirs}) AND c.id = messages.conversation_id
          AND g.content_key = c.fingerprint || ':' || messages.content_key AND messages.duplicate_group_id IS NULL`,
  ).changes;
}
