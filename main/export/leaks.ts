/**
 * Finding hidden text in produced text. Pure.
 *
 * Text read back from a PDF differs from the source in spacing (line breaks become item breaks, a
 * long word broken across lines is split), so both sides are compared normalised: NFC, whitespace
 * collapsed; and again with all whitespace removed for needles long enough that a chance match is
 * implausible. Very short needles ("OK", a lone emoji) would match ordinary text everywhere: they are
 * counted as unchecked rather than reported as leaks, and the report says how many there were.
 * Needles of up to 5 characters must match as whole words ("Tom" is not found in "Tomorrow").
 */

export const MIN_CHECKED_LENGTH = 3;
const MIN_COMPACT_LENGTH = 8;
const WHOLE_WORD_BELOW = 6;

export const normalise = (text: string): string => text.normalize('NFC').replace(/(?:\s|\u00a0|[\u200b-\u200d]|\ufe0e|\ufe0f)+/gu, ' ').trim();
const compact = (text: string): string => text.replace(/ /gu, '');

export interface Haystack {
  /** Where the text came from: "page 12", "schedule.csv", "PDF metadata (Title)". */
  readonly where: string;
  readonly text: string;
}

export interface Leak {
  readonly where: string;
  /** Which needle, by position in the list (never the text itself: reports and logs must not repeat it). */
  readonly needle: number;
  readonly kind: string;
}

export interface Needle {
  readonly text: string;
  /** "redacted text" or "withheld item". */
  readonly kind: string;
}

const isWordChar = (ch: string | undefined): boolean => ch !== undefined && /[\p{L}\p{N}_]/u.test(ch);

function foundAsWord(haystack: string, needle: string): boolean {
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
    const before = haystack[at - 1];
    const after = haystack[at + needle.length];
    const needsStart = isWordChar(needle[0]);
    const needsEnd = isWordChar(needle[needle.length - 1]);
    if ((!needsStart || !isWordChar(before)) && (!needsEnd || !isWordChar(after))) return true;
  }
  return false;
}

/** The needles checkable at all, and how many were too short to check. */
export function checkableNeedles(needles: readonly Needle[]): { needles: { index: number; text: string; kind: string }[]; unchecked: number } {
  const out: { index: number; text: string; kind: string }[] = [];
  let unchecked = 0;
  needles.forEach((needle, index) => {
    const text = normalise(needle.text);
    if ([...text].length < MIN_CHECKED_LENGTH) unchecked++;
    else out.push({ index, text, kind: needle.kind });
  });
  return { needles: out, unchecked };
}

/**
 * Every (haystack, needle) pair where the needle occurs. Haystacks are searched as one joined string
 * per pass (indexOf is fast; thousands of pages times thousands of needles is not, pair by pair).
 */
export function findLeaks(haystacks: readonly Haystack[], needles: readonly { index: number; text: string; kind: string }[]): Leak[] {
  if (needles.length === 0 || haystacks.length === 0) return [];
  const SEP = '\u0000';
  const spaced = haystacks.map((h) => normalise(h.text));
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
  const report = (haystack: number, needle: { index: number; kind: string }): void => {
    const where = haystacks[haystack]?.where ?? '?';
    const key = `${where}\u0000${needle.index}`;
    if (seen.has(key)) return;
    seen.add(key);
    leaks.push({ where, needle: needle.index, kind: needle.kind });
  };
  for (const needle of needles) {
    const short = [...needle.text].length < WHOLE_WORD_BELOW;
    for (let at = spacedAll.indexOf(needle.text); at >= 0; at = spacedAll.indexOf(needle.text, at + 1)) {
      const h = owner(spacedStarts, at);
      if (!short || foundAsWord(spaced[h] ?? '', needle.text)) report(h, needle);
    }
    const tight = compact(needle.text);
    if (tight.length >= MIN_COMPACT_LENGTH) {
      for (let at = compactAll.indexOf(tight); at >= 0; at = compactAll.indexOf(tight, at + 1)) report(owner(compactStarts, at), needle);
    }
  }
  return leaks;
}
