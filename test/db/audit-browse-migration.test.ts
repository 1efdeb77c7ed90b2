import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate, SCHEMA_VERSION } from '../../db/migrations';

const plan = (db: Database.Database, query: string): string =>
  (db.prepare(`EXPLAIN QUERY PLAN ${query}`).all() as { detail: string }[]).map((row) => row.detail).join('\n');

describe('migration 8: audit log browse indexes', () => {
  it('upgrades a case with a log from the previous version, keeping every entry, and serves the filters from indexes', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, ':memory:', { migrations: MIGRATIONS.slice(0, 6) });
    db.exec(`INSERT INTO audit_log (at, actor, action, subject, details, prev_hash, hash)
             VALUES (5, 'Priya Shah', 'review.decided', 'batch:b1', '{}', '${'0'.repeat(64)}', '${'1'.repeat(64)}')`);
    expect(migrate(db, ':memory:')).toBe(SCHEMA_VERSION);
    expect(db.prepare('SELECT actor, action, subject FROM audit_log').all()).toEqual([
      { actor: 'Priya Shah', action: 'review.decided', subject: 'batch:b1' },
    ]);
    expect(plan(db, "SELECT id FROM audit_log WHERE action = 'x' ORDER BY id DESC")).toMatch(/audit_log_by_action/);
    expect(plan(db, "SELECT id FROM audit_log WHERE actor = 'x' ORDER BY id DESC")).toMatch(/audit_log_by_actor/);
    expect(plan(db, 'SELECT id FROM audit_log WHERE at >= 1 AND at < 2')).toMatch(/audit_log_by_at/);
    expect(plan(db, "SELECT id FROM audit_log WHERE subject IN ('message:1', 'batch:b1')")).toMatch(/audit_log_by_subject/);
  });
});
