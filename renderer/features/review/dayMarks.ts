/**
 * What goes above a message in the timeline. The timeline keeps the export's order (docs/spec.md §2:
 * source order is canonical), which is not always time order: a day divider is drawn only where the
 * calendar day moves on from the message above, and a message dated earlier than the one above gets a
 * different mark saying so, so the dividers read forwards and an export out of time order is visible.
 */
import { dayKey } from './timeFormat';

export type DayMark = 'day' | 'earlier' | null;

/** The mark above `sentAt`, given the message above it (undefined when not read yet, null when it has no time). */
export function dayMark(sentAt: number | null, previous: number | null | undefined, position: number, timeZone: string): DayMark {
  if (sentAt === null) return null;
  if (position === 0) return 'day';
  if (previous === null || previous === undefined) return null;
  const day = dayKey(sentAt, timeZone);
  const before = dayKey(previous, timeZone);
  if (day === before) return null;
  return sentAt > previous ? 'day' : 'earlier';
}
