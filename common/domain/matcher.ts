/**
 * The one matcher for hidden text: redaction sweeps find what to redact with it (docs/spec.md §6) and
 * verification finds leaks in a bundle's PDF text, CSV, XLSX and manifest with it (docs/spec.md §7), so a
 * spelling the sweep misses is a spelling verification misses too, and the reverse. Pure.
 *
 * Both sides are compared in a folded form, built one code point at a time:
 * - compatibility decomposition (NFKD): ligatures ("ﬃ" is "ffi"), fullwidth and other presentation
 *   forms ("Ｋ" is "K"), precomposed accents split from their letters;
 * - case folded (unless asked not to) by upper- then lower-casing: "ß" and "ẞ" fold to "ss", "ſ" to
 *   "s", final "ς" to "σ", "İ" to "i". Slightly broader than Unicode's CaseFolding.txt (dotless "ı"
 *   folds to "i" too), which errs the safe way: a sweep shows every hit for the reviewer to judge,
 *   and a leak found is better than a leak missed;
 * - removed: invisible characters (format controls such as zero-width spaces and joiners, the word
 *   joiner, the byte-order mark, the soft hyphen and bidi marks; every default-ignorable code point,
 *   variation selectors included) and every combining mark. All marks, not only the overlays
 *   (U+0334–U+0338, U+20D2, U+20D3, U+20E5, U+20E6): any mark stacked on a letter leaves the word
 *   readable as that word ("Keśtrel" reads as "Kestrel"), so picking a list of "overlay" marks would
 *   leave the rest as a way round the sweep. The cost is that matching ignores accents ("Rene" finds
 *   "René"), and in scripts whose vowel signs are marks it finds more; both only add hits;
 * - white space runs become one space, and the apostrophes and hyphens phones and word processors
 *   substitute become "'" and "-" (as literal-pattern.ts did before this module).
 *
 * Every unit of the folded text remembers the span of the original it came from, widened over the
 * invisible characters and marks that follow it, so a match maps back to exact UTF-16 offsets of the
 * original, including the zero-width and combining characters inside and just after it: a sweep
 * redacts exactly what a reader would see as the word.
 */

export interface FoldOptions {
  /** Keep letter case (a "case-sensitive" sweep); everything else is folded as usual. */
  readonly caseSensitive?: boolean;
}

/** A folded text, and for each of its UTF-16 units the original span [from, to) it stands for. */
export interface Folded {
  readonly text: string;
  readonly from: Uint32Array;
  readonly to: Uint32Array;
}

/** A half-open range of UTF-16 units in the original text. */
export interface MatchSpan {
  readonly start: number;
  readonly end: number;
}

