import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { closeCase, openCase } from '../../../main/cases/service';
import { exportBundle } from '../../../main/export/run';
import { fontBytes } from '../../../main/export/fonts';
import { readManifest, type Manifest } from '../../../main/export/manifest';
import { BundlePdf } from '../../../main/export/pdf';
import { imageProblems } from '../../../main/export/verify-images';
import { addRedaction } from '../../../main/redact/redactions';
import { decideAttachments } from '../../../main/review/attachment-decisions';
import { AddRedactionArgsSchema } from '../../../common/contract/channels/redaction';
import { AttachmentDecideArgsSchema } from '../../../common/contract/channels/attachment-review';
import { parseCsv } from '../../../main/export/verify';
import { verifyRecordedBundle } from '../../../main/export/verify-recorded';
import { useTempDir } from '../../helpers/temp';
import { COPY_A, CORRUPT, mediaCase, NOTE_PDF, PHOTO, REGION, SCREENSHOT, type MediaCase } from './media-case';
import { exportSettings } from './settings';

const run = (mc: MediaCase, outputDir: string) =>
  exportBundle(mc.session.writable!, mc.session.meta, exportSettings(outputDir), {
    actor: 'test-reviewer',
    appVersion: '0.0.0-test',
    casePath: mc.session.path,
    acknowledged: 'as-listed',
  });

const pdfOf = (dir: string): string =>
  join(
    dir,
    readdirSync(dir).find((f) => f.endsWith('.pdf'))!,
  );
const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

function pdftotext(path: string): string {
  const result = spawnSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`pdftotext failed: ${result.stderr}`);
  return result.stdout;
}

/** The PDF's images as pdfimages lists them: page, width, height, encoding. */
function pdfImages(path: string): { page: number; width: number; height: number; enc: string; object: number }[] {
  const result = spawnSync('pdfimages', ['-list', path], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`pdfimages failed: ${result.stderr}`);
  return result.stdout
    .split('\n')
    .slice(2)
    .filter((line) => line.trim() !== '')
    .map((line) => line.trim().split(/\s+/u))
    .map((f) => ({ page: Number(f[0]), width: Number(f[3]), height: Number(f[4]), enc: f[8]!, object: Number(f[10]) }));
}

describe('the bundle with attachments', () => {
  const tempDir = useTempDir('dd-images-');

  it('embeds each image once, fitted to the page and captioned, lists the rest, and verifies', async () => {
    const dir = tempDir();
    const mc = await mediaCase(dir);
    const result = await run(mc, join(dir, 'bundle'));
    expect(result.verification.problems).toEqual([]);
    const pdf = pdfOf(result.dir);

    const manifest = readManifest(join(result.dir, 'manifest.json'));
    const byId = new Map((manifest.attachments ?? []).map((a) => [a.attachmentId, a]));
    const photo = byId.get(mc.ids.photo)!;
    expect(photo).toMatchObject({ status: 'embedded', type: 'JPEG', name: PHOTO, originalSha256: sha256Of(mc.photo) });
    expect(photo.produced).toMatchObject({ mime: 'image/jpeg', regions: [REGION] });
    // 150 dpi across the text column (483 pt): 1006 px wide, the photo's proportions kept.
    expect(photo.produced!.width).toBe(1006);
    expect(photo.produced!.height).toBe(Math.round((1006 * 1200) / 1600));
    const screenshot = byId.get(mc.ids.screenshot)!;
    // The tall screenshot is scaled to fit the page's height (600 pt = 1250 px), not split.
    expect(screenshot.produced).toMatchObject({ mime: 'image/png', width: 577, height: 1249 });
    expect(byId.get(mc.ids.corrupt)).toMatchObject({ status: 'not-produced', produced: null });
    expect(byId.get(mc.ids.corrupt)!.reason).toMatch(/^could not be decoded: /u);
    expect(byId.get(mc.ids.pdf)).toMatchObject({ status: 'listed', type: 'PDF', produced: null });
    // The same photo twice more, without regions: one rendition, one object in the PDF.
    const [a, b] = [byId.get(mc.ids.copyA)!, byId.get(mc.ids.copyB)!];
    expect(a.produced!.pdfObject).toBe(b.produced!.pdfObject);
    expect(a.produced!.sha256).not.toBe(photo.produced!.sha256);

    const images = pdfImages(pdf);
    expect(images.map((i) => i.enc).sort()).toEqual(['image', 'jpeg', 'jpeg', 'jpeg'].sort());
    expect(images).toHaveLength(4); // photo, screenshot, and the copy drawn on two pages or twice on one

    const text = pdftotext(pdf).normalize('NFC').replace(/\s+/gu, ' ');
    expect(text).toContain(PHOTO);
    expect(text).toMatch(/INQ000000001, page \d+/u);
    expect(text).toContain(`${CORRUPT} (JPEG) — not produced: could not be decoded`);
    expect(text).toContain(`Attachment: ${NOTE_PDF} — PDF, 142 bytes, SHA-256 ${byId.get(mc.ids.pdf)!.originalSha256}`);
    expect(text).not.toContain('not embedded');

    // The produced image carries no EXIF, and its redacted region is black.
    const extracted = join(dir, 'img');
    spawnSync('pdfimages', ['-j', '-f', String(images[0]!.page), '-l', String(images[0]!.page), pdf, extracted]);
    const jpeg = readFileSync(`${extracted}-000.jpg`);
    expect(sha256Of(jpeg)).toBe(photo.produced!.sha256);
    const meta = await sharp(jpeg).metadata();
    expect(meta.exif).toBeUndefined();
    const { data, info } = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true });
    const at = (Math.round(info.height * 0.2) * info.width + Math.round(info.width * 0.25)) * info.channels;
    expect([...data.subarray(at, at + 3)].every((v) => v <= 6)).toBe(true);

    const schedule = parseCsv(readFileSync(join(result.dir, 'attachments.csv'), 'utf8'));
    expect(schedule[0]).toEqual([
      'Reference',
      'Page',
      'Bundle page',
      'Message id',
      'Attachment id',
      'Name',
      'Type',
      'Size (bytes)',
      'Original SHA-256',
      'Produced SHA-256',
    ]);
    const row = schedule.find((r) => r[4] === String(mc.ids.photo))!;
    expect(row.slice(5)).toEqual([PHOTO, 'JPEG', String(mc.photo.length), sha256Of(mc.photo), photo.produced!.sha256]);
    expect(schedule.find((r) => r[5] === CORRUPT)![9]).toMatch(/^not produced: could not be decoded/u);
    expect(schedule.find((r) => r[5] === COPY_A)![9]).toBe(a.produced!.sha256);

    // The recorded bundle verifies later too, its images decoded again from the PDF.
    const later = await verifyRecordedBundle(mc.session.db, result.dir);
    expect(later.problems).toEqual([]);
  });

  it('gives a byte-identical PDF and CSVs for the same case', async () => {
    const dir = tempDir();
    const mc = await mediaCase(dir);
    // The same state twice: the case and a copy of it (a second final bundle of one case may not reuse the first's numbers).
    closeCase(mc.session);
    copyFileSync(mc.session.path, join(dir, 'copy.ddcase'));
    const original = { ...mc, session: openCase(mc.session.path) };
    const copy = { ...mc, session: openCase(join(dir, 'copy.ddcase')) };
    const first = await run(original, join(dir, 'one'));
    const second = await run(copy, join(dir, 'two'));
    expect(first.verification.ok).toBe(true);
    expect(sha(pdfOf(second.dir))).toBe(sha(pdfOf(first.dir)));
    expect(sha(join(second.dir, 'attachments.csv'))).toBe(sha(join(first.dir, 'attachments.csv')));
    closeCase(original.session);
    closeCase(copy.session);
  });
});

