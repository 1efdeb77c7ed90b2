/**
 * The rules of a message, made cheaper to check, so an import writes its rows with SQLite enforcing
 * every foreign key and CHECK constraint (it used to switch them off). Each row is checked for the
 * same things as before, at less cost:
 *
 * - A message's conversation and source are one reference, to the conversation *of that source*
 *   (a unique index on conversations(id, source_id) is its target): one lookup a row instead of two.
 *   The source still exists, as every conversation's source does; and a message can no longer name a
 *   source other than its conversation's, which nothing ever wrote.
 * - `repairs` is nearly always the empty list: that is a comparison, and only other values are parsed
 *   as JSON to check that they are an array.
 * - A closed vocabulary is checked by comparing its values in turn, about 20 ns each: the values most
 *   rows hold come first (an assumed time zone, a direction read from the custodian's name).
 *
 * The table is rebuilt as SQLite's documented procedure for changing a table's definition has it
 * (https://sqlite.org/lang_altertable.html#otheralter): copy the rows into the new definition with
 * their ids, drop the old table, rename the new one, recreate its indexes and the search view that
 * reads it. The search index keeps its rows (they are keyed by message id), and every table that
 * refers to a message keeps referring to the same one. Foreign keys are off while migrations run
 * (migrations/index.ts), so the messages are checked against their conversations before this commits.
 *
 * Literal SQL only: this text is frozen once shipped.
 */
import type Database from 'better-sqlite3';
import type { Migration } from './types';

function checkMessageReferences(db: Database.Database): void {
  const broken = db.pragma('foreign_key_check(messages)') as { rowid: number }[];
  if (broken.length > 0) {
    throw new Error(
      'The case cannot be upgraded: ' +
        String(broken.length) +
        ' message(s) (first: #' +
        String(broken[0]!.rowid) +
        ') refer to a conversation, source, sender or reply that is not in the case. Nothing was changed; keep the case file for investigation.',
    );
  }
}

export const cheapMessageConstraints: Migration = {
  version: 14,
  name: 'cheap message constraints',
  steps: [
    `
      CREATE UNIQUE INDEX conversations_by_id_source ON conversations(id, source_id);

      CREATE TABLE messages_0014 (
        id INTEGER PRIMARY KEY,
        conversation_id INTEGER NOT NULL,
        source_id INTEGER NOT NULL,
        seq INTEGER NOT NULL CHECK (seq >= 0),
        external_id TEXT,
        sent_at INTEGER,
        sent_at_raw TEXT,
        tz_basis TEXT NOT NULL CHECK (tz_basis = 'explicit' OR tz_basis GLOB 'assumed:?*' OR tz_basis = 'unknown'),
        sender_participant_id INTEGER REFERENCES participants(id),
        direction TEXT NOT NULL CHECK (direction = 'outgoing' OR direction = 'incoming' OR direction = 'system' OR direction = 'unknown'),
        direction_basis TEXT NOT NULL CHECK (direction_basis = 'source' OR direction_basis = 'custodian_name' OR direction_basis = 'owner_handle' OR direction_basis = 'unknown'),
        kind TEXT NOT NULL CHECK (kind = 'text' OR kind = 'media' OR kind = 'system' OR kind = 'call' OR kind = 'deleted' OR kind = 'location' OR kind = 'poll' OR kind = 'contact' OR kind = 'other'),
        system_kind TEXT,
        body TEXT NOT NULL,
        edited TEXT NOT NULL CHECK (edited = 'none' OR edited = 'edited_history_unknown' OR edited = 'edited_history_known'),
        edit_history TEXT CHECK (edit_history IS NULL OR json_valid(edit_history)),
        deleted TEXT NOT NULL CHECK (deleted = 'none' OR deleted = 'placeholder' OR deleted = 'recovered'),
        reply_to_external_id TEXT,
        reply_to_message_id INTEGER REFERENCES messages(id),
        confidence TEXT NOT NULL CHECK (confidence = 'high' OR confidence = 'low'),
        locator_file TEXT NOT NULL,
        locator_line_start INTEGER,
        locator_line_end INTEGER,
        locator_record TEXT,
        locator_byte_offset INTEGER,
        repairs TEXT NOT NULL DEFAULT '[]' CHECK (repairs = '[]' OR (json_valid(repairs) AND json_type(repairs) = 'array')),
        content_key TEXT,
        duplicate_group_id INTEGER REFERENCES duplicate_groups(id),
        position INTEGER NOT NULL DEFAULT -1,
        FOREIGN KEY (conversation_id, source_id) REFERENCES conversations(id, source_id),
        CHECK (sent_at IS NULL OR sent_at_raw IS NOT NULL),
        CHECK (locator_line_end IS NULL OR locator_line_end >= locator_line_start),
        CHECK (kind <> 'system' OR direction = 'system')
      ) STRICT;

      INSERT INTO messages_0014 (id, conversation_id, source_id, seq, external_id, sent_at, sent_at_raw, tz_basis, sender_participant_id,
          direction, direction_basis, kind, system_kind, body, edited, edit_history, deleted, reply_to_external_id, reply_to_message_id,
          confidence, locator_file, locator_line_start, locator_line_end, locator_record, locator_byte_offset, repairs, content_key,
          duplicate_group_id, position)
        SELECT id, conversation_id, source_id, seq, external_id, sent_at, sent_at_raw, tz_basis, sender_participant_id,
          direction, direction_basis, kind, system_kind, body, edited, edit_history, deleted, reply_to_external_id, reply_to_message_id,
          confidence, locator_file, locator_line_start, locator_line_end, locator_record, locator_byte_offset, repairs, content_key,
          duplicate_group_id, position
        FROM messages ORDER BY id;

      DROP VIEW search_documents;
      DROP TABLE messages;
      ALTER TABLE messages_0014 RENAME TO messages;

      CREATE UNIQUE INDEX messages_by_conversation_position ON messages(conversation_id, position);
      CREATE INDEX messages_by_sent_at ON messages(sent_at);
      CREATE INDEX messages_by_source ON messages(source_id, seq);
      CREATE INDEX messages_by_duplicate_group ON messages(duplicate_group_id) WHERE duplicate_group_id IS NOT NULL;
      CREATE INDEX messages_by_content_key ON messages(content_key) WHERE content_key IS NOT NULL;

      CREATE VIEW search_documents AS
        SELECT m.id AS id, m.body AS body, coalesce(p.label, '') AS sender, c.title AS title
        FROM messages m
          JOIN conversations c ON c.id = m.conversation_id
          LEFT JOIN participants p ON p.id = m.sender_participant_id;
    `,
    { data: 'check every message against its conversation, sender and reply', run: checkMessageReferences },
  ],
};
