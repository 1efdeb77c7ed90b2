/**
 * A regular expression that finds a literal text as a reader would: whole words, any case, however the
 * apostrophes and accents happen to be typed. Built only from escaped characters and fixed classes, so
 * it has no nested quantifiers and cannot backtrack catastrophically (unlike a user's pattern, see
 * user-pattern.ts).
 */
export interface LiteralOptions {
  /** Only where the text is not part of a longer word ("Ann" does not match "Anne" or "Annual"). */
  readonly wholeWord: boolean;
  readonly caseSensitive: boolean;
}

/** Straight, curly and modifier-letter apostrophes: "O'Neill" and "O’Neill" are the same name. */
const APOSTROPHES = "['\u2018\u2019\u02bc]";
/** Hyphen-minus and the Unicode hyphens phones and word processors substitute. */
const HYPHENS = '[-\u2010\u2011]';
const SYNTAX = /[\\^$.*+?()[\]{}|/]/g;
const WORD_CHAR = String.raw`[\p{L}\p{M}\p{N}]`;

const escape = (text: string): string => text.replace(SYNTAX, '\\$&');

/**
 * One character of the literal: a letter with an accent also matches its decomposed spelling (e +
 * U+0301), which some phones and most Macs produce; white space matches any run of white space.
 */
function characterPattern(char: string): string {
  if (/\s/u.test(char)) return String.raw`\s+`;
  if (/['\u2018\u2019\u02bc]/u.test(char)) return APOSTROPHES;
  if (/[-\u2010\u2011]/u.test(char)) return HYPHENS;
  const decomposed = char.normalize('NFD');
  return decomposed === char ? escape(char) : `(?:${escape(char)}|${escape(decomposed)})`;
}

export class EmptyLiteralError extends Error {
  constructor() {
    super('Enter some text to look for: an empty search would match everywhere.');
    this.name = 'EmptyLiteralError';
  }
}

/** The pattern for `text` (global, Unicode). Throws EmptyLiteralError for blank text. */
export function literalPattern(text: string, options: LiteralOptions): RegExp {
  const chars = [...text.trim().replace(/\s+/gu, ' ').normalize('NFC')];
  if (chars.length === 0) throw new EmptyLiteralError();
  const body = chars.map(characterPattern).join('');
  const source = options.wholeWord ? `(?<!${WORD_CHAR})${body}(?!${WORD_CHAR})` : body;
  return new RegExp(source, options.caseSensitive ? 'gu' : 'giu');
}

/** The key two spellings of one name share: NFC, case-folded, one apostrophe, single spaces. */
export const nameKey = (name: string): string =>
  name.trim().replace(/\s+/gu, ' ').normalize('NFC').replace(/['\u2018\u2019\u02bc]/gu, "'").toLocaleLowerCase('und');
