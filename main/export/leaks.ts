/**
 * Finding hidden text in produced text. Pure.
 *
 * Both sides are folded by the matcher the redaction sweeps use (main/domain/matcher.ts): any case,
 * compatibility forms (ligatures, fullwidth letters), invisible characters and combining marks
 * ignored, white space collapsed. Text read back from a PDF differs from the source in spacing too
 * (line breaks become item breaks, a long word broken across lines is split), so needles long enough
 * that a chance match is implausible are looked for again with all spaces removed. Very short needles
 * ("OK", a lone emoji) would match ordinary text everywhere: they are counted as unchecked rather than
 * reported as leaks, and the report says how many there were. Needles of up to 5 characters must
 * match as whole words ("Tom" is not found in "Tomorrow").
 */
import { foldNeedle, foldText, indexesOf } from '../domain/matcher';

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
  | { readonly kind: 'redacted-file-name'; readonly target: 'source-file' | 'attachment'; readonly id: number; readonly reasonCode: string };

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
 * Every (haystack, needle) pair where the needle occurs. Haystacks are searched as one joined string
 * per pass (indexOf is fast; thousands of pages times thousands of needles is not, pair by pair).
 */
export function findLeaks(haystacks: readonly { readonly text: string }[], needles: readonly CheckedNeedle[]): Leak[] {
  if (needles.length === 0 || haystacks.length === 0) return [];
  const SEP = '\u0000';
  const spaced = haystacks.map((h) => foldText(h.text));
  const compacted = spaced.map(compact);
  const offsets = (parts: readonly string[]): number[] => {
    const starts: number[] = [];
    let at = 0;
    for (const part of parts) {
      starts.push(at);
      at += part.length + 1;
    }
    return starts;
  };
  const spacedAll = spaced.join(SEP);
  const compactAll = compacted.join(SEP);
  const spacedStarts = offsets(spaced);
  const compactStarts = offsets(compacted);
  const owner = (starts: readonly number[], at: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const leaks: Leak[] = [];
  const seen = new Set<string>();
  const report = (haystack: number, needle: CheckedNeedle): void => {
    const key = `${haystack}:${needle.index}`;
    if (seen.has(key)) return;
    seen.add(key);
    leaks.push({ haystack, needle: needle.index });
  };
  for (const needle of needles) {
    const short = [...needle.text].length < WHOLE_WORD_BELOW;
    for (const at of indexesOf(spacedAll, needle.text, short)) report(owner(spacedStarts, at), needle);
    const tight = compact(needle.text);
    if (tight.length >= MIN_COMPACT_LENGTH) {
      for (let at = compactAll.indexOf(tight); at >= 0; at = compactAll.indexOf(tight, at + 1)) report(owner(compactStarts, at), needle);
    }
  }
  return leaks;
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
