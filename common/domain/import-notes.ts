/**
 * How an import's notes are told in its summary (the CLI's line, the Sources screen's Imports panel).
 * A parser that imports what is whole and keeps the rest aside records a note saying so (issue 15):
 * the summary gives the counts by kind and the first warnings' own words, shortened, so that "imported
 * 49 messages" is never read as "imported the file" when part of it sits in a note.
 */

export interface NoteCounts {
  readonly warnings: number;
  readonly repairs: number;
  readonly assumptions: number;
}

/**
 * How the note suggesting a zone check begins (WhatsApp, issue 18): left where an export's dates are
 * month-first or its clock 12-hour, as a US phone writes them, so its local times may not be in the zone
 * they were read in. The Sources screen finds it by these words and shows a banner.
 */
export const ZONE_CHECK_NOTE = 'Check the time zone:';

/** How many warnings a summary quotes; the rest are counted and left to the source's notes. */
export const WARNINGS_QUOTED = 3;

/** Longest quotation of one note: a note may carry a whole record kept aside. */
const HEADLINE_CHARS = 240;

const counted = (n: number, word: string): string => `${n.toLocaleString('en-GB')} ${word}${n === 1 ? '' : 's'}`;

/** "1 warning and 2 repairs recorded as notes on the source", or null when nothing was noted. */
export function notesSentence(notes: NoteCounts): string | null {
  const parts = [
    notes.warnings > 0 && counted(notes.warnings, 'warning'),
    notes.assumptions > 0 && counted(notes.assumptions, 'assumption'),
    notes.repairs > 0 && counted(notes.repairs, 'repair'),
  ].filter((part): part is string => typeof part === 'string');
  if (parts.length === 0) return null;
  const listed = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
  return `${listed} recorded as ${notes.warnings + notes.assumptions + notes.repairs === 1 ? 'a note' : 'notes'} on the source`;
}

/** A note's message as a summary quotes it: on one line, and cut with an ellipsis past HEADLINE_CHARS. */
export function noteHeadline(message: string): string {
  const oneLine = message.replace(/\s*[\r\n]+\s*/g, ' ');
  const chars = Array.from(oneLine);
  return chars.length <= HEADLINE_CHARS ? oneLine : `${chars.slice(0, HEADLINE_CHARS - 1).join('')}…`;
}

/** "… and 4 more warnings", for the warnings a summary does not quote; null when it quoted them all. */
export function moreWarnings(total: number, quoted: number): string | null {
  return total > quoted ? `… and ${counted(total - quoted, 'more warning')}: see the source’s notes` : null;
}
