import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, SCHEMA_VERSION, migrate } from '../../db/migrations';
import type { Migration } from '../../db/migrations/types';
import { DEFAULT_REASON_CODES } from '../../common/domain/model';

const fresh = (): Database.Database => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  return db;
};

const migrated = (): Database.Database => {
  const db = fresh();
  migrate(db, ':memory:');
  return db;
};

/** The query plan's detail lines, e.g. "SEARCH messages USING INDEX messages_by_sent_at (sent_at>? AND sent_at<?)". */
const plan = (db: Database.Database, query: string): string[] =>
  (db.prepare(`EXPLAIN QUERY PLAN ${query}`).all() as { detail: string }[]).map((row) => row.detail);

describe('migrations', () => {
  it('are numbered 1..n without gaps, so their order is their numbering', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('bring an empty database to the current version and record each step', () => {
    const db = migrated();
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all()).toEqual(MIGRATIONS.map((m) => m.version));
    expect(migrate(db, ':memory:')).toBe(SCHEMA_VERSION);
  });

  it('run in one transaction: a failing step leaves the database exactly as it was', () => {
    const db = migrated();
    const broken: Migration = {
      version: SCHEMA_VERSION + 1,
      name: 'adds a table, then fails',
      steps: ['CREATE TABLE half_done (x INTEGER) STRICT', 'SELECT no_such_function()'],
    };
    expect(() => migrate(db, ':memory:', { migrations: [...MIGRATIONS, broken] })).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").pluck().get()).toBe(0);
  });
});

describe('the current schema: the data model of docs/spec.md §2', () => {
  const db = migrated();
  const tables = db
    .prepare("SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%'")
    .all() as {
    name: string;
    strict: number;
  }[];

  it('has every table of the model, all STRICT', () => {
    const names = tables.map((t) => t.name);
    for (const table of [
      'case_meta',
      'custodians',
      'sources',
      'source_notes',
      'participants',
      'people',
      'person_identifiers',
      'conversations',
      'conversation_participants',
      'messages',
      'attachments',
      'reactions',
      'duplicate_groups',
      'reviews',
      'review_events',
      'article8_assessments',
      'redactions',
      'reason_codes',
      'bundles',
      'bundle_items',
      'audit_log',
    ]) {
      expect(names).toContain(table);
    }
    expect(tables.filter((t) => t.strict !== 1).map((t) => t.name)).toEqual([]);
  });

  it('seeds the default reason codes of docs/spec.md §6', () => {
    const codes = db.prepare('SELECT code, label FROM reason_codes ORDER BY sort_order').all();
    expect(codes).toEqual(DEFAULT_REASON_CODES.map(({ code, label }) => ({ code, label })));
  });

  it('rejects values outside the domain enumerations and missing required values', () => {
    db.exec("INSERT INTO custodians (id, name, created_at) VALUES (1, 'Fiona Laird', 0)");
    const source = (format: string): string =>
      `INSERT INTO sources (custodian_id, device_label, format, file_name, file_path, file_size, sha256, imported_at, imported_by, parser_version, time_zone)
       VALUES (1, 'iPhone', '${format}', 'chat.txt', '/x/chat.txt', 10, '${'ab'.repeat(32)}', 0, 'me', '1', 'Europe/London')`;
    expect(() => db.exec(source('myspace'))).toThrow(/CHECK constraint/);
    db.exec(source('whatsapp'));
    expect(() => db.exec('INSERT INTO custodians (name, created_at) VALUES (NULL, 0)')).toThrow(/NOT NULL/);
    expect(() => db.exec("INSERT INTO custodians (name, created_at) VALUES ('FIONA LAIRD', 0)")).toThrow(/UNIQUE/);
  });

  it('keeps the audit log and review history append-only', () => {
    db.exec(
      `INSERT INTO audit_log (at, actor, action, subject, details, prev_hash, hash) VALUES (0, 'a', 'x', 's', '{}', '${'0'.repeat(64)}', '${'1'.repeat(64)}')`,
    );
    expect(() => db.exec("UPDATE audit_log SET actor = 'someone else'")).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM audit_log')).toThrow(/append-only/);
  });

  it('serves a conversation timeline in source order (its positions) from an index, without sorting', () => {
    const detail = plan(db, 'SELECT id, body FROM messages WHERE conversation_id = 7 ORDER BY position LIMIT 200');
    expect(detail.join('\n')).toMatch(/USING INDEX messages_by_conversation_position \(conversation_id=\?\)/);
    expect(detail.join('\n')).not.toMatch(/TEMP B-TREE/);
  });

  it('serves date-range filters from the sent_at index', () => {
    expect(plan(db, 'SELECT id FROM messages WHERE sent_at BETWEEN 1 AND 2').join('\n')).toMatch(
      /USING (COVERING )?INDEX messages_by_sent_at/,
    );
  });

  it('serves per-source work from the source index in source order', () => {
    const detail = plan(db, 'SELECT id FROM messages WHERE source_id = 3 ORDER BY seq').join('\n');
    expect(detail).toMatch(/USING (COVERING )?INDEX messages_by_source \(source_id=\?\)/);
    expect(detail).not.toMatch(/TEMP B-TREE/);
  });

  it('finds duplicate-group members and live redactions by index', () => {
    expect(plan(db, 'SELECT id FROM messages WHERE duplicate_group_id = 5').join('\n')).toMatch(/messages_by_duplicate_group/);
    expect(plan(db, "SELECT id FROM messages WHERE content_key = 'k'").join('\n')).toMatch(/messages_by_content_key/);
    expect(plan(db, 'SELECT id FROM redactions WHERE message_id = 5 AND removed_at IS NULL').join('\n')).toMatch(
      /redactions_live_by_message/,
    );
  });
});

