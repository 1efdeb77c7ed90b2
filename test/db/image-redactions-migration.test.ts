/**
 * Migration 0018 adds rectangle redactions of images. A case made at the schema before it (0016: today's
 * code) keeps everything it held, its images have no regions, and the new table's rules hold.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APPLICATION_ID, type WritableDB } from '../../db/connection';
import { MIGRATIONS, migrate, SCHEMA_VERSION } from '../../db/migrations';
import { insertCaseMeta } from '../../db/queries/case-meta';
import { insertImageRedaction, liveImageRegions } from '../../db/queries/image-redactions';
import { openCase } from '../../main/cases/service';
import { importSource } from '../../main/import/run';
import { TEST_DETAILS } from '../helpers/case';
import { fixture } from '../helpers/fixtures';
import { useTempDir } from '../helpers/temp';

const tempDir = useTempDir();
const BEFORE = MIGRATIONS.filter((m) => m.version <= 16);

function caseAt0016(dir: string): { path: string; db: WritableDB } {
  const path = join(dir, 'old.ddcase');
  closeSync(openSync(path, 'wx', 0o600));
  const db = new Database(path);
  db.pragma('foreign_keys = ON');
  db.pragma('journal_mode = WAL');
  db.pragma(`application_id = ${APPLICATION_ID}`);
  migrate(db, path, { migrations: BEFORE });
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

describe('migration 0018, image redactions', () => {
  it('migrates a case made at 0016: its attachments stay, with no regions, and the new rules hold', async () => {
    const { path, db } = caseAt0016(tempDir());
    expect(db.pragma('user_version', { simple: true })).toBe(16);
    await importSource(db, { path: fixture('whatsapp/ios-en-GB.zip'), custodian: 'Tom Reid', timeZone: 'Europe/London' }, { actor: 't' });
    const attachments = db.prepare('SELECT * FROM attachments ORDER BY id').all() as { id: number; kept: number }[];
    expect(attachments.some((a) => a.kept === 1)).toBe(true);
    db.close();

    const session = openCase(path);
    const migrated = session.writable!;
    expect(migrated.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(migrated.prepare('SELECT * FROM attachments ORDER BY id').all()).toEqual(attachments);
    const photo = attachments.find((a) => a.kept === 1)!;
    expect(liveImageRegions(migrated, [photo.id]).size).toBe(0);

    const add = (rect: { x: number; y: number; w: number; h: number }) =>
      insertImageRedaction(migrated, { attachmentId: photo.id, rect, reasonCode: 'article-8', note: '', at: 2, actor: 'alice' });
    const id = add({ x: 0.25, y: 0.5, w: 0.75, h: 0.5 });
    expect(liveImageRegions(migrated, [photo.id]).get(photo.id)).toEqual([
      { id, attachmentId: photo.id, rect: { x: 0.25, y: 0.5, w: 0.75, h: 0.5 }, reason: 'Article 8: private and family life' },
    ]);
    for (const bad of [
      { x: -0.1, y: 0, w: 0.5, h: 0.5 },
      { x: 0, y: 0, w: 0, h: 0.5 },
      { x: 0.6, y: 0, w: 0.5, h: 0.5 },
      { x: 0, y: 0.9, w: 0.5, h: 0.2 },
    ]) {
      expect(() => add(bad), JSON.stringify(bad)).toThrow(/CHECK constraint/);
    }
    expect(() => migrated.exec('DELETE FROM image_redactions')).toThrow(/never deleted/);
    expect(() => migrated.exec('UPDATE image_redactions SET x = 0')).toThrow(/keeps its rectangle/);
    expect(() => migrated.exec('UPDATE image_redactions SET removed_at = 3 WHERE id = ' + String(id))).toThrow(/CHECK constraint/);
    migrated.exec(`UPDATE image_redactions SET removed_at = 3, removed_by = 'bob' WHERE id = ${id}`);
    expect(liveImageRegions(migrated, [photo.id]).size).toBe(0);
    expect(migrated.pragma('foreign_key_check')).toEqual([]);
    session.db.close();
  });
});
