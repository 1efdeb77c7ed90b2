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
  /**
   * Set when nothing in the file settled the order and it was defaulted: every date that reads differently
   * in the other order (a day and month that differ) is then a guess, and its message's time is low confidence.
   */
  readonly defaulted: boolean;
}

const NAMES: Record<DateOrder, string> = { dmy: 'day/month/year', mdy: 'month/day/year', ymd: 'year/month/day' };

/** Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil): no Date object per header. */
function dayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

const hour24 = (m: HeaderMatch): number =>
  m.meridiem === NO_MERIDIEM || m.impossible ? m.hour : (m.hour % 12) + (m.meridiem === PM ? 12 : 0);

function fullYear(m: HeaderMatch): number {
  if (m.eraYear) return m.d3 + m.yearOffset;
  return m.len3 <= 2 ? m.d3 + 2000 : m.d3;
}

function daysText(minutes: number): string {
  const days = minutes / 1440;
  return `${days < 10 ? days.toFixed(1) : Math.round(days).toLocaleString('en-GB')} day(s)`;
}

/**
 * Evidence, strongest first: a year written first (four digits, or a value above 31); a first or second
 * component above 12, which can only be a day; and, failing that, the time between successive headers in
 * each reading. An export is in time order, so the reading whose messages follow each other closely is the
 * right one (`7/1/17 … 7/10/17` is ten days in July, not nine months of the 7th): the total of the
 * absolute gaps is measured, so a few lines out of order (§2.6) do not decide it. Dates that name their
 * month (`Mar 5`) need no order and are not counted.
 */
export class DateOrderEvidence {
  private headers = 0;
  private named = 0;
  private yearFirst = 0;
  private firstOver12 = 0;
  private secondOver12 = 0;
  /** Minutes between successive headers, in all, read day-first and month-first. */
  private gapDayFirst = 0;
  private gapMonthFirst = 0;
  private prevDayFirst = Number.NaN;
  private prevMonthFirst = Number.NaN;
  private firstOver12Raw: string | null = null;
  private secondOver12Raw: string | null = null;

  /** `decode` turns a timestamp cut from the scanned text into text (the survey may scan raw bytes). */
  constructor(private readonly decode: (raw: string) => string = (raw) => raw) {}

  /** `text` is what `m`'s offsets point into. */
  add(m: HeaderMatch, text: string): void {
    if (m.monthName) {
      this.named++;
      return;
    }
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
    // Gaps only decide when no component above 12 does, so they stop being measured once one is seen.
    if (this.firstOver12 > 0 || this.secondOver12 > 0 || m.d1 === 0 || m.d2 === 0) return;
    const year = fullYear(m);
    const minutes = hour24(m) * 60 + m.minute;
    const dayFirst = dayNumber(year, m.d2, m.d1) * 1440 + minutes;
    const monthFirst = dayNumber(year, m.d1, m.d2) * 1440 + minutes;
    if (!Number.isNaN(this.prevDayFirst)) {
      this.gapDayFirst += Math.abs(dayFirst - this.prevDayFirst);
      this.gapMonthFirst += Math.abs(monthFirst - this.prevMonthFirst);
    }
    this.prevDayFirst = dayFirst;
    this.prevMonthFirst = monthFirst;
  }

  decide(given: DateOrder | undefined): DateOrderDecision {
    if (given) {
      return { order: given, noteKind: 'assumption', note: `Dates read as ${NAMES[given]}, as given for this import.`, defaulted: false };
    }
    if (this.headers === 0 && this.named > 0) {
      return {
        order: 'dmy',
        noteKind: 'assumption',
        note: 'Dates name their month (e.g. "Mar 5"), so no day/month order had to be decided.',
        defaulted: false,
      };
    }
    const yearLast = this.headers - this.yearFirst;
    if (this.yearFirst > 0 && this.yearFirst >= yearLast) {
      const kind: SourceNoteKind = yearLast > 0 ? 'warning' : 'assumption';
      const mixed = yearLast > 0 ? ` ${yearLast} timestamp(s) do not fit this order.` : '';
      return { order: 'ymd', noteKind: kind, note: `Dates read as ${NAMES.ymd}: the year is written first.${mixed}`, defaulted: false };
    }
    const { firstOver12: a, secondOver12: b } = this;
    if (a > 0 && b === 0) {
      return {
        order: 'dmy',
        noteKind: 'assumption',
        note: `Dates read as ${NAMES.dmy} (inferred): ${a} timestamp(s) have a first component above 12, e.g. "${this.firstOver12Raw}".`,
        defaulted: false,
      };
    }
    if (b > 0 && a === 0) {
      return {
        order: 'mdy',
        noteKind: 'assumption',
        note: `Dates read as ${NAMES.mdy} (inferred): ${b} timestamp(s) have a second component above 12, e.g. "${this.secondOver12Raw}".`,
        defaulted: false,
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
        defaulted: false,
      };
    }
    const { gapDayFirst: g1, gapMonthFirst: g2 } = this;
    if (g1 !== g2) {
      const order: DateOrder = g1 < g2 ? 'dmy' : 'mdy';
      const other: DateOrder = order === 'dmy' ? 'mdy' : 'dmy';
      return {
        order,
        noteKind: 'assumption',
        note:
          `Dates read as ${NAMES[order]} (inferred from the time between successive messages: ${daysText(Math.min(g1, g2))} in all ` +
          `read that way, against ${daysText(Math.max(g1, g2))} read as ${NAMES[other]}); no day in the file is above 12.`,
        defaulted: false,
      };
    }
    return {
      order: 'dmy',
      noteKind: 'warning',
      note:
        'Date order cannot be determined from this file: no day is above 12 and the gaps between messages are equal either way. ' +
        `Read as ${NAMES.dmy} (UK default); dates that differ as ${NAMES.mdy} are low confidence. Check a known date, or give the order.`,
      defaulted: true,
    };
  }
}

