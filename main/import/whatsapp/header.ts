/**
 * Recognises the timestamp that opens a WhatsApp message line, in every shape described in
 * formats/whatsapp.md §2: Android `date, time - `, iOS `[date, time] `, old iOS `date, time: `, with
 * 12/24-hour clocks, seconds or none, `/ . -` date separators, no comma, `klo`, `p. m.`, U+202F/U+00A0
 * before AM/PM, leading U+200E/U+200F/U+FEFF, time-first Vietnamese, Thai `BE` and Japanese `R4` years and
 * Arabic-Indic digits; old Android dates with an English month name and perhaps no year (`Mar 5, 8:11 PM`,
 * `18 Mar 12:14`, `19:23, 28 Aug 2013`), day-period words (`9:15 in the morning`), and an hour that
 * contradicts its AM/PM (`23:59 PM`), which is kept as a header and flagged rather than read as body text.
 *
 * Written as a character scanner rather than a regular expression: it runs on every line of
 * million-message files twice (survey and parse), must not backtrack, and fills a reused object instead
 * of allocating capture strings.
 *
 * The scanner reads either decoded text or, with `utf8` set, UTF-8 bytes held one per character (a
 * Latin-1 view of the raw file, which the survey pass uses to avoid decoding every byte twice). The few
 * non-ASCII characters a header can contain are recognised in both forms; offsets are then byte offsets.
 */

export type HeaderShape = 'android' | 'ios' | 'ios-legacy';

export const NO_MERIDIEM = 0;
const AM = 1;
export const PM = 2;

export class HeaderMatch {
  shape: HeaderShape = 'android';
  /** Where the timestamp as written starts (after leading marks) and ends (past `]` on iOS). */
  start = 0;
  end = 0;
  /** Where the author, or a system line's text, starts. */
  rest = 0;
  /** Date components in written order, with their digit counts (a 4-digit first component is a year). */
  d1 = 0;
  d2 = 0;
  d3 = 0;
  len1 = 0;
  len2 = 0;
  len3 = 0;
  /** Set when the third component is an era year: add `yearOffset` to get the Gregorian year. */
  eraYear = false;
  yearOffset = 0;
  hour = 0;
  minute = 0;
  second = 0;
  meridiem = NO_MERIDIEM;
  /** The date names its month (`Mar 5`, `28 Aug 2013`): d1 is the day and d2 the month, whatever the file's order. */
  monthName = false;
  /** No year is written (`Mar 5, 8:11 PM`): d3 is 0 and the year has to come from elsewhere. */
  noYear = false;
  /** The hour contradicts its AM/PM (`23:59 PM`): it is read as written, on a 24-hour clock. */
  impossible = false;
  /**
   * The header's form: its shape, whether the time comes first, whether the month is a name. An export is
   * written in one form throughout, so a line in another form is text inside a message (a pasted chat).
   */
  form = 0;
}

const SHAPE_FORM: Readonly<Record<HeaderShape, number>> = { android: 0, ios: 1, 'ios-legacy': 2 };
const TIME_FIRST = 4;
const MONTH_NAME = 8;

/** English month names, full or cut to three letters (four for "Sept"), as old Android exports wrote them. */
const MONTHS = new Map<string, number>(
  ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'].flatMap(
    (name, i) => [[name, i + 1], [name.slice(0, 3), i + 1], ...(name === 'september' ? [['sept', 9] as [string, number]] : [])],
  ),
);

const LRM = 0x200e;
const RLM = 0x200f;
const BOM = 0xfeff;

// The scanner's last number, kept in module state so reading one allocates nothing.
let value = 0;
let digits = 0;
let digit = 0;
let meridiemWidth = 0;

