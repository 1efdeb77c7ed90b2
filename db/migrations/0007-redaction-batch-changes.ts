/**
 * Redactions on the undo stack. Adding or removing a redaction (of a message, a sender's name or a
 * conversation title) is a review batch like a decision, and this table says which redactions the
 * batch added and which it removed: undo and redo reverse exactly those. Reversing never deletes or
 * un-removes a row: undoing an add marks the redaction removed, and undoing a removal brings the
 * redaction back as a new row copying the removed one, so the rows still say what was live when.
 *
 * The batch is checked at commit (DEFERRABLE), so a service can write its changes before the one
 * review_batches row that summarises them, inside the same transaction.
 */
import type { Migration } from './types';

export const redactionBatchChanges: Migration = {
  version: 7,
  name: 'redaction changes in review batches',
  steps: [
    `
      CREATE TABLE redaction_batch_changes (
        id INTEGER PRIMARY KEY,
        batch_id TEXT NOT NULL REFERENCES review_batches(batch_id) DEFERRABLE INITIALLY DEFERRED,
        redaction_id INTEGER REFERENCES redactions(id),
        label_redaction_id INTEGER REFERENCES label_redactions(id),
        change TEXT NOT NULL CHECK (change = 'added' OR change = 'removed'),
        CHECK ((redaction_id IS NULL) <> (label_redaction_id IS NULL))
      ) STRICT;
      CREATE INDEX redaction_batch_changes_by_batch ON redaction_batch_changes(batch_id);

      CREATE TRIGGER redaction_batch_changes_no_change BEFORE UPDATE ON redaction_batch_changes
        BEGIN SELECT RAISE(ABORT, 'redaction_batch_changes is append-only'); END;
      CREATE TRIGGER redaction_batch_changes_no_delete BEFORE DELETE ON redaction_batch_changes
        BEGIN SELECT RAISE(ABORT, 'redaction_batch_changes is append-only'); END;
    `,
  ],
};
