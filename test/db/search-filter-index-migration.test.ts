/**
 * Migration 0020 adds the narrow index a filtered or chronological search joins its matches through.
 * A case made and indexed at the previous schema gains it on open, with every message in it, and its
 * searches then use it and find what they found before.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APPLICATION_ID, type WritableDB } from '../../db/connection';
import { MIGRATIONS, migrate, SCHEMA_VERSION } from '../../db/migrations';
import { insertCaseMeta } from '../../db/queries/case-meta';
import { closeCase, openCase } from '../../main/cases/service';
import { importSource } from '../../main/import/run';
import { search } from '../../main/search/engine';
import { updateIndex } from '../../main/search/indexer';
import { TEST_DETAILS } from '../helpers/case';
import { fixture } from '../helpers/fixtures';
import { useTempDir } from '../helpers/temp';

const tempDir = useTempDir();
const PREVIOUS = MIGRATIONS.findIndex((m) => m.name === 'search filter index');

describe('migration 0020, search filter index', () => {
  it('indexes every message of an existing case, and its searches go through it with the same results', async () => {
    expect(PREVIOUS).toBeGreaterThan(15);
    const path = join(tempDir(), 'old.ddcase');
    closeSync(openSync(path, 'wx', 0o600));
    const db = new Database(path) as WritableDB;
    db.pragma('foreign_keys = ON');
    db.pragma('journal_mode = WAL');
    db.pragma(`application_id = ${APPLICATION_ID}`);
    migrate(db, path, { migrations: MIGRATIONS.slice(0, PREVIOUS) });
    insertCaseMeta(db, {
      ...TEST_DETAILS,
      caseId: randomUUID(),
      referenceWidth: 9,
      mode: 'full',
      createdAt: 1,
      createdBy: 'test',
      appVersion: '0.0.0-test',
    });
    await importSource(
      db,
      { path: fixture('whatsapp/android-en-GB-24h.txt'), custodian: 'Fiona Laird', timeZone: 'Europe/London' },
      { actor: 't' },
    );
    await updateIndex(db);
    // What a filtered, chronological search finds, worked out at the old schema by the plain join.
    const before = db
      .prepare(
        `SELECT m.id FROM search_fts f JOIN messages m ON m.id = f.rowid WHERE search_fts MATCH '"the"' AND m.kind = 'text'
         ORDER BY m.sent_at IS NULL, m.sent_at, m.id`,
      )
      .pluck()
      .all() as number[];
    expect(before.length).toBeGreaterThan(3);
    db.close();

    const session = openCase(path);
    const migrated = session.writable!;
    expect(migrated.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const indexed = migrated.prepare('SELECT count(*) FROM messages INDEXED BY messages_for_search WHERE id > 0').pluck().get();
    expect(indexed).toBe(migrated.prepare('SELECT count(*) FROM messages').pluck().get());
    const page = search(migrated, { query: 'the', filters: { kinds: ['text'] }, order: 'chronological', limit: 1000, offset: 0 });
    expect(page.total).toBe(before.length);
    expect(page.hits.map((hit) => hit.id)).toEqual(before);
    closeCase(session);
  });
});
