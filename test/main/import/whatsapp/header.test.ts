import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DateOrder } from '../../../../common/domain/model';
import { toWallClock, Wall } from '../../../../main/import/whatsapp/dates';
import { HeaderMatch, matchHeader, type HeaderShape } from '../../../../main/import/whatsapp/header';
import { fixture } from '../../../helpers/fixtures';

const LRM = '\u200E';
const RLM = '\u200F';
const NNBSP = '\u202F';
const NBSP = '\u00A0';

function header(line: string): HeaderMatch | null {
  const m = new HeaderMatch();
  return matchHeader(line, 0, line.length, m) ? m : null;
}

interface Shape {
  readonly line: string;
  readonly shape: HeaderShape;
  readonly order: DateOrder;
  /** The wall-clock time as `yyyy-mm-dd hh:mm:ss`. */
  readonly wall: string;
  readonly raw: string;
  /** Text from the author (or a system line's text) on. */
  readonly rest: string;
}

function wallText(m: HeaderMatch, order: DateOrder): string | null {
  const wall = new Wall();
  if (!toWallClock(m, order, wall)) return null;
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${wall.year}-${p(wall.month)}-${p(wall.day)} ${p(wall.hour)}:${p(wall.minute)}:${p(wall.second)}`;
}

// Every sample in formats/whatsapp.md §2 and §10.3, with the real invisible characters.
const SHAPES: readonly Shape[] = [
  {
    line: '12/01/2024, 14:03 - Alice Smith: See you at 6',
    shape: 'android',
    order: 'dmy',
    wall: '2024-01-12 14:03:00',
    raw: '12/01/2024, 14:03',
    rest: 'Alice Smith: See you at 6',
  },
  {
    line: '1/12/24, 2:03 PM - Alice Smith: See you at 6',
    shape: 'android',
    order: 'mdy',
    wall: '2024-01-12 14:03:00',
    raw: '1/12/24, 2:03 PM',
    rest: 'Alice Smith: See you at 6',
  },
  {
    line: `1/12/24, 2:03${NNBSP}PM - Alice Smith: See you at 6`,
    shape: 'android',
    order: 'mdy',
    wall: '2024-01-12 14:03:00',
    raw: `1/12/24, 2:03${NNBSP}PM`,
    rest: 'Alice Smith: See you at 6',
  },
  {
    line: '12.01.24, 14:03 - Alice Smith: Bis später',
    shape: 'android',
    order: 'dmy',
    wall: '2024-01-12 14:03:00',
    raw: '12.01.24, 14:03',
    rest: 'Alice Smith: Bis später',
  },
  {
    line: '23.03.22 13:31 - Dmitry S: …',
    shape: 'android',
    order: 'dmy',
    wall: '2022-03-23 13:31:00',
    raw: '23.03.22 13:31',
    rest: 'Dmitry S: …',
  },
  {
    line: '2024/12/01, 10:04 pm - Alice: …',
    shape: 'android',
    order: 'ymd',
    wall: '2024-12-01 22:04:00',
    raw: '2024/12/01, 10:04 pm',
    rest: 'Alice: …',
  },
  {
    line: `20/6/2017 8:28 p.${NBSP}m. - Michelle: test`,
    shape: 'android',
    order: 'dmy',
    wall: '2017-06-20 20:28:00',
    raw: `20/6/2017 8:28 p.${NBSP}m.`,
    rest: 'Michelle: test',
  },
  {
    line: '13.6.2018 klo 21.25.15 - a: m',
    shape: 'android',
    order: 'dmy',
    wall: '2018-06-13 21:25:15',
    raw: '13.6.2018 klo 21.25.15',
    rest: 'a: m',
  },
  {
    line: '[12/01/2024, 14:03:22] Alice Smith: See you at 6',
    shape: 'ios',
    order: 'dmy',
    wall: '2024-01-12 14:03:22',
    raw: '[12/01/2024, 14:03:22]',
    rest: 'Alice Smith: See you at 6',
  },
  {
    line: `[1/12/24, 2:03:22${NNBSP}PM] Alice Smith: See you at 6`,
    shape: 'ios',
    order: 'mdy',
    wall: '2024-01-12 14:03:22',
    raw: `[1/12/24, 2:03:22${NNBSP}PM]`,
    rest: 'Alice Smith: See you at 6',
  },
  {
    line: '[31/12/2022 11:40:26] John Doe: Hi',
    shape: 'ios',
    order: 'dmy',
    wall: '2022-12-31 11:40:26',
    raw: '[31/12/2022 11:40:26]',
    rest: 'John Doe: Hi',
  },
  {
    line: '[3/18/22 14:56:01] Elon Musk: …',
    shape: 'ios',
    order: 'mdy',
    wall: '2022-03-18 14:56:01',
    raw: '[3/18/22 14:56:01]',
    rest: 'Elon Musk: …',
  },
  {
    line: '[3/18/22 14.56.01] Elon Musk: …',
    shape: 'ios',
    order: 'mdy',
    wall: '2022-03-18 14:56:01',
    raw: '[3/18/22 14.56.01]',
    rest: 'Elon Musk: …',
  },
  {
    line: '[14:56:01, 3/18/22] Musk Elon: …',
    shape: 'ios',
    order: 'mdy',
    wall: '2022-03-18 14:56:01',
    raw: '[14:56:01, 3/18/22]',
    rest: 'Musk Elon: …',
  },
  {
    line: '[12.3.2022 klo 14.08.18] Matias: …',
    shape: 'ios',
    order: 'dmy',
    wall: '2022-03-12 14:08:18',
    raw: '[12.3.2022 klo 14.08.18]',
    rest: 'Matias: …',
  },
  {
    line: '[3/18/2565 BE, 14:56:01] Elon: …',
    shape: 'ios',
    order: 'mdy',
    wall: '2022-03-18 14:56:01',
    raw: '[3/18/2565 BE, 14:56:01]',
    rest: 'Elon: …',
  },
  {
    line: '[3/18/R4, 14:56:01] Elon: …',
    shape: 'ios',
    order: 'mdy',
    wall: '2022-03-18 14:56:01',
    raw: '[3/18/R4, 14:56:01]',
    rest: 'Elon: …',
  },
  {
    line: `10/21/16, 3:03:15 PM: ${LRM}${LRM}Hannes's number was changed`,
    shape: 'ios-legacy',
    order: 'mdy',
    wall: '2016-10-21 15:03:15',
    raw: '10/21/16, 3:03:15 PM',
    rest: `${LRM}${LRM}Hannes's number was changed`,
  },
  {
    line: '09/12/2012 17:03:48: Sender Name: Message',
    shape: 'ios-legacy',
    order: 'dmy',
    wall: '2012-12-09 17:03:48',
    raw: '09/12/2012 17:03:48',
    rest: 'Sender Name: Message',
  },
  {
    line: '[2023/5/4, 16:17:13] ~ Carolina: 🥺',
    shape: 'ios',
    order: 'ymd',
    wall: '2023-05-04 16:17:13',
    raw: '[2023/5/4, 16:17:13]',
    rest: '~ Carolina: 🥺',
  },
  {
    line: `[١٨${RLM}/٣${RLM}/٢٠٢٢، ٢:٥٦:٠٠${NBSP}م] \u202A+40${NBSP}521${NBSP}028\u202C: ${RLM}مرحبا`,
    shape: 'ios',
    order: 'dmy',
    wall: '2022-03-18 14:56:00',
    raw: `[١٨${RLM}/٣${RLM}/٢٠٢٢، ٢:٥٦:٠٠${NBSP}م]`,
    rest: `\u202A+40${NBSP}521${NBSP}028\u202C: ${RLM}مرحبا`,
  },
  {
    line: `${LRM}[11/2/23, 6:41:30${NNBSP}PM] Priya Shah: ${LRM}<attached: 00000003-PHOTO-2023-11-02-18-41-30.jpg>`,
    shape: 'ios',
    order: 'mdy',
    wall: '2023-11-02 18:41:30',
    raw: `[11/2/23, 6:41:30${NNBSP}PM]`,
    rest: `Priya Shah: ${LRM}<attached: 00000003-PHOTO-2023-11-02-18-41-30.jpg>`,
  },
  {
    line: '\uFEFF06/01/2021, 07:30 - Messages and calls are end-to-end encrypted.',
    shape: 'android',
    order: 'dmy',
    wall: '2021-01-06 07:30:00',
    raw: '06/01/2021, 07:30',
    rest: 'Messages and calls are end-to-end encrypted.',
  },
  {
    line: '[12.01.24, 14:03:22] Anna: Hallo',
    shape: 'ios',
    order: 'dmy',
    wall: '2024-01-12 14:03:22',
    raw: '[12.01.24, 14:03:22]',
    rest: 'Anna: Hallo',
  },
  {
    line: `[12/01/2024, 2:03:22${NNBSP}pm] Anna: hi`,
    shape: 'ios',
    order: 'dmy',
    wall: '2024-01-12 14:03:22',
    raw: `[12/01/2024, 2:03:22${NNBSP}pm]`,
    rest: 'Anna: hi',
  },
  {
    line: `12/01/2024, 2:03 p.${NBSP}m. - Anna: hola`,
    shape: 'android',
    order: 'dmy',
    wall: '2024-01-12 14:03:00',
    raw: `12/01/2024, 2:03 p.${NBSP}m.`,
    rest: 'Anna: hola',
  },
  {
    line: '[14:03:22, 12/1/24] Anna: xin chào',
    shape: 'ios',
    order: 'dmy',
    wall: '2024-01-12 14:03:22',
    raw: '[14:03:22, 12/1/24]',
    rest: 'Anna: xin chào',
  },
  {
    line: '2024/01/12, 14:03 - 安娜: 你好',
    shape: 'android',
    order: 'ymd',
    wall: '2024-01-12 14:03:00',
    raw: '2024/01/12, 14:03',
    rest: '安娜: 你好',
  },
  {
    line: '2022. 03. 18. 14:56 - Péter: szia',
    shape: 'android',
    order: 'ymd',
    wall: '2022-03-18 14:56:00',
    raw: '2022. 03. 18. 14:56',
    rest: 'Péter: szia',
  },
  {
    line: '12/31/21, 12:05 AM - Tom: midnight',
    shape: 'android',
    order: 'mdy',
    wall: '2021-12-31 00:05:00',
    raw: '12/31/21, 12:05 AM',
    rest: 'Tom: midnight',
  },
  {
    line: '12/31/21, 12:30 PM - Tom: noon',
    shape: 'android',
    order: 'mdy',
    wall: '2021-12-31 12:30:00',
    raw: '12/31/21, 12:30 PM',
    rest: 'Tom: noon',
  },
  // Hour 0 with PM appears in one third-party sample; it must not crash.
  { line: '1/12/24, 0:24 PM - A: x', shape: 'android', order: 'mdy', wall: '2024-01-12 12:24:00', raw: '1/12/24, 0:24 PM', rest: 'A: x' },
];