function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

describe('an image withheld whole', () => {
  const tempDir = useTempDir('dd-images-withheld-');

  it('prints its slip, embeds nothing of it, and lists it without its name or hash', async () => {
    const dir = tempDir();
    const mc = await mediaCase(dir);
    const db = mc.session.writable!;
    decideAttachments(
      db,
      AttachmentDecideArgsSchema.parse({ attachmentIds: [mc.ids.screenshot], change: { outcome: 'withhold' } }),
      'test-reviewer',
    );
    // WhatsApp names the file in the body too: redacted there, or verification refuses the name.
    const row = db.prepare('SELECT id, body FROM messages WHERE instr(body, ?) > 0').get(SCREENSHOT) as { id: number; body: string };
    const start = row.body.indexOf(SCREENSHOT);
    addRedaction(
      db,
      AddRedactionArgsSchema.parse({ kind: 'span', messageId: row.id, start, end: start + SCREENSHOT.length, reasonCode: 'article-8' }),
      'test-reviewer',
    );
    const result = await run(mc, join(dir, 'bundle'));
    expect(result.verification.problems).toEqual([]);
    const pdf = pdfOf(result.dir);
    expect(pdfImages(pdf).map((i) => `${i.width}x${i.height}`)).not.toContain('577x1249');
    expect(pdftotext(pdf).replace(/\s+/gu, ' ')).toContain('Image withheld — withheld on review');
    const record = readManifest(join(result.dir, 'manifest.json')).attachments!.find((a) => a.attachmentId === mc.ids.screenshot);
    expect(record).toMatchObject({
      status: 'withheld',
      name: 'Image withheld — withheld on review',
      originalSha256: null,
      size: null,
      produced: null,
    });
    const csv = readFileSync(join(result.dir, 'attachments.csv'), 'utf8');
    expect(csv).not.toContain(SCREENSHOT);
    const screenshotSha = mc.session.db.prepare('SELECT sha256 FROM attachments WHERE id = ?').pluck().get(mc.ids.screenshot) as string;
    expect(csv).not.toContain(screenshotSha);
  });
});

describe('verification of the images in a PDF', () => {
  const tempDir = useTempDir('dd-images-check-');

  it('refuses an image the manifest does not account for, and the original bytes of an attachment held back', async () => {
    const dir = tempDir();
    const mc = await mediaCase(dir);
    const path = join(dir, 'planted.pdf');
    const pdf = await BundlePdf.create(fontBytes(), { title: 't', creator: 'c', date: new Date(0), fileId: '0'.repeat(32) }, path);
    const { name } = pdf.embedImage(mc.photo, 'image/jpeg');
    await pdf.drawPage({ pieces: [{ kind: 'image', x: 50, y: 50, width: 200, height: 150, name }] });
    await pdf.finish();
    const manifest = { attachments: [] } as unknown as Manifest;
    const problems = await imageProblems(path, manifest, [{ attachmentId: mc.ids.photo, sha256: sha256Of(mc.photo) }]);
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^the PDF holds an image \(object \d+\) that the manifest records for no produced attachment$/u),
      `the PDF holds the original file of attachment #${mc.ids.photo}, which the bundle holds back`,
    ]);
  });
});
