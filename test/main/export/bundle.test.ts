import { spawnSync } from 'node:child_process';
import { CancelledError } from '../../../common/domain/cancellation';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { closeCase, openCase } from '../../../main/cases/service';
import { applyRedactions } from '../../../common/domain/redaction';
import { fontBytes } from '../../../main/export/fonts';
import { framePage, layoutExtract, type Entry } from '../../../main/export/layout';
import { readManifest } from '../../../main/export/manifest';
import { BundlePdf } from '../../../main/export/pdf';
import { exportBundle, type ExportSettings } from '../../../main/export/run';
import { parseCsv } from '../../../main/export/verify';
import { verifyRecordedBundle } from '../../../main/export/verify-recorded';
import { FontMeasurer, parseFont } from '../../../main/export/text-measure';
import { useTempDir } from '../../helpers/temp';
import { fixtureCase, type FixtureCase } from './fixture-case';
import { exportSettings } from './settings';

const pdftotext = (path: string): string => {
  const result = spawnSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`pdftotext failed: ${result.stderr}`);
  return result.stdout;
};
/**
 * What a reader can find: NFC, no invisible formatting, no whitespace (lines wrap anywhere), and a
 * subdivision flag's tag letters read out as the PDF shows them.
 */
const squeeze = (text: string): string =>
  text
    .replace(/[\u{E0020}-\u{E007E}]+\u{E007F}?/gu, (tags) => {
      const letters = [...tags]
        .filter((c) => c !== '\u{E007F}')
        .map((c) => String.fromCodePoint((c.codePointAt(0) ?? 0) - 0xe0000))
        .join('')
        .toUpperCase();
      return `[flag: ${letters.slice(0, 2)}-${letters.slice(2)}]`;
    })
    .normalize('NFC')
    .replace(/(?:\s|[\u200b-\u200f]|[\u202a-\u202e]|[\u2066-\u2069]|\ufe0e|\ufe0f)+/gu, '');
const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

const settings = (outputDir: string, overrides: Partial<ExportSettings> = {}): ExportSettings =>
  exportSettings(outputDir, { firstNumber: 236371, ...overrides });

const run = (fc: FixtureCase, s: ExportSettings, extra: Partial<Parameters<typeof exportBundle>[3]> = {}) =>
  exportBundle(fc.session.writable!, fc.session.meta, s, {
    actor: 'test-reviewer',
    appVersion: '0.0.0-test',
    casePath: fc.session.path,
    ...extra,
  });

const pdfIn = (dir: string): string => join(dir, readdirSync(dir).find((f) => f.endsWith('.pdf')) ?? 'missing.pdf');