/** Width of the digit at `i` (ASCII or Arabic-Indic), 0 if there is none; its value goes to `digit`. */
function digitWidth(s: string, i: number, utf8: boolean): number {
  const c = s.charCodeAt(i);
  if (c >= 48 && c <= 57) {
    digit = c - 48;
    return 1;
  }
  if (c < 0x80) return 0;
  if (utf8) {
    const c2 = s.charCodeAt(i + 1);
    if (c === 0xd9 && c2 >= 0xa0 && c2 <= 0xa9) digit = c2 - 0xa0;
    else if (c === 0xdb && c2 >= 0xb0 && c2 <= 0xb9) digit = c2 - 0xb0;
    else return 0;
    return 2;
  }
  if (c >= 0x660 && c <= 0x669)
    digit = c - 0x660; // Arabic-Indic
  else if (c >= 0x6f0 && c <= 0x6f9)
    digit = c - 0x6f0; // Extended Arabic-Indic (Persian, Urdu)
  else return 0;
  return 1;
}

/** Time and AM/PM may be split by a space, NBSP (`p. m.`) or, since 2023, a narrow NBSP (U+202F). */
function spaceWidth(s: string, i: number, utf8: boolean): number {
  const c = s.charCodeAt(i);
  if (c === 32) return 1;
  if (c < 0x80) return 0;
  if (utf8) {
    if (c === 0xc2) return s.charCodeAt(i + 1) === 0xa0 ? 2 : 0;
    return c === 0xe2 && s.charCodeAt(i + 1) === 0x80 && s.charCodeAt(i + 2) === 0xaf ? 3 : 0;
  }
  return c === 0xa0 || c === 0x202f ? 1 : 0;
}

/** Width of a U+200E, U+200F or U+FEFF at `i`, 0 if there is none. */
export function markWidth(s: string, i: number, utf8: boolean): number {
  const c = s.charCodeAt(i);
  if (c < 0x80) return 0;
  if (utf8) {
    if (c === 0xef) return s.charCodeAt(i + 1) === 0xbb && s.charCodeAt(i + 2) === 0xbf ? 3 : 0;
    const c3 = s.charCodeAt(i + 2);
    return c === 0xe2 && s.charCodeAt(i + 1) === 0x80 && (c3 === 0x8e || c3 === 0x8f) ? 3 : 0;
  }
  return c === LRM || c === RLM || c === BOM ? 1 : 0;
}

/** Whether a U+200E starts at `i`: iOS puts one before media, deletion and system bodies. */
export function lrmAt(s: string, i: number, utf8: boolean): boolean {
  return utf8 ? s.charCodeAt(i) === 0xe2 && s.charCodeAt(i + 1) === 0x80 && s.charCodeAt(i + 2) === 0x8e : s.charCodeAt(i) === LRM;
}

/** Width of the Arabic comma U+060C, 0 if there is none. */
function arabicCommaWidth(s: string, i: number, utf8: boolean): number {
  if (utf8) return s.charCodeAt(i) === 0xd8 && s.charCodeAt(i + 1) === 0x8c ? 2 : 0;
  return s.charCodeAt(i) === 0x60c ? 1 : 0;
}

/** Arabic ص (morning) and م (evening) after the time: AM or PM, with the width in `meridiemWidth`. */
function arabicMeridiem(s: string, i: number, utf8: boolean): number {
  const c = s.charCodeAt(i);
  meridiemWidth = utf8 ? 2 : 1;
  if (utf8) {
    const c2 = s.charCodeAt(i + 1);
    if (c === 0xd8 && c2 === 0xb5) return AM;
    return c === 0xd9 && c2 === 0x85 ? PM : NO_MERIDIEM;
  }
  return c === 0x635 ? AM : c === 0x645 ? PM : NO_MERIDIEM;
}

/** Reads 1..max digits at `i` into `value`/`digits`; returns the index after them (and any bidi marks), or -1. */
function readNumber(s: string, i: number, max: number, utf8: boolean): number {
  let n = 0;
  let v = 0;
  let c = s.charCodeAt(i);
  // ASCII digits inline: nearly every header is written with them.
  while (c >= 48 && c <= 57) {
    if (++n > max) return -1;
    v = v * 10 + c - 48;
    c = s.charCodeAt(++i);
  }
  if (c >= 0x80) {
    for (let w = digitWidth(s, i, utf8); w > 0; w = digitWidth(s, i, utf8)) {
      if (++n > max) return -1;
      v = v * 10 + digit;
      i += w;
    }
    // Arabic exports put an RLM after each date component.
    for (let w = markWidth(s, i, utf8); w > 0; w = markWidth(s, i, utf8)) i += w;
  }
  if (n === 0) return -1;
  value = v;
  digits = n;
  return i;
}

