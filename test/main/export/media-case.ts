/**
 * A case with photos for the bundle's image tests: the iOS WhatsApp fixture folder, its photo replaced by
 * a camera-sized JPEG carrying EXIF (camera and GPS), plus a tall PNG screenshot, a corrupt JPEG, the
 * same photo twice more (content kept once), and the PDF the chat names. Everything disclosed; the
 * first photo has a rectangle redaction over its bright red block, which is what must be destroyed.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { expect } from 'vitest';
import type { NormalisedRect } from '../../../common/domain/media';
import { DecideArgsSchema } from '../../../common/contract/channels/review';
import { insertImageRedaction } from '../../../db/queries/image-redactions';
import type { CaseSession } from '../../../main/cases/service';
import { importSource } from '../../../main/import/run';
import { decide } from '../../../main/review/decisions';
import { makeCase } from '../../helpers/case';
import { fixture } from '../../helpers/fixtures';

export const PHOTO = '00000012-PHOTO-2021-03-28-09-14-03.jpg';
export const SCREENSHOT = '00000040-PHOTO-2021-04-10-09-30-00.png';
export const CORRUPT = '00000041-PHOTO-2021-04-10-09-31-00.jpg';
export const COPY_A = '00000042-PHOTO-2021-04-10-09-32-00.jpg';
export const COPY_B = '00000043-PHOTO-2021-04-10-09-33-00.jpg';
export const NOTE_PDF = '00000031-Levels review note.pdf';
/** Over the red block of the photo (its pixels are pure red there, so a leak is easy to see and to measure). */
export const REGION: NormalisedRect = { x: 0.1, y: 0.1, w: 0.3, h: 0.2 };

export interface MediaCase {
  readonly session: CaseSession;
  readonly ids: Readonly<Record<'photo' | 'screenshot' | 'corrupt' | 'copyA' | 'copyB' | 'pdf', number>>;
  /** The photo's original bytes (with EXIF and the unredacted red block). */
  readonly photo: Buffer;
}

/** A 1600 × 1200 photo: a blue ground with a green band, a red block under REGION, EXIF with a camera and a GPS position. */
async function cameraPhoto(): Promise<Buffer> {
  const [width, height] = [1600, 1200];
  const block = { width: REGION.w * width, height: REGION.h * height };
  const red = await sharp({ create: { ...block, channels: 3, background: { r: 255, g: 0, b: 0 } } })
    .png()
    .toBuffer();
  const band = await sharp({ create: { width, height: height / 4, channels: 3, background: { r: 40, g: 200, b: 90 } } })
    .png()
    .toBuffer();
  return sharp({ create: { width, height, channels: 3, background: { r: 30, g: 60, b: 200 } } })
    .composite([
      { input: band, left: 0, top: (height * 5) / 8 },
      { input: red, left: REGION.x * width, top: REGION.y * height },
    ])
    .jpeg({ quality: 90 })
    .withExif({
      IFD0: { Make: 'TestCam', Model: 'Phone 12' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '55/1 57/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '3/1 11/1 0/1' },
    })
    .toBuffer();
}

/** A phone screenshot: 1170 × 2532, flat colours and black "text" bars, lossless. */
async function screenshot(): Promise<Buffer> {
  const [width, height] = [1170, 2532];
  const pixels = Buffer.alloc(width * height * 3, 245);
  for (let y = 200; y < height - 200; y += 60) pixels.fill(30, (y * width + 80) * 3, ((y + 8) * width - 80) * 3);
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

const MINIMAL_PDF =
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';

export async function mediaCase(dir: string): Promise<MediaCase> {
  const source = join(dir, 'chat');
  mkdirSync(source);
  const original = fixture('whatsapp/ios-en-GB');
  for (const name of readdirSync(original)) copyFileSync(join(original, name), join(source, name));
  const photo = await cameraPhoto();
  writeFileSync(join(source, PHOTO), photo);
  writeFileSync(join(source, SCREENSHOT), await screenshot());
  writeFileSync(join(source, CORRUPT), Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(300, 7)]));
  writeFileSync(join(source, COPY_A), photo);
  writeFileSync(join(source, COPY_B), photo);
  writeFileSync(join(source, NOTE_PDF), MINIMAL_PDF);
  const chat = readFileSync(join(source, '_chat.txt'), 'utf8').replace(/\s*$/u, '\r\n');
  const lines = [
    `[10/04/2021, 09:30:00] Fiona Laird: \u200e<attached: ${SCREENSHOT}>`,
    `[10/04/2021, 09:31:00] Euan Baird: \u200e<attached: ${CORRUPT}>`,
    `[10/04/2021, 09:32:00] Fiona Laird: \u200e<attached: ${COPY_A}>`,
    `[10/04/2021, 09:33:00] Euan Baird: \u200e<attached: ${COPY_B}>`,
  ];
  writeFileSync(join(source, '_chat.txt'), `${chat}${lines.join('\r\n')}\r\n`);

  const session = makeCase(dir);
  const db = session.writable!;
  await importSource(db, { path: source, custodian: 'Fiona Laird', timeZone: 'Europe/London' }, { actor: 'test-reviewer' });
  decide(db, DecideArgsSchema.parse({ selector: { kind: 'all' }, change: { outcome: 'disclose' } }), 'test-reviewer');
  const id = (name: string): number => {
    const found = db.prepare('SELECT id FROM attachments WHERE file_name = ?').pluck().get(name) as number | undefined;
    expect(found, name).toBeGreaterThan(0);
    return found!;
  };
  const ids = {
    photo: id(PHOTO),
    screenshot: id(SCREENSHOT),
    corrupt: id(CORRUPT),
    copyA: id(COPY_A),
    copyB: id(COPY_B),
    pdf: id(NOTE_PDF),
  };
  insertImageRedaction(db, {
    attachmentId: ids.photo,
    rect: REGION,
    reasonCode: 'article-8',
    note: '',
    at: Date.now(),
    actor: 'test-reviewer',
  });
  return { session, ids, photo };
}
