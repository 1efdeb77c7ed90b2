import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate } from '../../db/migrations';
import { countMatches, pageOfMatches } from '../../db/queries/search';
import type { ReadableDB } from '../../db/connection';

const atVersion = (version: number): Database.Database => {
  const db = new Database(':memory:');
  migrate(db, ':memory:', { migrations: MIGRATIONS.slice(0, version) });
  return db;
};

describe('migration 3: search index', () => {
  it('adds the FTS5 index, its vocabulary and an empty state (the index starts missing, the migration instant)', () => {
    const db = atVersion(3);
    const names = db.prepare("SELECT name FROM sqlite_schema WHERE name LIKE 'search_%' ORDER BY name").pluck().all();
    expect(names).toEqual(expect.arrayContaining(['search_documents', 'search_fts', 'search_state', 'search_vocab']));
    expect(db.prepare('SELECT count(*) FROM search_state').pluck().get()).toBe(0);
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'messages'").pluck().get()).toBe(0);
  });

  it('runs on a case that already has messages without indexing them', () => {
    const db = atVersion(2);
    db.exec(`INSERT INTO custodians (name, created_at) VALUES ('C', 0);
      INSERT INTO sources (custodian_id, device_label, format, file_name, file_path, file_size, sha256, imported_at, imported_by, parser_version, time_zone)
        VALUES (1, '', 'whatsapp', 'f', 'f', 0, '${'a'.repeat(64)}', 0, 'x', '1', 'Europe/London');
      INSERT INTO conversations (source_id, source_key, platform, kind, title, fingerprint) VALUES (1, 'k', 'whatsapp', 'group', 'Covid Core', 'f');
      INSERT INTO messages (conversation_id, source_id, seq, tz_basis, direction, direction_basis, kind, body, edited, deleted, confidence, locator_file, position)
        VALUES (1, 1, 0, 'unknown', 'incoming', 'unknown', 'text', 'café figures', 'none', 'none', 'high', 'f', 0);`);
    migrate(db, ':memory:', { migrations: MIGRATIONS.slice(0, 3) });
    expect(db.prepare("SELECT count(*) FROM search_fts WHERE search_fts MATCH 'figures'").pluck().get()).toBe(0);
    db.exec('INSERT INTO search_fts (rowid, body, sender, title) SELECT id, body, sender, title FROM search_documents');
    expect(db.prepare(`SELECT rowid FROM search_fts WHERE search_fts MATCH '"cafe" AND "covid"'`).pluck().all()).toEqual([1]);
  });

  it('answers a filtered search from the FTS index, not by scanning messages', () => {
    // The searches join each match through migration 0020's narrow index, so they need the whole schema.
    const db = atVersion(MIGRATIONS.length) as unknown as ReadableDB;
    expect(countMatches(db, '"x"', {})).toBe(0);
    expect(pageOfMatches(db, '"x"', { custodianIds: [1], outcomes: ['pending'] }, 'relevance', 10, 0)).toEqual([]);
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT m.id FROM search_fts f JOIN messages m INDEXED BY messages_for_search ON m.id = f.rowid
         LEFT JOIN reviews r ON r.message_id = m.id
         WHERE search_fts MATCH '"x"' AND coalesce(r.outcome, 'pending') = 'pending' ORDER BY f.rank`,
      )
      .all() as { detail: string }[];
    const details = plan.map((row) => row.detail).join('\n');
    expect(details).toMatch(/SCAN f VIRTUAL TABLE INDEX/);
    expect(details).toMatch(/SEARCH m USING COVERING INDEX messages_for_search \(id=\?\)/);
  });
});
