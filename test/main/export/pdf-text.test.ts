import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, type PDFRef } from 'pdf-lib';
import { CancelledError } from '../../../common/domain/cancellation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fontBytes } from '../../../main/export/fonts';
import { framePage, layoutCover } from '../../../main/export/layout';
import { BundlePdf } from '../../../main/export/pdf';
import { pageRuns, readPdfText } from '../../../main/export/pdf-text';
import { FontMeasurer, parseFont } from '../../../main/export/text-measure';

const PAGES = 700;
const dir = mkdtempSync(join(tmpdir(), 'dd-pdf-text-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let made = 0;

/** A PDF of `PAGES` pages, page n saying "Page n of PAGES" and a word unique to it; its path. */
async function numberedPdf(): Promise<string> {
  const bytes = fontBytes();
  const measurer = new FontMeasurer({ regular: parseFont(bytes.regular), bold: parseFont(bytes.bold), emoji: parseFont(bytes.emoji) });
  const path = join(dir, `numbered-${++made}.pdf`);
  const pdf = await BundlePdf.create(bytes, { title: 'Pages', creator: 'test', date: new Date(0), fileId: '0'.repeat(32) }, path);
  for (let n = 1; n <= PAGES; n++) {
    const [body] = layoutCover(`Body of page ${n}`, [{ label: 'Marker', value: `marker${n}x` }], measurer);
    await pdf.drawPage(
      framePage(body ?? { pieces: [] }, { headerLeft: 'Test', marking: '', label: 'INQ1', page: n, pages: PAGES, bundlePage: n }, measurer),
    );
  }
  await pdf.finish();
  return path;
}

describe('the page tree', () => {
  it('hangs every page under nodes of at most 32 kids, in order', async () => {
    const doc = await PDFDocument.load(readFileSync(await numberedPdf()), { updateMetadata: false });
    const widest = (ref: PDFRef, depth: number): { kids: number; depth: number } => {
      const node = doc.context.lookup(ref, PDFDict);
      const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
      if (!kids) return { kids: 0, depth };
      return kids.asArray().reduce<{ kids: number; depth: number }>(
        (acc, kid) => {
          const below = widest(kid as PDFRef, depth + 1);
          return { kids: Math.max(acc.kids, below.kids), depth: Math.max(acc.depth, below.depth) };
        },
        { kids: kids.size(), depth },
      );
    };
    const shape = widest(doc.catalog.get(PDFName.of('Pages')) as PDFRef, 0);
    expect(shape.kids).toBeLessThanOrEqual(32);
    expect(shape.depth).toBe(2);
    expect(doc.getPageCount()).toBe(PAGES);
  });
});

describe('reading a PDF back with pdfjs', () => {
  let pdf: string;
  beforeAll(async () => {
    pdf = await numberedPdf();
  });

  it('splits the pages into contiguous runs, the last open to whatever the file holds', () => {
    expect(pageRuns(700, 2)).toEqual([
      { from: 1, to: 350 },
      { from: 351, to: null },
    ]);
    expect(pageRuns(10, 1)).toEqual([{ from: 1, to: null }]);
  });

  it('returns every page in order, whichever thread read it', async () => {
    const read: number[] = [];
    const text = await readPdfText(pdf, PAGES, { onPage: (n) => read.push(n) });
    expect(text.pages).toHaveLength(PAGES);
    text.pages.forEach((page, i) => {
      expect(page).toContain(`Page ${i + 1} of ${PAGES}`);
      expect(page).toContain(`marker${i + 1}x`);
    });
    expect(read).toEqual(Array.from({ length: PAGES }, (_, i) => i + 1));
    expect(text.metadata.find((m) => m.where === 'PDF document information (Title)')?.text).toBe('Pages');
  });

  it('reads every page the file has, whatever page count it was told to expect', async () => {
    expect((await readPdfText(pdf, 3)).pages).toHaveLength(PAGES);
    expect((await readPdfText(pdf, 5000)).pages).toHaveLength(PAGES);
  });

  it('stops when cancelled', async () => {
    const token = { isCancellationRequested: false };
    const reading = readPdfText(pdf, PAGES, { token, onPage: (n) => n === 10 && (token.isCancellationRequested = true) });
    await expect(reading).rejects.toBeInstanceOf(CancelledError);
  });

  it('returns text as drawn, not compatibility-normalised: a drawn "ﬁ" ligature stays one character', async () => {
    const bytes = fontBytes();
    const measurer = new FontMeasurer({ regular: parseFont(bytes.regular), bold: parseFont(bytes.bold), emoji: parseFont(bytes.emoji) });
    const path = join(dir, 'ligature.pdf');
    const small = await BundlePdf.create(bytes, { title: 'Ligature', creator: 'test', date: new Date(0), fileId: '0'.repeat(32) }, path);
    const [body] = layoutCover('Ligature', [{ label: 'Word', value: 'the \ufb01le' }], measurer);
    await small.drawPage(body ?? { pieces: [] });
    await small.finish();
    const text = await readPdfText(path, 1);
    expect(text.pages[0]).toContain('\ufb01le');
  });

  it('leaves the polyfills pdfjs installs in its own threads: this thread keeps the native built-ins', async () => {
    await readPdfText(pdf, PAGES);
    for (const fn of [Array.prototype.push, JSON.parse, JSON.stringify])
      expect(Function.prototype.toString.call(fn)).toContain('[native code]');
  });
});
