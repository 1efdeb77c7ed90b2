/**
 * Redactions of a source file's name and of an attachment's name. A bundle prints the source file
 * name in every extract's header block and in the manifest, and an attachment's name beside its
 * message; an export's file name often carries a chat's name ("WhatsApp Chat with KESTREL.txt") and
 * an attachment's name the subject of a photo. Exactly one of source_id / attachment_id is set.
 *
 * The same life as label redactions (migration 6): never deleted, removal stamps removed_at/by
 * (superseded_by when a replacement takes its place), one live redaction per name. Their own change
 * table puts them on the undo stack (as migration 7 does for the others), so a sweep that redacts
 * bodies, labels and file names together is one batch, undone as one step.
 *
 * Literal SQL only: this text is frozen once shipped.
 */
import type { Migration } from './types';

export const fileNameRedactions: Migration = {
  version: 13,
  name: 'file name redactions',
  steps: [
    `
      CREATE TABLE file_name_redactions (
        id INTEGER PRIMARY KEY,
        source_id INTEGER REFERENCES sources(id),
        attachment_id INTEGER REFERENCES attachments(id),
        reason_code TEXT NOT NULL REFERENCES reason_codes(code),
        note TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        removed_at INTEGER,
        removed_by TEXT,
        superseded_by INTEGER REFERENCES file_name_redactions(id),
        CHECK ((source_id IS NULL) <> (attachment_id IS NULL)),
        CHECK ((removed_at IS NULL) = (removed_by IS NULL))
      ) STRICT;
      CREATE UNIQUE INDEX file_name_redactions_live_source ON file_name_redactions(source_id)
        WHERE removed_at IS NULL AND source_id IS NOT NULL;
      CREATE UNIQUE INDEX file_name_redactions_live_attachment ON file_name_redactions(attachment_id)
        WHERE removed_at IS NULL AND attachment_id IS NOT NULL;
      CREATE TRIGGER file_name_redactions_never_deleted BEFORE DELETE ON file_name_redactions
        BEGIN SELECT RAISE(ABORT, 'file name redactions are removed by marking them, never deleted'); END;

      CREATE TABLE file_name_redaction_changes (
        id INTEGER PRIMARY KEY,
        batch_id TEXT NOT NULL REFERENCES review_batches(batch_id) DEFERRABLE INITIALLY DEFERRED,
        file_name_redaction_id INTEGER NOT NULL REFERENCES file_name_redactions(id),
        change TEXT NOT NULL CHECK (change = 'added' OR change = 'removed')
      ) STRICT;
      CREATE INDEX file_name_redaction_changes_by_batch ON file_name_redaction_changes(batch_id);
      CREATE TRIGGER file_name_redaction_changes_no_change BEFORE UPDATE ON file_name_redaction_changes
        BEGIN SELECT RAISE(ABORT, 'file_name_redaction_changes is append-only'); END;
      CREATE TRIGGER file_name_redaction_changes_no_delete BEFORE DELETE ON file_name_redaction_changes
        BEGIN SELECT RAISE(ABORT, 'file_name_redaction_changes is append-only'); END;
    `,
  ],
};
