/**
 * The bytes of every attachment file a source holds, kept in the case itself (docs/architecture.md,
 * "Attachment bytes"): the case stays one portable file, and the import's one transaction covers the
 * bytes as it covers the rows, so a cancel or failure leaves none behind.
 *
 * `blobs` has one row per distinct content (SHA-256), however many attachments, sources or custodians
 * hold it. The bytes are split into `blob_chunks` of `chunk_size` bytes (the last may be shorter):
 * better-sqlite3 has no incremental blob I/O, so a row is read or written whole, and fixed chunks keep
 * memory bounded and let a file past SQLite's 1 GB value limit fit. A chunk may be written before its
 * blob row (a large file's hash is known only at its end), hence the deferred reference.
 *
 * On `attachments`: `kept` says the bytes are in `blobs` (an attachment imported before this
 * migration, or one over the size limit, has kept = 0); `notes` is a JSON array of sentences about the
 * file ("not kept in the case: …", later "the name says .jpg but the content is PNG");
 * `detected_mime` is the type recognised from the content, filled when it has been sniffed.
 *
 * Literal SQL only: this text is frozen once shipped.
 */
import type { Migration } from './types';

export const attachmentBytes: Migration = {
  version: 15,
  name: 'attachment bytes',
  steps: [
    `
      CREATE TABLE blobs (
        id INTEGER PRIMARY KEY,
        sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
        size INTEGER NOT NULL CHECK (size >= 0),
        chunk_size INTEGER NOT NULL CHECK (chunk_size > 0)
      ) STRICT;
      CREATE TABLE blob_chunks (
        blob_id INTEGER NOT NULL REFERENCES blobs(id) DEFERRABLE INITIALLY DEFERRED,
        n INTEGER NOT NULL CHECK (n >= 0),
        bytes BLOB NOT NULL,
        PRIMARY KEY (blob_id, n)
      ) STRICT;
      ALTER TABLE attachments ADD COLUMN kept INTEGER NOT NULL DEFAULT 0 CHECK (kept = 0 OR (kept = 1 AND present = 1));
      ALTER TABLE attachments ADD COLUMN notes TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(notes) AND json_type(notes) = 'array');
      ALTER TABLE attachments ADD COLUMN detected_mime TEXT;
      CREATE INDEX attachments_by_sha256 ON attachments(sha256) WHERE sha256 IS NOT NULL;
      CREATE TRIGGER attachments_kept_have_bytes BEFORE INSERT ON attachments
        WHEN NEW.kept = 1 AND NOT EXISTS (SELECT 1 FROM blobs WHERE sha256 = NEW.sha256)
        BEGIN SELECT RAISE(ABORT, 'an attachment said to be kept has no bytes in the case'); END;
      CREATE TRIGGER attachments_kept_have_bytes_on_update BEFORE UPDATE OF kept, sha256 ON attachments
        WHEN NEW.kept = 1 AND NOT EXISTS (SELECT 1 FROM blobs WHERE sha256 = NEW.sha256)
        BEGIN SELECT RAISE(ABORT, 'an attachment said to be kept has no bytes in the case'); END;
    `,
  ],
};
