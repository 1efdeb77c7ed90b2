import { describe, expect, it } from 'vitest';
import { chooseInstant } from '../../../../common/domain/time';
import { DateOrderEvidence, UndatedYears, Wall, ZoneReader } from '../../../../main/import/whatsapp/dates';
import { HeaderMatch, matchHeader } from '../../../../main/import/whatsapp/header';

function decide(lines: readonly string[]) {
  const evidence = new DateOrderEvidence();
  const m = new HeaderMatch();
  for (const line of lines) {
    if (!matchHeader(line, 0, line.length, m)) throw new Error(`not a header: ${line}`);
    evidence.add(m, line);
  }
  return evidence.decide(undefined);
}

describe('DateOrderEvidence', () => {
  it('with every day at most 12, the reading whose messages follow closely wins: 7/1/17 … 7/10/17 is July', () => {
    const lines = Array.from({ length: 10 }, (_, i) => `${7}/${i + 1}/17, 9:0${i} AM - A: update ${i + 1}`);
    const decision = decide(lines);
    expect(decision).toMatchObject({ order: 'mdy', noteKind: 'assumption', defaulted: false });
    expect(decision.note).toMatch(/time between successive messages: 9\.0 day\(s\) in all/);
    expect(decide(lines.map((l) => l.replace(/^7\/(\d+)/, '$1/7')))).toMatchObject({ order: 'dmy', defaulted: false });
  });

  it('with no evidence either way the order is defaulted, and says its dates are low confidence', () => {
    const decision = decide(['06/01/2021, 07:30 - A: x', '06/01/2021, 17:50 - A: y']);
    expect(decision).toMatchObject({ order: 'dmy', noteKind: 'warning', defaulted: true });
    expect(decision.note).toMatch(/low confidence/);
  });

  it('a first component above 12 settles day-first, noted as an assumption with an example', () => {
    const decision = decide(['02/03/2020, 09:14 - A: x', '16/03/2020, 07:52 - A: y']);
    expect(decision.order).toBe('dmy');
    expect(decision.noteKind).toBe('assumption');
    expect(decision.note).toContain('"16/03/2020, 07:52"');
  });

  it('a second component above 12 settles month-first', () => {
    expect(decide(['10/28/21, 9:02 AM - A: x', '11/1/21, 8:10 AM - A: y'])).toMatchObject({ order: 'mdy', noteKind: 'assumption' });
  });

  it('a year written first settles year-first', () => {
    expect(decide(['2024/01/12, 14:03 - A: x', '[2023/5/4, 16:17:13] B: y'])).toMatchObject({ order: 'ymd', noteKind: 'assumption' });
  });

  it('with no component above 12, the roll-over into a new month decides', () => {
    expect(decide(['12/01/2021, 10:00 - A: x', '01/02/2021, 10:00 - A: y'])).toMatchObject({ order: 'dmy', noteKind: 'assumption' });
    expect(decide(['01/12/2021, 10:00 - A: x', '02/01/2021, 10:00 - A: y'])).toMatchObject({ order: 'mdy', noteKind: 'assumption' });
  });

  it('an undeterminable order is a warning, read day-first', () => {
    const decision = decide(['06/01/2021, 07:30 - A: x', '06/01/2021, 17:50 - A: y']);
    expect(decision).toMatchObject({ order: 'dmy', noteKind: 'warning' });
    expect(decision.note).toMatch(/cannot be determined/);
  });

  it('contradictory evidence is a warning; the larger side wins', () => {
    const decision = decide(['13/01/2021, 10:00 - A: x', '01/14/2021, 10:00 - A: y', '01/15/2021, 10:00 - A: z']);
    expect(decision).toMatchObject({ order: 'mdy', noteKind: 'warning' });
    expect(decision.note).toMatch(/contradictory/);
  });

  it('an order given by the user wins over the file', () => {
    const evidence = new DateOrderEvidence();
    expect(evidence.decide('mdy')).toMatchObject({ order: 'mdy', noteKind: 'assumption' });
  });
});

describe('ZoneReader', () => {
  const wall = (year: number, month: number, day: number, hour: number, minute: number): Wall =>
    Object.assign(new Wall(), { year, month, day, hour, minute, second: 0 });

  it('agrees with chooseInstant on ordinary days, fold days and gap days', () => {
    const reader = new ZoneReader('Europe/London');
    const walls = [
      wall(2021, 3, 27, 23, 48),
      wall(2021, 3, 28, 0, 58),
      wall(2021, 3, 28, 1, 30),
      wall(2021, 3, 28, 2, 3),
      wall(2021, 7, 19, 10, 0),
      wall(2021, 10, 31, 0, 55),
      wall(2021, 10, 31, 1, 48),
      wall(2021, 10, 31, 1, 12),
      wall(2021, 10, 31, 2, 5),
      wall(2021, 12, 25, 12, 0),
    ];
    let previous: number | null = null;
    for (const w of walls) {
      const expected = chooseInstant(w, 'Europe/London', previous);
      const got = reader.read(w, previous);
      expect(got).toBe(expected.utcMs);
      expect(reader.choice?.kind ?? 'exact').toBe(expected.kind);
      previous = got;
    }
  });
});

describe('UndatedYears', () => {
  function years(lines: readonly string[], fileDate: number | null) {
    const undated = new UndatedYears();
    const m = new HeaderMatch();
    for (const line of lines) {
      if (!matchHeader(line, 0, line.length, m)) throw new Error(`not a header: ${line}`);
      undated.add(m, line);
    }
    return undated.decide(fileDate, Date.UTC(2030, 0, 1));
  }

  it('counts back from the file date, a year each time the month goes back', () => {
    const decision = years(['Nov 5, 8:11 PM - A: x', 'Dec 5, 8:12 PM - A: y', 'Jan 6, 9:00 AM - A: z'], Date.UTC(2014, 1, 1));
    expect(decision.startYears).toEqual([2013]);
    expect(decision.note).toMatch(/3 timestamp\(s\) carry no year .*the export file's date \(2014-02-01\)/);
  });

  it('a dated line after the run wins over the file date; with nothing at all, the import year is said', () => {
    expect(years(['18 Mar 12:14 - A: x', 'Aug 28, 2013, 7:23 PM - A: y'], null).startYears).toEqual([2013]);
    const none = years(['18 Mar 12:14 - A: x'], null);
    expect(none.startYears).toEqual([2029]);
    expect(none.note).toMatch(/nothing but the date of this import/);
  });
});
