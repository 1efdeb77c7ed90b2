import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate } from '../../db/migrations';

const RECORDS = MIGRATIONS.findIndex((m) => m.name === 'custodian pack records');

/** A case as the previous build left it: one custodian, and a pack exported for them. */
function caseBeforeRecords(): Database.Database {
  const db = new Database(':memory:');
  migrate(db, ':memory:', { migrations: MIGRATIONS.slice(0, RECORDS) });
  db.prepare("INSERT INTO custodians (id, name, created_at) VALUES (1, 'Fiona Laird', 0)").run();
  db.prepare(
    `INSERT INTO custodian_packs (pack_id, parent_case_id, custodian_id, custodian_name, messages, file_name, exported_at, exported_by)
     VALUES ('old-pack', 'case-1', 1, 'Fiona Laird', 3, 'fiona.ddcase', 1, 'alice')`,
  ).run();
  return db;
}

describe('migration 0011, custodian pack records', () => {
  it('migrates an existing case: its earlier packs are kept, with no record (so their flags are refused, not trusted)', () => {
    expect(RECORDS).toBeGreaterThan(0);
    const db = caseBeforeRecords();
    migrate(db, ':memory:');
    expect(db.prepare('SELECT pack_id, custodian_id, messages FROM custodian_packs').all()).toEqual([
      { pack_id: 'old-pack', custodian_id: 1, messages: 3 },
    ]);
    expect(db.prepare('SELECT count(*) FROM custodian_pack_records').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM custodian_pack_messages').pluck().get()).toBe(0);
  });

  it('keeps a record as written: never changed, never deleted', () => {
    const db = caseBeforeRecords();
    migrate(db, ':memory:');
    db.prepare("INSERT INTO custodian_pack_records (pack_id, schema_version, content_sha256, messages) VALUES ('old-pack', 11, ?, 1)").run(
      'a'.repeat(64),
    );
    db.prepare("INSERT INTO custodian_pack_messages (pack_id, message_id) VALUES ('old-pack', 7)").run();
    expect(() => db.prepare('UPDATE custodian_pack_records SET content_sha256 = ?').run('b'.repeat(64))).toThrow('never changed');
    expect(() => db.prepare('DELETE FROM custodian_pack_records').run()).toThrow('never deleted');
    expect(() => db.prepare('UPDATE custodian_pack_messages SET message_id = 8').run()).toThrow('never changed');
    expect(() => db.prepare('DELETE FROM custodian_pack_messages').run()).toThrow('never deleted');
    expect(() =>
      db
        .prepare(
          "INSERT INTO custodian_pack_records (pack_id, schema_version, content_sha256, messages) VALUES ('old-pack', 11, 'short', 1)",
        )
        .run(),
    ).toThrow(/CHECK constraint failed/);
  });
});
