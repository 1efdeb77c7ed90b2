/**
 * What the reviewer's case records about each custodian check pack it exports, so a returned pack is
 * checked against this record and never against what the pack says about itself: the schema version
 * it was written at, a hash of everything in it a pack may not change, and the set of messages it
 * held (a flag on any other message is refused).
 *
 * Packs exported before this migration have no record: their flags cannot be checked, so importing
 * them is refused with a request to export a new pack (see PackNotRecordedError).
 */
import type { Migration } from './types';

export const packRecords: Migration = {
  version: 11,
  name: 'custodian pack records',
  steps: [
    `
      CREATE TABLE custodian_pack_records (
        pack_id TEXT PRIMARY KEY REFERENCES custodian_packs(pack_id),
        schema_version INTEGER NOT NULL CHECK (schema_version >= 1),
        content_sha256 TEXT NOT NULL CHECK (length(content_sha256) = 64),
        messages INTEGER NOT NULL CHECK (messages >= 0)
      ) STRICT;

      -- No foreign key to messages: this is what the pack held when it was exported, kept as history.
      CREATE TABLE custodian_pack_messages (
        pack_id TEXT NOT NULL REFERENCES custodian_pack_records(pack_id),
        message_id INTEGER NOT NULL,
        PRIMARY KEY (pack_id, message_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TRIGGER custodian_pack_records_no_change BEFORE UPDATE ON custodian_pack_records
        BEGIN SELECT RAISE(ABORT, 'a pack record is never changed'); END;
      CREATE TRIGGER custodian_pack_records_no_delete BEFORE DELETE ON custodian_pack_records
        BEGIN SELECT RAISE(ABORT, 'a pack record is never deleted'); END;
      CREATE TRIGGER custodian_pack_messages_no_change BEFORE UPDATE ON custodian_pack_messages
        BEGIN SELECT RAISE(ABORT, 'a pack record is never changed'); END;
      CREATE TRIGGER custodian_pack_messages_no_delete BEFORE DELETE ON custodian_pack_messages
        BEGIN SELECT RAISE(ABORT, 'a pack record is never deleted'); END;
    `,
  ],
};