const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** Reads a month name at `i` into `value`; returns the index after it (and a full stop), or -1. */
function readMonth(s: string, i: number): number {
  let j = i;
  while (j - i < 10 && isLetter(s.charCodeAt(j))) j++;
  const month = j - i >= 3 ? MONTHS.get(s.slice(i, j).toLowerCase()) : undefined;
  if (month === undefined) return -1;
  value = month;
  return s.charCodeAt(j) === 46 ? j + 1 : j;
}

/** A four-digit year at `i` that is not the hour of a time; returns the index after it, or -1. */
function readYear(s: string, i: number, m: HeaderMatch): number {
  let j = i;
  let v = 0;
  for (let c = s.charCodeAt(j); c >= 48 && c <= 57 && j - i < 4; c = s.charCodeAt(++j)) v = v * 10 + c - 48;
  const after = s.charCodeAt(j);
  if (j - i !== 4 || after === 58 || after === 46 || (after >= 48 && after <= 57)) return -1;
  m.d3 = v;
  m.len3 = 4;
  m.noYear = false;
  return j;
}

/** `Mar 5`, `Mar 5, 2013` (month first) or `18 Mar`, `28 Aug 2013` (day first): d1 = day, d2 = month. */
function readNamedDate(s: string, i: number, m: HeaderMatch, utf8: boolean, dayFirst: boolean): number {
  m.monthName = true;
  m.noYear = true;
  m.d3 = 0;
  m.len3 = 0;
  m.len2 = 2;
  if (dayFirst) {
    i = readMonth(s, i);
    if (i < 0) return -1;
    m.d2 = value;
    if (s.charCodeAt(i) === 32) {
      const year = readYear(s, i + 1, m);
      if (year >= 0) i = year;
    }
    return i;
  }
  i = readMonth(s, i);
  if (i < 0 || s.charCodeAt(i) !== 32) return -1;
  m.d2 = value;
  i = readNumber(s, i + 1, 2, utf8);
  if (i < 0) return -1;
  m.d1 = value;
  m.len1 = digits;
  if (s.charCodeAt(i) === 44 && s.charCodeAt(i + 1) === 32) {
    const year = readYear(s, i + 2, m);
    if (year >= 0) i = year;
  }
  return i;
}

function readDate(s: string, i: number, m: HeaderMatch, utf8: boolean): number {
  m.monthName = false;
  m.noYear = false;
  m.eraYear = false;
  m.yearOffset = 0;
  if (isLetter(s.charCodeAt(i))) return readNamedDate(s, i, m, utf8, false);
  i = readNumber(s, i, 4, utf8);
  if (i < 0) return -1;
  m.d1 = value;
  m.len1 = digits;
  const sep = s.charCodeAt(i);
  if (sep === 32 && digits <= 2 && isLetter(s.charCodeAt(i + 1))) return readNamedDate(s, i + 1, m, utf8, true);
  if (sep !== 47 && sep !== 46 && sep !== 45) return -1; // / . -
  if (s.charCodeAt(++i) === 32) i++; // "2022. 03. 18."
  i = readNumber(s, i, 4, utf8);
  if (i < 0) return -1;
  m.d2 = value;
  m.len2 = digits;
  if (s.charCodeAt(i) !== sep) return -1;
  if (s.charCodeAt(++i) === 32) i++;
  m.eraYear = false;
  m.yearOffset = 0;
  const era = s.charCodeAt(i);
  if (era === 82 || era === 72) {
    // Japanese imperial calendar: R = Reiwa (R1 = 2019), H = Heisei (H1 = 1989).
    m.eraYear = true;
    m.yearOffset = era === 82 ? 2018 : 1988;
    i++;
  }
  i = readNumber(s, i, 4, utf8);
  if (i < 0) return -1;
  m.d3 = value;
  m.len3 = digits;
  if (!m.eraYear && s.charCodeAt(i) === 32 && s.charCodeAt(i + 1) === 66 && s.charCodeAt(i + 2) === 69) {
    // Thai Buddhist calendar: "2565 BE" = 2022.
    m.eraYear = true;
    m.yearOffset = -543;
    i += 3;
  }
  if (sep === 46 && s.charCodeAt(i) === 46) i++; // a trailing dot after a dotted year
  return i;
}

