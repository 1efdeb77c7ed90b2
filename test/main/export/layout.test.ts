import { describe, expect, it } from 'vitest';
import { applyRedactions } from '../../../common/domain/redaction';
import { layoutExtract, wrapText, type Entry, type Piece, type TextPiece } from '../../../main/export/layout';
import type { GlyphRun, TextMeasurer, TextStyle } from '../../../main/export/text-measure';

/** Every character half an em wide, a space a quarter: widths are easy to reason about. */
const mono: TextMeasurer = {
  runs: (text: string, style: TextStyle): GlyphRun[] => (text ? [{ font: style, text, width: [...text].length * 0.5 }] : []),
  spaceWidth: () => 0.25,
};

const texts = (pieces: readonly Piece[]): string[] => pieces.filter((p): p is TextPiece => p.kind === 'text').map((p) => p.text);
const lineTexts = (text: string, width: number): string[] => wrapText(text, mono, width).map((l) => texts(l.pieces).join(' '));

describe('wrapping', () => {
  it('fills lines greedily and never exceeds the width', () => {
    // 9 pt text: a character is 4.5 pt, so 45 pt holds 10 characters.
    const lines = wrapText('aaaa bbbb cccc dddd', mono, 45);
    expect(lines.map((l) => texts(l.pieces).join(''))).toEqual(['aaaa bbbb', 'cccc dddd']);
    for (const line of lines) for (const p of line.pieces) if (p.kind === 'text') expect(p.x + p.width).toBeLessThanOrEqual(45.0001);
  });

  it('keeps hard line breaks', () => {
    expect(lineTexts('one\ntwo\n\nthree', 200)).toEqual(['one', 'two', '', 'three']);
  });

  it('breaks a word longer than a line without losing a character', () => {
    const word = 'x'.repeat(25);
    const lines = lineTexts(word, 45);
    expect(lines.join('')).toBe(word);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(10);
  });

  it('breaks a URL after a slash or punctuation where it can', () => {
    const url = 'https://example.org/abc/defghij?x=1';
    const lines = lineTexts(`see ${url}`, 90);
    expect(lines.join('').replace(/ /g, '')).toBe(`see${url}`);
    expect(lines[0]).toMatch(/[/?=.-]$/);
  });

  it('draws a redaction as a box with its label, and never the hidden characters', () => {
    const text = applyRedactions('Call Ailsa tomorrow', [{ kind: 'span', start: 5, end: 10, reasonCode: 'article-8' }], () => 'Article 8');
    if (text.kind !== 'text') throw new Error('expected segments');
    const [line] = wrapText(text.segments, mono, 400);
    expect(line?.pieces.some((p) => p.kind === 'box')).toBe(true);
    expect(texts(line?.pieces ?? [])).toContain('Article 8');
    expect(texts(line?.pieces ?? []).join(' ')).not.toContain('Ailsa');
  });
});

const message = (id: number, body: string): Entry => ({
  kind: 'message',
  messageId: id,
  time: 'Tue 3 Mar 2020 08:01 GMT',
  sender: applyRedactions('Fiona Laird', [], (c) => c),
  flags: [],
  text: applyRedactions(body, [], (c) => c),
  attachments: [],
  notes: [],
  muted: false,
});

describe('pagination', () => {
  it('breaks pages, and reports each message on the pages it occupies, in order', () => {
    const placed: [number, number, number][] = [];
    const entries = Array.from({ length: 200 }, (_, i) => message(i + 1, `message ${i + 1}`));
    const pages = [
      ...layoutExtract({ title: applyRedactions('Chat', [], (c) => c), details: [], entries }, mono, (id, first, last) =>
        placed.push([id, first, last]),
      ),
    ];
    expect(pages.length).toBeGreaterThan(3);
    expect(placed).toHaveLength(200);
    expect(placed.at(-1)?.[2]).toBe(pages.length);
    for (let i = 1; i < placed.length; i++) expect(placed[i]?.[1]).toBeGreaterThanOrEqual(placed[i - 1]?.[1] ?? 0);
    for (const page of pages) for (const p of page.pieces) if (p.kind !== 'rule') expect(p.y).toBeGreaterThan(50);
  });

  it('collapses a withheld run into one line naming the count, the reason and the times', () => {
    const entries: Entry[] = [
      { kind: 'withheld', messageIds: [1, 2, 3], label: 'Article 8: private and family life', span: '14:03–16:22' },
    ];
    const [page] = [...layoutExtract({ title: applyRedactions('Chat', [], (c) => c), details: [], entries }, mono)];
    expect(texts(page?.pieces ?? []).join(' ')).toContain('3 messages withheld — Article 8: private and family life — 14:03–16:22');
  });
});

describe('images on extract pages', () => {
  const withImage = (id: number, height: number): Entry => ({
    ...(message(id, `photo ${id}`) as Extract<Entry, { kind: 'message' }>),
    attachments: [
      {
        kind: 'image',
        attachmentId: 100 + id,
        image: { name: `Im${id}`, width: 400, height },
        name: applyRedactions(`IMG-${id}.jpg`, [], (c) => c),
        reference: 'INQ000000001',
      },
    ],
  });
  const images = (pieces: readonly Piece[]) => pieces.filter((p) => p.kind === 'image');

  it('moves an image that does not fit to the next page whole, with its caption naming that page', () => {
    const placed: [number, number][] = [];
    const entries = [withImage(1, 500), withImage(2, 500), withImage(3, 200)];
    const pages = [
      ...layoutExtract({ title: applyRedactions('Chat', [], (c) => c), details: [], entries }, mono, undefined, (id, page) =>
        placed.push([id, page]),
      ),
    ];
    // A body is 722 pt: two 500 pt images cannot share one, nor can a 500 and a 200 with their headings and captions.
    expect(pages.map((p) => images(p.pieces).length)).toEqual([1, 1, 1]);
    expect(placed).toEqual([
      [101, 1],
      [102, 2],
      [103, 3],
    ]);
    for (const [n, page] of pages.entries()) {
      for (const image of images(page.pieces)) {
        // Inside the body, never over the header or footer.
        expect(image.y).toBeGreaterThanOrEqual(62);
        expect(image.y + image.height).toBeLessThanOrEqual(841.89 - 58);
      }
      expect(texts(page.pieces)).toContain(`INQ000000001, page ${n + 1}`);
      expect(texts(page.pieces)).toContain(`IMG-${n + 1}.jpg`);
    }
  });

  it('keeps a caption under its image, and text after it below both', () => {
    const [page] = [
      ...layoutExtract(
        { title: applyRedactions('Chat', [], (c) => c), details: [], entries: [withImage(1, 200), message(2, 'after')] },
        mono,
      ),
    ];
    const image = images(page!.pieces)[0]!;
    const at = (text: string) => page!.pieces.find((p): p is TextPiece => p.kind === 'text' && p.text === text)!;
    expect(at('IMG-1.jpg').y).toBeLessThan(image.y);
    expect(at('INQ000000001, page 1').y).toBeLessThan(at('IMG-1.jpg').y);
    expect(at('after').y).toBeLessThan(at('INQ000000001, page 1').y);
    expect(at('photo 1').y).toBeGreaterThan(image.y + image.height);
  });
});
