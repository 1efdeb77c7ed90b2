/**
 * Review batches (the undo/redo stacks) and the custodian check pack: packs exported from a case,
 * the flags a private office raises in a pack, and the reviewer's resolution of each flag.
 *
 * `review_batches` lives here too because undo, redo and accepting a flag are all batches: one row
 * per bulk action says who did it and, for an undo or redo, which batch it reversed or re-applied.
 * The stacks are then a replay of one actor's rows, with nothing mutable to fall out of step.
 */
import type { Migration } from './types';

export const custodianFlags: Migration = {
  version: 4,
  name: 'review batches and custodian check flags',
  steps: [
    `
      CREATE TABLE review_batches (
        seq INTEGER PRIMARY KEY,
        batch_id TEXT NOT NULL UNIQUE,
        actor TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind = 'decision' OR kind = 'undo' OR kind = 'redo' OR kind = 'custodian_flag'),
        target_batch_id TEXT REFERENCES review_batches(batch_id),
        summary TEXT NOT NULL,
        events INTEGER NOT NULL CHECK (events >= 0),
        at INTEGER NOT NULL,
        CHECK ((kind = 'undo' OR kind = 'redo') = (target_batch_id IS NOT NULL))
      ) STRICT;
      CREATE INDEX review_batches_by_actor ON review_batches(actor, seq);

      -- One row per pack exported from this case; in a pack, the one row describing the pack itself.
      CREATE TABLE custodian_packs (
        pack_id TEXT PRIMARY KEY,
        parent_case_id TEXT NOT NULL,
        custodian_id INTEGER NOT NULL REFERENCES custodians(id),
        custodian_name TEXT NOT NULL,
        messages INTEGER NOT NULL CHECK (messages >= 0),
        file_name TEXT NOT NULL,
        exported_at INTEGER NOT NULL,
        exported_by TEXT NOT NULL
      ) STRICT;

      -- A pack's flags come back once: the primary key refuses a second import of the same pack.
      CREATE TABLE custodian_pack_imports (
        pack_id TEXT PRIMARY KEY REFERENCES custodian_packs(pack_id),
        flags INTEGER NOT NULL CHECK (flags >= 0),
        imported_at INTEGER NOT NULL,
        imported_by TEXT NOT NULL
      ) STRICT;

      -- "Personal — please withhold", with the private office's reason. Written in the pack; copied
      -- into the reviewer's case on import (imported_at set), keeping who flagged it and when.
      CREATE TABLE custodian_flags (
        id INTEGER PRIMARY KEY,
        pack_id TEXT NOT NULL REFERENCES custodian_packs(pack_id),
        message_id INTEGER NOT NULL REFERENCES messages(id),
        reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
        flagged_at INTEGER NOT NULL,
        flagged_by TEXT NOT NULL,
        imported_at INTEGER,
        UNIQUE (pack_id, message_id)
      ) STRICT;
      CREATE INDEX custodian_flags_by_message ON custodian_flags(message_id);

      -- The reviewer decides each flag once; accepting it is also a review batch (origin custodian_flag).
      CREATE TABLE custodian_flag_resolutions (
        flag_id INTEGER PRIMARY KEY REFERENCES custodian_flags(id),
        decision TEXT NOT NULL CHECK (decision = 'accepted' OR decision = 'rejected'),
        note TEXT NOT NULL,
        batch_id TEXT REFERENCES review_batches(batch_id),
        resolved_at INTEGER NOT NULL,
        resolved_by TEXT NOT NULL,
        CHECK ((decision = 'accepted') = (batch_id IS NOT NULL))
      ) STRICT;

      CREATE TRIGGER review_batches_no_change BEFORE UPDATE ON review_batches
        BEGIN SELECT RAISE(ABORT, 'review_batches is append-only'); END;
      CREATE TRIGGER review_batches_no_delete BEFORE DELETE ON review_batches
        BEGIN SELECT RAISE(ABORT, 'review_batches is append-only'); END;
      CREATE TRIGGER custodian_flags_no_change BEFORE UPDATE ON custodian_flags
        BEGIN SELECT RAISE(ABORT, 'custodian flags are never changed'); END;
      CREATE TRIGGER custodian_flags_no_delete BEFORE DELETE ON custodian_flags
        BEGIN SELECT RAISE(ABORT, 'custodian flags are never deleted'); END;
      CREATE TRIGGER custodian_flag_resolutions_no_change BEFORE UPDATE ON custodian_flag_resolutions
        BEGIN SELECT RAISE(ABORT, 'a flag resolution is never changed'); END;
      CREATE TRIGGER custodian_flag_resolutions_no_delete BEFORE DELETE ON custodian_flag_resolutions
        BEGIN SELECT RAISE(ABORT, 'a flag resolution is never deleted'); END;
    `,
  ],
};