describe('exporting a reviewed case', () => {
  const tempDir = useTempDir('dd-export-');

  it('shows every produced message and none of the redacted or withheld text', async () => {
    const dir = tempDir();
    const fc = await fixtureCase(dir);
    const result = await run(fc, settings(join(dir, 'bundle')));
    const text = pdftotext(pdfIn(result.dir));
    // Page furniture interrupts a message that runs over a page break: take it out before comparing.
    const found = squeeze(
      text
        .replace(/\f/gu, '\n')
        .replace(/^(UK Covid-19 Inquiry — Test case|OFFICIAL-SENSITIVE|INQ000236371|Page \d+ of \d+|Bundle page \d+)$/gmu, ''),
    );
    for (const body of fc.produced) expect(found, body).toContain(squeeze(body));
    for (const hidden of [...fc.redacted, ...fc.withheld]) expect(found).not.toContain(squeeze(hidden));
    expect(text).toContain('2 messages withheld — withheld on review');
    expect(text).toContain('Article 8: private and family life');
    expect(text).toContain('INQ000236371');
    expect(text).toMatch(/Page 1 of \d/);
    expect(result.verification).toMatchObject({ ok: true, leakCheck: true });
    closeCase(fc.session);
  });

  it('writes a schedule row per produced item and a manifest whose hashes match the files', async () => {
    const dir = tempDir();
    const fc = await fixtureCase(dir);
    const result = await run(fc, settings(join(dir, 'bundle')));
    const [header, ...rows] = parseCsv(readFileSync(join(result.dir, 'schedule.csv'), 'utf8'));
    expect(header?.[0]).toBe('Reference');
    expect(rows).toHaveLength(result.produced);
    expect(rows.filter((r) => r[9] === 'Article 8: private and family life')).toHaveLength(1);
    const manifest = readManifest(join(result.dir, 'manifest.json'));
    for (const file of manifest.files) expect(sha(join(result.dir, file.name))).toBe(file.sha256);
    expect(manifest.sources).toHaveLength(1);
    expect(manifest.decisionsHash).toMatch(/^[0-9a-f]{64}$/);
    const recorded = fc.session.db.prepare('SELECT count(*) FROM bundle_items').pluck().get();
    expect(recorded).toBe(result.produced);
    expect(fc.session.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'bundle.exported'").pluck().get()).toBe(1);
    closeCase(fc.session);
  });

  it('produces a byte-identical PDF and CSV from the same case state and settings', async () => {
    const dir = tempDir();
    const fc = await fixtureCase(dir);
    // The same state twice: the case and a copy of it (in one case, a second final bundle may not reuse the first's numbers).
    closeCase(fc.session);
    copyFileSync(fc.session.path, join(dir, 'copy.ddcase'));
    const original = { ...fc, session: openCase(fc.session.path) };
    const copy = { ...fc, session: openCase(join(dir, 'copy.ddcase')) };
    const first = await run(original, settings(join(dir, 'one')));
    const second = await run(copy, settings(join(dir, 'two')));
    expect(sha(pdfIn(second.dir))).toBe(sha(pdfIn(first.dir)));
    expect(sha(join(second.dir, 'schedule.csv'))).toBe(sha(join(first.dir, 'schedule.csv')));
    closeCase(original.session);
    closeCase(copy.session);
  });

  it('gives one reference per conversation per day in day mode', async () => {
    const dir = tempDir();
    const fc = await fixtureCase(dir);
    const days = new Set(
      (
        fc.session.db
          .prepare(
            "SELECT m.sent_at FROM messages m JOIN reviews r ON r.message_id = m.id WHERE r.outcome IN ('disclose','disclose_redacted')",
          )
          .pluck()
          .all() as number[]
      ).map((t) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(t)),
    );
    const result = await run(fc, settings(join(dir, 'bundle'), { unit: 'day', firstNumber: 1 }));
    expect(result.documents).toBe(days.size);
    expect(result.lastReference).toBe(`INQ${String(days.size).padStart(9, '0')}`);
    closeCase(fc.session);
  });

  it('fails loudly and keeps nothing when a redacted string is planted in the metadata', async () => {
    const dir = tempDir();
    const fc = await fixtureCase(dir);
    const out = join(dir, 'bundle');
    const plant = async (temp: string): Promise<void> => {
      const path = pdfIn(temp);
      const doc = await PDFDocument.load(readFileSync(path), { updateMetadata: false });
      doc.setSubject(fc.redacted[0] as string);
      writeFileSync(path, await doc.save());
    };
    await expect(run(fc, settings(out), { beforeVerify: plant })).rejects.toThrow(
      /Redacted text \(Article 8: private and family life\) in the message from Fiona Laird, .* was found in the bundle: the PDF document information \(Subject\)\./,
    );
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
    closeCase(fc.session);
  });

  it('names where a hidden string was found when a bundle is verified later', async () => {
    const dir = tempDir();
    const fc = await fixtureCase(dir);
    const result = await run(fc, settings(join(dir, 'bundle')));
    const path = pdfIn(result.dir);
    const doc = await PDFDocument.load(readFileSync(path), { updateMetadata: false });
    doc.setKeywords([fc.withheld[0] as string]);
    writeFileSync(path, await doc.save({ useObjectStreams: false }));
    const report = await verifyRecordedBundle(fc.session.db, result.dir);
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/has changed/),
        expect.stringMatching(
          /^The withheld message \(withheld on review\): .* was found in the bundle: the PDF document information \(Keywords\)\./,
        ),
      ]),
    );
    closeCase(fc.session);
  });

  it('leaves nothing behind when cancelled', async () => {
    const dir = tempDir();
    const fc = await fixtureCase(dir);
    const out = join(dir, 'bundle');
    const token = { isCancellationRequested: false };
    await expect(
      run(fc, settings(out), { token, onProgress: (p) => void (token.isCancellationRequested = p.phase === 'verifying' || p.pages > 0) }),
    ).rejects.toThrow(CancelledError);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
    expect(fc.session.db.prepare('SELECT count(*) FROM bundles').pluck().get()).toBe(0);
    closeCase(fc.session);
  });
});

describe('drawing Unicode', () => {
  const tempDir = useTempDir('dd-unicode-');

  it('draws Gaelic, Welsh, Cyrillic, Greek and emoji as extractable text, and names what no font has', async () => {
    const bytes = fontBytes();
    const measurer = new FontMeasurer({ regular: parseFont(bytes.regular), bold: parseFont(bytes.bold), emoji: parseFont(bytes.emoji) });
    const body = 'Dè tha dol? Ŵyt ti’n iawn? Привет Γειά σου 👍 \u2312 \u4E2D';
    const entry: Entry = {
      kind: 'message',
      messageId: 1,
      time: 't',
      sender: applyRedactions('s', [], (c) => c),
      flags: [],
      text: applyRedactions(body, [], (c) => c),
      attachments: [],
      notes: [],
      muted: false,
    };
    const path = join(tempDir(), 'unicode.pdf');
    const pdf = await BundlePdf.create(bytes, { title: 'Test', creator: 'test', date: new Date(0), fileId: '0'.repeat(32) }, path);
    for (const page of layoutExtract({ title: applyRedactions('Unicode', [], (c) => c), details: [], entries: [entry] }, measurer)) {
      await pdf.drawPage(framePage(page, { headerLeft: 'h', marking: 'm', label: 'INQ1', page: 1, pages: 1, bundlePage: 1 }, measurer));
    }
    await pdf.finish();
    const text = pdftotext(path);
    for (const word of ['Dè', 'Ŵyt', 'ti’n', 'Привет', 'Γειά', '👍', '[emoji: arc]', '[U+4E2D]']) expect(text).toContain(word);
    const counts = { emojiDrawn: 0, named: {}, formattingSkipped: 0 };
    measurer.tally(body, 'regular', counts);
    expect(counts).toEqual({ emojiDrawn: 1, named: { '[emoji: arc]': 1, '[U+4E2D]': 1 }, formattingSkipped: 0 });
  });
});
