/**
 * A message's position within its conversation (0..n-1, in source order). The timeline is virtualised:
 * it asks for rows i..j of a conversation, which this answers from an index in constant time, where
 * OFFSET would walk every earlier row of a million-message chat.
 */
import type { Migration } from './types';

export const conversationPosition: Migration = {
  version: 2,
  name: 'message position within its conversation',
  steps: [
    `
      ALTER TABLE messages ADD COLUMN position INTEGER NOT NULL DEFAULT -1;
      UPDATE messages SET position = ranked.position
        FROM (SELECT id, row_number() OVER (PARTITION BY conversation_id ORDER BY seq) - 1 AS position FROM messages) AS ranked
        WHERE ranked.id = messages.id;
      CREATE UNIQUE INDEX messages_by_conversation_position ON messages(conversation_id, position);
      -- Position follows seq within a conversation, so this index now answers every query the
      -- (conversation_id, seq) index did; keeping both would only slow every insert.
      DROP INDEX messages_by_conversation_seq;
    `,
  ],
};