describe('matchHeader: every header shape and locale in formats/whatsapp.md', () => {
  for (const s of SHAPES) {
    it(JSON.stringify(s.line), () => {
      const m = header(s.line);
      expect(m).not.toBeNull();
      if (!m) return;
      expect(m.shape).toBe(s.shape);
      expect(s.line.slice(m.start, m.end)).toBe(s.raw);
      expect(s.line.slice(m.rest)).toBe(s.rest);
      expect(wallText(m, s.order)).toBe(s.wall);
    });
  }

  it('reads the same shapes from UTF-8 bytes held one per character, with byte offsets', () => {
    for (const s of SHAPES) {
      const bytes = Buffer.from(s.line, 'utf8').toString('latin1');
      const m = new HeaderMatch();
      expect(matchHeader(bytes, 0, bytes.length, m, true), s.line).toBe(true);
      const utf8 = (from: number, to?: number): string => Buffer.from(bytes.slice(from, to), 'latin1').toString('utf8');
      expect(m.shape).toBe(s.shape);
      expect(utf8(m.start, m.end)).toBe(s.raw);
      expect(utf8(m.rest)).toBe(s.rest);
      expect(wallText(m, s.order)).toBe(s.wall);
    }
  });

  it('reads common lines the same way on its fast path as on the general one (which a leading mark forces)', () => {
    const files = [
      'whatsapp/android-de.txt',
      'whatsapp/android-en-GB-24h.txt',
      'whatsapp/android-en-US-12h.txt',
      'whatsapp/ios-en-GB/_chat.txt',
    ];
    const lines = files.flatMap((path) => readFileSync(fixture(path), 'utf8').split(/\r?\n/));
    lines.push(
      ...SHAPES.map((s) => s.line),
      '12/01/2024, 14:03:07 - A: x',
      '[1/2/24 9:05] B: y',
      '2024-01-12, 23:59 - C: z',
      '12/01/2024 24:00 - D: no',
    );
    let headers = 0;
    for (const line of lines) {
      const fast = new HeaderMatch();
      const general = new HeaderMatch();
      const isHeader = matchHeader(line, 0, line.length, fast);
      const marked = LRM + line;
      expect(matchHeader(marked, 0, marked.length, general), line).toBe(isHeader);
      if (!isHeader) continue;
      headers++;
      const shifted = { ...general, start: general.start - 1, end: general.end - 1, rest: general.rest - 1 };
      if (line.charCodeAt(0) !== 0x200e && line.charCodeAt(0) !== 0xfeff) expect(shifted, line).toEqual({ ...fast });
    }
    expect(headers).toBeGreaterThan(200);
  });

  it('scans a line in place inside a larger text, and never joins it to the next line', () => {
    const text = 'x\n[12/01/2024, 14:03:22]\r\n12/01/2024, 14:03\n - Alice: hi';
    const m = new HeaderMatch();
    expect(matchHeader(text, 2, 24, m)).toBe(true);
    expect([m.start, m.end, m.rest]).toEqual([2, 24, 24]);
    expect(matchHeader(text, 26, 43, m)).toBe(false);
  });
});

