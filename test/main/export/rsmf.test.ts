/**
 * The RSMF 2.0 export (docs/spec.md §14): one valid `.rsmf` per reference, redactions applied in every
 * byte a reader can decode, withheld runs as one placeholder event, the same bytes from the same state,
 * and a folder `verify` holds to the case.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeCase, openCase } from '../../../main/cases/service';
import { exportBundle, type ExportResult } from '../../../main/export/run';
import { RSMF_EXPORT_FILE } from '../../../main/export/rsmf/folder';
import { readRsmf, rsmfProblems } from '../../../main/export/rsmf/validate';
import type { RsmfEvent, RsmfManifest } from '../../../main/export/rsmf/manifest';
import { verifyRecordedRsmf } from '../../../main/export/rsmf/verify-recorded';
import { BundleVerificationError } from '../../../main/export/verify';
import sharp from 'sharp';
import { DecideArgsSchema } from '../../../common/contract/channels/review';
import { insertImageRedaction } from '../../../db/queries/image-redactions';
import { importSource } from '../../../main/import/run';
import { checkProducedImage } from '../../../main/media/verify-image';
import { decide } from '../../../main/review/decisions';
import { makeCase } from '../../helpers/case';
import { fixture } from '../../helpers/fixtures';
import { useTempDir } from '../../helpers/temp';
import { fixtureCase, type FixtureCase } from './fixture-case';
import { exportSettings } from './settings';

const tempDir = useTempDir('rsmf-export');

const run = (fc: FixtureCase, outputDir: string, overrides: Parameters<typeof exportSettings>[1] = {}): Promise<ExportResult> =>
  exportBundle(fc.session.writable!, fc.session.meta, exportSettings(outputDir, { output: 'rsmf', ...overrides }), {
    actor: 'test-reviewer',
    appVersion: '0.0.0-test',
    casePath: fc.session.path,
    acknowledged: 'as-listed',
  });

const rsmfIn = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.rsmf'))
    .sort();

/** Every form a naive writer could leave a hidden text in: as is, JSON-escaped, \u-escaped, quoted-printable, base64 at each alignment. */
function encodings(text: string): string[] {
  const bytes = Buffer.from(text, 'utf8');
  const forms = [
    text,
    JSON.stringify(text).slice(1, -1),
    [...text].map((c) => (c.charCodeAt(0) < 0x80 ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c)).join(''),
    [...bytes]
      .map((b) => (b >= 0x21 && b <= 0x7e && b !== 0x3d ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`))
      .join(''),
    text.replace(/ /gu, '_'),
  ];
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
    // The characters that depend only on the text: skip those mixed with the padding at either end.
    const start = Math.ceil((shift * 4) / 3) + (shift ? 1 : 0);
    const end = Math.floor(((shift + bytes.length) * 4) / 3) - 1;
    if (end - start >= 8) forms.push(encoded.slice(start, end));
  }
  return forms;
}

/** Every byte a reader can get at in an .rsmf file: the file, its decoded body, each decoded zip member. */
async function decodedParts(bytes: Buffer): Promise<{ where: string; text: string }[]> {
  const read = await readRsmf(bytes);
  return [
    { where: 'file (utf8)', text: bytes.toString('utf8') },
    { where: 'file (latin1)', text: bytes.toString('latin1') },
    { where: 'body', text: read.body },
    ...read.members.flatMap((m) => [
      { where: `member ${m.name}`, text: m.bytes.toString('utf8') },
      { where: `member ${m.name} (latin1)`, text: m.bytes.toString('latin1') },
    ]),
  ];
}

async function manifestOf(path: string): Promise<RsmfManifest> {
  return (await readRsmf(readFileSync(path))).manifest as RsmfManifest;
}

describe('RSMF 2.0 export', () => {
  it('writes one valid .rsmf per reference, with redactions applied and withheld runs as one placeholder', async () => {
    const dir = tempDir();
    const fc = await fixtureCase(dir);
    const result = await run(fc, join(dir, 'rsmf'));
    expect(result.verification.ok).toBe(true);
    const files = rsmfIn(result.dir);
    expect(files).toEqual(Array.from({ length: result.documents }, (_, i) => `INQ${String(i + 1).padStart(9, '0')}.rsmf`));
    expect(readdirSync(result.dir).sort()).toEqual([...files, RSMF_EXPORT_FILE].sort());

    const events: RsmfEvent[] = [];
    for (const file of files) {
      const bytes = readFileSync(join(result.dir, file));
      const { problems } = await rsmfProblems(bytes);
      expect(problems, file).toEqual([]);
      const read = await readRsmf(bytes);
      expect(read.headers.get('X-RSMF-Version')).toBe('2.0.0');
      expect(read.headers.get('X-RSMF-Application')).toBe('WhatsApp');
      expect(read.headers.text('X-RSMF-Custodian')).toBe('Fiona Laird');
      expect(read.members[0]?.name).toBe('rsmf_manifest.json');
      const manifest = read.manifest as RsmfManifest;
      events.push(...manifest.events);
      for (const event of manifest.events) if (event.timestamp) expect(event.timestamp).toMatch(/(Z|[+-]\d\d:\d\d)$/u);
      // Hidden texts: absent from every decoded byte, in every encoding a naive writer might use.
      for (const part of await decodedParts(bytes))
        for (const hiddenText of [...fc.redacted, ...fc.withheld])
          for (const form of encodings(hiddenText)) expect(part.text.includes(form), `${file} ${part.where}`).toBe(false);
    }
    const produced = events.filter((e) => e.type === 'message' || e.type === 'unknown');
    expect(produced).toHaveLength(result.produced);
    expect(produced.filter((e) => e.body?.includes('[REDACTED – ')).length).toBeGreaterThanOrEqual(2);
    expect(produced.some((e) => e.body?.includes('[REDACTED – Article 8'))).toBe(true);
    const placeholders = events.filter((e) => e.type === 'disclaimer');
    const withheldCount = placeholders.reduce((n, e) => n + Number(e.custom?.find((c) => c.name === 'Withheld')?.value ?? 0), 0);
    expect(withheldCount).toBe(result.withheld);
    expect(placeholders.every((e) => /^\d+ messages? withheld — .+ — .+$/u.test(e.body ?? ''))).toBe(true);
    closeCase(fc.session);
  });

  it('gives the same bytes from the same case state', async () => {
    const dir = tempDir();
    const fc = await fixtureCase(dir);
    closeCase(fc.session);
    copyFileSync(fc.session.path, join(dir, 'copy.ddcase'));
    const original = { ...fc, session: openCase(fc.session.path) };
    const copy = { ...fc, session: openCase(join(dir, 'copy.ddcase')) };
    const one = await run(original, join(dir, 'one'), { unit: 'day' });
    const two = await run(copy, join(dir, 'two'), { unit: 'day' });
    const hashes = (d: string): string[] =>
      rsmfIn(d).map((f) =>
        createHash('sha256')
          .update(readFileSync(join(d, f)))
          .digest('hex'),
      );
    expect(hashes(two.dir)).toEqual(hashes(one.dir));
    expect(readFileSync(join(two.dir, RSMF_EXPORT_FILE), 'utf8').replace(/copy\.ddcase/gu, 'case.ddcase')).toBe(
      readFileSync(join(one.dir, RSMF_EXPORT_FILE), 'utf8'),
    );
    closeCase(original.session);
    closeCase(copy.session);
  });

  it('cuts one file per conversation per day, tied together by the event collection id', async () => {
    const dir = tempDir();
    const fc = await fixtureCase(dir);
    const result = await run(fc, join(dir, 'days'), { unit: 'day' });
    expect(result.documents).toBeGreaterThan(1);
    const manifests = await Promise.all(rsmfIn(result.dir).map((f) => manifestOf(join(result.dir, f))));
    const ids = new Set(manifests.map((m) => m.eventcollectionid));
    expect(ids.size).toBe(1);
    for (const m of manifests) {
      const days = new Set(m.events.flatMap((e) => (e.timestamp ? [e.timestamp.slice(0, 10)] : [])));
      expect(days.size).toBe(1);
    }
    closeCase(fc.session);
  });

  it('is refused when a hidden text is planted in a file, naming the file and the part', async () => {
    const dir = tempDir();
    const fc = await fixtureCase(dir);
    const outputDir = join(dir, 'leaky');
    const attempt = exportBundle(fc.session.writable!, fc.session.meta, exportSettings(outputDir, { output: 'rsmf' }), {
      actor: 'test-reviewer',
      appVersion: '0.0.0-test',
      casePath: fc.session.path,
      acknowledged: 'as-listed',
      beforeVerify: (temp) => {
        const file = join(temp, rsmfIn(temp)[0] as string);
        const text = readFileSync(file, 'latin1');
        writeFileSync(file, text.replace('X-RSMF-Version', `X-Note: ${fc.redacted[0] as string}\r\nX-RSMF-Version`), 'latin1');
      },
    });
    await expect(attempt).rejects.toBeInstanceOf(BundleVerificationError);
    await expect(attempt).rejects.toThrow(/INQ000000001\.rsmf/u);
    closeCase(fc.session);
  });

  it('verifies the folder later against its case, and finds a file changed since', async () => {
    const dir = tempDir();
    const fc = await fixtureCase(dir);
    const result = await run(fc, join(dir, 'rsmf'));
    const good = await verifyRecordedRsmf(fc.session.db, result.dir);
    expect(good.ok).toBe(true);
    expect(good.leakCheck).toBe(true);
    expect(good.checkedStrings).toBeGreaterThan(0);
    const file = join(result.dir, rsmfIn(result.dir)[0] as string);
    writeFileSync(file, Buffer.concat([readFileSync(file), Buffer.from('\r\n')]));
    const bad = await verifyRecordedRsmf(fc.session.db, result.dir);
    expect(bad.ok).toBe(false);
    expect(bad.problems.map((p) => p.message).join('\n')).toMatch(/has changed/u);
    closeCase(fc.session);
  });

  it('produces images as renditions with their redaction regions filled and no metadata', async () => {
    const dir = tempDir();
    const session = makeCase(dir);
    const db = session.writable!;
    await importSource(db, { path: fixture('telegram/result.json'), custodian: 'Euan Baird', timeZone: 'Europe/London' }, { actor: 't' });
    decide(db, DecideArgsSchema.parse({ selector: { kind: 'all' }, change: { outcome: 'disclose' } }), 't');
    const photo = db.prepare("SELECT id, sha256 FROM attachments WHERE present = 1 AND lower(file_name) LIKE '%.jpg' LIMIT 1").get() as {
      id: number;
      sha256: string;
    };
    expect(photo).toBeDefined();
    const rect = { x: 0.1, y: 0.1, w: 0.4, h: 0.4 };
    insertImageRedaction(db, { attachmentId: photo.id, rect, reasonCode: 'personal-third-party', note: '', at: Date.now(), actor: 't' });
    const result = await exportBundle(db, session.meta, exportSettings(join(dir, 'rsmf'), { output: 'rsmf' }), {
      actor: 't',
      appVersion: '0.0.0-test',
      casePath: session.path,
      acknowledged: 'as-listed',
    });
    const images = [];
    for (const file of rsmfIn(result.dir)) {
      const read = await readRsmf(readFileSync(join(result.dir, file)));
      images.push(...read.members.filter((m) => m.name.startsWith(`A${photo.id}`)));
    }
    expect(images).toHaveLength(1);
    const image = images[0]!.bytes;
    expect(createHash('sha256').update(image).digest('hex')).not.toBe(photo.sha256);
    expect(await checkProducedImage(image, [rect])).toEqual([]);
    const { data, info } = await sharp(image).raw().toBuffer({ resolveWithObject: true });
    const at = (Math.floor(info.height * 0.3) * info.width + Math.floor(info.width * 0.3)) * info.channels;
    expect([data[at], data[at + 1], data[at + 2]]).toEqual([0, 0, 0]);
    expect((await sharp(image).metadata()).exif).toBeUndefined();
    closeCase(session);
  });
});
