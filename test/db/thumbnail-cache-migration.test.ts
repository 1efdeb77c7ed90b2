/**
 * Migration 0017 adds the thumbnail cache. A case made at the previous schema opens with an empty cache
 * and its kept photos get thumbnails, cached once per content.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APPLICATION_ID, type WritableDB } from '../../db/connection';
import { MIGRATIONS, migrate, SCHEMA_VERSION } from '../../db/migrations';
import { insertCaseMeta } from '../../db/queries/case-meta';
import { thumbnailsFor } from '../../main/attachments/thumbnails';
import { closeCase, openCase } from '../../main/cases/service';
import { importSource } from '../../main/import/run';
import { TEST_DETAILS } from '../helpers/case';
import { fixture } from '../helpers/fixtures';
import { useTempDir } from '../helpers/temp';

const tempDir = useTempDir();
const PREVIOUS = MIGRATIONS.findIndex((m) => m.name === 'thumbnail cache');

function caseAtPreviousSchema(dir: string): { path: string; db: WritableDB } {
  const path = join(dir, 'old.ddcase');
  closeSync(openSync(path, 'wx', 0o600));
  const db = new Database(path);
  db.pragma('foreign_keys = ON');
  db.pragma('journal_mode = WAL');
  db.pragma(`application_id = ${APPLICATION_ID}`);
  migrate(db, path, { migrations: MIGRATIONS.slice(0, PREVIOUS) });
  const writable = db as WritableDB;
  insertCaseMeta(writable, {
    ...TEST_DETAILS,
    caseId: randomUUID(),
    referenceWidth: 9,
    mode: 'full',
    createdAt: 1,
    createdBy: 'test',
    appVersion: '0.0.0-test',
  });
  return { path, db: writable };
}

describe('migration 0017, thumbnail cache', () => {
  it('migrates a case with kept photos; their thumbnails are then made and cached once per content', async () => {
    expect(PREVIOUS).toBe(16);
    const { path, db } = caseAtPreviousSchema(tempDir());
    await importSource(db, { path: fixture('whatsapp/ios-en-GB.zip'), custodian: 'Tom Reid', timeZone: 'Europe/London' }, { actor: 't' });
    const kept = db.prepare('SELECT id FROM attachments WHERE kept = 1 ORDER BY id').pluck().all() as number[];
    expect(kept.length).toBeGreaterThan(0);
    const attachments = db.prepare('SELECT * FROM attachments ORDER BY id').all();
    db.close();

    const session = openCase(path);
    try {
      const migrated = session.writable!;
      expect(migrated.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(migrated.prepare('SELECT * FROM attachments ORDER BY id').all()).toEqual(attachments);
      expect(migrated.prepare('SELECT count(*) FROM thumbnails').pluck().get()).toBe(0);
      const thumbnails = await thumbnailsFor(migrated, kept);
      expect(thumbnails.every((t) => t.state === 'ready' || t.reason.length > 0)).toBe(true);
      const blobs = migrated.prepare('SELECT count(DISTINCT sha256) FROM attachments WHERE kept = 1').pluck().get();
      expect(migrated.prepare('SELECT count(*) FROM thumbnails').pluck().get()).toBe(blobs);
    } finally {
      closeCase(session);
    }
  });

  it('refuses a cached row that is neither a whole thumbnail nor a reason', () => {
    const dir = tempDir();
    const { db } = caseAtPreviousSchema(dir);
    migrate(db, 'x');
    db.exec(`INSERT INTO blobs (id, sha256, size, chunk_size) VALUES (1, '${'a'.repeat(64)}', 0, 1)`);
    const insert = (state: string, bytes: Buffer | null, reason: string | null) =>
      db
        .prepare(
          `INSERT INTO thumbnails (blob_id, recipe, state, mime, width, height, bytes, reason, made_at) VALUES (1, 'r', ?, ?, ?, ?, ?, ?, 1)`,
        )
        .run(state, bytes ? 'image/jpeg' : null, bytes ? 10 : null, bytes ? 10 : null, bytes, reason);
    expect(() => insert('ready', null, null)).toThrow(/CHECK constraint failed/);
    expect(() => insert('unavailable', null, '')).toThrow(/CHECK constraint failed/);
    expect(() => insert('ready', Buffer.from([1]), 'why')).toThrow(/CHECK constraint failed/);
    expect(() => insert('unavailable', null, 'could not be decoded: truncated')).not.toThrow();
    db.close();
  });
});
