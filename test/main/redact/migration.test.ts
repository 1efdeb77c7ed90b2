import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WritableDB } from '../../../db/connection';
import { MIGRATIONS, SCHEMA_VERSION, migrate } from '../../../db/migrations';
import { useTempDir } from '../../helpers/temp';
import { makeCase } from '../../helpers/case';
import { guardedTables } from '../../../main/review/pack-guard';

describe('migration 5: redaction names', () => {
  const tempDir = useTempDir();

  it('keeps one live row per name key, allows it again once removed, and refuses deletes', () => {
    const db = makeCase(tempDir()).writable!;
    const insert = db.prepare("INSERT INTO redaction_names (name, name_key, note, added_at, added_by) VALUES ('Jane', 'jane', '', 0, 't')");
    const id = Number(insert.run().lastInsertRowid);
    expect(() => insert.run()).toThrow(/UNIQUE/);
    db.prepare("UPDATE redaction_names SET removed_at = 1, removed_by = 't' WHERE id = ?").run(id);
    expect(() => insert.run()).not.toThrow();
    expect(() => db.prepare('DELETE FROM redaction_names').run()).toThrow(/never deleted/);
  });

  it('looks live names up by the partial index', () => {
    const db = makeCase(tempDir()).writable!;
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT id FROM redaction_names WHERE removed_at IS NULL AND name_key = 'jane'").all() as {
      detail: string;
    }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('redaction_names_live');
  });
});

describe('migration 6: label redactions', () => {
  const tempDir = useTempDir();
  const seed = (db: WritableDB): void => {
    db.exec(`INSERT INTO custodians (name, created_at) VALUES ('C', 0);
      INSERT INTO sources (custodian_id, device_label, format, file_name, file_path, file_size, sha256, imported_at, imported_by, parser_version, time_zone, message_count, conversation_count)
        VALUES (1, 'phone', 'whatsapp', 'chat.txt', '/x', 1, '${'a'.repeat(64)}', 0, 't', 'w/1', 'Europe/London', 0, 0);
      INSERT INTO participants (source_id, source_key, label) VALUES (1, 'p', 'Mum');`);
  };

  it('keeps one live redaction per label, needs exactly one target, and refuses deletes', () => {
    const db = makeCase(tempDir()).writable!;
    seed(db);
    const insert = db.prepare(
      "INSERT INTO label_redactions (participant_id, reason_code, note, created_at, created_by) VALUES (1, 'article-8', '', 0, 't')",
    );
    const id = Number(insert.run().lastInsertRowid);
    expect(() => insert.run()).toThrow(/UNIQUE/);
    db.prepare("UPDATE label_redactions SET removed_at = 1, removed_by = 't' WHERE id = ?").run(id);
    expect(() => insert.run()).not.toThrow();
    expect(() =>
      db.prepare("INSERT INTO label_redactions (reason_code, note, created_at, created_by) VALUES ('article-8', '', 0, 't')").run(),
    ).toThrow(/CHECK/);
    expect(() => db.prepare('DELETE FROM label_redactions').run()).toThrow(/never deleted/);
  });

  it('is guarded in a custodian check pack like every other table', () => {
    const db = makeCase(tempDir()).writable!;
    expect(guardedTables(db)).toContain('label_redactions');
  });
});

describe('migration 7: redaction changes in review batches', () => {
  const tempDir = useTempDir();
  const V6 = MIGRATIONS.slice(0, 6);

  /** A case file as the last release left it: schema v6, with a redaction and a decision batch. */
  const v6Case = (): Database.Database => {
    const db = new Database(join(tempDir(), 'old.ddcase'));
    db.pragma('foreign_keys = ON');
    migrate(db, 'old.ddcase', { migrations: V6 });
    db.exec(`INSERT INTO custodians (name, created_at) VALUES ('C', 0);
      INSERT INTO sources (custodian_id, device_label, format, file_name, file_path, file_size, sha256, imported_at, imported_by, parser_version, time_zone, message_count, conversation_count)
        VALUES (1, 'phone', 'whatsapp', 'chat.txt', '/x', 1, '${'a'.repeat(64)}', 0, 't', 'w/1', 'Europe/London', 1, 1);
      INSERT INTO conversations (source_id, source_key, platform, kind, title, fingerprint, message_count) VALUES (1, 'c', 'whatsapp', 'group', 'Chat', 'fp', 1);
      INSERT INTO messages (conversation_id, source_id, seq, tz_basis, direction, direction_basis, kind, body, edited, deleted, confidence, locator_file, position)
        VALUES (1, 1, 0, 'explicit', 'incoming', 'source', 'text', 'Ring 07700 900461', 'none', 'none', 'high', 'chat.txt', 0);
      INSERT INTO redactions (message_id, kind, start_utf16, end_utf16, reason_code, note, created_at, created_by) VALUES (1, 'span', 5, 17, 'personal-contact', '', 1, 't');
      INSERT INTO review_batches (batch_id, actor, kind, summary, events, at) VALUES ('b1', 'alice', 'decision', 'outcome → disclose on message 1', 1, 1);`);
    expect(db.pragma('user_version', { simple: true })).toBe(6);
    return db;
  };

  it('upgrades an existing case, keeping its redactions and batches, and records which batch changed which redaction', () => {
    const db = v6Case();
    expect(migrate(db, 'old.ddcase')).toBe(SCHEMA_VERSION);
    expect(db.prepare('SELECT count(*) FROM redactions').pluck().get()).toBe(1);
    expect(db.prepare("SELECT summary FROM review_batches WHERE batch_id = 'b1'").pluck().get()).toBe('outcome → disclose on message 1');
    db.exec("INSERT INTO redaction_batch_changes (batch_id, redaction_id, change) VALUES ('b1', 1, 'removed')");
    expect(() => db.exec("UPDATE redaction_batch_changes SET change = 'added'")).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM redaction_batch_changes')).toThrow(/append-only/);
    expect(() => db.exec("INSERT INTO redaction_batch_changes (batch_id, change) VALUES ('b1', 'added')")).toThrow(/CHECK/);
    expect(() => db.exec("INSERT INTO redaction_batch_changes (batch_id, redaction_id, change) VALUES ('b1', 1, 'moved')")).toThrow(
      /CHECK/,
    );
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT * FROM redaction_batch_changes WHERE batch_id = 'b1'").all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('redaction_batch_changes_by_batch');
  });

  it('checks the batch at commit, so a change can be written before its batch row in the same transaction', () => {
    const db = v6Case();
    migrate(db, 'old.ddcase');
    const write = (batchRow: boolean) =>
      db.transaction(() => {
        db.exec("INSERT INTO redaction_batch_changes (batch_id, redaction_id, change) VALUES ('b2', 1, 'added')");
        if (batchRow)
          db.exec("INSERT INTO review_batches (batch_id, actor, kind, summary, events, at) VALUES ('b2', 'alice', 'decision', 's', 1, 2)");
      })();
    expect(() => write(false)).toThrow(/FOREIGN KEY/);
    expect(() => write(true)).not.toThrow();
  });

  it('is guarded in a custodian check pack like every other table', () => {
    const db = makeCase(tempDir()).writable!;
    expect(guardedTables(db)).toContain('redaction_batch_changes');
  });
});
