/**
 * A copy of text for comparison with the localised wording in locale-strings.ts, never stored. The same
 * words reach exports in more than one Unicode form: Hindi nukta letters precomposed (U+0958–U+095F) or
 * as a letter and U+093C, Latin accents composed or combining, Arabic marks in either order, Persian with
 * or without zero-width non-joiners. The table and the line are folded alike: to NFC (which keeps the nukta
 * letters decomposed, as they are composition exclusions) and without ZWNJ or ZWJ.
 */

/**
 * Only text holding one of these can fold to something else in the table's scripts: Latin combining
 * accents, Arabic marks (which NFC reorders and composes with alef, waw, yeh), the Devanagari nukta, its
 * precomposed letters and the stress signs that reorder with it, and the joiners. Other lines cost one scan.
 */
const FOLDABLE = /[\u0300-\u036F\u064B-\u065F\u0670\u093C\u0951-\u0954\u0958-\u095F\u200C\u200D]/;
const JOINERS = /[\u200C\u200D]/g;

export function fold(text: string): string {
  return FOLDABLE.test(text) ? text.normalize('NFC').replace(JOINERS, '') : text;
}

function foldable(code: number): boolean {
  if (code < 0x0300) return false;
  return (
    code <= 0x036f ||
    (code >= 0x064b && code <= 0x065f) ||
    code === 0x0670 ||
    code === 0x093c ||
    (code >= 0x0951 && code <= 0x0954) ||
    (code >= 0x0958 && code <= 0x095f) ||
    code === 0x200c ||
    code === 0x200d
  );
}

/**
 * The first and last characters of the folded text, so a line is ruled out by two look-ups before any
 * copy is made; the text is folded only when one of them is a character folding can change.
 */
export function foldedFirstChar(text: string): number {
  const first = text.charCodeAt(0);
  return foldable(first) ? fold(text).charCodeAt(0) : first;
}

export function foldedLastChar(text: string): number {
  const last = text.charCodeAt(text.length - 1);
  if (!foldable(last)) return last;
  const folded = fold(text);
  return folded.charCodeAt(folded.length - 1);
}
