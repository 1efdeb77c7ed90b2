import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyRedactions,
  applyRedactionsToPieces,
  type BodyPiece,
  type LiveRedaction,
  type RedactionSegment,
} from '../../../common/domain/redaction';
import { boundedNeedles, MAX_NEEDLE_CHARS, pieceEnd, SpanSample } from '../../../main/export/long-body';
import { checkableNeedles, findLeaks, LeakScanner, type Needle } from '../../../main/export/leaks';
import { BundleLeakSearch } from '../../../main/export/verify-leaks';

const labelOf = (code: string): string => code.toUpperCase();

/** Text runs joined between boxes, and the boxes: the same drawing whatever the pieces. */
function drawing(segments: Iterable<RedactionSegment>): (string | { box: string; start: number; end: number })[] {
  const out: (string | { box: string; start: number; end: number })[] = [];
  for (const s of segments) {
    const last = out.at(-1);
    if (s.kind === 'redacted') out.push({ box: s.label, start: s.start, end: s.end });
    else if (typeof last === 'string') out[out.length - 1] = last + s.text;
    else out.push(s.text);
  }
  return out;
}

/** The body cut after some of its spaces and line breaks, as the export cuts a long body. */
function cutAfterSpaces(body: string, every: number): BodyPiece[] {
  const pieces: BodyPiece[] = [];
  let start = 0;
  let seen = 0;
  for (let i = 0; i < body.length; i++) {
    if ((body[i] === ' ' || body[i] === '\n') && ++seen % every === 0) {
      pieces.push({ start, text: body.slice(start, i + 1) });
      start = i + 1;
    }
  }
  if (start < body.length) pieces.push({ start, text: body.slice(start) });
  return pieces;
}

const glyph = fc.constantFrom('a', 'b', ' ', ' ', 'é', 'e\u0301', 'ŵ', '👍', '👍🏽', '👨‍👩‍👧', '🇬🇧', '中', '\n', '\r\n', '7');
const bodyWithSpans = fc
  .array(glyph, { minLength: 1, maxLength: 60 })
  .map((parts) => parts.join(''))
  .chain((b) =>
    fc.tuple(
      fc.constant(b),
      fc.array(
        fc
          .tuple(fc.integer({ min: 0, max: b.length - 1 }), fc.integer({ min: 1, max: b.length }), fc.constantFrom('a8', 'lpp'))
          .filter(([s, e]) => s < e)
          .map(([start, end, reasonCode]): LiveRedaction => ({ kind: 'span', start, end, reasonCode })),
        { maxLength: 5 },
      ),
      fc.integer({ min: 1, max: 4 }),
    ),
  );

describe('a long body redacted piece by piece', () => {
  it('draws exactly what applyRedactions draws for the whole body, however it is cut at spaces (property)', () => {
    fc.assert(
      fc.property(bodyWithSpans, ([body, spans, every]) => {
        const pieces = cutAfterSpaces(body, every);
        const streamed = applyRedactionsToPieces(() => pieces, spans, labelOf);
        const whole = applyRedactions(body, spans, labelOf);
        if (streamed.kind !== 'stream' || whole.kind !== 'text') throw new Error('expected text');
        expect(drawing(streamed.segments)).toEqual(drawing(whole.segments));
        // Read twice (the layout reads the segments once, but nothing may depend on that).
        expect(drawing(streamed.segments)).toEqual(drawing(whole.segments));
      }),
    );
  });

  it('refuses a span beyond the body, as applyRedactions does', () => {
    const pieces = [
      { start: 0, text: 'one two ' },
      { start: 8, text: 'three' },
    ];
    expect(() => applyRedactionsToPieces(() => pieces, [{ kind: 'span', start: 10, end: 14, reasonCode: 'a8' }], labelOf)).toThrow(
      /after the end of the text/u,
    );
  });

  it('ends a piece after its last space or line break, never inside a surrogate pair or a CR LF', () => {
    expect(pieceEnd('aaaa bbbb cccc dd')).toBe(15);
    expect(pieceEnd('aaaa bbbb cccc\ndd')).toBe(15);
    expect(pieceEnd(`${'x'.repeat(10)}👍`)).toBe(12);
    expect(pieceEnd(`${'x'.repeat(10)}\ud83d`)).toBe(10);
    expect(pieceEnd(`${'x'.repeat(10)}\r`)).toBe(10);
  });

  it('samples a long hidden text by its ends, as the pieces go by', () => {
    const text = `${'a '.repeat(MAX_NEEDLE_CHARS)}middle${' z'.repeat(MAX_NEEDLE_CHARS)}`;
    const sample = new SpanSample(0, text.length);
    for (const piece of cutAfterSpaces(text, 100)) sample.feed(piece);
    const [head, tail] = sample.texts();
    expect(head).toBe(text.slice(0, MAX_NEEDLE_CHARS));
    expect(tail).toBe(text.slice(-MAX_NEEDLE_CHARS));
    expect(boundedNeedles(text, { kind: 'withheld-item', messageId: 1 }).map((n) => n.text)).toEqual([head, tail]);
  });
});

const needle = (text: string): Needle => ({ text, source: { kind: 'withheld-item', messageId: 1 } });

describe('the leak search over text arriving in pieces', () => {
  const secret = 'Kestrel Nightjar';
  const checked = checkableNeedles([needle(secret)]).needles;

  it('finds a hidden text broken over two pages of one stream, and names the page it starts on', () => {
    const scanner = new LeakScanner(checked);
    const stream = scanner.stream();
    stream.feed(0, 'the meeting about Kestrel');
    stream.feed(1, 'Nightjar is at ten');
    stream.end();
    expect(scanner.leaks()).toEqual([{ haystack: 0, needle: 0 }]);
    // Searched page by page, as before, it is not there.
    expect(findLeaks([{ text: 'the meeting about Kestrel' }, { text: 'Nightjar is at ten' }], checked)).toEqual([]);
  });

  it('finds it broken mid-word over two chunks of one file, and in batches far apart', () => {
    const scanner = new LeakScanner(checked);
    const stream = scanner.stream();
    const filler = 'lorem ipsum '.repeat(40_000);
    stream.chunk(0, `${filler}the Kestrel Nigh`);
    stream.chunk(0, `tjar ${filler}`);
    stream.end();
    expect(scanner.leaks()).toEqual([{ haystack: 0, needle: 0 }]);
  });

  it('does not join texts across a break, and keeps only a window as long as twice the longest needle', () => {
    const scanner = new LeakScanner(checked);
    const stream = scanner.stream();
    stream.feed(0, 'Kestrel');
    stream.break();
    stream.feed(1, 'Nightjar');
    stream.end();
    expect(scanner.leaks()).toEqual([]);
    expect(scanner.window).toBe(2 * secret.length);
  });

  it('joins the last page one reader thread read to the first page the next read', () => {
    const pageLocation = (page: number) => ({ kind: 'front-page', bundlePage: page }) as const;
    const search = new BundleLeakSearch(checked, pageLocation);
    search.page(1, 3, { body: 'Nightjar and more', frame: 'Page 3' });
    search.page(0, 1, { body: 'first page', frame: 'Page 1' });
    search.page(0, 2, { body: 'ends with Kestrel', frame: 'Page 2' });
    search.endPages(2);
    const [leak] = search.leaks();
    expect(search.locations[leak?.haystack ?? -1]).toEqual({ kind: 'front-page', bundlePage: 2 });
  });
});