/** How the year of the dates written without one was found. */
export interface UndatedYearsDecision {
  /** The year of each run of undated headers, in file order (a run ends at a header with a year). */
  readonly startYears: readonly number[];
  readonly note: string | null;
}

interface Run {
  rollovers: number;
  firstMonth: number;
  lastMonth: number;
  lastDay: number;
  /** The dated header just before the run, if any. */
  before: { year: number; month: number; raw: string } | null;
  after: { year: number; month: number; day: number; raw: string } | null;
}

const laterInYear = (month: number, day: number, thanMonth: number, thanDay: number): boolean =>
  month > thanMonth || (month === thanMonth && day > thanDay);

/**
 * Old Android exports write no year (`Mar 5, 8:11 PM`). An export is in time order, so within a run of
 * such dates a month lower than the one before is a new year; the run's year comes from the nearest
 * evidence: a dated header after it (counted back), one before it (counted on), else the export's file
 * date (the last message is no later than the file), else the year of the import. Every such date is a
 * reckoning, so its message's time is low confidence whatever the evidence.
 */
export class UndatedYears {
  private readonly runs: Run[] = [];
  private run: Run | null = null;
  private lastDated: { year: number; month: number; day: number; raw: string } | null = null;
  private undated = 0;
  private example: string | null = null;

  constructor(private readonly decode: (raw: string) => string = (raw) => raw) {}

  add(m: HeaderMatch, text: string): void {
    if (!m.monthName) return;
    if (!m.noYear) {
      this.lastDated = { year: m.d3, month: m.d2, day: m.d1, raw: this.decode(text.slice(m.start, m.end)) };
      if (this.run) this.run.after = this.lastDated;
      this.run = null;
      return;
    }
    this.undated++;
    this.example ??= this.decode(text.slice(m.start, m.end));
    const run = this.run;
    if (run === null) {
      const before = this.lastDated && { year: this.lastDated.year, month: this.lastDated.month, raw: this.lastDated.raw };
      this.run = { rollovers: 0, firstMonth: m.d2, lastMonth: m.d2, lastDay: m.d1, before, after: null };
      this.runs.push(this.run);
      return;
    }
    if (m.d2 < run.lastMonth) run.rollovers++;
    run.lastMonth = m.d2;
    run.lastDay = m.d1;
  }

  /** `fileDate` is the export file's modification time (epoch ms), when there is a file on disk to ask. */
  decide(fileDate: number | null, now: number): UndatedYearsDecision {
    if (this.undated === 0) return { startYears: [], note: null };
    const evidence = new Set<string>();
    const startYears = this.runs.map((run) => {
      if (run.after) {
        const end = laterInYear(run.lastMonth, run.lastDay, run.after.month, run.after.day) ? run.after.year - 1 : run.after.year;
        evidence.add(`the dated line "${run.after.raw}" after them`);
        return end - run.rollovers;
      }
      if (run.before) {
        evidence.add(`the dated line "${run.before.raw}" before them`);
        return run.before.year + (run.firstMonth < run.before.month ? 1 : 0);
      }
      const anchor = new Date(fileDate ?? now);
      const year = anchor.getUTCFullYear();
      const end = laterInYear(run.lastMonth, run.lastDay, anchor.getUTCMonth() + 1, anchor.getUTCDate()) ? year - 1 : year;
      const day = anchor.toISOString().slice(0, 10);
      evidence.add(
        fileDate === null
          ? `nothing but the date of this import (${day}): the export's file date is not known`
          : `the export file's date (${day})`,
      );
      return end - run.rollovers;
    });
    return {
      startYears,
      note:
        `${this.undated} timestamp(s) carry no year (e.g. "${this.example}"); the year was taken from ${[...evidence].join(' and ')}, ` +
        'counting on a year each time the month goes back. Those messages are marked low confidence; check one against a known date.',
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

/**
 * Fills `out` with the wall-clock time a header shows, read in `order`; false when that date does not
 * exist. A date that names its month is read as such whatever the order; one without a year takes `year`.
 * An hour that contradicts its AM/PM (`23:59 PM`) is read as written, on a 24-hour clock.
 */
export function toWallClock(m: HeaderMatch, order: DateOrder, out: Wall, yearIfNone?: number): boolean {
  let day: number;
  let month: number;
  let year: number;
  let yearDigits: number;
  if (m.monthName) {
    day = m.d1;
    month = m.d2;
    if (m.noYear && yearIfNone === undefined) return false;
    year = m.noYear ? (yearIfNone ?? 0) : m.d3;
    yearDigits = 4;
  } else if (order === 'ymd') {
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
  else if (yearDigits <= 2)
    year += 2000; // two-digit years are 20xx: WhatsApp postdates 2009
  else if (yearDigits === 3) return false;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  out.year = year;
  out.month = month;
  out.day = day;
  out.hour = hour24(m);
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
