/**
 * Pure detectors for redaction suggestions (SPEC §6): phone numbers, e-mail addresses, UK postcodes,
 * National Insurance numbers and names from the case's list. Each returns UTF-16 spans into the text it
 * was given; none reads the database. They suggest, a reviewer decides: a detector errs towards
 * finding (a skipped suggestion costs a click, a missed number is a leak), but not so far that real
 * text (dates, amounts, order numbers) drowns the list.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { SuggestionKind } from '../domain/redaction';
import { literalPattern } from './literal-pattern';

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

/**
 * A run of characters a phone number is written with: an optional + or 00, digits, spaces, dashes,
 * dots and brackets. Commas and slashes end a run, so "07911 123456, 07911 654321" is two runs and a
 * date like 12/03/2021 never becomes one.
 */
const PHONE_RUN = new RegExp(String.raw`(?<!${WORD_CHAR}|\+)(?:\+|00)?\(?\d[\d ().\-\u2010-\u2015\u00a0]{5,}\d\)?(?!${WORD_CHAR})`, 'gu');
const DATE_SHAPE = /^(?:\d{1,2}[-. ]\d{1,2}[-. ](?:\d{2}|\d{4})|\d{4}[-. ]\d{1,2}[-. ]\d{1,2})$/;
/** A number of one to six digit groups: more is a list of numbers or a table, split greedily instead. */
const MAX_GROUPS = 6;

/**
 * Whether `candidate` reads as one phone number. International numbers (+CC or 00CC) need only be a
 * possible length for their country. A number without a country code is read as UK and must then be
 * written as UK numbers are, with the trunk 0 and nine or ten further digits: that keeps order numbers
 * (1234567890) and dates (01.03.2021) out. Possible, not valid: Ofcom's drama ranges (07700 900xxx)
 * are real-looking numbers that fixtures and training material use, and libphonenumber calls invalid.
 */
function isPhoneNumber(candidate: string): boolean {
  if (DATE_SHAPE.test(candidate)) return false;
  const international = /^(?:\+|00)/.test(candidate);
  if (!international && !/^\(?0/.test(candidate)) return false;
  const parsed = parsePhoneNumberFromString(international ? candidate.replace(/^00/, '+') : candidate, 'GB');
  if (!parsed?.isPossible()) return false;
  return international || parsed.nationalNumber.length >= 9;
}

/**
 * Phone numbers, UK and international, as written (spaces, dashes, brackets, "+44 (0)"). Each run of
 * phone characters is cut at spaces into groups and read greedily: the longest run of groups that is
 * one number wins, so "07911 123456 07911 654321" is two numbers. libphonenumber-js's own findNumbers
 * was tried first: it joins numbers across ", " and drops Ofcom drama-range numbers, so it is used
 * here only to judge a candidate (parsePhoneNumberFromString), not to find one.
 */
export function detectPhones(text: string): Detection[] {
  const found: Detection[] = [];
  for (const run of text.matchAll(PHONE_RUN)) {
    const groups = [...run[0].matchAll(/\S+/g)].map((g) => ({ start: run.index + g.index, end: run.index + g.index + g[0].length }));
    let i = 0;
    while (i < groups.length) {
      const first = groups[i]!;
      let taken = 0;
      for (let j = Math.min(groups.length - 1, i + MAX_GROUPS - 1); j >= i && taken === 0; j -= 1) {
        const end = groups[j]!.end;
        if (isPhoneNumber(text.slice(first.start, end))) {
          found.push({ kind: 'phone', start: first.start, end, text: text.slice(first.start, end) });
          taken = j - i + 1;
        }
      }
      i += Math.max(taken, 1);
    }
  }
  return found;
}

/** A pragmatic address pattern (RFC 5322 allows far more than people write in messages). */
const EMAIL = new RegExp(String.raw`(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?)*\.\p{L}{2,}(?![\p{L}\p{N}])`, 'gu');

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
 * Every occurrence of the listed names, case-insensitively, on word boundaries of any script, with
 * straight and curly apostrophes and composed or decomposed accents treated alike (see literalPattern).
 */
export function detectNames(text: string, names: readonly string[]): Detection[] {
  const found = names.flatMap((name) => matches(text, literalPattern(name, { wholeWord: true, caseSensitive: false }), 'name'));
  return found.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** Runs the chosen detectors over one text, in text order. */
export function detectAll(text: string, kinds: readonly SuggestionKind[], names: readonly string[]): Detection[] {
  const want = new Set(kinds);
  return [
    ...(want.has('phone') ? detectPhones(text) : []),
    ...(want.has('email') ? detectEmails(text) : []),
    ...(want.has('postcode') ? detectPostcodes(text) : []),
    ...(want.has('ni_number') ? detectNiNumbers(text) : []),
    ...(want.has('name') && names.length > 0 ? detectNames(text, names) : []),
  ].sort((a, b) => a.start - b.start || b.end - a.end || a.kind.localeCompare(b.kind));
}
