/**
 * What an RSMF export (main/export/rsmf) reads beyond the output-neutral selection: the people of a
 * conversation with their handles and which one is the device's owner, reactions, and edit histories.
 * Read per document unit, so a long conversation is never held whole.
 */
import type { ReadableDB } from '../connection';
import { sql } from '../sql';
import { all } from './run';

export interface RsmfPersonRow {
  readonly id: number;
  readonly label: string;
  readonly handle: string | null;
  readonly isOwner: number;
}

/** A conversation's participants (members and senders), owner first, then by label. */
export const rsmfConversationPeople = (db: ReadableDB, conversationId: number): RsmfPersonRow[] =>
  all<RsmfPersonRow>(
    db,
    sql`SELECT p.id, p.label, p.handle, p.is_owner AS isOwner FROM participants p
        WHERE p.id IN (SELECT participant_id FROM conversation_participants WHERE conversation_id = ${conversationId})
           OR p.id IN (SELECT DISTINCT sender_participant_id FROM messages WHERE conversation_id = ${conversationId})
           OR p.id IN (SELECT DISTINCT r.participant_id FROM reactions r JOIN messages m ON m.id = r.message_id
                       WHERE m.conversation_id = ${conversationId})
        ORDER BY p.is_owner DESC, p.label COLLATE NOCASE, p.id`,
  );

export interface RsmfReactionRow {
  readonly messageId: number;
  readonly participantId: number | null;
  readonly reaction: string;
}

/** The reactions on messages `fromPosition`..`toPosition` of a conversation, in the order recorded. */
export const rsmfReactions = (db: ReadableDB, conversationId: number, fromPosition: number, toPosition: number): RsmfReactionRow[] =>
  all<RsmfReactionRow>(
    db,
    sql`SELECT r.message_id AS messageId, r.participant_id AS participantId, r.reaction FROM reactions r JOIN messages m ON m.id = r.message_id
        WHERE m.conversation_id = ${conversationId} AND m.position BETWEEN ${fromPosition} AND ${toPosition}
        ORDER BY m.position, r.id`,
  );

/** Edit histories (JSON arrays of `{ body, time }`, as the import stored them) of the messages in that range that have one. */
export const rsmfEditHistories = (
  db: ReadableDB,
  conversationId: number,
  fromPosition: number,
  toPosition: number,
): { messageId: number; editHistory: string }[] =>
  all<{ messageId: number; editHistory: string }>(
    db,
    sql`SELECT id AS messageId, edit_history AS editHistory FROM messages
        WHERE conversation_id = ${conversationId} AND position BETWEEN ${fromPosition} AND ${toPosition} AND edit_history IS NOT NULL`,
  );
