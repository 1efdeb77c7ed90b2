/**
 * Phone numbers as people write them, and the one number behind each spelling: "07700 900461",
 * "+44 7700 900461", "0044 7700 900461" and "(07700) 900 461" are the same number, so suggestions,
 * "every occurrence" and search treat them as one. Pure (libphonenumber-js's metadata only).
 */
import { parsePhoneNumberFromString, type PhoneNumber } from 'libphonenumber-js';

/** Letters, marks and digits of any script: a number must not sit inside a longer word or number. */
const WORD_CHAR = String.raw`[\p{L}\p{M}\p{N}]`;

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
 * `candidate` read as one phone number, or null. International numbers (+CC or 00CC) need only be a
 * possible length for their country. A number without a country code is read as UK and must then be
 * written as UK numbers are, with the trunk 0 and nine or ten further digits: that keeps order numbers
 * (1234567890) and dates (01.03.2021) out. Possible, not valid: Ofcom's drama ranges (07700 900xxx)
 * are real-looking numbers that fixtures and training material use, and libphonenumber calls invalid.
 */
function readPhoneNumber(candidate: string): PhoneNumber | null {
  if (DATE_SHAPE.test(candidate)) return null;
  const international = /^(?:\+|00)/.test(candidate);
  if (!international && !/^\(?0/.test(candidate)) return null;
  const digits = candidate.replace(/\D/g, '').length;
  // Shorter or longer than any number anywhere (E.164 allows 15 digits, plus 00 or a trunk 0).
  if (digits < 7 || digits > 18) return null;
  const parsed = parsePhoneNumberFromString(international ? candidate.replace(/^00/, '+') : candidate, 'GB');
  if (!parsed?.isPossible()) return null;
  return international || parsed.nationalNumber.length >= 9 ? parsed : null;
}

/**
 * Readings by candidate text. libphonenumber takes ~0.1 ms a reading, and a chat repeats the same few
 * numbers thousands of times: a case-wide sweep would spend most of its time reading them again.
 */
const readings = new Map<string, PhoneNumber | null>();
const MAX_READINGS = 10_000;

function cachedReading(candidate: string): PhoneNumber | null {
  let reading = readings.get(candidate);
  if (reading === undefined) {
    if (readings.size >= MAX_READINGS) readings.clear();
    reading = readPhoneNumber(candidate);
    readings.set(candidate, reading);
  }
  return reading;
}

export interface FoundPhoneNumber {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** The number in E.164 ("+447700900461"): every spelling of one number has the same key. */
  readonly key: string;
}

/**
 * Phone numbers, UK and international, as written (spaces, dashes, brackets, "+44 (0)"). Each run of
 * phone characters is cut at spaces into groups and read greedily: the longest run of groups that is
 * one number wins, so "07911 123456 07911 654321" is two numbers. libphonenumber-js's own findNumbers
 * was tried first: it joins numbers across ", " and drops Ofcom drama-range numbers, so it is used
 * here only to judge a candidate, not to find one.
 */
export function findPhoneNumbers(text: string): FoundPhoneNumber[] {
  const found: FoundPhoneNumber[] = [];
  for (const run of text.matchAll(PHONE_RUN)) {
    const groups = [...run[0].matchAll(/\S+/g)].map((g) => ({ start: run.index + g.index, end: run.index + g.index + g[0].length }));
    let i = 0;
    while (i < groups.length) {
      const first = groups[i]!;
      let taken = 0;
      for (let j = Math.min(groups.length - 1, i + MAX_GROUPS - 1); j >= i && taken === 0; j -= 1) {
        const end = groups[j]!.end;
        const number = cachedReading(text.slice(first.start, end));
        if (number) {
          found.push({ start: first.start, end, text: text.slice(first.start, end), key: number.number });
          taken = j - i + 1;
        }
      }
      i += Math.max(taken, 1);
    }
  }
  return found;
}

/** The key of `text` when the whole of it (trimmed) is one phone number, else null. */
export function phoneKey(text: string): string | null {
  const trimmed = text.trim();
  const [only] = findPhoneNumbers(trimmed);
  return only && only.start === 0 && only.end === trimmed.length ? only.key : null;
}

/**
 * The digits a number can be written with, prefix glued on or not: the national number alone, with
 * the trunk 0, with the country code (as after "+"), with 00 and the country code, and each of the
 * last two with "(0)". `prefix` is how many leading digits are a prefix rather than the number.
 */
export function phoneDigitForms(key: string): { readonly digits: string; readonly prefix: number }[] {
  const parsed = parsePhoneNumberFromString(key);
  if (!parsed) return [];
  const national: string = parsed.nationalNumber;
  const country: string = parsed.countryCallingCode;
  const prefixes = ['', '0', country, `00${country}`, `${country}0`, `00${country}0`];
  return [...new Set(prefixes)].map((p) => ({ digits: p + national, prefix: p.length }));
}
