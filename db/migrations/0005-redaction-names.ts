/**
 * The case-level list of names the redaction suggestions look for (docs/spec.md §6: "a case-level list of
 * names"). Like redactions, a name is never deleted: removing it stamps removed_at/by, so the list
 * as it stood when a suggestion was made can be reconstructed alongside the audit log.
 *
 * `name_key` is the name folded for comparison (NFC, case-folded, apostrophes unified) by the service,
 * so "O’Neill" and "o'neill" are one entry; the uniqueness holds among live names only, so a name
 * removed and added again is a new row.
 */
import type { Migration } from './types';

export const redactionNames: Migration = {
  version: 5,
  name: 'redaction names',
  steps: [
    `
      CREATE TABLE redaction_names (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        name_key TEXT NOT NULL CHECK (length(name_key) > 0),
        note TEXT NOT NULL,
        added_at INTEGER NOT NULL,
        added_by TEXT NOT NULL,
        removed_at INTEGER,
        removed_by TEXT,
        CHECK ((removed_at IS NULL) = (removed_by IS NULL))
      ) STRICT;
      CREATE UNIQUE INDEX redaction_names_live ON redaction_names(name_key) WHERE removed_at IS NULL;

      CREATE TRIGGER redaction_names_never_deleted BEFORE DELETE ON redaction_names
        BEGIN SELECT RAISE(ABORT, 'redaction names are removed by marking them, never deleted'); END;
    `,
  ],
};
