/**
 * The whole data model of SPEC §2. STRICT tables; NOT NULL wherever a value always exists, so a
 * missing value is a deliberate NULL with a meaning ("the source gave no time"), never an accident.
 * Enumerations are CHECKed against the same lists the domain model exports.
 */
import type Database from 'better-sqlite3';
import {
  CASE_MODES,
  CLASSIFICATIONS,
  CONVERSATION_KINDS,
  DATE_ORDERS,
  DEFAULT_REASON_CODES,
  DELETED_KINDS,
  DIRECTION_BASES,
  DIRECTIONS,
  DOCUMENT_UNITS,
  EDITED_KINDS,
  LESS_INTRUSIVE_STEPS,
  MESSAGE_KINDS,
  OUTCOMES,
  PLATFORMS,
  RELEVANCES,
  SOURCE_FORMATS,
  SOURCE_NOTE_KINDS,
  ARTICLE8_ENGAGED,
  ARTICLE8_WHOSE,
} from '../../main/domain/model';
import type { Migration } from './types';

// An OR chain, not `IN (…)`: SQLite evaluates a CHECK's IN list by building a temporary table for
// every row, which made each message insert ~10 µs slower; the chain costs a few comparisons.
const oneOf = (column: string, values: readonly string[]): string =>
  `CHECK (${values.map((v) => `${column} = '${v.replace(/'/g, "''")}'`).join(' OR ')})`;

const BOOL = (column: string): string => `${column} INTEGER NOT NULL DEFAULT 0 CHECK (${column} = 0 OR ${column} = 1)`;
const JSON_ARRAY = (column: string): string =>
  `${column} TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(${column}) AND json_type(${column}) = 'array')`;
const TZ_BASIS = `tz_basis TEXT NOT NULL CHECK (tz_basis = 'explicit' OR tz_basis = 'unknown' OR tz_basis GLOB 'assumed:?*')`;