describe('migration 2: positions within a conversation', () => {
  it('numbers existing messages 0..n-1 per conversation in source order, and serves windows from an index', () => {
    // Built at version 1 and then migrated, as a case created by the first release would be.
    const db = fresh();
    migrate(db, ':memory:', { migrations: MIGRATIONS.slice(0, 1) });
    db.exec(`
      INSERT INTO custodians (id, name, created_at) VALUES (1, 'Fiona Laird', 0);
      INSERT INTO sources (id, custodian_id, device_label, format, file_name, file_path, file_size, sha256, imported_at, imported_by, parser_version, time_zone)
        VALUES (1, 1, '', 'whatsapp', 'a.txt', '/a.txt', 1, '${'ab'.repeat(32)}', 0, 'me', 'w/1', 'Europe/London');
      INSERT INTO conversations (id, source_id, source_key, platform, kind, title, fingerprint) VALUES
        (1, 1, 'a', 'whatsapp', 'group', 'A', 'fa'), (2, 1, 'b', 'whatsapp', 'group', 'B', 'fb');
    `);
    const insert = db.prepare(
      `INSERT INTO messages (conversation_id, source_id, seq, tz_basis, direction, direction_basis, kind, body, edited, deleted, confidence, locator_file, content_key)
       VALUES (?, 1, ?, 'unknown', 'unknown', 'unknown', 'text', '', 'none', 'none', 'high', 'a.txt', '')`,
    );
    [
      [1, 0],
      [2, 1],
      [1, 5],
      [2, 7],
      [1, 9],
    ].forEach(([conversation, seq]) => insert.run(conversation, seq));
    migrate(db, ':memory:');
    expect(db.prepare('SELECT conversation_id, seq, position FROM messages ORDER BY conversation_id, seq').raw().all()).toEqual([
      [1, 0, 0],
      [1, 5, 1],
      [1, 9, 2],
      [2, 1, 0],
      [2, 7, 1],
    ]);
    expect(
      plan(db, 'SELECT id FROM messages WHERE conversation_id = 1 AND position BETWEEN 100 AND 299 ORDER BY position').join('\n'),
    ).toMatch(/USING (COVERING )?INDEX messages_by_conversation_position \(conversation_id=\? AND position>\? AND position<\?\)/);
  });
});
