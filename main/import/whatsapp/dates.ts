/**
 * Day/month order and wall-clock values for WhatsApp timestamps. The export never states its date order
 * (it follows the phone's region, not its language), so the survey pass collects evidence from every
 * header and the parse pass reads every date in the one order decided here.
 */
import type { DateOrder, SourceNoteKind } from '../../../common/domain/model';
import { chooseInstant, type InstantChoice, offsetAt, type WallClock } from '../../../common/domain/time';
import { type HeaderMatch, NO_MERIDIEM, PM } from './header';

export interface DateOrderDecision {
  readonly order: DateOrder;
  /** `assumption` when the file settles the order, `warning` when it had to be defaulted or was contradictory. */
  readonly noteKind: SourceNoteKind;
  readonly note: string;
}

const NAMES: Record<DateOrder, string> = { dmy: 'day/month/year', mdy: 'month/day/year', ymd: 'year/month/day' };

/**
 * Evidence, strongest first: a year written first (four digits, or a value above 31); a first or second
 * component above 12, which can only be a day; and, failing that, how dates roll over within one year
 * (28/03 then 02/04: the component that drops while the other rises is the day). File order is not always
 * chronological (§2.6), so roll-over evidence is counted, not trusted from one pair.
 */
export class DateOrderEvidence {
  private headers = 0;
  private yearFirst = 0;
  private firstOver12 = 0;
  private secondOver12 = 0;
  private dayRollsFirst = 0;
  private dayRollsSecond = 0;
  private prev1 = -1;
  private prev2 = -1;
  private prev3 = -1;
  private firstOver12Raw: string | null = null;
  private secondOver12Raw: string | null = null;

  /** `decode` turns a timestamp cut from the scanned text into text (the survey may scan raw bytes). */
  constructor(private readonly decode: (raw: string) => string = (raw) => raw) {}

  /** `text` is what `m`'s offsets point into. */
  add(m: HeaderMatch, text: string): void {
    this.headers++;
    if (m.len1 >= 3 || m.d1 > 31) {
      this.yearFirst++;
      return;
    }
    if (m.d1 > 12) {
      this.firstOver12++;
      this.firstOver12Raw ??= this.decode(text.slice(m.start, m.end));
    }
    if (m.d2 > 12) {
      this.secondOver12++;
      this.secondOver12Raw ??= this.decode(text.slice(m.start, m.end));
    }
    if (m.d3 === this.prev3) {
      if (m.d1 < this.prev1 && m.d2 > this.prev2) this.dayRollsFirst++;
      else if (m.d2 < this.prev2 && m.d1 > this.prev1) this.dayRollsSecond++;
    }
    this.prev1 = m.d1;
    this.prev2 = m.d2;
    this.prev3 = m.d3;
  }

