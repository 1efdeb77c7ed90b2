import { describe, expect, it } from 'vitest';
import type { WritableDB } from '../../../db/connection';
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
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT id FROM redaction_names WHERE removed_at IS NULL AND name_key = 'jane'").all() as { detail: string }[];
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
    const insert = db.prepare("INSERT INTO label_redactions (participant_id, reason_code, note, created_at, created_by) VALUES (1, 'article-8', '', 0, 't')");
    const id = Number(insert.run().lastInsertRowid);
    expect(() => insert.run()).toThrow(/UNIQUE/);
    db.prepare("UPDATE label_redactions SET removed_at = 1, removed_by = 't' WHERE id = ?").run(id);
    expect(() => insert.run()).not.toThrow();
    expect(() => db.prepare("INSERT INTO label_redactions (reason_code, note, created_at, created_by) VALUES ('article-8', '', 0, 't')").run()).toThrow(/CHECK/);
    expect(() => db.prepare('DELETE FROM label_redactions').run()).toThrow(/never deleted/);
  });

  it('is guarded in a custodian check pack like every other table', () => {
    const db = makeCase(tempDir()).writable!;
    expect(guardedTables(db)).toContain('label_redactions');
  });
});
