/**
 * Finding hidden text in produced text. Pure.
 *
 * Both sides are folded by the matcher the redaction sweeps use (common/domain/matcher.ts): any case,
 * compatibility forms (ligatures, fullwidth letters), invisible characters and combining marks
 * ignored, white space collapsed. Text read back from a PDF differs from the source in spacing too
 * (line breaks become item breaks, a long word broken across lines is split), so needles long enough
 * that a chance match is implausible are looked for again with all spaces removed. Very short needles
 * ("OK", a lone emoji) would match ordinary text everywhere: they are counted as unchecked rather than
 * reported as leaks, and the report says how many there were. Needles of up to 5 characters must
 * match as whole words ("Tom" is not found in "Tomorrow").
 */
import { foldNeedle, foldText, indexesOf } from '../../common/domain/matcher';

export const MIN_CHECKED_LENGTH = 3;
const MIN_COMPACT_LENGTH = 8;
const WHOLE_WORD_BELOW = 6;

/** The folded form both sides are compared in. */
export const normalise = (text: string): string => foldNeedle(text);
const compact = (text: string): string => text.replace(/ /gu, '');

export interface Haystack {
  /** Where the text came from: "PDF document information (Subject)", "PDF bookmarks". */
  readonly where: string;
  readonly text: string;
}

/** Which decision hid a needle: what verification names when it finds one (leak-causes.ts fills in the rest). */
export type NeedleSource =
  | { readonly kind: 'redacted-text'; readonly messageId: number; readonly reasonCodes: readonly string[] }
  | { readonly kind: 'withheld-item'; readonly messageId: number }
  | { readonly kind: 'redacted-name'; readonly participantId: number; readonly reasonCode: string }
  | { readonly kind: 'redacted-title'; readonly conversationId: number; readonly reasonCode: string }
  | {
      readonly kind: 'redacted-file-name';
      readonly target: 'source-file' | 'attachment';
      readonly id: number;
      readonly reasonCode: string;
    };

export interface Needle {
  readonly text: string;
  readonly source: NeedleSource;
}

/** A needle found in a haystack, both by position in their lists (never the text itself: reports and logs must not repeat it). */
export interface Leak {
  readonly haystack: number;
  readonly needle: number;
}

/** A needle normalised for searching, with its place in the list it came from. */
export interface CheckedNeedle {
  readonly index: number;
  readonly text: string;
}

/** The needles checkable at all, and how many were too short to check. */
export function checkableNeedles(needles: readonly Needle[]): { needles: CheckedNeedle[]; unchecked: number } {
  const out: CheckedNeedle[] = [];
  let unchecked = 0;
  needles.forEach((needle, index) => {
    const text = normalise(needle.text);
    if ([...text].length < MIN_CHECKED_LENGTH) unchecked++;
    else out.push({ index, text });
  });
  return { needles: out, unchecked };
}

/**
 * Every (haystack, needle) pair where the needle occurs, each haystack searched on its own. */
export function findLeaks(haystacks: readonly { readonly text: string }[], needles: readonly CheckedNeedle[]): Leak[] {
  const scanner = new LeakScanner(needles);
  const stream = scanner.stream();
  haystacks.forEach((h, i) => {
    stream.feed(i, h.text);
    stream.break();
  });
  stream.end();
  return scanner.leaks();
}

const SEP = '\u0000';
/** Normalised text searched at once: indexOf over a batch is fast; thousands of pages times thousands of needles is not, one by one. */
const BATCH = 1 << 18;

interface Part {
  readonly haystack: number;
  /** Normalised. */
  readonly text: string;
  /** What stands between it and the part before: a space, nothing (a chunk cut mid-word), or SEP (no match runs across). */
  readonly glue: ' ' | '' | typeof SEP;
}

/**
 * The leak search over text that arrives in pieces (a bundle's pages as they are read back, a file
 * in chunks), in bounded memory: pieces are normalised one by one and searched in batches; a stream's
 * pieces are searched across their joins, keeping a window as long as the longest needle (twice, for
 * the whitespace-free comparison) from one batch to the next, so a hidden text broken over two pages
 * or two chunks is still found. The rules are findLeaks' own: it is this search over whole haystacks.
 */
export class LeakScanner {
  private readonly found = new Map<string, Leak>();
  /** Characters of normalised text a stream keeps from one batch to the next. */
  readonly window: number;

  constructor(private readonly needles: readonly CheckedNeedle[]) {
    this.window = 2 * needles.reduce((n, needle) => Math.max(n, needle.text.length), 0);
  }

  /** A new stream: what is fed to it continues what was fed before, until `break`. */
  stream(): LeakStream {
    return new LeakStream(this);
  }

  /** Every (haystack, needle) pair found so far. */
  leaks(): Leak[] {
    return [...this.found.values()];
  }

