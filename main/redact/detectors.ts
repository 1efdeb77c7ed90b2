/**
 * Pure detectors for redaction suggestions (docs/spec.md §6): phone numbers, e-mail addresses, UK postcodes,
 * National Insurance numbers and names from the case's list. Each returns UTF-16 spans into the text it
 * was given; none reads the database. They suggest, a reviewer decides: a detector errs towards
 * finding (a skipped suggestion costs a click, a missed number is a leak), but not so far that real
 * text (dates, amounts, order numbers) drowns the list.
 */
import { findFolded, fold, foldNeedle } from '../../common/domain/matcher';
import { findPhoneNumbers } from '../../common/domain/phone-numbers';
import type { SuggestionKind } from '../../common/domain/redaction';

export interface Detection {
  readonly kind: SuggestionKind;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Letters, marks and digits of any script: a match must not sit inside a longer word or number. */
const WORD_CHAR = String.raw`[\p{L}\p{M}\p{N}]`;

const matches = (text: string, pattern: RegExp, kind: SuggestionKind, accept: (m: RegExpExecArray) => boolean = () => true): Detection[] =>
  [...text.matchAll(pattern)].filter(accept).map((m) => ({ kind, start: m.index, end: m.index + m[0].length, text: m[0] }));

/** Phone numbers as written, any spacing or prefix (see common/domain/phone-numbers.ts). */
export const detectPhones = (text: string): Detection[] =>
  findPhoneNumbers(text).map(({ start, end, text: written }) => ({ kind: 'phone', start, end, text: written }));

/** A pragmatic address pattern (RFC 5322 allows far more than people write in messages). */
const EMAIL = new RegExp(
  String.raw`(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?)*\.\p{L}{2,}(?![\p{L}\p{N}])`,
  'gu',
);

export const detectEmails = (text: string): Detection[] =>
  matches(text, EMAIL, 'email', (m) => !m[0].startsWith('.') && !m[0].split('@')[0]!.endsWith('.'));

/**
 * UK postcodes, full format (outward code A9, A99, AA9, AA99, A9A or AA9A; inward 9AA), with or without
 * the space, any case, and the special GIR 0AA. The letter rules are the Royal Mail's: no Q, V or X
 * first; no I, J or Z second; inward letters never C, I, K, M, O or V.
 */
const OUTWARD = '(?:[A-PR-UWYZ](?:[0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPS-UW]|[A-HK-Y][0-9][ABEHMNPRV-Y]))';
const INWARD = '[0-9][ABD-HJLNP-UW-Z]{2}';
const POSTCODE = new RegExp(String.raw`(?<!${WORD_CHAR})(?:GIR[ \u00a0]?0AA|${OUTWARD}[ \u00a0]?${INWARD})(?!${WORD_CHAR})`, 'giu');

export const detectPostcodes = (text: string): Detection[] => matches(text, POSTCODE, 'postcode');

/**
 * National Insurance numbers: two prefix letters, six digits, a suffix A–D, written "AB 12 34 56 C",
 * "AB123456C", "AB 123456 C", "ab-12-34-56-c" and so on: the digit pairs are split by one separator
 * (space, no-break space, dash or dot) used throughout, or the six digits are written together. HMRC
 * never issues D, F, I, Q, U or V as either letter, O as the second, nor the prefixes BG, GB, KN, NK,
 * NT, TN and ZZ; QQ is the exception taken, because it is HMRC's specimen ("QQ 12 34 56 C" on its forms
 * and guidance), which people copy into messages as they copy Ofcom's drama numbers. The suffix may be
 * left off only in the paired form, which is distinctive; "AB123456" alone is as likely an order reference.
 */
const NI_PREFIX = '(QQ|[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z])';
const NI_SEPARATOR = String.raw`[ \u00a0.\-\u2010\u2011]`;
const NI = new RegExp(
  String.raw`(?<!${WORD_CHAR})${NI_PREFIX}(?:(${NI_SEPARATOR})\d{2}\2\d{2}\2\d{2}(?:\2?[A-D])?|${NI_SEPARATOR}?\d{6}${NI_SEPARATOR}?[A-D])(?!${WORD_CHAR})`,
  'giu',
);
const NOT_ISSUED = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);

export const detectNiNumbers = (text: string): Detection[] => matches(text, NI, 'ni_number', (m) => !NOT_ISSUED.has(m[1]!.toUpperCase()));

/**
 * Every occurrence of the listed names as whole words, found by the matcher the sweeps and
 * verification use (any case, apostrophes and accents however typed, invisible characters ignored).
 */
export function detectNames(text: string, names: readonly string[]): Detection[] {
  const folded = fold(text);
  const found = names.flatMap((name) => {
    const want = foldNeedle(name);
    return want === ''
      ? []
      : findFolded(folded, want, true).map(({ start, end }) => ({ kind: 'name' as const, start, end, text: text.slice(start, end) }));
  });
  return found.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** Every number, postcode and NI number has a digit, every address an @: most messages have neither, and skip the patterns. */
const HAS_DIGIT = /\d/;

/** Runs the chosen detectors over one text, in text order. */
export function detectAll(text: string, kinds: readonly SuggestionKind[], names: readonly string[]): Detection[] {
  const want = new Set(kinds);
  const digits = HAS_DIGIT.test(text);
  const at = text.includes('@');
  return [
    ...(digits && want.has('phone') ? detectPhones(text) : []),
    ...(at && want.has('email') ? detectEmails(text) : []),
    ...(digits && want.has('postcode') ? detectPostcodes(text) : []),
    ...(digits && want.has('ni_number') ? detectNiNumbers(text) : []),
    ...(want.has('name') && names.length > 0 ? detectNames(text, names) : []),
  ].sort((a, b) => a.start - b.start || b.end - a.end || a.kind.localeCompare(b.kind));
}