describe('matchHeader: lines that are not headers', () => {
  const NOT_HEADERS = [
    '',
    'Note: any exchange that records a decision',
    // formats/whatsapp.md §7 and the en-GB fixture: continuation lines that start with a date or time.
    '2021-01-05 07:30:00 dashboard refresh',
    "04/01/2021, 19:51 — time stamp on the CMO's email, in case anyone asks",
    '9:30 AM COP26 health briefing',
    '"05/01/2021, 08:02 - PHS Comms: embargo lifts at 12:00"',
    '2016-04-29 10:30:00',
    '12/01/2024',
    '12/01/2024, 14:03',
    '12/01/2024, 14:03 -Alice: no space',
    '[12/01/2024, 14:03:22]Alice: no space',
    '12/01/2024, 25:03 - Alice: hour 25',
    '12/01/2024, 14:63 - Alice: minute 63',
    '12/01/2024, 2:3 - Alice: one-digit minute',
    '123456/01/2024, 14:03 - Alice: too many digits',
    '12/01-2024, 14:03 - Alice: mixed separators',
    '1.2.3 release notes',
    'OPTION: Thursday (2 votes)',
  ];
  for (const line of NOT_HEADERS) {
    it(JSON.stringify(line), () => {
      expect(header(line)).toBeNull();
      const bytes = Buffer.from(line, 'utf8').toString('latin1');
      expect(matchHeader(bytes, 0, bytes.length, new HeaderMatch(), true)).toBe(false);
    });
  }

  it('a Latin-1 view never mistakes a UTF-8 continuation byte 0xA0 for a space', () => {
    // "à" is C3 A0 in UTF-8: read as bytes, its second half must not end the "klo"-style word.
    const bytes = Buffer.from('13.6.2018 \u00e021.25.15 - a: m', 'utf8').toString('latin1');
    expect(matchHeader(bytes, 0, bytes.length, new HeaderMatch(), true)).toBe(false);
  });
});

