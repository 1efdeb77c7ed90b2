/** Display formats shared by the screens: British English, as the inquiries' documents use. */

const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const count = new Intl.NumberFormat('en-GB');

export const formatDateTime = (epochMs: number): string => dateTime.format(new Date(epochMs));

/**
 * A time in a named zone, with the zone shown, since reviewers compare times across sources. A zone
 * this browser does not know (a case made elsewhere) falls back to UTC, said so, rather than failing.
 */
export function formatDateTimeIn(epochMs: number, timeZone: string): string {
  const format = (zone: string): string =>
    new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: zone }).format(new Date(epochMs));
  try {
    return `${format(timeZone)} (${timeZone})`;
  } catch {
    return `${format('UTC')} (UTC)`;
  }
}

export const formatCount = (value: number): string => count.format(value);

/** Messages from the contract's schemas are lower-case fragments ("a case name is required"). */
export function asSentence(fragment: string): string {
  const trimmed = fragment.trim();
  if (trimmed === '') return trimmed;
  const capitalised = trimmed[0]!.toUpperCase() + trimmed.slice(1);
  return /[.!?)]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}
