/**
 * A narrow copy of the message columns a search filters and orders by, keyed by id. A filtered or
 * chronological search joins each FTS5 match to its message; looked up in the table itself, each
 * match read a page of wide rows (bodies inline), so a word in 5% of a million messages read most of
 * the table. Looked up in this index (about a twentieth of the table's size), the same join reads a
 * few thousand dense pages (db/queries/search.ts names it with INDEXED BY; SQLite's planner always
 * takes the rowid for `m.id = f.rowid` otherwise).
 * Ids only grow, so an import appends to this index's end rather than splitting pages.
 *
 * Literal SQL only: this text is frozen once shipped.
 */
import type { Migration } from './types';

export const searchFilterIndex: Migration = {
  version: 20,
  name: 'search filter index',
  steps: [
    `
      CREATE INDEX messages_for_search ON messages(id, sent_at, kind, source_id, conversation_id, sender_participant_id);
    `,
  ],
};