  /** Searches one batch of a stream (a match found again in the window a batch keeps is recorded once). */
  search(parts: readonly Part[]): void {
    if (this.needles.length === 0 || parts.length === 0) return;
    const spaced = joinParts(
      parts,
      (t) => t,
      (glue) => glue,
    );
    const compacted = joinParts(parts, compact, (glue) => (glue === SEP ? SEP : ''));
    for (const needle of this.needles) {
      const short = [...needle.text].length < WHOLE_WORD_BELOW;
      for (const at of indexesOf(spaced.text, needle.text, short)) this.report(parts, spaced.starts, at, needle);
      const tight = compact(needle.text);
      if (tight.length >= MIN_COMPACT_LENGTH) {
        for (let at = compacted.text.indexOf(tight); at >= 0; at = compacted.text.indexOf(tight, at + 1))
          this.report(parts, compacted.starts, at, needle);
      }
    }
  }

  private report(parts: readonly Part[], starts: readonly number[], at: number, needle: CheckedNeedle): void {
    const haystack = (parts[owner(starts, at)] as Part).haystack;
    const key = `${haystack}:${needle.index}`;
    if (!this.found.has(key)) this.found.set(key, { haystack, needle: needle.index });
  }
}

export class LeakStream {
  private parts: Part[] = [];
  private size = 0;
  private broken = true;
  /** Raw text of a `chunk` not normalised yet: it may end mid-word. */
  private carry: { haystack: number; text: string; glue: Part['glue'] } | null = null;

  constructor(private readonly scanner: LeakScanner) {}

  /** Text of `haystack`, continuing what was fed before as if after a space (unless `break` came between). */
  feed(haystack: number, text: string): void {
    this.settle();
    this.push(haystack, text, this.broken ? SEP : ' ');
  }

  /**
   * A chunk of one text read in pieces (a file): it continues the chunk before exactly, with nothing
   * between. Normalised up to its last whitespace; the rest waits for the next chunk.
   */
  chunk(haystack: number, text: string): void {
    const raw = (this.carry?.text ?? '') + text;
    const glue = this.carry?.glue ?? (this.broken ? SEP : ' ');
    this.carry = null;
    const space = raw.search(/\s\S*$/u);
    if (space >= 0) {
      this.push(haystack, raw.slice(0, space + 1), glue);
      this.carry = { haystack, text: raw.slice(space + 1), glue: ' ' };
    } else if (raw.length > BATCH) {
      // No whitespace at all: cut at a code point boundary, with nothing between the halves.
      const cut = raw.length - (/[\ud800-\udbff]$/u.test(raw) ? 1 : 0);
      this.push(haystack, raw.slice(0, cut), glue);
      this.carry = { haystack, text: raw.slice(cut), glue: '' };
    } else this.carry = { haystack, text: raw, glue };
  }

  /** What is fed next starts afresh: no match runs across this point. */
  break(): void {
    this.settle();
    this.broken = true;
  }

  /** Searches what is left. */
  end(): void {
    this.settle();
    this.flush(false);
  }

  private settle(): void {
    if (this.carry) this.push(this.carry.haystack, this.carry.text, this.carry.glue);
    this.carry = null;
  }

  private push(haystack: number, text: string, glue: Part['glue']): void {
    const normalised = foldText(text);
    if (normalised === '') return;
    this.parts.push({ haystack, text: normalised, glue });
    this.broken = false;
    this.size += normalised.length;
    if (this.size >= BATCH) this.flush(true);
  }

  private flush(keepWindow: boolean): void {
    this.scanner.search(this.parts);
    const kept: Part[] = [];
    let size = 0;
    // The window: the end of the stream (one character more, for the whole-word test), unless the
    // stream was broken there anyway.
    for (let i = this.parts.length - 1; keepWindow && !this.broken && i >= 0 && size <= this.scanner.window; i--) {
      const part = this.parts[i] as Part;
      const text = part.text.length > this.scanner.window + 1 - size ? part.text.slice(-(this.scanner.window + 1 - size)) : part.text;
      kept.unshift({ ...part, text });
      size += text.length + 1;
    }
    this.parts = kept;
    this.size = size;
  }
}

function joinParts(
  parts: readonly Part[],
  form: (text: string) => string,
  joiner: (glue: Part['glue']) => string,
): { text: string; starts: number[] } {
  const starts: number[] = [];
  const pieces: string[] = [];
  let at = 0;
  for (const [i, part] of parts.entries()) {
    const glue = i === 0 ? '' : joiner(part.glue);
    pieces.push(glue);
    at += glue.length;
    starts.push(at);
    const text = form(part.text);
    pieces.push(text);
    at += text.length;
  }
  return { text: pieces.join(''), starts };
}

/** Which part a position of the joined text falls in. */
function owner(starts: readonly number[], at: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Whether `needle` occurs in `text` by the same rules the leak search uses (a phone number imported
 * as a sender wrapped in bidi marks is the same number). For finding what else prints a leaked text.
 */
export function occursIn(text: string, needle: string): boolean {
  const want = normalise(needle);
  if (want === '') return false;
  const hay = foldText(text);
  if (indexesOf(hay, want, [...want].length < WHOLE_WORD_BELOW).length > 0) return true;
  const tight = compact(want);
  return tight.length >= MIN_COMPACT_LENGTH && compact(hay).includes(tight);
}
