/**
 * Dates typed in the search filters (YYYY-MM-DD) are days in the case's time zone, as the timeline
 * shows them; the search wants UTC instants. Pure: Intl only.
 */

/** Milliseconds the zone's wall clock is ahead of UTC at an instant. */
function offsetAt(epochMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(epochMs);
  const part = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return wall - Math.floor(epochMs / 1000) * 1000;
}

/** The instant a day (YYYY-MM-DD) begins in a zone, or null for text that is not a date. */
export function startOfDay(day: string, timeZone: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const wallMidnight = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  if (Number.isNaN(wallMidnight)) return null;
  // Twice: the offset at the first guess can differ from the offset at midnight itself near a change.
  const guess = wallMidnight - offsetAt(wallMidnight, timeZone);
  return wallMidnight - offsetAt(guess, timeZone);
}

/** The instant the day after `day` begins: the exclusive end of a range that includes `day`. */
export function endOfDay(day: string, timeZone: string): number | null {
  const start = startOfDay(day, timeZone);
  if (start === null) return null;
  const next = new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)) + 1));
  return startOfDay(next.toISOString().slice(0, 10), timeZone);
}