const REMOVED = /[\p{Default_Ignorable_Code_Point}\p{Cf}\p{Mn}\p{Me}]/gu;
const APOSTROPHES = /['\u2018\u2019\u02bc\u2032]/gu;
const HYPHENS = /[\u2010\u2011]/gu;
const SPACES = /\s/gu;

function foldCodePoint(char: string, caseSensitive: boolean): string {
  let out = char.normalize('NFKD');
  if (!caseSensitive) out = out.toUpperCase().toLowerCase().normalize('NFKD');
  return out.replace(REMOVED, '').replace(APOSTROPHES, "'").replace(HYPHENS, '-').replace(SPACES, ' ');
}

/** Folded code points, cached: a case-wide sweep or a large PDF repeats the same few hundred. */
const caches = [new Map<string, string>(), new Map<string, string>()] as const;

function folded(char: string, caseSensitive: boolean): string {
  const cache = caches[caseSensitive ? 1 : 0];
  let out = cache.get(char);
  if (out === undefined) {
    out = foldCodePoint(char, caseSensitive);
    cache.set(char, out);
  }
  return out;
}

const SPACE = 0x20;
const isAsciiSpace = (c: number): boolean => c === SPACE || (c >= 0x09 && c <= 0x0d);

/**
 * The folded text being built: pieces joined at the end (runs the fold leaves alone are copied as
 * one slice, so a large text costs a few thousand pieces, not one per character), and when asked for,
 * the original span of each folded unit.
 */
class Output {
  readonly parts: string[] = [];
  from: Uint32Array | null;
  to: Uint32Array | null;
  length = 0;
  private lastUnit = -1;
  /** Where the units of the last visible character begin: marks after it widen all of them. */
  private lastStart = -1;

  constructor(size: number, withSpans: boolean) {
    this.from = withSpans ? new Uint32Array(Math.max(16, size)) : null;
    this.to = withSpans ? new Uint32Array(Math.max(16, size)) : null;
  }

  private room(more: number): void {
    if (!this.from || !this.to || this.length + more <= this.from.length) return;
    const size = Math.max(this.from.length * 2, this.length + more);
    const grow = (a: Uint32Array): Uint32Array => {
      const b = new Uint32Array(size);
      b.set(a);
      return b;
    };
    this.from = grow(this.from);
    this.to = grow(this.to);
  }

  /** Original ASCII units [start, end) that fold one for one: to themselves, or to lower case. */
  same(text: string, start: number, end: number, lower: boolean): void {
    if (start >= end) return;
    const part = lower ? text.slice(start, end).toLowerCase() : text.slice(start, end);
    this.parts.push(part);
    this.room(end - start);
    if (this.from && this.to) {
      for (let i = start; i < end; i++, this.length++) {
        this.from[this.length] = i;
        this.to[this.length] = i + 1;
      }
    } else this.length += end - start;
    this.lastUnit = part.charCodeAt(part.length - 1);
    this.lastStart = this.length - 1;
  }

  /** The folded units of one original character [start, end); a space after a space only widens that space. */
  piece(units: string, start: number, end: number): void {
    let kept = '';
    const first = this.length;
    for (let i = 0; i < units.length; i++) {
      const unit = units.charCodeAt(i);
      if (unit === SPACE && this.lastUnit === SPACE) {
        if (this.to) this.to[this.length - 1] = end;
        continue;
      }
      this.room(1);
      if (this.from && this.to) {
        this.from[this.length] = start;
        this.to[this.length] = end;
      }
      this.length++;
      this.lastUnit = unit;
      kept += units[i];
    }
    if (kept !== '') this.parts.push(kept);
    this.lastStart = this.length > first ? first : this.length - 1;
  }

  /** The last visible character now reaches `end`: a mark or invisible character follows it. */
  widen(end: number): void {
    if (!this.to) return;
    for (let i = Math.max(0, this.lastStart); i < this.length; i++) this.to[i] = end;
  }
}

function foldInto(text: string, caseSensitive: boolean, out: Output): void {
  let run = -1;
  const flush = (to: number): void => {
    if (run >= 0) out.same(text, run, to, !caseSensitive);
    run = -1;
  };
  for (let at = 0; at < text.length;) {
    const c = text.charCodeAt(at);
    if (c < 0x80) {
      // A lone space inside a run folds to itself; other white space goes through piece(), which collapses it.
      const plainSpace = c === SPACE && run >= 0 && text.charCodeAt(at - 1) !== SPACE;
      if (plainSpace || !isAsciiSpace(c)) {
        if (run < 0) run = at;
      } else {
        flush(at);
        out.piece(' ', at, at + 1);
      }
      at++;
      continue;
    }
    flush(at);
    const code = text.codePointAt(at)!;
    const end = at + (code > 0xffff ? 2 : 1);
    const units = folded(String.fromCodePoint(code), caseSensitive);
    if (units === '') out.widen(end);
    else out.piece(units, at, end);
    at = end;
  }
  flush(text.length);
}

/** The folded form of `text`, without its offsets (what verification searches in). */
export function foldText(text: string, options: FoldOptions = {}): string {
  const out = new Output(0, false);
  foldInto(text, options.caseSensitive === true, out);
  return out.parts.join('');
}

/** The folded form of `text` with the original span of every folded unit. */
export function fold(text: string, options: FoldOptions = {}): Folded {
  const out = new Output(text.length, true);
  foldInto(text, options.caseSensitive === true, out);
  return { text: out.parts.join(''), from: out.from!.subarray(0, out.length), to: out.to!.subarray(0, out.length) };
}

export class EmptyNeedleError extends Error {
  constructor() {
    super('Enter some text to look for: an empty search (or one of only invisible characters) would match everywhere.');
    this.name = 'EmptyNeedleError';
  }
}

/** What is looked for, folded like the texts it is looked for in, without leading or trailing space. */
export function foldNeedle(text: string, options: FoldOptions = {}): string {
  return foldText(text, options).trim();
}

const WORD = /[\p{L}\p{N}]/u;

const codePointBefore = (text: string, at: number): string | undefined => {
  if (at <= 0) return undefined;
  const low = text.charCodeAt(at - 1);
  return at >= 2 && low >= 0xdc00 && low <= 0xdfff ? text.slice(at - 2, at) : text[at - 1];
};
const codePointAt = (text: string, at: number): string | undefined => {
  const code = text.codePointAt(at);
  return code === undefined ? undefined : String.fromCodePoint(code);
};
const isWord = (char: string | undefined): boolean => char !== undefined && WORD.test(char);

/**
 * Whether the needle at [at, at + needle.length) of the folded text stands as a whole word: where the
 * needle begins (ends) with a letter or digit, the folded text has none just before (after) it.
 */
export function isWholeWord(text: string, at: number, needle: string): boolean {
  const first = codePointAt(needle, 0);
  const last = codePointBefore(needle, needle.length);
  if (isWord(first) && isWord(codePointBefore(text, at))) return false;
  return !(isWord(last) && isWord(codePointAt(text, at + needle.length)));
}

/** Folded offsets of every non-overlapping occurrence of a folded needle, left to right. */
export function indexesOf(text: string, needle: string, wholeWord: boolean): number[] {
  const found: number[] = [];
  if (needle === '') return found;
  for (let at = text.indexOf(needle); at >= 0;) {
    if (!wholeWord || isWholeWord(text, at, needle)) {
      found.push(at);
      at = text.indexOf(needle, at + needle.length);
    } else at = text.indexOf(needle, at + 1);
  }
  return found;
}

export interface MatchOptions extends FoldOptions {
  /** Only where the needle is not part of a longer word ("Ann" does not find "Anne"). */
  readonly wholeWord: boolean;
}

/** The original span of folded units [start, end). */
export const originalSpan = (f: Folded, start: number, end: number): MatchSpan => ({ start: f.from[start]!, end: f.to[end - 1]! });

/**
 * Every occurrence of `needle` in `text`, as exact spans of `text` (UTF-16 offsets), left to right.
 * Throws EmptyNeedleError when the needle folds to nothing.
 */
export function findAll(text: string, needle: string, options: MatchOptions): MatchSpan[] {
  const want = foldNeedle(needle, options);
  if (want === '') throw new EmptyNeedleError();
  return findFolded(fold(text, options), want, options.wholeWord);
}

/** As findAll, for an already folded text and needle (a sweep folds each text once for all its needles). */
export const findFolded = (f: Folded, want: string, wholeWord: boolean): MatchSpan[] =>
  indexesOf(f.text, want, wholeWord).map((at) => originalSpan(f, at, at + want.length));

/** Whether `needle` occurs in `text` as the matcher compares them (case-insensitively). */
export const occurs = (text: string, needle: string, wholeWord: boolean): boolean => {
  const want = foldNeedle(needle);
  return want !== '' && indexesOf(foldText(text), want, wholeWord).length > 0;
};