function readTime(s: string, i: number, m: HeaderMatch, utf8: boolean): number {
  i = readNumber(s, i, 2, utf8);
  if (i < 0) return -1;
  m.hour = value;
  const sep = s.charCodeAt(i);
  if (sep !== 58 && sep !== 46) return -1; // : or . (Finnish, Indonesian)
  i = readNumber(s, i + 1, 2, utf8);
  if (i < 0 || digits !== 2) return -1;
  m.minute = value;
  m.second = 0;
  if (s.charCodeAt(i) === sep && digitWidth(s, i + 1, utf8) > 0) {
    i = readNumber(s, i + 1, 2, utf8);
    if (i < 0 || digits !== 2) return -1;
    m.second = value;
  }
  m.meridiem = NO_MERIDIEM;
  const after = s.charCodeAt(i);
  const j = after === 32 ? i + 1 : after < 0x80 ? i : i + spaceWidth(s, i, utf8);
  const c = s.charCodeAt(j);
  if (c === 97 || c === 65 || c === 112 || c === 80) {
    // a/A/p/P, then an optional dot and space, then m/M and an optional dot: "PM", "pm", "p. m.", "a.m."
    let k = j + 1;
    if (s.charCodeAt(k) === 46) k++;
    k += spaceWidth(s, k, utf8);
    const mm = s.charCodeAt(k);
    if (mm === 109 || mm === 77) {
      k++;
      if (s.charCodeAt(k) === 46) k++;
      m.meridiem = c === 97 || c === 65 ? AM : PM;
      i = k;
    }
  } else if (c >= 0x80) {
    m.meridiem = arabicMeridiem(s, j, utf8);
    if (m.meridiem !== NO_MERIDIEM) i = j + meridiemWidth;
  }
  if (m.meridiem === NO_MERIDIEM && (c === 105 || c === 97) && j > i) i = dayPeriod(s, j, m, i);
  if (m.minute > 59 || m.second > 59 || m.hour > 23) return -1;
  // Hour 0 with PM occurs in at least one third-party sample; it is accepted rather than rejected. An
  // hour above 12 with AM/PM cannot be; it is flagged for the parser to keep and warn about.
  m.impossible = m.meridiem !== NO_MERIDIEM && m.hour > 12;
  return i;
}

/**
 * English day periods in place of AM/PM (`9:15 in the morning`, `3:02 in the afternoon`, `10:30 at
 * night`); returns the index after the words, or `none` when there are none at `j`. Night runs from 9 pm
 * to 5 am, so its hours 6 to 11 are evening ones.
 */
function dayPeriod(s: string, j: number, m: HeaderMatch, none: number): number {
  for (const [words, meridiem] of DAY_PERIODS) {
    if (!s.startsWith(words, j)) continue;
    m.meridiem = meridiem === NIGHT ? (m.hour >= 6 && m.hour <= 11 ? PM : AM) : meridiem;
    return j + words.length;
  }
  return none;
}

const NIGHT = -1;
const DAY_PERIODS: ReadonlyArray<readonly [string, number]> = [
  ['in the morning', AM],
  ['in the afternoon', PM],
  ['in the evening', PM],
  ['at night', NIGHT],
];

/** Between the date and the time: an optional comma, one space, and an optional word such as "klo". */
function skipDateTimeGap(s: string, i: number, utf8: boolean): number {
  if (s.charCodeAt(i) === 44) i++;
  else i += arabicCommaWidth(s, i, utf8);
  const space = spaceWidth(s, i, utf8);
  if (space === 0) return -1;
  i += space;
  const c = s.charCodeAt(i);
  if ((c >= 48 && c <= 57) || digitWidth(s, i, utf8) > 0) return i;
  // The word is at most 8 characters (or bytes), then a space and the time.
  for (let j = i; j - i < 8; j++) {
    const c = s.charCodeAt(j);
    const gap = spaceWidth(s, j, utf8);
    if (gap > 0) return j > i && digitWidth(s, j + gap, utf8) > 0 ? j + gap : -1;
    if (Number.isNaN(c) || c === 10 || c === 13 || c === 91 || c === 93 || digitWidth(s, j, utf8) > 0) return -1;
  }
  return -1;
}

