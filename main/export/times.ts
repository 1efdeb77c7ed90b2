/**
 * Dates and times as a bundle prints them: local to the case's zone, with the zone's abbreviation
 * ("Tue 3 Mar 2020 08:01 GMT", "BST" in summer), so a reader never has to guess the offset. One
 * Intl formatter per zone and purpose, built once: constructing them is the expensive part.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(kind: 'stamp' | 'day' | 'key' | 'time', zone: string): Intl.DateTimeFormat {
  const key = `${kind}\u0000${zone}`;
  let found = formatters.get(key);
  if (!found) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'stamp'
        ? {
            timeZone: zone,
            weekday: 'short',
            day: 'numeric',
            month: 'short',
            year: 'numeric',
            hour: '2-digit',
            minute: '2-digit',
            hourCycle: 'h23',
            timeZoneName: 'short',
          }
        : kind === 'day'
          ? { timeZone: zone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }
          : kind === 'time'
            ? { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
            : { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' };
    found = new Intl.DateTimeFormat(kind === 'key' ? 'en-CA' : 'en-GB', options);
    formatters.set(key, found);
  }
  return found;
}

const part = (parts: Intl.DateTimeFormatPart[], type: Intl.DateTimeFormatPartTypes): string =>
  parts.find((p) => p.type === type)?.value ?? '';

const stampOf = (parts: Intl.DateTimeFormatPart[]): string =>
  `${part(parts, 'weekday')} ${part(parts, 'day')} ${part(parts, 'month')} ${part(parts, 'year')} ${part(parts, 'hour')}:${part(parts, 'minute')} ${part(parts, 'timeZoneName')}`;

interface Quarter {
  /** "Tue 3 Mar 2020 08:" — what every minute of the quarter hour shares. */
  readonly head: string;
  readonly firstMinute: number;
  /** " GMT". */
  readonly tail: string;
}

/**
 * Stamps by zone and UTC quarter hour. Formatting a date is slow (it was a tenth of the drawing
 * time) and a chat's messages come minutes apart, so each quarter hour is formatted once and its
 * minutes are filled in. Every zone's offset today is a whole number of quarter hours and its changes
 * fall on quarter hours, so a UTC quarter is a local quarter; a quarter where that does not hold (an
 * old local-mean-time offset) is marked and its minutes are formatted one by one. Bounded, since a
 * bundle can span years.
 */
const quarters = new Map<string, Quarter | null>();
const MAX_QUARTERS = 50_000;

function quarterOf(zone: string, quarter: number): Quarter | null {
  const key = `${zone}\u0000${quarter}`;
  let found = quarters.get(key);
  if (found === undefined) {
    const first = formatter('stamp', zone).formatToParts(quarter * 15 * 60_000);
    const last = formatter('stamp', zone).formatToParts((quarter * 15 + 14) * 60_000);
    const firstMinute = Number(part(first, 'minute'));
    const head = `${part(first, 'weekday')} ${part(first, 'day')} ${part(first, 'month')} ${part(first, 'year')} ${part(first, 'hour')}:`;
    const uniform = stampOf(last) === `${head}${String(firstMinute + 14).padStart(2, '0')} ${part(first, 'timeZoneName')}`;
    found = uniform ? { head, firstMinute, tail: ` ${part(first, 'timeZoneName')}` } : null;
    if (quarters.size >= MAX_QUARTERS) quarters.clear();
    quarters.set(key, found);
  }
  return found;
}

/** "Tue 3 Mar 2020 08:01 GMT". */
export function localStamp(utcMs: number, zone: string): string {
  const minute = Math.floor(utcMs / 60_000);
  const quarter = Math.floor(minute / 15);
  const found = quarterOf(zone, quarter);
  if (!found) return stampOf(formatter('stamp', zone).formatToParts(utcMs));
  return `${found.head}${String(found.firstMinute + minute - quarter * 15).padStart(2, '0')}${found.tail}`;
}

/** "GMT", "BST": the zone's abbreviation at that instant. */
const zoneName = (utcMs: number, zone: string): string => part(formatter('stamp', zone).formatToParts(utcMs), 'timeZoneName');

/** "Tue 3 Mar 2020". */
export function localDay(utcMs: number, zone: string): string {
  return formatter('day', zone).format(utcMs).replace(/,/gu, '');
}

/** "08:01". */
export const localTime = (utcMs: number, zone: string): string => formatter('time', zone).format(utcMs);

/** "2020-03-03": the calendar day in the zone, the key of a 24-hour slice. */
export const dayKey = (utcMs: number, zone: string): string => formatter('key', zone).format(utcMs);

/** "14:03–16:22" within one day; full stamps when a run crosses midnight. */
export function localSpan(fromMs: number | null, toMs: number | null, zone: string): string {
  if (fromMs === null || toMs === null) return fromMs === null && toMs === null ? 'undated' : localStamp((fromMs ?? toMs) as number, zone);
  if (fromMs === toMs) return localStamp(fromMs, zone);
  if (dayKey(fromMs, zone) === dayKey(toMs, zone))
    return `${localDay(fromMs, zone)} ${localTime(fromMs, zone)}–${localTime(toMs, zone)} ${zoneName(toMs, zone)}`;
  return `${localStamp(fromMs, zone)} – ${localStamp(toMs, zone)}`;
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * "2020-05-28T13:21:00+01:00": the instant as ISO 8601 wall-clock time in `zone` with its UTC offset
 * (RFC 3339, as interchange formats such as RSMF want: the reader gets both the local time and the instant).
 */
export function isoWithOffset(utcMs: number, zone: string): string {
  let format = offsetFormatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    });
    offsetFormatters.set(zone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(utcMs).map((p) => [p.type, p.value]));
  const offset = (parts.timeZoneName ?? 'GMT').replace(/^GMT/u, '') || '+00:00';
  const millis = utcMs % 1000 === 0 ? '' : `.${String(((utcMs % 1000) + 1000) % 1000).padStart(3, '0')}`;
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${millis}${offset}`;
}
