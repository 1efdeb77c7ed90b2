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
        ? { timeZone: zone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' }
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

const part = (parts: Intl.DateTimeFormatPart[], type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';

/**
 * Stamps by zone and UTC minute. A stamp shows minutes, zone offsets are whole minutes, and a chat's
 * messages come minutes apart, so most rows of a bundle reuse the stamp of the row before; formatting
 * each afresh was a tenth of the drawing time. Bounded, since a bundle can span years.
 */
const stamps = new Map<string, string>();
const MAX_STAMPS = 50_000;

/** "Tue 3 Mar 2020 08:01 GMT". */
export function localStamp(utcMs: number, zone: string): string {
  const key = `${zone}\u0000${Math.floor(utcMs / 60_000)}`;
  let stamp = stamps.get(key);
  if (stamp === undefined) {
    const parts = formatter('stamp', zone).formatToParts(utcMs);
    stamp = `${part(parts, 'weekday')} ${part(parts, 'day')} ${part(parts, 'month')} ${part(parts, 'year')} ${part(parts, 'hour')}:${part(parts, 'minute')} ${part(parts, 'timeZoneName')}`;
    if (stamps.size >= MAX_STAMPS) stamps.clear();
    stamps.set(key, stamp);
  }
  return stamp;
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
  if (dayKey(fromMs, zone) === dayKey(toMs, zone)) return `${localDay(fromMs, zone)} ${localTime(fromMs, zone)}–${localTime(toMs, zone)} ${zoneName(toMs, zone)}`;
  return `${localStamp(fromMs, zone)} – ${localStamp(toMs, zone)}`;
}
