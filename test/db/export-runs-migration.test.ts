import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, SCHEMA_VERSION, migrate } from '../../db/migrations';

const RUNS = MIGRATIONS.findIndex((m) => m.name === 'export runs');

describe('migration 0012, export runs', () => {
  it('migrates an existing case: its bundles stay as they were, and no export is taken for interrupted', () => {
    expect(RUNS).toBeGreaterThan(0);
    const db = new Database(':memory:');
    migrate(db, ':memory:', { migrations: MIGRATIONS.slice(0, RUNS) });
    db.prepare(
      `INSERT INTO bundles (reference_prefix, first_number, last_number, reference_width, document_unit, settings, output_dir, file_hashes, decisions_hash, page_count, created_at, created_by)
       VALUES ('INQ', 1, 2, 9, 'conversation', '{}', '/b', '{"a.pdf":"x"}', ?, 5, 1, 'r')`,
    ).run('a'.repeat(64));
    const before = db.prepare('SELECT * FROM bundles').all();
    migrate(db, ':memory:');
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare('SELECT * FROM bundles').all()).toEqual(before);
    expect(db.prepare('SELECT count(*) FROM export_runs').pluck().get()).toBe(0);
    const insert = db.prepare('INSERT INTO export_runs (partial_dir, bundle_dir, started_at, started_by) VALUES (?, ?, 1, ?)');
    insert.run('/e/.b.partial-1a2b3c4d', '/e/b', 'r');
    expect(() => insert.run('/e/.b.partial-1a2b3c4d', '/e/b', 'r')).toThrow(/UNIQUE/);
    expect(() => insert.run('', '/e/b', 'r')).toThrow(/CHECK/);
  });
});
