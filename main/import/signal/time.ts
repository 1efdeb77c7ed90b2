/**
 * signal-export's times: `datetime.fromtimestamp(ms / 1000)`, the exporting computer's local time with
 * no zone (docs/formats/signal.md §1.1), read as wall-clock time in the case's zone. A time Signal did not
 * hold was written as 0, a date on 1 January 1970 in the exporting computer's zone: that is no time.
 */
import type { Locator, ParsedTime } from '../../../common/domain/parsed';
import { chooseInstant, type WallClock } from '../../../common/domain/time';

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T|,? )(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?$/;

export type TimeNote = (kind: 'warning' | 'assumption', message: string, locator: Locator) => void;

export function readSignalTime(raw: string, zone: string, previousUtc: number | null, locator: Locator, note: TimeNote): ParsedTime {
  const match = DATE.exec(raw);
  if (!match) {
    note('warning', `the message's date "${raw}" is not one signal-export writes; its time is unknown`, locator);
    return { utcMs: null, raw, basis: 'unknown' };
  }
  const [, year, month, day, hour, minute, second, fraction] = match;
  const wall: WallClock = {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: Number(hour),
    minute: Number(minute),
    second: Number(second ?? 0),
    millisecond: Number((fraction ?? '0').padEnd(3, '0').slice(0, 3)),
  };
  if ((wall.year === 1970 && wall.month === 1 && wall.day === 1) || (wall.year === 1969 && wall.month === 12 && wall.day === 31)) {
    note(
      'warning',
      `the message is dated ${raw}, which signal-export writes when Signal held no time for a message ("date set to 1970"); its time is unknown`,
      locator,
    );
    return { utcMs: null, raw, basis: 'unknown' };
  }
  const choice = chooseInstant(wall, zone, previousUtc);
  const iso = (ms: number): string => new Date(ms).toISOString();
  if (choice.kind === 'fold-first' || choice.kind === 'fold-second') {
    const which =
      choice.kind === 'fold-second'
        ? 'the later occurrence, because the earlier one would put it before the previous message'
        : 'the earlier occurrence';
    note(
      'assumption',
      `${raw} happened twice in ${zone}; read as ${iso(choice.utcMs)}, ${which} (the other reading is ${iso(choice.alternative)})`,
      locator,
    );
  } else if (choice.kind === 'gap') {
    note(
      'assumption',
      `${raw} did not exist in ${zone} (the clocks went forward); read as ${iso(choice.utcMs)} using the offset before the change`,
      locator,
    );
  }
  return { utcMs: choice.utcMs, raw, basis: `assumed:${zone}` };
}
