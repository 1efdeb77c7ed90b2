import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../common/contract';
import type { AttachmentThumbnail } from '../../common/domain/media';
import { closeCase, openCase } from '../../main/cases/service';
import { createDispatch } from '../../main/dispatch';
import { createHandlers, type HandlerSet } from '../../main/handlers';
import { importSource } from '../../main/import/run';
import { uncachedThumbnails } from '../../main/attachments/thumbnails';
import { makeCase } from '../helpers/case';
import { testHost } from '../helpers/host';
import { useTempDir } from '../helpers/temp';
import { jpegWithGps, pngBomb, pngWithAlpha } from './media/images';

const LRM = '\u200e';
const value = <T>(envelope: Envelope<unknown>): T => {
  if (!envelope.ok) throw new Error(`expected success, got ${envelope.error.name}: ${envelope.error.message}`);
  return envelope.value as T;
};

/** An iOS WhatsApp chat whose messages attach `names`, in order. */
function chatAttaching(names: readonly string[]): string {
  const lines = ['[20/03/2021, 08:01:12] Euan Baird: Morning'];
  names.forEach((name, i) =>
    lines.push(`${LRM}[20/03/2021, 08:${String(2 + i).padStart(2, '0')}:00] Fiona Laird: ${LRM}<attached: ${name}>`),
  );
  return lines.join('\r\n') + '\r\n';
}

const NAMES = ['photo.jpg', 'forwarded.jpg', 'logo.png', 'broken.jpg', 'minutes.pdf', 'bomb.png', 'not-exported.jpg'] as const;
type Name = (typeof NAMES)[number];

