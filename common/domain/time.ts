/**
 * Wall-clock times to UTC instants in an IANA zone, without a time library: formats that carry no
 * offset (WhatsApp, Telegram `date`, SBR `readable_date`) are read in a zone the user confirmed.
 * Around a clock change a wall time can name two instants (autumn) or none (spring); callers decide
 * with `chooseInstant` and record the choice.
 */

import type { ParsedTime } from './parsed';

export interface WallClock {
  readonly year: number;
  readonly month: number; // 1-12
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond?: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(zone: string): boolean {
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC, in ms, at instant `utcMs` (positive east of Greenwich). */
export function offsetAt(utcMs: number, zone: string): number {
  const parts = formatterFor(zone).formatToParts(new Date(utcMs));
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function exactCandidates(naiveUtc: number, zone: string): number[] {
  const offsets = new Set([offsetAt(naiveUtc - DAY, zone), offsetAt(naiveUtc, zone), offsetAt(naiveUtc + DAY, zone)]);
  const found = new Set<number>();
  for (const offset of offsets) {
    const instant = naiveUtc - offset;
    if (offsetAt(instant, zone) === offset) found.add(instant);
  }
  return [...found].sort((a, b) => a - b);
}

// Offsets valid for a whole wall-clock hour, keyed by zone and hour; undefined marks an hour that
// contains a transition, which is then computed exactly. Keeps bulk imports off Intl's slow path.
const hourCache = new Map<string, readonly number[] | null>();

/** Every UTC instant at which `zone`'s clocks showed `wall`: one, two (a fold, earlier first) or none (a gap). */
export function wallClockToUtc(wall: WallClock, zone: string): number[] {
  const naiveHour = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour);
  const withinHour = (wall.minute * 60 + wall.second) * 1000 + (wall.millisecond ?? 0);
  const key = `${zone}|${naiveHour}`;
  let offsets = hourCache.get(key);
  if (offsets === undefined) {
    const start = exactCandidates(naiveHour, zone).map((t) => naiveHour - t);
    const end = exactCandidates(naiveHour + HOUR - 1000, zone).map((t) => naiveHour + HOUR - 1000 - t);
    offsets = start.length === end.length && start.every((o, i) => o === end[i]) ? start : null;
    if (hourCache.size > 100_000) hourCache.clear();
    hourCache.set(key, offsets);
  }
  if (offsets === null) return exactCandidates(naiveHour + withinHour, zone);
  return offsets.map((offset) => naiveHour + withinHour - offset);
}

export type InstantChoice =
  | { readonly utcMs: number; readonly kind: 'exact' }
  | { readonly utcMs: number; readonly kind: 'fold-first' | 'fold-second'; readonly alternative: number }
  | { readonly utcMs: number; readonly kind: 'gap'; readonly shiftedBy: number };

/**
 * Picks one instant for a wall time. In a fold, the first occurrence wins unless it would put the record
 * before the previous one in file order while the second would not ("order-aware"). In a gap the time
 * cannot have been shown; it is read with the offset in force just before the gap, as phones do when a
 * clock jumps, and flagged.
 */
export function chooseInstant(wall: WallClock, zone: string, previousUtc: number | null): InstantChoice {
  const candidates = wallClockToUtc(wall, zone);
  const [first, second] = candidates;
  if (first !== undefined && second === undefined) return { utcMs: first, kind: 'exact' };
  if (first !== undefined && second !== undefined) {
    if (previousUtc !== null && first < previousUtc && second >= previousUtc) {
      return { utcMs: second, kind: 'fold-second', alternative: first };
    }
    return { utcMs: first, kind: 'fold-first', alternative: second };
  }
  const naive = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond ?? 0);
  const before = offsetAt(naive - DAY, zone);
  const after = offsetAt(naive + DAY, zone);
  return { utcMs: naive - before, kind: 'gap', shiftedBy: after - before };
}

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * Reads an ISO 8601 date-time as UFDR and RSMF write them. With an offset the instant is explicit.
 * Without one the zone is genuinely unknown and the basis says so; the instant is still placed as wall
 * time in the user's zone, because a null time would drop the message out of every chronological view
 * and date search. `zoned` is false when the value had no offset (callers add a warning note).
 */
export function readIsoTime(raw: string | null, timeZone: string, previousUtc: number | null): { time: ParsedTime; zoned: boolean } {
  const value = raw?.trim() ?? '';
  if (value === '') return { time: { utcMs: null, raw: null, basis: 'unknown' }, zoned: true };
  const match = ISO_DATE_TIME.exec(value);
  if (!match) return { time: { utcMs: null, raw: value, basis: 'unknown' }, zoned: false };
  const [, y, mo, d, h, mi, s, fraction, offset] = match;
  const wall: WallClock = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h),
    minute: Number(mi),
    second: Number(s ?? 0),
    millisecond: Number((fraction ?? '0').slice(0, 3).padEnd(3, '0')),
  };
  if (offset === undefined)
    return { time: { utcMs: chooseInstant(wall, timeZone, previousUtc).utcMs, raw: value, basis: 'unknown' }, zoned: false };
  const naive = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond);
  const digits = offset === 'Z' ? '0000' : offset.slice(1).replace(':', '').padEnd(4, '0');
  const offsetMs = (offset.startsWith('-') ? -1 : 1) * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
  return { time: { utcMs: naive - offsetMs, raw: value, basis: 'explicit' }, zoned: true };
}
