/** Suggestions and occurrences as the reviewer accepts or skips them. Pure. */

export interface HitLike {
  readonly messageId: number;
  readonly start: number;
  readonly end: number;
  readonly alreadyRedacted: boolean;
}

export const hitKey = (hit: HitLike): string => `${hit.messageId}:${hit.start}:${hit.end}`;

/** Every hit that can still be redacted (one already hidden needs nothing). */
export const redactableKeys = (hits: readonly HitLike[]): Set<string> => new Set(hits.filter((hit) => !hit.alreadyRedacted).map(hitKey));

/** The accepted hits, in list order, as `occurrences.apply` takes them. */
export function acceptedHits(hits: readonly HitLike[], accepted: ReadonlySet<string>): { messageId: number; start: number; end: number }[] {
  return hits.filter((hit) => !hit.alreadyRedacted && accepted.has(hitKey(hit))).map(({ messageId, start, end }) => ({ messageId, start, end }));
}

/** Pages appended to what is already listed, without repeating a hit a page boundary returned twice. */
export function appendHits<H extends HitLike>(listed: readonly H[], page: readonly H[]): H[] {
  const seen = new Set(listed.map(hitKey));
  return [...listed, ...page.filter((hit) => !seen.has(hitKey(hit)))];
}
