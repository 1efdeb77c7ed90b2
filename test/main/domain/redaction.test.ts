import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyRedactions,
  clampSpan,
  InvalidSpanError,
  mergeSpans,
  redactedToPlainText,
  validateSpan,
  widenToCharacters,
  type LiveRedaction,
  type RedactedText,
  type TextSegment,
} from '../../../common/domain/redaction';

const LABELS: Record<string, string> = { 'article-8': 'Article 8', 'personal-contact': 'Contact details', lpp: 'LPP' };
const labelOf = (code: string): string => LABELS[code] ?? code;

const textSegments = (r: RedactedText): TextSegment[] => (r.kind === 'text' ? r.segments.filter((s) => s.kind === 'text') : []);

/** Bodies mixing ASCII, accents (precomposed and combining), Gaelic/Welsh letters, emoji with modifiers and ZWJ, CJK. */
const piece = fc.constantFrom('a', 'b', ' ', 'x', 'é', 'e\u0301', 'ŵ', 'Ó', '’', '👍', '👍🏽', '👨‍👩‍👧', '🇬🇧', '中', '\n', '\r\n', '0', '7');
const body = fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''));
const CODES = ['article-8', 'personal-contact', 'lpp'] as const;

/** A body with random span redactions (any offsets, including ones that cut a surrogate pair). */
const bodyWithSpans = body
  .filter((b) => b.length > 0)
  .chain((b) =>
    fc.tuple(
      fc.constant(b),
      fc.array(
        fc
          .tuple(fc.integer({ min: 0, max: b.length - 1 }), fc.integer({ min: 1, max: b.length }), fc.constantFrom(...CODES))
          .filter(([s, e]) => s < e)
          .map(([start, end, reasonCode]): LiveRedaction => ({ kind: 'span', start, end, reasonCode })),
        { maxLength: 6 },
      ),
    ),
  );

describe('applyRedactions (property)', () => {
  it('accounts for every UTF-16 unit: text lengths plus box lengths equal the body length, in order', () => {
    fc.assert(
      fc.property(bodyWithSpans, ([b, spans]) => {
        const r = applyRedactions(b, spans, labelOf);
        if (r.kind !== 'text') throw new Error('expected text');
        let at = 0;
        for (const s of r.segments) {
          expect(s.start).toBe(at);
          expect(s.kind === 'text' ? s.text.length : s.length).toBe(s.end - s.start);
          at = s.end;
        }
        expect(at).toBe(b.length);
      }),
    );
  });

  it('never shows a character at a redacted position', () => {
    fc.assert(
      fc.property(bodyWithSpans, ([b, spans]) => {
        const r = applyRedactions(b, spans, labelOf);
        for (const s of textSegments(r)) {
          for (const span of spans) if (span.kind === 'span') expect(s.end <= span.start || s.start >= span.end).toBe(true);
          expect(s.text).toBe(b.slice(s.start, s.end));
        }
      }),
    );
  });

  it('never lets a redacted substring that occurs nowhere else appear in any text segment', () => {
    fc.assert(
      fc.property(bodyWithSpans, ([b, spans]) => {
        const r = applyRedactions(b, spans, labelOf);
        const shown = textSegments(r).map((s) => s.text);
        for (const span of spans) {
          if (span.kind !== 'span') continue;
          const secret = b.slice(span.start, span.end);
          // Where the secret also occurs (as UTF-16 units) outside every span, showing it there is not a leak.
          const outside = (at: number): boolean => spans.every((o) => o.kind !== 'span' || at + secret.length <= o.start || at >= o.end);
          let elsewhere = false;
          for (let at = b.indexOf(secret); at >= 0 && !elsewhere; at = b.indexOf(secret, at + 1)) elsewhere = outside(at);
          if (!elsewhere) for (const text of shown) expect(text.includes(secret)).toBe(false);
        }
      }),
    );
  });

  it('never leaves a lone surrogate or an orphan combining mark at the edge of a text segment', () => {
    fc.assert(
      fc.property(bodyWithSpans, ([b, spans]) => {
        for (const s of textSegments(applyRedactions(b, spans, labelOf))) {
          expect(/\p{Cs}/u.test(s.text)).toBe(false); // no lone surrogate
          expect(/^(?:\p{M}|\u200d|\p{Emoji_Modifier})/u.test(s.text)).toBe(false);
        }
      }),
    );
  });

  it('merges overlapping and touching spans into one box carrying all their reasons', () => {
    fc.assert(
      fc.property(bodyWithSpans, ([b, spans]) => {
        const r = applyRedactions(b, spans, labelOf);
        if (r.kind !== 'text') return;
        r.segments.forEach((s, i) => {
          const next = r.segments[i + 1];
          if (s.kind === 'redacted' && next) expect(next.kind).toBe('text');
        });
      }),
    );
  });
});

