/**
 * Rectangle redactions on an image attachment (docs/spec.md §13): the reviewer draws a rectangle with a
 * reason, and every produced copy of the image has those pixels destroyed. The rectangle is stored
 * normalised to [0..1] of the image as displayed (common/domain/media.ts, NormalisedRect), so it holds
 * whatever size the image is produced at; the CHECK allows the same 1e-9 of rounding at the far edges
 * as normalisedRectProblem does.
 *
 * The same life as the other redactions (migrations 1, 6 and 13): never deleted; removal stamps
 * removed_at/by (superseded_by when a replacement takes its place, removal_note when the reviewer said
 * why); the rectangle, reason and authorship of a row never change, so the rows say what was live when.
 * An image may hold many live rectangles. Their own change table puts them on the undo stack with the
 * other redactions, so undo and redo reverse exactly what a batch added or removed.
 *
 * Literal SQL only: this text is frozen once shipped.
 */
import type { Migration } from './types';

export const imageRedactions: Migration = {
  version: 18,
  name: 'image redactions',
  steps: [
    `
      CREATE TABLE image_redactions (
        id INTEGER PRIMARY KEY,
        attachment_id INTEGER NOT NULL REFERENCES attachments(id),
        x REAL NOT NULL,
        y REAL NOT NULL,
        w REAL NOT NULL,
        h REAL NOT NULL,
        reason_code TEXT NOT NULL REFERENCES reason_codes(code),
        note TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        removed_at INTEGER,
        removed_by TEXT,
        removal_note TEXT,
        superseded_by INTEGER REFERENCES image_redactions(id),
        CHECK (x >= 0 AND y >= 0 AND w > 0 AND h > 0 AND x + w <= 1.000000001 AND y + h <= 1.000000001),
        CHECK ((removed_at IS NULL) = (removed_by IS NULL)),
        CHECK (removal_note IS NULL OR removed_at IS NOT NULL)
      ) STRICT;
      CREATE INDEX image_redactions_by_attachment ON image_redactions(attachment_id, id);
      CREATE INDEX image_redactions_live_by_attachment ON image_redactions(attachment_id) WHERE removed_at IS NULL;
      CREATE TRIGGER image_redactions_never_deleted BEFORE DELETE ON image_redactions
        BEGIN SELECT RAISE(ABORT, 'image redactions are removed by marking them, never deleted'); END;
      CREATE TRIGGER image_redactions_keep_their_rectangle
        BEFORE UPDATE OF attachment_id, x, y, w, h, reason_code, note, created_at, created_by ON image_redactions
        BEGIN SELECT RAISE(ABORT, 'an image redaction keeps its rectangle and reason: supersede it with a new one'); END;

      CREATE TABLE image_redaction_changes (
        id INTEGER PRIMARY KEY,
        batch_id TEXT NOT NULL REFERENCES review_batches(batch_id) DEFERRABLE INITIALLY DEFERRED,
        image_redaction_id INTEGER NOT NULL REFERENCES image_redactions(id),
        change TEXT NOT NULL CHECK (change = 'added' OR change = 'removed')
      ) STRICT;
      CREATE INDEX image_redaction_changes_by_batch ON image_redaction_changes(batch_id);
      CREATE TRIGGER image_redaction_changes_no_change BEFORE UPDATE ON image_redaction_changes
        BEGIN SELECT RAISE(ABORT, 'image_redaction_changes is append-only'); END;
      CREATE TRIGGER image_redaction_changes_no_delete BEFORE DELETE ON image_redaction_changes
        BEGIN SELECT RAISE(ABORT, 'image_redaction_changes is append-only'); END;
    `,
  ],
};
