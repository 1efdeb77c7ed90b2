/**
 * Migration 0015 adds the case's attachment bytes. A case at the previous schema keeps every
 * attachment as it was, now read as not kept (its bytes were never in the case), and the new rules hold:
 * an attachment is kept only when present and only when the case holds its bytes.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate, SCHEMA_VERSION } from '../../db/migrations';

const BYTES = MIGRATIONS.findIndex((m) => m.name === 'attachment bytes');
const SHA = 'ab'.repeat(32);

describe('migration 0015, attachment bytes', () => {
  it('migrates a case at 0014: its attachments stay, not kept and without notes, and the new rules hold', () => {
    expect(BYTES).toBe(14);
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, ':memory:', { migrations: MIGRATIONS.slice(0, BYTES) });
    db.exec(`
      INSERT INTO custodians (id, name, created_at) VALUES (1, 'Fiona Laird', 0);
      INSERT INTO sources (id, custodian_id, device_label, format, file_name, file_path, file_size, sha256, imported_at, imported_by, parser_version, time_zone)
        VALUES (1, 1, '', 'whatsapp', 'a.zip', '/a.zip', 1, '${SHA}', 0, 'me', 'w/1', 'Europe/London');
      INSERT INTO conversations (id, source_id, source_key, platform, kind, title, fingerprint) VALUES (1, 1, 'a', 'whatsapp', 'group', 'A', 'fa');
      INSERT INTO messages (id, conversation_id, source_id, seq, tz_basis, direction, direction_basis, kind, body, edited, deleted, confidence, locator_file)
        VALUES (1, 1, 1, 0, 'unknown', 'unknown', 'unknown', 'media', '', 'none', 'none', 'high', 'a.txt');
      INSERT INTO attachments (message_id, file_name, mime, path_in_source, size, sha256, present, missing_reason)
        VALUES (1, 'IMG-0001.jpg', 'image/jpeg', 'IMG-0001.jpg', 3, '${SHA}', 1, NULL),
               (1, 'IMG-0002.jpg', 'image/jpeg', NULL, NULL, NULL, 0, 'media omitted by export');
    `);
    const before = db.prepare('SELECT id, file_name, sha256, present, missing_reason FROM attachments ORDER BY id').all();

    migrate(db, ':memory:');

    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare('SELECT id, file_name, sha256, present, missing_reason FROM attachments ORDER BY id').all()).toEqual(before);
    expect(db.prepare('SELECT kept, notes, detected_mime FROM attachments ORDER BY id').all()).toEqual([
      { kept: 0, notes: '[]', detected_mime: null },
      { kept: 0, notes: '[]', detected_mime: null },
    ]);
    expect(db.prepare('SELECT count(*) FROM blobs').pluck().get()).toBe(0);

    // Kept needs the bytes in the case, and a present file.
    expect(() => db.exec('UPDATE attachments SET kept = 1 WHERE id = 1')).toThrow(/has no bytes in the case/);
    expect(() => db.exec(`UPDATE attachments SET notes = 'not a list' WHERE id = 1`)).toThrow(/CHECK constraint/);
    db.transaction(() => {
      // A chunk may come before its blob row (its hash is known at the end); the reference holds at commit.
      db.prepare('INSERT INTO blob_chunks (blob_id, n, bytes) VALUES (1, 0, ?)').run(Buffer.from('abc'));
      db.prepare('INSERT INTO blobs (id, sha256, size, chunk_size) VALUES (1, ?, 3, 1048576)').run(SHA);
    })();
    db.exec('UPDATE attachments SET kept = 1 WHERE id = 1');
    expect(() => db.exec(`UPDATE attachments SET kept = 1, sha256 = '${SHA}' WHERE id = 2`)).toThrow(/CHECK constraint/);
    expect(db.prepare('SELECT kept FROM attachments WHERE id = 1').pluck().get()).toBe(1);
    expect(() => db.prepare('INSERT INTO blobs (sha256, size, chunk_size) VALUES (?, 3, 1048576)').run(SHA)).toThrow(/UNIQUE/);
    expect(() =>
      db.transaction(() => db.prepare('INSERT INTO blob_chunks (blob_id, n, bytes) VALUES (7, 0, ?)').run(Buffer.from('x')))(),
    ).toThrow(/FOREIGN KEY/);
  });
});