export const initial: Migration = {
  version: 1,
  name: 'initial data model',
  up(db: Database.Database): void {
    db.exec(`
      CREATE TABLE schema_migrations (
        version INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        applied_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE case_meta (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        case_id TEXT NOT NULL,
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        inquiry TEXT NOT NULL,
        request_reference TEXT NOT NULL,
        default_tz TEXT NOT NULL,
        protective_marking TEXT NOT NULL,
        reference_prefix TEXT NOT NULL CHECK (reference_prefix GLOB '[A-Z]*' AND reference_prefix NOT GLOB '*[^A-Z0-9_-]*'),
        reference_width INTEGER NOT NULL CHECK (reference_width BETWEEN 1 AND 18),
        mode TEXT NOT NULL ${oneOf('mode', CASE_MODES)},
        created_at INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        app_version TEXT NOT NULL
      ) STRICT;

      CREATE TABLE custodians (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
        role TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE sources (
        id INTEGER PRIMARY KEY,
        custodian_id INTEGER NOT NULL REFERENCES custodians(id),
        device_label TEXT NOT NULL,
        format TEXT NOT NULL ${oneOf('format', SOURCE_FORMATS)},
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
        date_order TEXT ${oneOf('date_order', DATE_ORDERS)},
        date_order_basis TEXT ${oneOf('date_order_basis', ['inferred', 'given'])},
        message_count INTEGER NOT NULL DEFAULT 0,
        conversation_count INTEGER NOT NULL DEFAULT 0,
        participant_count INTEGER NOT NULL DEFAULT 0,
        attachment_count INTEGER NOT NULL DEFAULT 0,
        CHECK ((date_order IS NULL) = (date_order_basis IS NULL))
      ) STRICT;
      CREATE INDEX sources_by_custodian ON sources(custodian_id);

      -- Warnings, repairs and assumptions made while importing, shown to the user with the source.
      CREATE TABLE source_notes (
        id INTEGER PRIMARY KEY,
        source_id INTEGER NOT NULL REFERENCES sources(id),
        kind TEXT NOT NULL ${oneOf('kind', SOURCE_NOTE_KINDS)},
        message TEXT NOT NULL,
        locator TEXT CHECK (locator IS NULL OR json_valid(locator))
      ) STRICT;
      CREATE INDEX source_notes_by_source ON source_notes(source_id, kind);

      CREATE TABLE people (
        id INTEGER PRIMARY KEY,
        display_name TEXT NOT NULL,
        custodian_id INTEGER REFERENCES custodians(id)
      ) STRICT;

      -- Normalised identifiers (E.164 numbers, lower-cased e-mails, usernames) that resolve to a person.
      CREATE TABLE person_identifiers (
        kind TEXT NOT NULL ${oneOf('kind', ['phone', 'email', 'username'])},
        value TEXT NOT NULL,
        person_id INTEGER NOT NULL REFERENCES people(id),
        PRIMARY KEY (kind, value)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX person_identifiers_by_person ON person_identifiers(person_id);

      CREATE TABLE participants (
        id INTEGER PRIMARY KEY,
        source_id INTEGER NOT NULL REFERENCES sources(id),
        source_key TEXT NOT NULL,
        label TEXT NOT NULL,
        handle TEXT,
        ${BOOL('is_owner')},
        person_id INTEGER REFERENCES people(id),
        UNIQUE (source_id, source_key)
      ) STRICT;
      CREATE INDEX participants_by_person ON participants(person_id);

      CREATE TABLE conversations (
        id INTEGER PRIMARY KEY,
        source_id INTEGER NOT NULL REFERENCES sources(id),
        source_key TEXT NOT NULL,
        platform TEXT NOT NULL ${oneOf('platform', PLATFORMS)},
        kind TEXT NOT NULL ${oneOf('kind', CONVERSATION_KINDS)},
        title TEXT NOT NULL,
        external_id TEXT,
        -- Identifies the same chat collected from another custodian's device (duplicate detection).
        fingerprint TEXT NOT NULL,
        message_count INTEGER NOT NULL DEFAULT 0,
        first_at INTEGER,
        last_at INTEGER,
        UNIQUE (source_id, source_key)
      ) STRICT;
      CREATE INDEX conversations_by_fingerprint ON conversations(fingerprint);

      CREATE TABLE conversation_participants (
        conversation_id INTEGER NOT NULL REFERENCES conversations(id),
        participant_id INTEGER NOT NULL REFERENCES participants(id),
        PRIMARY KEY (conversation_id, participant_id)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE duplicate_groups (
        id INTEGER PRIMARY KEY,
        content_key TEXT NOT NULL UNIQUE
      ) STRICT;

      CREATE TABLE messages (
        id INTEGER PRIMARY KEY,
        conversation_id INTEGER NOT NULL REFERENCES conversations(id),
        source_id INTEGER NOT NULL REFERENCES sources(id),
        seq INTEGER NOT NULL CHECK (seq >= 0),
        external_id TEXT,
        sent_at INTEGER,
        sent_at_raw TEXT,
        ${TZ_BASIS},
        sender_participant_id INTEGER REFERENCES participants(id),
        direction TEXT NOT NULL ${oneOf('direction', DIRECTIONS)},
        direction_basis TEXT NOT NULL ${oneOf('direction_basis', DIRECTION_BASES)},
        kind TEXT NOT NULL ${oneOf('kind', MESSAGE_KINDS)},
        system_kind TEXT,
        body TEXT NOT NULL,
        edited TEXT NOT NULL ${oneOf('edited', EDITED_KINDS)},
        edit_history TEXT CHECK (edit_history IS NULL OR json_valid(edit_history)),
        deleted TEXT NOT NULL ${oneOf('deleted', DELETED_KINDS)},
        reply_to_external_id TEXT,
        reply_to_message_id INTEGER REFERENCES messages(id),
        confidence TEXT NOT NULL ${oneOf('confidence', ['high', 'low'])},
        locator_file TEXT NOT NULL,
        locator_line_start INTEGER,
        locator_line_end INTEGER,
        locator_record TEXT,
        locator_byte_offset INTEGER,
        ${JSON_ARRAY('repairs')},
        -- Computed only for conversations that another source also holds (see import/duplicates.ts).
        content_key TEXT,
        duplicate_group_id INTEGER REFERENCES duplicate_groups(id),
        CHECK (sent_at IS NULL OR sent_at_raw IS NOT NULL),
        CHECK (locator_line_end IS NULL OR locator_line_end >= locator_line_start),
        CHECK (kind <> 'system' OR direction = 'system')
      ) STRICT;
      -- The hot paths: a conversation's timeline in source order, date filters, per-source work.
      CREATE UNIQUE INDEX messages_by_conversation_seq ON messages(conversation_id, seq);
      CREATE INDEX messages_by_sent_at ON messages(sent_at);
      CREATE INDEX messages_by_source ON messages(source_id, seq);
      CREATE INDEX messages_by_duplicate_group ON messages(duplicate_group_id) WHERE duplicate_group_id IS NOT NULL;
      CREATE INDEX messages_by_content_key ON messages(content_key) WHERE content_key IS NOT NULL;

      CREATE TABLE reactions (
        id INTEGER PRIMARY KEY,
        message_id INTEGER NOT NULL REFERENCES messages(id),
        participant_id INTEGER REFERENCES participants(id),
        actor_label TEXT NOT NULL,
        reaction TEXT NOT NULL,
        reacted_at INTEGER,
        reacted_at_raw TEXT
      ) STRICT;
      CREATE INDEX reactions_by_message ON reactions(message_id);

      CREATE TABLE attachments (
        id INTEGER PRIMARY KEY,
        message_id INTEGER NOT NULL REFERENCES messages(id),
        file_name TEXT,
        mime TEXT,
        path_in_source TEXT,
        size INTEGER CHECK (size IS NULL OR size >= 0),
        sha256 TEXT CHECK (sha256 IS NULL OR length(sha256) = 64),
        ${BOOL('present')},
        missing_reason TEXT,
        CHECK (present = 1 OR missing_reason IS NOT NULL),
        CHECK (present = 0 OR sha256 IS NOT NULL)
      ) STRICT;
      CREATE INDEX attachments_by_message ON attachments(message_id);

      -- One assessment can cover a run of items (fillable in bulk), hence its own table.
      CREATE TABLE article8_assessments (
        id INTEGER PRIMARY KEY,
        engaged TEXT NOT NULL ${oneOf('engaged', ARTICLE8_ENGAGED)},
        whose TEXT ${oneOf('whose', ARTICLE8_WHOSE)},
        objective TEXT NOT NULL,
        rational_connection TEXT NOT NULL,
        less_intrusive_step TEXT NOT NULL ${oneOf('less_intrusive_step', LESS_INTRUSIVE_STEPS)},
        less_intrusive_reasoning TEXT NOT NULL,
        fair_balance TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        created_by TEXT NOT NULL
      ) STRICT;

      CREATE TABLE review_events (
        id INTEGER PRIMARY KEY,
        message_id INTEGER NOT NULL REFERENCES messages(id),
        batch_id TEXT NOT NULL,
        origin TEXT NOT NULL ${oneOf('origin', ['decision', 'bulk', 'propagation', 'undo', 'redo', 'custodian_flag'])},
        classification TEXT NOT NULL ${oneOf('classification', CLASSIFICATIONS)},
        relevance TEXT NOT NULL ${oneOf('relevance', RELEVANCES)},
        outcome TEXT NOT NULL ${oneOf('outcome', OUTCOMES)},
        article8_id INTEGER REFERENCES article8_assessments(id),
        rationale TEXT NOT NULL,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL
      ) STRICT;
      CREATE INDEX review_events_by_message ON review_events(message_id, id);
      CREATE INDEX review_events_by_batch ON review_events(batch_id);

      -- The current decision per message; review_events is the history it was derived from.
      CREATE TABLE reviews (
        message_id INTEGER PRIMARY KEY REFERENCES messages(id),
        classification TEXT NOT NULL ${oneOf('classification', CLASSIFICATIONS)},
        relevance TEXT NOT NULL ${oneOf('relevance', RELEVANCES)},
        outcome TEXT NOT NULL ${oneOf('outcome', OUTCOMES)},
        article8_id INTEGER REFERENCES article8_assessments(id),
        rationale TEXT NOT NULL,
        last_event_id INTEGER NOT NULL REFERENCES review_events(id),
        updated_at INTEGER NOT NULL,
        updated_by TEXT NOT NULL
      ) STRICT;
      CREATE INDEX reviews_by_outcome ON reviews(outcome);
      CREATE INDEX reviews_by_classification ON reviews(classification);

      CREATE TABLE reason_codes (
        code TEXT PRIMARY KEY CHECK (code GLOB '[a-z0-9]*' AND code NOT GLOB '*[^a-z0-9-]*'),
        label TEXT NOT NULL CHECK (length(trim(label)) > 0),
        description TEXT NOT NULL,
        ${BOOL('builtin')},
        sort_order INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE redactions (
        id INTEGER PRIMARY KEY,
        message_id INTEGER NOT NULL REFERENCES messages(id),
        kind TEXT NOT NULL ${oneOf('kind', ['span', 'whole'])},
        start_utf16 INTEGER,
        end_utf16 INTEGER,
        reason_code TEXT NOT NULL REFERENCES reason_codes(code),
        note TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        created_by TEXT NOT NULL,
        removed_at INTEGER,
        removed_by TEXT,
        superseded_by INTEGER REFERENCES redactions(id),
        CHECK ((kind = 'span' AND start_utf16 >= 0 AND end_utf16 > start_utf16)
            OR (kind = 'whole' AND start_utf16 IS NULL AND end_utf16 IS NULL)),
        CHECK ((removed_at IS NULL) = (removed_by IS NULL))
      ) STRICT;
      CREATE INDEX redactions_live_by_message ON redactions(message_id) WHERE removed_at IS NULL;

      CREATE TABLE bundles (
        id INTEGER PRIMARY KEY,
        reference_prefix TEXT NOT NULL,
        first_number INTEGER NOT NULL CHECK (first_number >= 0),
        reference_width INTEGER NOT NULL CHECK (reference_width BETWEEN 1 AND 18),
        document_unit TEXT NOT NULL ${oneOf('document_unit', DOCUMENT_UNITS)},
        settings TEXT NOT NULL CHECK (json_valid(settings)),
        output_dir TEXT NOT NULL,
        file_hashes TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(file_hashes)),
        decisions_hash TEXT NOT NULL CHECK (length(decisions_hash) = 64),
        page_count INTEGER NOT NULL CHECK (page_count >= 0),
        created_at INTEGER NOT NULL,
        created_by TEXT NOT NULL
      ) STRICT;

      CREATE TABLE bundle_items (
        bundle_id INTEGER NOT NULL REFERENCES bundles(id),
        message_id INTEGER NOT NULL REFERENCES messages(id),
        reference TEXT NOT NULL,
        page_start INTEGER NOT NULL CHECK (page_start >= 1),
        page_end INTEGER NOT NULL CHECK (page_end >= page_start),
        PRIMARY KEY (bundle_id, message_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX bundle_items_by_reference ON bundle_items(bundle_id, reference);

      -- AUTOINCREMENT: ids are never reused, so removing the newest entries leaves a trace in sqlite_sequence.
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        subject TEXT NOT NULL,
        details TEXT NOT NULL CHECK (json_valid(details)),
        prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
        hash TEXT NOT NULL UNIQUE CHECK (length(hash) = 64)
      ) STRICT;

      -- Append-only by construction as well as by the hash chain: the app itself cannot rewrite history.
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER review_events_no_update BEFORE UPDATE ON review_events
        BEGIN SELECT RAISE(ABORT, 'review_events is append-only'); END;
      CREATE TRIGGER review_events_no_delete BEFORE DELETE ON review_events
        BEGIN SELECT RAISE(ABORT, 'review_events is append-only'); END;
      CREATE TRIGGER redactions_never_deleted BEFORE DELETE ON redactions
        BEGIN SELECT RAISE(ABORT, 'redactions are superseded, never deleted'); END;
    `);
    const seed = db.prepare('INSERT INTO reason_codes (code, label, description, builtin, sort_order) VALUES (?, ?, ?, 1, ?)');
    DEFAULT_REASON_CODES.forEach((reason, i) => seed.run(reason.code, reason.label, reason.description, i));
  },
};