/** After the timestamp: `] ` on iOS; ` - ` on Android; `: ` on old iOS exports without brackets. */
function finish(s: string, i: number, lineEnd: number, bracketed: boolean, m: HeaderMatch, utf8: boolean): boolean {
  if (bracketed) {
    if (s.charCodeAt(i) !== 93) return false;
    m.end = ++i;
    if (i < lineEnd) {
      const space = spaceWidth(s, i, utf8);
      if (space === 0) return false;
      i += space;
    }
    m.shape = 'ios';
    m.rest = i;
    return true;
  }
  m.end = i;
  if (s.charCodeAt(i) === 32 && s.charCodeAt(i + 1) === 45 && s.charCodeAt(i + 2) === 32) {
    m.shape = 'android';
    m.rest = i + 3;
    return true;
  }
  if (s.charCodeAt(i) === 58 && s.charCodeAt(i + 1) === 32) {
    m.shape = 'ios-legacy';
    m.rest = i + 2;
    return true;
  }
  return false;
}

function formOf(m: HeaderMatch, timeFirst: boolean): number {
  return SHAPE_FORM[m.shape] + (timeFirst ? TIME_FIRST : 0) + (m.monthName ? MONTH_NAME : 0);
}

/**
 * Whether the line `text[start, end)` opens a message; on success `m` describes it, with offsets into
 * `text`. `end` is where the line's CR or LF, or the text, ends: no token accepts those characters, so the
 * scanner needs no bounds checks of its own. `utf8` says `text` holds UTF-8 bytes, one per character.
 * A line that merely starts with a date (`2021-01-05 07:30:00 dashboard`, `04/01/2021, 19:51 — …`) is not a
 * header: the full shape, including the separator after the time, is required.
 */
export function matchHeader(text: string, start: number, end: number, m: HeaderMatch, utf8 = false): boolean {
  const common = matchCommon(text, start, end, m);
  return common === COMMON ? true : common === NOT_HEADER ? false : matchAny(text, start, end, m, utf8);
}

const NOT_HEADER = -1;
/** The capitals an English month name starts with (J F M A S O N D): "Mar 5, 8:11 PM - " may be a header. */
const MONTH_INITIAL = new Uint8Array(128);
for (const c of 'JFMASOND') MONTH_INITIAL[c.charCodeAt(0)] = 1;
const UNDECIDED = 0;
const COMMON = 1;

/**
 * The shapes nearly every export uses, in one function with no calls: ASCII digits, one `/ . -`
 * separator, an optional comma, a 24-hour time with optional seconds, then `] ` or ` - `. Anything else
 * (AM/PM, marks, dots in the time, eras, old iOS) is left UNDECIDED for `matchAny`, which reads every
 * shape; a line that starts with an ASCII character other than a digit or `[` cannot be a header.
 */
