import { describe, expect, it } from 'vitest';
import { dayMark, type DayMark } from '../../../renderer/features/review/dayMarks';

const at = (iso: string): number => Date.parse(iso);
const ZONE = 'Europe/London';

/** The marks down a timeline, each message against the one above it. */
const marks = (times: readonly (number | null)[]): DayMark[] =>
  times.map((sentAt, position) => dayMark(sentAt, position === 0 ? undefined : times[position - 1], position, ZONE));

describe('day marks', () => {
  it('draws a divider where the day moves on, and marks a message dated before the one above instead', () => {
    const times = [at('2021-03-20T08:00Z'), at('2021-03-19T09:00Z'), at('2021-03-20T10:00Z'), at('2021-03-21T11:00Z')];
    expect(marks(times)).toEqual(['day', 'earlier', 'day', 'day']);
  });

  it('draws nothing within a day, above an undated message, or where the message above is not read yet', () => {
    expect(marks([at('2021-03-20T08:00Z'), at('2021-03-20T23:30Z'), null, at('2021-03-22T08:00Z')])).toEqual(['day', null, null, null]);
    expect(dayMark(at('2021-03-22T08:00Z'), undefined, 5, ZONE)).toBeNull();
  });

  it('reads days in the case zone: 23:30 UTC in summer is the next day in London', () => {
    expect(marks([at('2021-06-20T22:00Z'), at('2021-06-20T23:30Z')])).toEqual(['day', 'day']);
  });
});