describe('applyRedactions (examples)', () => {
  it('cuts a body into text and labelled boxes', () => {
    const r = applyRedactions(
      'Call me on 07700 900123 tonight',
      [{ kind: 'span', start: 11, end: 23, reasonCode: 'personal-contact' }],
      labelOf,
    );
    expect(r).toEqual({
      kind: 'text',
      segments: [
        { kind: 'text', start: 0, end: 11, text: 'Call me on ' },
        { kind: 'redacted', start: 11, end: 23, length: 12, reasonCodes: ['personal-contact'], label: 'Contact details' },
        { kind: 'text', start: 23, end: 31, text: ' tonight' },
      ],
    });
    expect(redactedToPlainText(r)).toBe('Call me on [REDACTED: Contact details] tonight');
  });

  it('merges overlapping spans with different reasons into one box labelled with both, reasons sorted', () => {
    const r = applyRedactions(
      'abcdefghij',
      [
        { kind: 'span', start: 5, end: 8, reasonCode: 'lpp' },
        { kind: 'span', start: 2, end: 6, reasonCode: 'article-8' },
        { kind: 'span', start: 8, end: 9, reasonCode: 'lpp' },
      ],
      labelOf,
    );
    expect(r.kind === 'text' && r.segments).toEqual([
      { kind: 'text', start: 0, end: 2, text: 'ab' },
      { kind: 'redacted', start: 2, end: 9, length: 7, reasonCodes: ['article-8', 'lpp'], label: 'Article 8; LPP' },
      { kind: 'text', start: 9, end: 10, text: 'j' },
    ]);
  });

  it('withholds the whole item when a whole redaction is live, whatever spans there are', () => {
    const r = applyRedactions(
      'secret',
      [
        { kind: 'span', start: 0, end: 2, reasonCode: 'lpp' },
        { kind: 'whole', reasonCode: 'article-8' },
      ],
      labelOf,
    );
    expect(r).toEqual({ kind: 'whole', reasonCodes: ['article-8'], label: 'Article 8' });
    expect(JSON.stringify(r)).not.toContain('secret');
    expect(redactedToPlainText(r)).toBe('[WITHHELD: Article 8]');
  });

  it('leaves a body without redactions as one text segment, and an empty body as none', () => {
    expect(applyRedactions('hello', [], labelOf)).toEqual({ kind: 'text', segments: [{ kind: 'text', start: 0, end: 5, text: 'hello' }] });
    expect(applyRedactions('', [], labelOf)).toEqual({ kind: 'text', segments: [] });
  });

  it('refuses a span that does not fit the body instead of clamping it', () => {
    expect(() => applyRedactions('short', [{ kind: 'span', start: 2, end: 9, reasonCode: 'lpp' }], labelOf)).toThrow(InvalidSpanError);
  });

  it('is frozen, so a caller cannot write text into a box', () => {
    const r = applyRedactions('abc', [{ kind: 'span', start: 1, end: 2, reasonCode: 'lpp' }], labelOf);
    expect(Object.isFrozen(r)).toBe(true);
    expect(r.kind === 'text' && r.segments.every((s) => Object.isFrozen(s))).toBe(true);
  });
});

describe('span maths', () => {
  it('validateSpan refuses non-integers, negative, reversed, empty and too-long spans with a specific reason', () => {
    expect(() => validateSpan('abc', { start: 0.5, end: 2 })).toThrow(/whole numbers/);
    expect(() => validateSpan('abc', { start: -1, end: 2 })).toThrow(/before the beginning/);
    expect(() => validateSpan('abc', { start: 2, end: 2 })).toThrow(/start must come before end/);
    expect(() => validateSpan('abc', { start: 1, end: 4 })).toThrow(/after the end/);
    expect(validateSpan('abc', { start: 0, end: 3 })).toEqual({ start: 0, end: 3 });
  });

  it('widens a span that splits a surrogate pair to the whole emoji', () => {
    const b = 'a👍b'; // 👍 is two UTF-16 units at 1–3
    expect(validateSpan(b, { start: 2, end: 3 })).toEqual({ start: 1, end: 3 });
    expect(validateSpan(b, { start: 0, end: 2 })).toEqual({ start: 0, end: 3 });
  });

  it('widens a span over a letter to include its combining accent and over an emoji to its skin tone and ZWJ family', () => {
    expect(widenToCharacters('Sea\u0301n', { start: 2, end: 3 })).toEqual({ start: 2, end: 4 });
    expect(widenToCharacters('x👍🏽y', { start: 1, end: 3 })).toEqual({ start: 1, end: 5 });
    const family = '👨‍👩‍👧';
    expect(widenToCharacters(`a${family}`, { start: 1, end: 2 })).toEqual({ start: 1, end: 1 + family.length });
  });

  it('mergeSpans joins overlapping and touching spans, keeps apart separate ones, unions reasons', () => {
    expect(
      mergeSpans([
        { start: 10, end: 12, reasonCodes: ['b'] },
        { start: 0, end: 3, reasonCodes: ['a'] },
        { start: 3, end: 5, reasonCodes: ['b'] },
        { start: 11, end: 15, reasonCodes: ['a', 'b'] },
      ]),
    ).toEqual([
      { start: 0, end: 5, reasonCodes: ['a', 'b'] },
      { start: 10, end: 15, reasonCodes: ['a', 'b'] },
    ]);
  });

  it('clampSpan cuts to the length and returns null when nothing is left', () => {
    expect(clampSpan({ start: -3, end: 4 }, 10)).toEqual({ start: 0, end: 4 });
    expect(clampSpan({ start: 8, end: 14 }, 10)).toEqual({ start: 8, end: 10 });
    expect(clampSpan({ start: 12, end: 14 }, 10)).toBeNull();
  });
});