function matchCommon(s: string, start: number, end: number, m: HeaderMatch): number {
  let i = start;
  let c = s.charCodeAt(i);
  const bracketed = c === 91;
  if (bracketed) c = s.charCodeAt(++i);
  if (c < 48 || c > 57) return c >= 0x80 || bracketed || MONTH_INITIAL[c] === 1 ? UNDECIDED : NOT_HEADER;
  m.start = start;
  let v = 0;
  let n = 0;
  for (; c >= 48 && c <= 57; c = s.charCodeAt(++i), n++) v = v * 10 + c - 48;
  const sep = c;
  if (n > 4 || (sep !== 47 && sep !== 46 && sep !== 45)) return UNDECIDED;
  m.d1 = v;
  m.len1 = n;
  for (v = 0, n = 0, c = s.charCodeAt(++i); c >= 48 && c <= 57; c = s.charCodeAt(++i), n++) v = v * 10 + c - 48;
  if (n === 0 || n > 4 || c !== sep) return UNDECIDED;
  m.d2 = v;
  m.len2 = n;
  for (v = 0, n = 0, c = s.charCodeAt(++i); c >= 48 && c <= 57; c = s.charCodeAt(++i), n++) v = v * 10 + c - 48;
  if (n === 0 || n > 4) return UNDECIDED;
  m.d3 = v;
  m.len3 = n;
  m.eraYear = false;
  m.yearOffset = 0;
  if (c === 44) c = s.charCodeAt(++i);
  if (c !== 32) return UNDECIDED;
  for (v = 0, n = 0, c = s.charCodeAt(++i); c >= 48 && c <= 57; c = s.charCodeAt(++i), n++) v = v * 10 + c - 48;
  if (n === 0 || n > 2 || c !== 58) return UNDECIDED;
  m.hour = v;
  for (v = 0, n = 0, c = s.charCodeAt(++i); c >= 48 && c <= 57; c = s.charCodeAt(++i), n++) v = v * 10 + c - 48;
  if (n !== 2) return UNDECIDED;
  m.minute = v;
  m.second = 0;
  if (c === 58) {
    for (v = 0, n = 0, c = s.charCodeAt(++i); c >= 48 && c <= 57; c = s.charCodeAt(++i), n++) v = v * 10 + c - 48;
    if (n !== 2) return UNDECIDED;
    m.second = v;
  }
  m.meridiem = NO_MERIDIEM;
  if (m.hour > 23 || m.minute > 59 || m.second > 59) return UNDECIDED;
  m.monthName = false;
  m.noYear = false;
  m.impossible = false;
  if (bracketed) {
    if (c !== 93) return UNDECIDED;
    m.end = ++i;
    if (i < end && s.charCodeAt(i++) !== 32) return UNDECIDED;
    m.shape = 'ios';
    m.form = SHAPE_FORM.ios;
    m.rest = i;
    return COMMON;
  }
  if (c !== 32 || s.charCodeAt(i + 1) !== 45 || s.charCodeAt(i + 2) !== 32) return UNDECIDED;
  m.end = i;
  m.shape = 'android';
  m.form = SHAPE_FORM.android;
  m.rest = i + 3;
  return COMMON;
}

/** Every shape, any characters: the general scanner. */
function matchAny(text: string, start: number, end: number, m: HeaderMatch, utf8: boolean): boolean {
  let i = start;
  if (text.charCodeAt(i) >= 0x80) for (let w = markWidth(text, i, utf8); w > 0 && i < end; w = markWidth(text, i, utf8)) i += w;
  m.start = i;
  const bracketed = text.charCodeAt(i) === 91;
  if (bracketed) {
    i++;
    // Marks inside the bracket: an RLM before an Arabic date, a stray U+FEFF ("[\uFEFF29.01.18, …").
    if (text.charCodeAt(i) >= 0x80) for (let w = markWidth(text, i, utf8); w > 0 && i < end; w = markWidth(text, i, utf8)) i += w;
  } else if (digitWidth(text, i, utf8) === 0 && !isLetter(text.charCodeAt(i))) return false;
  let j = readDate(text, i, m, utf8);
  if (j >= 0) j = skipDateTimeGap(text, j, utf8);
  if (j >= 0) j = readTime(text, j, m, utf8);
  if (j >= 0 && finish(text, j, end, bracketed, m, utf8)) {
    m.form = formOf(m, false);
    return true;
  }
  // Vietnamese iOS writes the time first, "[14:56:01, 3/18/22] …"; so did old Android, "19:23, 28 Aug 2013 - …".
  j = readTime(text, i, m, utf8);
  if (j < 0 || text.charCodeAt(j) !== 44) return false;
  const space = spaceWidth(text, j + 1, utf8);
  if (space === 0) return false;
  j = readDate(text, j + 1 + space, m, utf8);
  if (j < 0 || !finish(text, j, end, bracketed, m, utf8) || (!bracketed && m.shape !== 'android')) return false;
  m.form = formOf(m, true);
  return true;
}