describe('the attachments.thumbnails channel', () => {
  const tempDir = useTempDir();
  const sets: HandlerSet[] = [];
  afterEach(() => sets.splice(0).forEach((s) => s.dispose()));

  async function setup() {
    const dir = tempDir();
    const folder = join(dir, 'chat');
    mkdirSync(folder);
    const photo = await jpegWithGps();
    const files: Partial<Record<Name, Uint8Array>> = {
      'photo.jpg': photo,
      'forwarded.jpg': photo,
      'logo.png': await pngWithAlpha(),
      'broken.jpg': Buffer.concat([
        photo.subarray(0, 2),
        Buffer.from('\xff\xc0 not a frame header at all', 'latin1'),
        Buffer.alloc(200, 7),
      ]),
      'minutes.pdf': Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n'),
      'bomb.png': pngBomb(),
    };
    writeFileSync(join(folder, '_chat.txt'), chatAttaching(NAMES));
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(folder, name), bytes);
    const session = makeCase(dir);
    await importSource(
      session.writable!,
      { path: folder, custodian: 'Fiona Laird', timeZone: 'Europe/London' },
      { actor: 'test-reviewer' },
    );
    const ids = Object.fromEntries(
      (session.db.prepare('SELECT id, file_name AS name FROM attachments').all() as { id: number; name: Name }[]).map((r) => [
        r.name,
        r.id,
      ]),
    ) as Record<Name, number>;
    closeCase(session);
    const set = createHandlers(testHost(dir));
    sets.push(set);
    const dispatch = createDispatch(set.handlers);
    value(await dispatch('case.open', { path: session.path }));
    const thumbnails = async (names: readonly Name[]) =>
      value<{ thumbnails: AttachmentThumbnail[] }>(await dispatch('attachments.thumbnails', { attachmentIds: names.map((n) => ids[n]) }))
        .thumbnails;
    return { dispatch, ids, path: session.path, thumbnails };
  }

  it('makes a thumbnail of each image and says specifically why the others have none', async () => {
    const { ids, thumbnails } = await setup();
    const got = await thumbnails(NAMES);
    expect(got.map((t) => t.attachmentId)).toEqual(NAMES.map((n) => ids[n]));
    const byName = Object.fromEntries(NAMES.map((n, i) => [n, got[i]!])) as Record<Name, AttachmentThumbnail>;
    expect(byName['photo.jpg']).toMatchObject({
      state: 'ready',
      width: 192,
      height: 144,
      dataUrl: expect.stringMatching(/^data:image\/jpeg;base64,/),
    });
    expect(byName['forwarded.jpg']).toMatchObject({ state: 'ready', width: 192, height: 144 });
    expect(byName['logo.png']).toMatchObject({
      state: 'ready',
      width: 192,
      height: 96,
      dataUrl: expect.stringMatching(/^data:image\/png;base64,/),
    });
    expect(byName['broken.jpg']).toMatchObject({ state: 'unavailable', reason: expect.stringMatching(/^could not be decoded: .*\S{4}/) });
    expect(byName['minutes.pdf']).toEqual({
      attachmentId: ids['minutes.pdf'],
      state: 'unavailable',
      reason: 'not an image: the content is PDF',
    });
    expect(byName['bomb.png']).toMatchObject({
      state: 'unavailable',
      reason: 'could not be decoded: 100000 × 100000 px is more than the 100 megapixel limit',
    });
    expect(byName['not-exported.jpg']).toMatchObject({ state: 'unavailable', reason: expect.stringMatching(/^not in the case: /) });

    // The thumbnail is the photo as displayed, with none of its metadata (GPS above all).
    const photo = byName['photo.jpg'] as { dataUrl: string };
    const meta = await sharp(Buffer.from(photo.dataUrl.split(',')[1]!, 'base64')).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 192, height: 144 });
    expect(meta.exif).toBeUndefined();
  });

  it('caches by content: the same photo in two messages is made once, and a broken file is not decoded again', async () => {
    const { path, thumbnails } = await setup();
    const first = await thumbnails(NAMES);
    const reopened = openCase(path);
    try {
      const rows = reopened.db.prepare('SELECT blob_id, state, reason, length(bytes) AS bytes FROM thumbnails ORDER BY blob_id').all() as {
        state: string;
        reason: string | null;
        bytes: number | null;
      }[];
      // photo/forwarded share one blob: 5 stored files, 5 rows (the absent one has no bytes to make one of).
      expect(rows).toHaveLength(5);
      expect(rows.filter((r) => r.state === 'ready').every((r) => r.bytes! > 100 && r.bytes! < 30_000)).toBe(true);
      // A second request answers from the cache: change a cached reason and see it come back as stored.
      reopened
        .writable!.prepare("UPDATE thumbnails SET reason = 'cached reason' WHERE state = 'unavailable' AND reason LIKE '%megapixel%'")
        .run();
    } finally {
      closeCase(reopened);
    }
    const again = await thumbnails(NAMES);
    expect(again.find((t) => t.state === 'unavailable' && t.reason === 'cached reason')).toBeDefined();
    expect(again.filter((t) => t.state === 'ready')).toEqual(first.filter((t) => t.state === 'ready'));
  });

  it('answers a request of the same attachment twice once, in the order asked', async () => {
    const { ids, thumbnails } = await setup();
    const got = await thumbnails(['logo.png', 'photo.jpg', 'logo.png']);
    expect(got.map((t) => t.attachmentId)).toEqual([ids['logo.png'], ids['photo.jpg']]);
  });

  it('shows thumbnails of a case it may not write, without caching them', async () => {
    const { ids, path, thumbnails } = await setup();
    void thumbnails;
    const readOnly = openCase(path, { readOnly: true });
    try {
      const got = await uncachedThumbnails(readOnly.db, [ids['photo.jpg']]);
      expect(got).toEqual([expect.objectContaining({ state: 'ready', width: 192 })]);
      expect(readOnly.db.prepare('SELECT count(*) FROM thumbnails').pluck().get()).toBe(0);
    } finally {
      closeCase(readOnly);
    }
  });

  it('refuses bad requests with a clear error', async () => {
    const { dispatch } = await setup();
    const refused = async (args: unknown) => {
      const result = await dispatch('attachments.thumbnails', args);
      if (result.ok) throw new Error('expected a refusal');
      return result.error;
    };
    expect(await refused({ attachmentIds: [] })).toMatchObject({
      name: 'InvalidPayloadError',
      message: expect.stringContaining('at least one'),
    });
    expect(await refused({ attachmentIds: Array.from({ length: 201 }, (_, i) => i + 1) })).toMatchObject({
      name: 'InvalidPayloadError',
      message: expect.stringContaining('at most 200'),
    });
    expect(await refused({ attachmentIds: [0] })).toMatchObject({ name: 'InvalidPayloadError' });
    expect(await refused({ attachmentIds: [1], size: 800 })).toMatchObject({ name: 'InvalidPayloadError' });
    expect(await refused({ attachmentIds: [99_999] })).toMatchObject({
      name: 'AttachmentNotFoundError',
      message: 'The case has no attachment #99999. Reload the conversation and pick the attachment again.',
    });
  });
});
