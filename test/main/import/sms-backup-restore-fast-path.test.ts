/**
 * The SMS Backup & Restore scanner (sms-backup-restore/scanner.ts) against the saxes reader it stands in
 * for: on generated backups, and on backups with each construct the scanner leaves to saxes, the events
 * must be the same (progress aside, whose count depends on the chunks), whatever the chunks. The saxes
 * reader alone is the reference: with the scanner made to hand every file over at once, it reads all.
 */
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FieldCaps } from '../../../common/domain/field-caps';
import type { ParseEvent, ParseOptions } from '../../../common/domain/parsed';
import { smsBackupRestore } from '../../../main/import/sms-backup-restore';
import { SbrScanner } from '../../../main/import/sms-backup-restore/scanner';
import { memorySource, withoutProgress } from './repair/streams';

const CAPS: FieldCaps = { label: 64, body: 400 };
const options: ParseOptions = { timeZone: 'Europe/London', fieldCaps: CAPS };

interface Outcome {
  readonly events: ParseEvent[];
  readonly thrown: string | null;
}

/** Media as its hash: comparing megabytes element by element is slow, and says no more. */
function comparable(event: ParseEvent): ParseEvent {
  if (event.type !== 'message' || !event.message.attachments.some((a) => a.embedded)) return event;
  const attachments = event.message.attachments.map((a) =>
    a.embedded ? { ...a, embedded: new TextEncoder().encode(createHash('sha256').update(a.embedded).digest('hex')) } : a,
  );
  return { ...event, message: { ...event.message, attachments } };
}

async function parse(content: string | Uint8Array, chunkSize: number): Promise<Outcome> {
  const events: ParseEvent[] = [];
  let thrown: string | null = null;
  try {
    for await (const batch of smsBackupRestore.parse(memorySource('sms.xml', content, chunkSize), options))
      events.push(...batch.map(comparable));
  } catch (error) {
    thrown = String(error);
  }
  return { events: withoutProgress(events), thrown };
}

/**
 * The scanner's events for `content` read in chunks of `chunkSize` against saxes's, for a file the
 * import refuses (a problem) as much as for one it takes. Where saxes's reader fails depends on where
 * the chunks fall (the column it names; the records of the chunk it fails in, which it drops, the import
 * being rolled back either way): the problem is compared with saxes's in the same chunks, and the events
 * before it with a start of saxes's read a byte at a time, which sends every record before the problem.
 */
async function expectSame(content: string | Uint8Array, chunkSize: number): Promise<void> {
  const actual = await byScanner(content, chunkSize);
  expect(actual.scanned).toBe(false);
  const reference = await bySaxes(content, chunkSize);
  const last = reference.events[reference.events.length - 1];
  if (last?.type !== 'problem') {
    expect({ events: actual.events, thrown: actual.thrown }).toEqual(reference);
    return;
  }
  expect(actual.events[actual.events.length - 1]).toEqual(last);
  const before = actual.events.slice(0, -1);
  expect(before).toEqual((await bySaxes(content, 1)).events.slice(0, before.length));
}

/** The saxes reader's events, the scanner handing the file over before it reads a byte. */
async function bySaxes(content: string | Uint8Array, chunkSize: number): Promise<Outcome> {
  const push = vi.spyOn(SbrScanner.prototype, 'push').mockReturnValue(false);
  try {
    return await parse(content, chunkSize);
  } finally {
    push.mockRestore();
  }
}

/** The events as the app reads them, and whether the scanner read the whole file itself. */
async function byScanner(content: string | Uint8Array, chunkSize: number): Promise<Outcome & { readonly scanned: boolean }> {
  const push = vi.spyOn(SbrScanner.prototype, 'push');
  const end = vi.spyOn(SbrScanner.prototype, 'end');
  try {
    const outcome = await parse(content, chunkSize);
    const results = [...push.mock.results, ...end.mock.results].map((result) => result.value as unknown);
    return { ...outcome, scanned: end.mock.calls.length > 0 && results.every((value) => value === true) };
  } finally {
    push.mockRestore();
    end.mockRestore();
  }
}

// ---------------------------------------------------------------- generated backups

