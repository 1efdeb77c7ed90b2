/** Display formats shared by the screens: British English, as the inquiries' documents use. */

const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const count = new Intl.NumberFormat('en-GB');

export const formatDateTime = (epochMs: number): string => dateTime.format(new Date(epochMs));

/** A date and time in a zone, and the zone used: the one asked for, or UTC if this browser does not know it. */
function inZone(epochMs: number, timeZone: string): { readonly text: string; readonly zone: string } {
  const format = (zone: string): string =>
    new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: zone }).format(new Date(epochMs));
  try {
    return { text: format(timeZone), zone: timeZone };
  } catch {
    return { text: format('UTC'), zone: 'UTC' };
  }
}

/**
 * A time in a named zone, with the zone shown, since reviewers compare times across sources. A zone
 * this browser does not know (a case made elsewhere) falls back to UTC, said so, rather than failing.
 */
export function formatDateTimeIn(epochMs: number, timeZone: string): string {
  const { text, zone } = inZone(epochMs, timeZone);
  return `${text} (${zone})`;
}

/** As formatDateTimeIn, for tables whose heading names the zone; the zone is added only if it is not that one. */
export function formatDateTimeBare(epochMs: number, timeZone: string): string {
  const { text, zone } = inZone(epochMs, timeZone);
  return zone === timeZone ? text : `${text} (${zone})`;
}

export const formatCount = (value: number): string => count.format(value);

/** Ends a message from main with a full stop; it may start with a file name, whose case must stay. */
export function withFullStop(text: string): string {
  const trimmed = text.trim();
  return trimmed === '' || /[.!?)]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** Messages from the contract's schemas are lower-case fragments ("a case name is required"). */
export function asSentence(fragment: string): string {
  const trimmed = fragment.trim();
  return withFullStop(trimmed.charAt(0).toUpperCase() + trimmed.slice(1));
}

export { formatBytes } from '../common/domain/byte-size';

/** Where in the imported file something came from, as main's locators give it. */
export interface LocatorLike {
  readonly file: string;
  readonly lineStart?: number | undefined;
  readonly lineEnd?: number | undefined;
  readonly record?: string | undefined;
  readonly byteOffset?: number | undefined;
}

/** "_chat.txt, lines 6–9" or "record m-0037": what a reviewer needs to find the place in the export. */
export function formatLocator(locator: LocatorLike, { withFile = true }: { readonly withFile?: boolean } = {}): string {
  const parts: string[] = [];
  if (withFile && locator.file) parts.push(locator.file);
  const { lineStart, lineEnd } = locator;
  if (lineStart !== undefined) {
    parts.push(lineEnd !== undefined && lineEnd !== lineStart ? `lines ${lineStart}–${lineEnd}` : `line ${lineStart}`);
  }
  if (locator.record !== undefined) parts.push(`record ${locator.record}`);
  if (locator.byteOffset !== undefined) parts.push(`byte ${count.format(locator.byteOffset)}`);
  return parts.join(', ');
}

/** "1 message", "57 messages": counts in sentences. */
export function plural(value: number, one: string, many = `${one}s`): string {
  return `${formatCount(value)} ${value === 1 ? one : many}`;
}
