/**
 * Message times for the timeline, in the case's time zone. Formatters are costly to make and a
 * timeline formats thousands of times, so each is made once per zone and kind.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(kind: 'time' | 'day' | 'full' | 'date' | 'key', timeZone: string): Intl.DateTimeFormat {
  const cacheKey = `${kind}|${timeZone}`;
  let found = formatters.get(cacheKey);
  if (!found) {
    const options: Intl.DateTimeFormatOptions =
      kind === 'time'
        ? { timeStyle: 'long' }
        : kind === 'day'
          ? { dateStyle: 'full' }
          : kind === 'full'
            ? { dateStyle: 'full', timeStyle: 'long' }
            : kind === 'date'
              ? { dateStyle: 'medium' }
              : { year: 'numeric', month: '2-digit', day: '2-digit' };
    found = new Intl.DateTimeFormat('en-GB', { ...options, timeZone });
    formatters.set(cacheKey, found);
  }
  return found;
}

/** The zone to show times in: the case's, or UTC if this browser does not know it. */
export function usableZone(timeZone: string): string {
  try {
    formatter('time', timeZone);
    return timeZone;
  } catch {
    return 'UTC';
  }
}

/** "08:02:40 GMT" — the zone's abbreviation changes with summer time, which reviewers need to see. */
export const timeOfDay = (epochMs: number, timeZone: string): string => formatter('time', timeZone).format(epochMs);

/** "Saturday 20 March 2021", for the divider above a day's first message. */
export const dayHeading = (epochMs: number, timeZone: string): string => formatter('day', timeZone).format(epochMs);

/** "Saturday 20 March 2021 at 08:02:40 GMT". */
export const fullDateTime = (epochMs: number, timeZone: string): string => formatter('full', timeZone).format(epochMs);

/** "20 Mar 2021". */
export const shortDate = (epochMs: number, timeZone: string): string => formatter('date', timeZone).format(epochMs);

/** Equal for two instants on the same calendar day in the zone. */
export const dayKey = (epochMs: number, timeZone: string): string => formatter('key', timeZone).format(epochMs);

/** "2021-03-20 08:02:40 UTC": the stored instant, unambiguous. */
export function utcText(epochMs: number): string {
  return `${new Date(epochMs)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.000Z$/, '')
    .replace(/Z$/, '')} UTC`;
}

export type TzBasisKind = 'explicit' | 'assumed' | 'unknown';

/** What the stored time rests on, in words (main's `tz_basis`: explicit, assumed:<zone>, unknown). */
export function describeTzBasis(basis: string): { readonly kind: TzBasisKind; readonly text: string } {
  if (basis === 'explicit') return { kind: 'explicit', text: 'Stated by the source: the export recorded the instant itself' };
  if (basis.startsWith('assumed:')) {
    return { kind: 'assumed', text: `Assumed ${basis.slice('assumed:'.length)}: the export wrote a local time with no zone` };
  }
  return { kind: 'unknown', text: 'Unknown: the export gave no zone and none could be assumed, so the instant may be out by hours' };
}