  decide(given: DateOrder | undefined): DateOrderDecision {
    if (given) {
      return { order: given, noteKind: 'assumption', note: `Dates read as ${NAMES[given]}, as given for this import.` };
    }
    const yearLast = this.headers - this.yearFirst;
    if (this.yearFirst > 0 && this.yearFirst >= yearLast) {
      const kind: SourceNoteKind = yearLast > 0 ? 'warning' : 'assumption';
      const mixed = yearLast > 0 ? ` ${yearLast} timestamp(s) do not fit this order.` : '';
      return { order: 'ymd', noteKind: kind, note: `Dates read as ${NAMES.ymd}: the year is written first.${mixed}` };
    }
    const { firstOver12: a, secondOver12: b } = this;
    if (a > 0 && b === 0) {
      return {
        order: 'dmy',
        noteKind: 'assumption',
        note: `Dates read as ${NAMES.dmy} (inferred): ${a} timestamp(s) have a first component above 12, e.g. "${this.firstOver12Raw}".`,
      };
    }
    if (b > 0 && a === 0) {
      return {
        order: 'mdy',
        noteKind: 'assumption',
        note: `Dates read as ${NAMES.mdy} (inferred): ${b} timestamp(s) have a second component above 12, e.g. "${this.secondOver12Raw}".`,
      };
    }
    if (a > 0 && b > 0) {
      const order: DateOrder = b > a ? 'mdy' : 'dmy';
      return {
        order,
        noteKind: 'warning',
        note:
          `Date order is contradictory: ${a} timestamp(s) have a first component above 12 (e.g. "${this.firstOver12Raw}") and ` +
          `${b} a second component above 12 (e.g. "${this.secondOver12Raw}"). Read as ${NAMES[order]}; the others are not valid dates in that order.`,
      };
    }
    const { dayRollsFirst: r1, dayRollsSecond: r2 } = this;
    if (r1 !== r2) {
      const order: DateOrder = r1 > r2 ? 'dmy' : 'mdy';
      return {
        order,
        noteKind: r1 > 0 && r2 > 0 ? 'warning' : 'assumption',
        note:
          `Dates read as ${NAMES[order]} (inferred from how dates roll over: ${Math.max(r1, r2)} time(s) against ${Math.min(r1, r2)}); ` +
          'no day in the file is above 12.',
      };
    }
    return {
      order: 'dmy',
      noteKind: 'warning',
      note:
        'Date order cannot be determined from this file: no day is above 12 and the dates never roll over to a new month. ' +
        `Read as ${NAMES.dmy}, the UK default; check a known date, or re-import with the order given.`,
    };
  }
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** A wall-clock time that is filled in place, one per parse rather than one per message. */
export class Wall implements WallClock {
  year = 0;
  month = 0;
  day = 0;
  hour = 0;
  minute = 0;
  second = 0;
}

/** Fills `out` with the wall-clock time a header shows, read in `order`; false when that date does not exist. */
export function toWallClock(m: HeaderMatch, order: DateOrder, out: Wall): boolean {
  let day: number;
  let month: number;
  let year: number;
  let yearDigits: number;
  if (order === 'ymd') {
    year = m.d1;
    yearDigits = m.len1;
    month = m.d2;
    day = m.d3;
  } else {
    year = m.d3;
    yearDigits = m.len3;
    day = order === 'dmy' ? m.d1 : m.d2;
    month = order === 'dmy' ? m.d2 : m.d1;
  }
  if (order !== 'ymd' && m.eraYear) year += m.yearOffset;
  else if (yearDigits <= 2) year += 2000; // two-digit years are 20xx: WhatsApp postdates 2009
  else if (yearDigits === 3) return false;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  let hour = m.hour;
  if (m.meridiem !== NO_MERIDIEM) {
    hour %= 12;
    if (m.meridiem === PM) hour += 12;
  }
  out.year = year;
  out.month = month;
  out.day = day;
  out.hour = hour;
  out.minute = m.minute;
  out.second = m.second;
  return true;
}

const HOUR_MS = 3_600_000;

/**
 * Wall-clock times in one zone to UTC, order-aware in folds (`chooseInstant`). Chats hold many records
 * per day and almost every day has one UTC offset throughout, so each day is probed once: if the zone's
 * offset is the same 14 hours before the day starts and 14 hours after it ends (UTC offsets stay within
 * ±14 h), every wall time that day maps to exactly one instant with that offset, which is what
 * `chooseInstant` would answer ("exact") without an Intl lookup per message. Days with a clock change go
 * through `chooseInstant` record by record. (No zone changes its clocks twice within those 52 hours.)
 */
export class ZoneReader {
  /** The fold or gap decision behind the last `read`, or null when the time was unambiguous. */
  choice: InstantChoice | null = null;
  private year = -1;
  private month = -1;
  private day = -1;
  private dayStart = 0;
  private offset: number | null = null;

  constructor(private readonly zone: string) {}

  read(wall: WallClock, previousUtc: number | null): number {
    if (wall.day !== this.day || wall.month !== this.month || wall.year !== this.year) this.startDay(wall);
    if (this.offset !== null) {
      this.choice = null;
      return this.dayStart + ((wall.hour * 60 + wall.minute) * 60 + wall.second) * 1000 - this.offset;
    }
    const choice = chooseInstant(wall, this.zone, previousUtc);
    this.choice = choice.kind === 'exact' ? null : choice;
    return choice.utcMs;
  }

  private startDay(wall: WallClock): void {
    this.year = wall.year;
    this.month = wall.month;
    this.day = wall.day;
    this.dayStart = Date.UTC(wall.year, wall.month - 1, wall.day);
    const before = offsetAt(this.dayStart - 14 * HOUR_MS, this.zone);
    const after = offsetAt(this.dayStart + 38 * HOUR_MS, this.zone);
    this.offset = before === after ? before : null;
  }
}
