/**
 * Migration 0017 adds the thumbnail cache. A case made at the previous schema opens with an empty cache
 * and its kept photos get thumbnails, cached once per content.
 */
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate, SCHEMA_VERSION } from '../../db/migrations';
import { thumbnailsFor } from '../../main/attachments/thumbnails';
import { closeCase, openCase } from '../../main/cases/service';
import { importSource } from '../../main/import/run';
import { fixture } from '../helpers/fixtures';
import { caseAtVersion } from '../helpers/old-case';
import { useTempDir } from '../helpers/temp';

const tempDir = useTempDir();
const PREVIOUS = MIGRATIONS.findIndex((m) => m.name === 'thumbnail cache');

const caseAtPreviousSchema = (dir: string) => caseAtVersion(dir, PREVIOUS);

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