describe('matchHeader: shapes real exports took (issue 15)', () => {
  const wall = (line: string, order: DateOrder = 'dmy', year?: number): string | null => {
    const m = header(line);
    if (!m) return null;
    const w = new Wall();
    if (!toWallClock(m, order, w, year)) return 'not a date';
    const p = (n: number): string => String(n).padStart(2, '0');
    return `${w.year}-${p(w.month)}-${p(w.day)} ${p(w.hour)}:${p(w.minute)}`;
  };

  it('marks inside the bracket: a U+FEFF, and the RLMs and Arabic comma of Arabic iOS', () => {
    expect(wall('[\uFEFF29.01.18, 12:24:03] Fiona Laird: hi')).toBe('2018-01-29 12:24');
    const arabic = `[${RLM}18${RLM}/3${RLM}/2022\u060C 14:56:01] Fiona Laird: hi`;
    expect(wall(arabic)).toBe('2022-03-18 14:56');
    expect(arabic.slice(header(arabic)?.rest)).toBe('Fiona Laird: hi');
  });

  it('old Android dates with a month name, with or without a year; the year comes from outside when none is written', () => {
    expect(header('Mar 5, 8:11 PM - Fiona: hi')).toMatchObject({ monthName: true, noYear: true, shape: 'android' });
    expect(wall('Mar 5, 8:11 PM - Fiona: hi')).toBe('not a date');
    expect(wall('Mar 5, 8:11 PM - Fiona: hi', 'mdy', 2014)).toBe('2014-03-05 20:11');
    expect(wall('18 Mar 12:14 - Fiona: hi', 'mdy', 2015)).toBe('2015-03-18 12:14');
    expect(wall('Dec 31, 2013, 11:59 PM - Fiona: hi', 'dmy')).toBe('2013-12-31 23:59');
    expect(wall('19:23, 28 Aug 2013 - Fiona Laird: Home safe', 'mdy')).toBe('2013-08-28 19:23');
    expect(header('Mayday: not a header')).toBeNull();
    expect(header('May 5 was the day - not a header')).toBeNull();
  });

  it('day-period words in place of AM/PM', () => {
    expect(wall('12/03/2021, 9:15 in the morning - Fiona: hi')).toBe('2021-03-12 09:15');
    expect(wall('12/03/2021, 3:02 in the afternoon - Fiona: hi')).toBe('2021-03-12 15:02');
    expect(wall('12/03/2021, 7:40 in the evening - Fiona: hi')).toBe('2021-03-12 19:40');
    expect(wall('12/03/2021, 10:30 at night - Fiona: hi')).toBe('2021-03-12 22:30');
    expect(wall('12/03/2021, 12:10 at night - Fiona: hi')).toBe('2021-03-12 00:10');
  });

  it('an hour that contradicts its AM/PM is a header, flagged, read on a 24-hour clock', () => {
    expect(header('12/01/2024, 13:03 PM - Alice: 13 PM')).toMatchObject({ impossible: true });
    expect(wall('12/03/2021, 23:59 PM - Euan: Yes')).toBe('2021-03-12 23:59');
    expect(header('12/03/2021, 11:59 PM - Euan: Yes')).toMatchObject({ impossible: false });
  });

  it('tells the forms of one file apart: a pasted iOS line in an Android file is another form', () => {
    const android = header('12/03/2021, 09:14 - Fiona Laird: Look');
    const pasted = header('[6:48 AM, 5/3/2021] Pratham: can we move the call');
    const general = header('\u200E12/03/2021, 09:14 - Fiona Laird: Look');
    expect(android && pasted && general).toBeTruthy();
    expect(pasted?.form).not.toBe(android?.form);
    expect(general?.form).toBe(android?.form);
  });
});

describe('toWallClock', () => {
  it('rejects dates that do not exist in the order used', () => {
    const m = header('10/31/21, 1:15 AM - A: x');
    expect(m && wallText(m, 'dmy')).toBeNull();
    expect(m && wallText(m, 'mdy')).toBe('2021-10-31 01:15:00');
    const leap = header('29/02/2021, 10:00 - A: x');
    expect(leap && wallText(leap, 'dmy')).toBeNull();
    const leap2024 = header('29/02/2024, 10:00 - A: x');
    expect(leap2024 && wallText(leap2024, 'dmy')).toBe('2024-02-29 10:00:00');
  });
});
