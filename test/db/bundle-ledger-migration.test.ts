import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate } from '../../db/migrations';

const LEDGER = MIGRATIONS.findIndex((m) => m.name === 'bundle ledger');

/** A case as the previous build left it: two bundles recorded, one of three references and one of one. */
function caseBeforeLedger(): Database.Database {
  const db = new Database(':memory:');
  migrate(db, ':memory:', { migrations: MIGRATIONS.slice(0, LEDGER) });
  // The items point at messages this test does not import: only the ledger's arithmetic is under test.
  db.pragma('foreign_keys = OFF');
  const bundle = db.prepare(
    `INSERT INTO bundles (reference_prefix, first_number, reference_width, document_unit, settings, output_dir, decisions_hash, page_count, created_at, created_by)
     VALUES ('INQ', ?, 9, 'conversation', '{}', '/b', ?, 5, 1, 'r')`,
  );
  const item = db.prepare('INSERT INTO bundle_items (bundle_id, message_id, reference, page_start, page_end) VALUES (?, ?, ?, 3, 3)');
  const first = Number(bundle.run(1, 'a'.repeat(64)).lastInsertRowid);
  [1, 2, 3, 4].forEach((m) => item.run(first, m, `INQ00000000${Math.min(m, 3)}`));
  const second = Number(bundle.run(10, 'b'.repeat(64)).lastInsertRowid);
  item.run(second, 9, 'INQ000000010');
  db.pragma('foreign_keys = ON');
  return db;
}

describe('migration 0010, the bundle ledger', () => {
  it('migrates an existing case: earlier bundles are final, version 1, with the last number their items used', () => {
    expect(LEDGER).toBeGreaterThan(0);
    const db = caseBeforeLedger();
    migrate(db, ':memory:');
    expect(
      db.prepare('SELECT first_number, last_number, draft, version, reissue_of, acknowledgement FROM bundles ORDER BY id').all(),
    ).toEqual([
      { first_number: 1, last_number: 3, draft: 0, version: 1, reissue_of: null, acknowledgement: null },
      { first_number: 10, last_number: 10, draft: 0, version: 1, reissue_of: null, acknowledgement: null },
    ]);
  });

  it('refuses a bundle without its last number, or a re-issue without its reason', () => {
    const db = caseBeforeLedger();
    migrate(db, ':memory:');
    const insert = (lastNumber: number | null, reissueOf: number | null, reason: string | null, version: number) =>
      db
        .prepare(
          `INSERT INTO bundles (reference_prefix, first_number, last_number, reference_width, document_unit, settings, output_dir, decisions_hash, page_count, created_at, created_by, version, reissue_of, reissue_reason)
           VALUES ('INQ', 20, ?, 9, 'conversation', '{}', '/c', ?, 1, 1, 'r', ?, ?, ?)`,
        )
        .run(lastNumber, 'c'.repeat(64), version, reissueOf, reason);
    expect(() => insert(null, null, null, 1)).toThrow(/needs its last reference number/);
    expect(() => insert(21, 1, null, 2)).toThrow(/a re-issue its original, version and reason/);
    expect(() => insert(21, 1, 'typo', 1)).toThrow(/a re-issue its original, version and reason/);
    expect(() => insert(21, 1, 'typo', 2)).not.toThrow();
  });
});
