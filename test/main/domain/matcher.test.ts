import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EmptyNeedleError, findAll, fold, foldText, occurs } from '../../../common/domain/matcher';

/** Any UTF-16 text, lone surrogates included (fast-check's own binary strings are slow to generate). */
const anyText = fc
  .array(fc.oneof(fc.integer({ min: 0, max: 0x7f }), fc.integer({ min: 0x80, max: 0x10ffff })), { maxLength: 60 })
  .map((codes) => codes.map((c) => (c <= 0xffff ? String.fromCharCode(c) : String.fromCodePoint(c))).join(''));

const texts = (text: string, needle: string, wholeWord = true): string[] =>
  findAll(text, needle, { wholeWord }).map((s) => text.slice(s.start, s.end));

describe('the matcher', () => {
  it('finds a word in any case, ligature, fullwidth form, with invisible characters or marks inside', () => {
    expect(texts('KESTREL and kestrel ops', 'Kestrel')).toEqual(['KESTREL', 'kestrel']);
    expect(texts('the oﬃcial line', 'official')).toEqual(['oﬃcial']);
    expect(texts('the official line', 'oﬃcial')).toEqual(['official']);
    expect(texts('ask Kes\u200btrel now', 'Kestrel')).toEqual(['Kes\u200btrel']);
    expect(texts('ask Kes\u0336trel now', 'Kestrel')).toEqual(['Kes\u0336trel']);
    expect(texts('ask Ｋｅｓｔｒｅｌ now', 'Kestrel')).toEqual(['Ｋｅｓｔｒｅｌ']);
    expect(texts('K\u00ade\u2060s\u20d2t\ufe0fr\u20e5e\u20e6l\ufeff', 'kestrel')).toEqual([
      'K\u00ade\u2060s\u20d2t\ufe0fr\u20e5e\u20e6l\ufeff',
    ]);
    expect(texts('STRASSE, Straße, ſtraße', 'strasse')).toEqual(['STRASSE', 'Straße', 'ſtraße']);
  });

  it('maps a match back to the exact original span, marks and invisible characters after it included', () => {
    const text = 'x Ke\u0301strel\u0338\u200b, y';
    expect(findAll(text, 'kestrel', { wholeWord: true })).toEqual([{ start: 2, end: 2 + 'Ke\u0301strel\u0338\u200b'.length }]);
    // A ligature is one character: a match of part of it takes all of it.
    expect(findAll('aﬃb', 'fi', { wholeWord: false })).toEqual([{ start: 1, end: 2 }]);
    // Astral characters: the span covers both halves of each pair.
    const astral = 'a 𝐊𝐞𝐬𝐭𝐫𝐞𝐥 b';
    const [span] = findAll(astral, 'Kestrel', { wholeWord: true });
    expect(astral.slice(span!.start, span!.end)).toBe('𝐊𝐞𝐬𝐭𝐫𝐞𝐥');
  });

  it('keeps whole words, apostrophes, hyphens and white space as the literal search did', () => {
    expect(texts('Ann, Anne and Annual', 'Ann')).toEqual(['Ann']);
    expect(texts('Ann, Anne and Annual', 'Ann', false)).toEqual(['Ann', 'Ann', 'Ann']);
    expect(texts("O’Neill and O'Neill and Oʼneill", "O'Neill")).toEqual(['O’Neill', "O'Neill", 'Oʼneill']);
    expect(texts('Smith‐Jones and Smith-Jones', 'smith-jones')).toEqual(['Smith‐Jones', 'Smith-Jones']);
    expect(texts('Morag\n\t  Campbell', 'Morag Campbell')).toEqual(['Morag\n\t  Campbell']);
    expect(texts('file kestrel_ops.txt', 'kestrel')).toEqual(['kestrel']);
    expect(texts('+44 7700 and a+44 7700', '+44 7700')).toEqual(['+44 7700', '+44 7700']);
    expect(texts('Kestrel', 'Kestrel')).toEqual(['Kestrel']);
  });

  it('keeps case when asked to, and folds everything else', () => {
    expect(findAll('KESTREL Kes\u200btrel', 'Kestrel', { wholeWord: true, caseSensitive: true })).toEqual([{ start: 8, end: 16 }]);
  });

  it('refuses a needle of only invisible characters', () => {
    expect(() => findAll('abc', '\u200b\u0336 ', { wholeWord: true })).toThrow(EmptyNeedleError);
  });

  it('folds the same with and without offsets, and every folded unit points inside the original', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const f = fold(text);
        const inside = Array.from(f.from, (from, i) => from < f.to[i]! && f.to[i]! <= text.length && (i === 0 || from >= f.from[i - 1]!));
        return f.text === foldText(text) && f.text.length === f.from.length && inside.every(Boolean);
      }),
    );
  });

  it('says whether a needle occurs', () => {
    expect(occurs('Sent by KESTREL OPS', 'kestrel ops', false)).toBe(true);
    expect(occurs('Tomorrow', 'Tom', true)).toBe(false);
  });
});
