import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AttachmentNotFoundError } from '../../../main/attachments/open';
import { viewAttachment } from '../../../main/attachments/view';
import { closeCase, type CaseSession } from '../../../main/cases/service';
import { importSource } from '../../../main/import/run';
import { makeCase } from '../../helpers/case';
import { useTempDir } from '../../helpers/temp';
import { ABSENT_PHOTO, GPS_POSITION, PHOTO_DASHBOARD, PHOTO_GPS, PHOTO_LATER, photoChat } from '../../support/photo-chat';
import { heicQuadrant, jpegWithGps, pixelAt, pngBomb, pngWithAlpha } from '../media/images';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

describe('an attachment as the viewer shows it', () => {
  const tempDir = useTempDir();
  const sessions: CaseSession[] = [];
  afterEach(() => sessions.splice(0).forEach(closeCase));

  async function imported(extra: Parameters<typeof photoChat>[0] = []): Promise<{ session: CaseSession; idOf: (name: string) => number }> {
    const dir = tempDir();
    const path = join(dir, 'photos.zip');
    writeFileSync(path, (await photoChat(extra)).zip);
    const session = makeCase(dir);
    sessions.push(session);
    await importSource(session.writable!, { path, custodian: 'Fiona Laird', timeZone: 'Europe/London' }, { actor: 'test-reviewer' });
    const idOf = (name: string) => session.db.prepare('SELECT id FROM attachments WHERE file_name = ?').pluck().get(name) as number;
    return { session, idOf };
  }

  it('passes a JPEG through unchanged at full resolution, with its camera time and GPS position flagged', async () => {
    const { session, idOf } = await imported();
    const view = await viewAttachment(session.db, idOf(PHOTO_GPS));
    const original = await jpegWithGps();
    expect(view.rendition).toEqual({
      state: 'image',
      dataUrl: `data:image/jpeg;base64,${original.toString('base64')}`,
      width: 400,
      height: 300,
      converted: false,
    });
    expect(view.record).toMatchObject({
      fileName: PHOTO_GPS,
      nameMime: 'image/jpeg',
      detected: { mime: 'image/jpeg', kind: 'image', label: 'JPEG' },
      size: original.length,
      kept: true,
      unavailableReason: null,
    });
    expect(view.record.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(view.media).toMatchObject({
      width: 400,
      height: 300,
      cameraTime: { text: '2021:03:04 12:34:56', offset: '+01:00' },
      camera: { make: 'Apple', model: 'iPhone 12' },
      personalData: ['gps-position'],
    });
    expect(view.media?.gps?.latitude).toBeCloseTo(GPS_POSITION.latitude, 6);
    expect(view.media?.gps?.longitude).toBeCloseTo(GPS_POSITION.longitude, 6);
  });

  it('walks the conversation’s attachments in timeline order, absent ones included, and stops at either end', async () => {
    const { session, idOf } = await imported();
    const order = [PHOTO_GPS, PHOTO_DASHBOARD, PHOTO_LATER, ABSENT_PHOTO].map(idOf);
    const walked: number[] = [order[0]!];
    for (
      let view = await viewAttachment(session.db, order[0]!);
      view.nextId !== null;
      view = await viewAttachment(session.db, view.nextId)
    ) {
      walked.push(view.nextId);
    }
    expect(walked).toEqual(order);
    expect((await viewAttachment(session.db, order[0]!)).previousId).toBeNull();
    expect((await viewAttachment(session.db, order[2]!)).previousId).toBe(order[1]);
  });

  it('gives the recorded reason for an attachment the export did not hold, and no picture', async () => {
    const { session, idOf } = await imported();
    const view = await viewAttachment(session.db, idOf(ABSENT_PHOTO));
    expect(view.rendition).toEqual({ state: 'none' });
    expect(view.media).toBeNull();
    expect(view.record).toMatchObject({ kept: false, detected: null, sha256: null });
    expect(view.record.unavailableReason).toMatch(new RegExp(`^${ABSENT_PHOTO} is not in the case: .+`));
  });

  it('converts a HEIC to a displayable image at full size, and keeps a PNG with transparency as PNG', async () => {
    const { session, idOf } = await imported([
      ['IMG_0042.HEIC', heicQuadrant()],
      ['logo.png', await pngWithAlpha()],
    ]);
    const heic = await viewAttachment(session.db, idOf('IMG_0042.HEIC'));
    expect(heic.record.detected).toMatchObject({ mime: 'image/heic' });
    expect(heic.rendition).toMatchObject({ state: 'image', width: 128, height: 96, converted: true });
    const url = heic.rendition.state === 'image' ? heic.rendition.dataUrl : '';
    expect(url).toMatch(/^data:image\/jpeg;base64,/);
    const [r, , b] = await pixelAt(Buffer.from(url.split(',')[1]!, 'base64'), 120, 90);
    expect(b).toBeGreaterThan(200);
    expect(r).toBeLessThan(60);
    const png = await viewAttachment(session.db, idOf('logo.png'));
    expect(png.rendition).toMatchObject({ state: 'image', width: 200, height: 100, converted: false });
    expect(png.rendition.state === 'image' && png.rendition.dataUrl.startsWith('data:image/png;base64,')).toBe(true);
  });

  it('refuses to decode an image past the pixel cap, saying why, and names a content that disagrees with its name', async () => {
    const { session, idOf } = await imported([['huge.jpg', pngBomb()]]);
    const view = await viewAttachment(session.db, idOf('huge.jpg'));
    expect(view.rendition).toEqual({
      state: 'unavailable',
      reason: expect.stringMatching(/^could not be decoded: 100000 × 100000 px .*100 megapixel limit/),
    });
    expect(view.record).toMatchObject({ nameMime: 'image/jpeg', detected: { mime: 'image/png', label: 'PNG' } });
  });

  it('gives a non-image its type, size and hash, and no picture', async () => {
    const { session, idOf } = await imported([['00000011-Levels review note.pdf', PDF]]);
    const view = await viewAttachment(session.db, idOf('00000011-Levels review note.pdf'));
    expect(view.rendition).toEqual({ state: 'none' });
    expect(view.record).toMatchObject({
      detected: { mime: 'application/pdf', kind: 'document', label: 'PDF' },
      size: PDF.length,
      kept: true,
    });
    expect(view.media).toEqual({ byteLength: PDF.length, personalData: [] });
  });

  it('names an attachment the case does not have', async () => {
    const { session } = await imported();
    await expect(viewAttachment(session.db, 9999)).rejects.toThrow(AttachmentNotFoundError);
  });
});
