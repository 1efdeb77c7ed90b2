/**
 * A source may be a Signal export (signal-export / sigexport folders, docs/formats/signal.md): the
 * format vocabulary of `sources.format` gains 'signal'. 0001 wrote the vocabulary as a CHECK, and SQLite
 * cannot change a CHECK in place, so the table is rebuilt as its documented procedure for changing a
 * table's definition has it (https://sqlite.org/lang_altertable.html#otheralter): a new table of the
 * new definition, the rows copied with their ids, the old table dropped, the new one renamed, its index
 * recreated. Conversations, participants, source notes and file-name redactions refer to sources by id
 * and name, so they go on referring to the same rows. Foreign keys are off while migrations run
 * (migrations/index.ts), so every table referring to a source is checked before this commits.
 *
 * Literal SQL only: this text is frozen once shipped.
 */
import type Database from 'better-sqlite3';
import type { Migration } from './types';

function checkSourceReferences(db: Database.Database): void {
  for (const table of ['sources', 'conversations', 'participants', 'source_notes', 'file_name_redactions']) {
    const broken = db.pragma('foreign_key_check(' + table + ')') as { rowid: number }[];
    if (broken.length > 0) {
      throw new Error(
        'The case cannot be upgraded: ' +
          String(broken.length) +
          ' row(s) of ' +
          table +
          ' (first: #' +
          String(broken[0]!.rowid) +
          ') refer to a source or custodian that is not in the case. Nothing was changed; keep the case file for investigation.',
      );
    }
  }
}

export const signalSourceFormat: Migration = {
  version: 19,
  name: 'signal source format',
  steps: [
    `
      CREATE TABLE sources_0019 (
        id INTEGER PRIMARY KEY,
        custodian_id INTEGER NOT NULL REFERENCES custodians(id),
        device_label TEXT NOT NULL,
        format TEXT NOT NULL CHECK (format = 'whatsapp' OR format = 'sms_backup_restore' OR format = 'telegram' OR format = 'imessage' OR format = 'cellebrite_ufdr' OR format = 'rsmf' OR format = 'signal'),
        producer TEXT,
        producer_version TEXT,
        file_name TEXT NOT NULL,
        file_path TEXT NOT NULL,
        file_size INTEGER NOT NULL CHECK (file_size >= 0),
        sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
        imported_at INTEGER NOT NULL,
        imported_by TEXT NOT NULL,
        parser_version TEXT NOT NULL,
        time_zone TEXT NOT NULL,
        date_order TEXT CHECK (date_order = 'dmy' OR date_order = 'mdy' OR date_order = 'ymd'),
        date_order_basis TEXT CHECK (date_order_basis = 'inferred' OR date_order_basis = 'given'),
        message_count INTEGER NOT NULL DEFAULT 0,
        conversation_count INTEGER NOT NULL DEFAULT 0,
        participant_count INTEGER NOT NULL DEFAULT 0,
        attachment_count INTEGER NOT NULL DEFAULT 0,
        CHECK ((date_order IS NULL) = (date_order_basis IS NULL))
      ) STRICT;

      INSERT INTO sources_0019 (id, custodian_id, device_label, format, producer, producer_version, file_name, file_path, file_size, sha256,
          imported_at, imported_by, parser_version, time_zone, date_order, date_order_basis, message_count, conversation_count,
          participant_count, attachment_count)
        SELECT id, custodian_id, device_label, format, producer, producer_version, file_name, file_path, file_size, sha256,
          imported_at, imported_by, parser_version, time_zone, date_order, date_order_basis, message_count, conversation_count,
          participant_count, attachment_count
        FROM sources ORDER BY id;

      DROP TABLE sources;
      ALTER TABLE sources_0019 RENAME TO sources;
      CREATE INDEX sources_by_custodian ON sources(custodian_id);
    `,
    { data: 'check every row referring to a source, and every source against its custodian', run: checkSourceReferences },
  ],
};
