/**
 * Redactions of a participant's label and of a conversation's title. The same personal data a
 * reviewer hides in a body ("+44 7700 900123", "Mum") is often the name a sender was saved under or a
 * chat's title, which the bundle prints in every message heading, the extract's header block, the
 * index and the schedule. Exactly one of participant_id / conversation_id is set.
 *
 * Like message redactions these are never deleted: removing one stamps removed_at/by (superseded_by
 * when a replacement takes its place), so the state a bundle was exported under can be rebuilt for
 * verifying it later. One live redaction per label or title: a second reason replaces the first.
 */
import type { Migration } from './types';

export const labelRedactions: Migration = {
  version: 6,
  name: 'label redactions',
  steps: [
    `
      CREATE TABLE label_redactions (
        id INTEGER PRIMARY KEY,
        participant_id INTEGER REFERENCES participants(id),
        conversation_id INTEGER REFERENCES conversations(id),
        reason_code TEXT NOT NULL REFERENCES reason_codes(code),
        note TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        removed_at INTEGER,
        removed_by TEXT,
        superseded_by INTEGER REFERENCES label_redactions(id),
        CHECK ((participant_id IS NULL) <> (conversation_id IS NULL)),
        CHECK ((removed_at IS NULL) = (removed_by IS NULL))
      ) STRICT;
      CREATE UNIQUE INDEX label_redactions_live_participant ON label_redactions(participant_id)
        WHERE removed_at IS NULL AND participant_id IS NOT NULL;
      CREATE UNIQUE INDEX label_redactions_live_conversation ON label_redactions(conversation_id)
        WHERE removed_at IS NULL AND conversation_id IS NOT NULL;

      CREATE TRIGGER label_redactions_never_deleted BEFORE DELETE ON label_redactions
        BEGIN SELECT RAISE(ABORT, 'label redactions are removed by marking them, never deleted'); END;
    `,
  ],
};
