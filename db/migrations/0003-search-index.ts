/**
 * The search index (docs/spec.md §4): derived data, persisted in the case, never the source of truth.
 *
 * - `search_fts` is an FTS5 index with *external content*: the text lives once, in `messages`,
 *   `participants` and `conversations`, and FTS5 reads it back through the `search_documents` view for
 *   snippets. A contentless table would index the same postings but leave snippets to our own code
 *   (re-tokenising in JavaScript, which can drift from the tokenizer); a normal table would store
 *   every body twice and double the case file.
 * - Sender label and conversation title are columns of each message's row, so "all words must
 *   match" works across them (`boris lockdown`: sender Boris, body mentions lockdown) in one MATCH.
 * - `unicode61 remove_diacritics 2`: case- and accent-insensitive ("cafe" finds "café").
 * - No triggers on `messages`: an import inserts rows at >100k/s and a per-row index update would
 *   halve that. The index is brought up to date after the import commits, from `search_state`'s
 *   watermark (every message id above it is not yet indexed: ids only grow, messages are never
 *   deleted or edited).
 * - `search_state` starts empty: the index is "missing" until main/search/indexer.ts builds it, so
 *   this migration stays instant on a case of any size (case open must not wait for an index build).
 * - `search_vocab` lists the index's distinct words, for typo-tolerant expansion (main/search/vocabulary.ts).
 */
import type { Migration } from './types';

export const searchIndex: Migration = {
  version: 3,
  name: 'search index',
  steps: [
    `
      CREATE VIEW search_documents AS
        SELECT m.id AS id, m.body AS body, coalesce(p.label, '') AS sender, c.title AS title
        FROM messages m
          JOIN conversations c ON c.id = m.conversation_id
          LEFT JOIN participants p ON p.id = m.sender_participant_id;

      CREATE VIRTUAL TABLE search_fts USING fts5(
        body, sender, title,
        content = 'search_documents', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2'
      );

      CREATE VIRTUAL TABLE search_vocab USING fts5vocab(search_fts, row);

      CREATE TABLE search_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        -- Which build of the index code wrote it; another version means rebuild from scratch.
        index_version INTEGER NOT NULL CHECK (index_version >= 1),
        -- Every message with id <= this is indexed; none above it is.
        indexed_up_to INTEGER NOT NULL CHECK (indexed_up_to >= 0),
        updated_at INTEGER NOT NULL
      ) STRICT;
    `,
  ],
};
