/**
 * Migration 0018 adds rectangle redactions of images. A case made at the schema before it (0016: today's
 * code) keeps everything it held, its images have no regions, and the new table's rules hold.
 */
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../db/migrations';
import { insertImageRedaction, liveImageRegions } from '../../db/queries/image-redactions';
import { openCase } from '../../main/cases/service';
import { importSource } from '../../main/import/run';
import { fixture } from '../helpers/fixtures';
import { caseAtVersion } from '../helpers/old-case';
import { useTempDir } from '../helpers/temp';

const tempDir = useTempDir();
const caseAt0016 = (dir: string) => caseAtVersion(dir, 16);

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
