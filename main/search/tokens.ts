/**
 * The index's idea of a word, in JavaScript: FTS5's `unicode61 remove_diacritics 2` tokenizer keeps
 * letters, digits and private-use characters (categories L*, N*, Co), folds case, and drops
 * diacritics (combining marks vanish, so "café" is "cafe"). Fuzzy expansion looks words up in the
 * index's vocabulary, so it must cut and fold a query word the same way.
 */

const SEPARATORS = /[^\p{L}\p{N}\p{Co}]+/u;
const MARKS = /\p{M}/gu;

/** The index tokens in `text`, in order ("Covid-19 café" → ["covid", "19", "cafe"]). */
export function indexTokens(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(MARKS, '')
    .split(SEPARATORS)
    .filter((token) => token.length > 0);
}

/** True when `text` holds at least one character the index would keep. */
export const hasIndexToken = (text: string): boolean => indexTokens(text).length > 0;
