/**
 * The whole data model (docs/spec.md §2). STRICT tables; NOT NULL wherever a value always exists, so a
 * missing value is a deliberate NULL with a meaning ("the source gave no time"), never an accident.
 *
 * Frozen: this is the SQL text version 1 shipped with, written out literally (it was once built from
 * the domain's live lists, so adding a value silently changed "schema v1" for new cases only). New
 * enumeration values arrive by new migrations; test/db/frozen-migrations.test.ts fails if this text
 * changes. Enumerations are OR chains rather than `IN (…)`: SQLite evaluates a CHECK's IN list by
 * building a temporary table for every row, which made each message insert ~10 µs slower.
 */
import type { Migration } from './types';

export const initial: Migration = {
  version: 1,
  name: 'initial data model',
  steps: [
    `
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
        mode TEXT NOT NULL CHECK (mode = 'full' OR mode = 'custodian_check'),
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
        format TEXT NOT NULL CHECK (format = 'whatsapp' OR format = 'sms_backup_restore' OR format = 'telegram' OR format = 'imessage' OR format = 'cellebrite_ufdr' OR format = 'rsmf'),
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
      CREATE INDEX sources_by_custodian ON sources(custodian_id);

      -- Warnings, repairs and assumptions made while importing, shown to the user with the source.
      CREATE TABLE source_notes (
        id INTEGER PRIMARY KEY,
        source_id INTEGER NOT NULL REFERENCES sources(id),
        kind TEXT NOT NULL CHECK (kind = 'warning' OR kind = 'repair' OR kind = 'assumption'),
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
        kind TEXT NOT NULL CHECK (kind = 'phone' OR kind = 'email' OR kind = 'username'),
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
        is_owner INTEGER NOT NULL DEFAULT 0 CHECK (is_owner = 0 OR is_owner = 1),
        person_id INTEGER REFERENCES people(id),
        UNIQUE (source_id, source_key)
      ) STRICT;
      CREATE INDEX participants_by_person ON participants(person_id);

      CREATE TABLE conversations (
        id INTEGER PRIMARY KEY,
        source_id INTEGER NOT NULL REFERENCES sources(id),
        source_key TEXT NOT NULL,
        platform TEXT NOT NULL CHECK (platform = 'whatsapp' OR platform = 'sms' OR platform = 'imessage' OR platform = 'telegram' OR platform = 'signal' OR platform = 'other'),
        kind TEXT NOT NULL CHECK (kind = 'direct' OR kind = 'group' OR kind = 'channel' OR kind = 'unknown'),
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
        tz_basis TEXT NOT NULL CHECK (tz_basis = 'explicit' OR tz_basis = 'unknown' OR tz_basis GLOB 'assumed:?*'),
        sender_participant_id INTEGER REFERENCES participants(id),
        direction TEXT NOT NULL CHECK (direction = 'outgoing' OR direction = 'incoming' OR direction = 'system' OR direction = 'unknown'),
        direction_basis TEXT NOT NULL CHECK (direction_basis = 'source' OR direction_basis = 'owner_handle' OR direction_basis = 'custodian_name' OR direction_basis = 'unknown'),
        kind TEXT NOT NULL CHECK (kind = 'text' OR kind = 'media' OR kind = 'system' OR kind = 'call' OR kind = 'deleted' OR kind = 'location' OR kind = 'poll' OR kind = 'contact' OR kind = 'other'),
        system_kind TEXT,
        body TEXT NOT NULL,
        edited TEXT NOT NULL CHECK (edited = 'none' OR edited = 'edited_history_unknown' OR edited = 'edited_history_known'),
        edit_history TEXT CHECK (edit_history IS NULL OR json_valid(edit_history)),
        deleted TEXT NOT NULL CHECK (deleted = 'none' OR deleted = 'placeholder' OR deleted = 'recovered'),
        reply_to_external_id TEXT,
        reply_to_message_id INTEGER REFERENCES messages(id),
        confidence TEXT NOT NULL CHECK (confidence = 'high' OR confidence = 'low'),
        locator_file TEXT NOT NULL,
        locator_line_start INTEGER,
        locator_line_end INTEGER,
        locator_record TEXT,
        locator_byte_offset INTEGER,
        repairs TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(repairs) AND json_type(repairs) = 'array'),
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
        present INTEGER NOT NULL DEFAULT 0 CHECK (present = 0 OR present = 1),
        missing_reason TEXT,
        CHECK (present = 1 OR missing_reason IS NOT NULL),
        CHECK (present = 0 OR sha256 IS NOT NULL)
      ) STRICT;
      CREATE INDEX attachments_by_message ON attachments(message_id);

      -- One assessment can cover a run of items (fillable in bulk), hence its own table.
      CREATE TABLE article8_assessments (
        id INTEGER PRIMARY KEY,
        engaged TEXT NOT NULL CHECK (engaged = 'yes' OR engaged = 'no' OR engaged = 'unclear'),
        whose TEXT CHECK (whose = 'custodian' OR whose = 'third_party' OR whose = 'both'),
        objective TEXT NOT NULL,
        rational_connection TEXT NOT NULL,
        less_intrusive_step TEXT NOT NULL CHECK (less_intrusive_step = 'none' OR less_intrusive_step = 'redaction' OR less_intrusive_step = 'gist' OR less_intrusive_step = 'summary' OR less_intrusive_step = 'withholding'),
        less_intrusive_reasoning TEXT NOT NULL,
        fair_balance TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        created_by TEXT NOT NULL
      ) STRICT;

      CREATE TABLE review_events (
        id INTEGER PRIMARY KEY,
        message_id INTEGER NOT NULL REFERENCES messages(id),
        batch_id TEXT NOT NULL,
        origin TEXT NOT NULL CHECK (origin = 'decision' OR origin = 'bulk' OR origin = 'propagation' OR origin = 'undo' OR origin = 'redo' OR origin = 'custodian_flag'),
        classification TEXT NOT NULL CHECK (classification = 'business' OR classification = 'personal' OR classification = 'mixed' OR classification = 'unclassified'),
        relevance TEXT NOT NULL CHECK (relevance = 'relevant' OR relevance = 'not_relevant' OR relevance = 'unassessed'),
        outcome TEXT NOT NULL CHECK (outcome = 'disclose' OR outcome = 'disclose_redacted' OR outcome = 'withhold' OR outcome = 'pending'),
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
        classification TEXT NOT NULL CHECK (classification = 'business' OR classification = 'personal' OR classification = 'mixed' OR classification = 'unclassified'),
        relevance TEXT NOT NULL CHECK (relevance = 'relevant' OR relevance = 'not_relevant' OR relevance = 'unassessed'),
        outcome TEXT NOT NULL CHECK (outcome = 'disclose' OR outcome = 'disclose_redacted' OR outcome = 'withhold' OR outcome = 'pending'),
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
        builtin INTEGER NOT NULL DEFAULT 0 CHECK (builtin = 0 OR builtin = 1),
        sort_order INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE redactions (
        id INTEGER PRIMARY KEY,
        message_id INTEGER NOT NULL REFERENCES messages(id),
        kind TEXT NOT NULL CHECK (kind = 'span' OR kind = 'whole'),
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
        document_unit TEXT NOT NULL CHECK (document_unit = 'conversation' OR document_unit = 'day'),
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

      INSERT INTO reason_codes (code, label, description, builtin, sort_order) VALUES
        ('irrelevant-sensitive', 'Irrelevant and sensitive', 'Outside the request and sensitive.', 1, 0),
        ('personal-third-party', 'Personal data (third party)', 'Personal data of someone other than the custodian.', 1, 1),
        ('personal-contact', 'Personal data (contact details)', 'Telephone numbers, e-mail or postal addresses.', 1, 2),
        ('article-8', 'Article 8: private and family life', 'Interference not justified under Article 8(2) ECHR.', 1, 3),
        ('lpp', 'Legal professional privilege', 'Legal advice or litigation privilege.', 1, 4),
        ('national-security', 'National security', 'Disclosure would damage national security.', 1, 5),
        ('commercial', 'Commercially sensitive', 'Commercially confidential information.', 1, 6);
    `,
  ],
};