/** A small seeded generator (mulberry32), so a failing case can be run again. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** Pieces of values as a backup writes them: plain, escaped, referenced, repaired, raw white space, non-ASCII. */
const PIECES = [
  'Running late',
  'null',
  '',
  'Q&amp;A',
  '&lt;urgent&gt;',
  '&quot;final&quot;',
  'it&apos;s',
  "it's",
  'line&#10;break',
  'tab&#x9;bed',
  'raw\nnewline',
  'raw\ttab',
  'café',
  '東京',
  '👍',
  '👨‍👩‍👧',
  '&#128512;',
  '&#x1F600;',
  '&#55357;&#56832;',
  '&#55357;',
  '&#56832; alone',
  '&#1;',
  '&#xFFFE;',
  '\u0001raw',
  '\uFFFF',
  '5>3',
  '/>',
  ' ',
];

function text(next: () => number, pieces = 1 + Math.floor(next() * 4)): string {
  let out = '';
  for (let i = 0; i < pieces; i++) out += PIECES[Math.floor(next() * PIECES.length)] ?? '';
  return out;
}

const ADDRESSES = [
  '+447700900101',
  '07700 900101',
  '+44 7700 900102',
  'HMRC',
  '+447700900101~+447700900103',
  '+447700900103~insert-address-token~+447700900102',
  '',
];
const pick = <T>(next: () => number, items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;

function attributes(next: () => number, pairs: readonly (readonly [string, string])[]): string {
  const order = next() < 0.2 ? [...pairs].sort(() => next() - 0.5) : pairs;
  const gap = (): string => pick(next, [' ', ' ', ' ', '\n    ', '\t']);
  return order
    .map(([name, value]) => (next() < 0.1 && !value.includes("'") ? `${gap()}${name}='${value}'` : `${gap()}${name}="${value}"`))
    .join('');
}

function sms(next: () => number, date: number): string {
  const pairs: [string, string][] = [
    ['protocol', '0'],
    ['address', pick(next, ADDRESSES)],
    ['date', next() < 0.05 ? 'soon' : String(date)],
    ['type', pick(next, ['1', '2', '2', '1', '3', '5', '9'])],
    ['subject', 'null'],
    ['body', next() < 0.05 ? 'x'.repeat(CAPS.body - 2 + Math.floor(next() * 4)) : text(next)],
    ['readable_date', '26 Mar 2021 18:02:11'],
    ['contact_name', pick(next, ['Fiona Laird', '(Unknown)', 'null', 'O&apos;Neill', 'Zoë'])],
  ];
  if (next() < 0.1) pairs.splice(2, 1);
  return `<sms${attributes(next, pairs)}${pick(next, [' />', '/>', '\n  />'])}`;
}

function mms(next: () => number, date: number): string {
  const parts: string[] = [];
  const count = Math.floor(next() * 4);
  for (let i = 0; i < count; i++) {
    const kind = pick(next, ['application/smil', 'text/plain', 'text/plain', 'image/jpeg', 'IMAGE/PNG']);
    const pairs: [string, string][] = [
      ['seq', String(i)],
      ['ct', kind],
      ['name', pick(next, ['null', 'IMG_1.jpg', 'photo &amp; co.png'])],
      ['cl', 'part.bin'],
      ['text', kind === 'application/smil' ? '&lt;smil&gt;&lt;body/&gt;&lt;/smil&gt;' : text(next)],
    ];
    if (kind.startsWith('image') || kind.startsWith('IMAGE'))
      pairs.push(['data', next() < 0.8 ? Buffer.from(text(next)).toString('base64') : 'null']);
    parts.push(`<part${attributes(next, pairs)} />`);
  }
  const addresses = pick(next, ADDRESSES)
    .split('~')
    .map((address, i) => `<addr address="${address}" type="${i === 0 ? pick(next, ['137', '151']) : '151'}" charset="106" />`);
  const gap = (): string => pick(next, ['\n      ', '', '\r\n  ']);
  const body = `${gap()}<parts>${parts.map((p) => gap() + p).join('')}${gap()}</parts>${gap()}<addrs>${addresses.map((a) => gap() + a).join('')}${gap()}</addrs>${gap()}`;
  const pairs: [string, string][] = [
    ['date', next() < 0.2 ? String(Math.floor(date / 1000)) : String(date)],
    ['msg_box', pick(next, ['1', '2', '4'])],
    ['address', pick(next, ADDRESSES)],
    ['m_id', next() < 0.5 ? 'null' : `id-${date}`],
    ['m_type', pick(next, ['128', '132', '130'])],
    ['readable_date', '02 May 2021 14:20:05'],
    ['contact_name', escape('Fiona Laird, Euan "E" Baird')],
  ];
  return `<mms${attributes(next, pairs)}>${next() < 0.1 ? '' : body}</mms>`;
}

function backup(seed: number): string {
  const next = random(seed);
  const records = 1 + Math.floor(next() * 30);
  const newline = next() < 0.2 ? '\r\n' : '\n';
  let out = pick(next, ["<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>", '<?xml version="1.0"?>', '']) + newline;
  if (next() < 0.7) out += `<!--File Created By SMS Backup & Restore v10.${Math.floor(next() * 30)}.002 on 03/05/2023-->${newline}`;
  if (next() < 0.3) out += `<!--${newline}${newline}To view this file, visit https://example.invalid/${newline}-->${newline}`;
  if (next() < 0.1) out += `<?xml-stylesheet type="text/xsl" href="sms.xsl"?>${newline}`;
  out += `<smses count="${next() < 0.8 ? records : records + 1}" backup_set="0b6e5c8a" type="full">${newline}`;
  let date = 1616781731412;
  for (let i = 0; i < records; i++) {
    date += Math.floor(next() * 600_000);
    out += pick(next, ['  ', '\t', '']) + (next() < 0.25 ? mms(next, date) : sms(next, date)) + (next() < 0.1 ? '' : newline);
    if (next() < 0.03) out += `  <!-- a note -->${newline}`;
  }
  return `${out}</smses>${pick(next, [newline, '', `${newline}<!-- end -->${newline}`])}`;
}

describe('SMS Backup & Restore scanner', () => {
  afterEach(() => vi.restoreAllMocks());

  it("gives the saxes reader's events on generated backups, whatever the chunks", async () => {
    let scanned = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const file = backup(seed);
      const chunkSize = [1, 7, 64, 1000, file.length][seed % 5] ?? 64;
      const reference = await bySaxes(file, file.length);
      const fast = await byScanner(file, chunkSize);
      expect({ seed, ...fast, scanned: undefined }).toEqual({ seed, ...reference, scanned: undefined });
      if (fast.scanned) scanned++;
    }
    // Most generated backups hold only what the scanner reads itself; the rest have a value over the cap.
    expect(scanned).toBeGreaterThan(100);
  });

  it('reads a backup as the app writes it without saxes, repairs included', async () => {
    const file = backup(3).replace(
      '</smses>',
      `${sms(random(9), 1616781731412).replace(/body="[^"]*"/, 'body="hi &#55357;&#56832; &#1;"')}\n</smses>`,
    );
    const fast = await byScanner(file, 64);
    expect(fast.scanned).toBe(true);
    const last = fast.events.filter((event) => event.type === 'message').pop();
    expect(last?.type === 'message' && last.message.body).toBe('hi 😀 \uFFFD');
    expect(last?.type === 'message' && last.message.repairs).toHaveLength(2);
    expect(fast).toMatchObject(await bySaxes(file, file.length));
  });

  const GOOD = '<sms address="+447700900101" date="1616781731412" type="1" body="before" />\n';
  const AFTER = '<sms address="+447700900102" date="1616781731999" type="2" body="after" />\n';
  const around = (unusual: string, records = 40): string =>
    `<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<smses count="${2 * records + 1}">\n${GOOD.repeat(records)}${unusual}\n${AFTER.repeat(records)}</smses>\n`;

  /** Constructs the scanner leaves to saxes, each placed after forty records it reads itself. */
  const UNUSUAL: readonly (readonly [string, string])[] = [
    ['a CDATA section', '<![CDATA[ <sms/> ]]>'],
    ['a processing instruction among the records', '<?target data?>'],
    ['a comment inside an MMS', '<mms date="1" msg_box="1" address="1"><!-- x --><parts/></mms>'],
    ['an entity saxes does not know', '<sms address="1" body="&nbsp;" />'],
    ['a duplicate attribute', '<sms address="1" body="a" body="b" />'],
    ['an unquoted value', '<sms address=1 />'],
    ['white space around "="', '<sms address = "1" />'],
    ['no white space between attributes', '<sms address="1"body="b" />'],
    ['text among the records', 'stray text'],
    ['a lone carriage return', '<sms address="1"\rbody="b" />'],
    ['a carriage return in a value', '<sms address="1" body="a\r\nb" />'],
    ['an unknown element', '<call number="1" />'],
    ['an SMS with text in it', '<sms address="1">text</sms>'],
    ['a value over the cap', `<sms address="1" body="${'x'.repeat(CAPS.body + 1)}" />`],
    ['another attribute over the cap', `<sms address="${'é'.repeat(CAPS.body)}" body="b" />`],
    ['a raw control character between records', '\u0001'],
    ['a "<" in a value', '<sms address="1" body="a<b" />'],
    ['a reference too long for the repair pass', '<sms address="1" body="&#00000000065;" />'],
    ['an upper-case hexadecimal reference', '<sms address="1" body="&#X41;" />'],
    ['a __proto__ attribute', '<sms address="1" __proto__="x" />'],
    ['a mismatched end tag', '<mms date="1" msg_box="1" address="1"><parts></addrs></mms>'],
    ['an end tag with white space', '<mms date="1" msg_box="1" address="1"><parts></parts ></mms>'],
    ['a name with a colon', '<sms a:b="1" />'],
    ['a non-ASCII comment', '<!-- café -->'],
    ['a comment with a double dash', '<!-- a -- b -->'],
  ];

  it.each(UNUSUAL)('hands the file to saxes at %s, with the same events', async (_name, unusual) => {
    for (const chunkSize of [1, 13, 4096]) await expectSame(around(unusual), chunkSize);
  });

  it.each([
    ['a DTD', (file: string) => file.replace('<smses', '<!DOCTYPE smses [<!ENTITY a "b">]>\n<smses')],
    ['a root that is not <smses>', (file: string) => file.replace(/smses/g, 'calls')],
    ['a file cut off inside a record', (file: string) => file.slice(0, file.indexOf('after') + 3)],
    ['a file cut off after the records', (file: string) => file.slice(0, file.lastIndexOf('</smses>'))],
    ['text after the root', (file: string) => `${file}trailing`],
    ['a second root', (file: string) => `${file}<smses></smses>`],
    ['an empty root', () => '<?xml version="1.0"?>\n<smses/>\n'],
    ['an XML declaration saxes refuses', (file: string) => file.replace("version='1.0'", "version='2.0'")],
  ])('hands the file to saxes at %s, with the same events or error', async (_name, change) => {
    await expectSame(change(around('<!-- fine -->')), 64);
  });

  it.each([
    ['bytes that are not UTF-8', (bytes: Uint8Array) => bytes.map((byte, i) => (i === bytes.length - 300 ? 0xc3 : byte))],
    ['a character cut off at the end', (bytes: Uint8Array) => new Uint8Array([...bytes, 0xe2, 0x82])],
    [
      'UTF-16 with a byte-order mark',
      (bytes: Uint8Array) => new Uint8Array([0xff, 0xfe, ...Buffer.from(Buffer.from(bytes).toString('utf8'), 'utf16le')]),
    ],
  ])('hands the file to saxes at %s, with the same events', async (_name, change) => {
    await expectSame(change(new TextEncoder().encode(around('<!-- fine -->'))), 100);
  });

  it('reads a UTF-8 byte-order mark as the decoder does, and hands nothing over', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(around('<!-- fine -->'))]);
    const fast = await byScanner(bytes, 2);
    expect(fast.scanned).toBe(true);
    expect(fast).toMatchObject(await bySaxes(bytes, bytes.length));
  });

  it('reads an MMS whose media runs over many chunks', async () => {
    const media = Buffer.alloc(900 * 1024, 7).toString('base64');
    const file = around(
      `<mms date="1616781731500" msg_box="1" address="+447700900101"><parts><part ct="image/png" data="${media}" /></parts></mms>`,
      2,
    );
    const fast = await byScanner(file, 64 * 1024);
    expect(fast.scanned).toBe(true);
    const message = fast.events.find((event) => event.type === 'message' && event.message.attachments.length > 0);
    const sha = createHash('sha256')
      .update(Buffer.alloc(900 * 1024, 7))
      .digest('hex');
    expect(message?.type === 'message' && new TextDecoder().decode(message.message.attachments[0]?.embedded)).toBe(sha);
    expect(fast).toMatchObject(await bySaxes(file, file.length));
  });
});
