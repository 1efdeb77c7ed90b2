import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import type { ParseEvent, ParseOptions, ParsedMessage } from '../../../common/domain/parsed';
import { cellebrite } from '../../../main/import/cellebrite';
import { readIsoTime } from '../../../common/domain/time';
import type { Repair } from '../../../main/import/repair/repair-queue';
import { XmlRepairer } from '../../../main/import/repair/xml-repair';
import { folder, singleFile, type SourceFiles } from '../../../main/import/files';
import { openZipFile } from '../../../main/import/zip';
import { fixture } from '../../helpers/fixtures';
import { useTempDir } from '../../helpers/temp';
import { eventsOf, sniffs } from './repair/streams';

interface Expected {
  namespace: string;
  strict_xml_parse_ok: boolean;
  forbidden_char_references_replaced: number;
  conversations: number;
  records: number;
  user_messages: number;
  system_messages: number;
  whatsapp_messages: number;
  sms_messages: number;
  participants: number;
  participant_msisdns: string[];
  earliest_utc: string;
  latest_utc: string;
  timestamps_without_offset: { model_id: string; timestamp_raw: string }[];
  attachments: number;
  attachment_files_present: number;
  deleted: number;
  edited: number;
  ufdr_zip_entries: string[];
}

const EXPECTED = (JSON.parse(readFileSync(fixture('EXPECTED.json'), 'utf8')) as Record<string, unknown>)[
  'cellebrite/ufdr-sample/report.xml'
] as Expected;
const OPTIONS: ParseOptions = { timeZone: 'Europe/London' };

async function collect(files: SourceFiles, options: ParseOptions = OPTIONS): Promise<ParseEvent[]> {
  const events: ParseEvent[] = [];
  try {
    for await (const event of eventsOf(cellebrite, files, options)) events.push(event);
  } finally {
    await files.close();
  }
  return events;
}

const messagesOf = (events: ParseEvent[]): ParsedMessage[] => events.flatMap((e) => (e.type === 'message' ? [e.message] : []));
const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString().replace(/\.000Z$/, 'Z'));

const SOURCES: [string, () => Promise<SourceFiles>][] = [
  ['the UFDR folder', () => Promise.resolve(folder(fixture('cellebrite/ufdr-sample')))],
  ['the .ufdr zip', () => openZipFile(fixture('cellebrite/ufdr-sample.ufdr'))],
];

describe.each(SOURCES)('Cellebrite report from %s', (_, open) => {
  it('matches every figure in EXPECTED.json', async () => {
    const files = await open();
    if (files.diskPath('report.xml') === null) expect(files.entries).toEqual(EXPECTED.ufdr_zip_entries);
    const events = await collect(files);
    const messages = messagesOf(events);
    const conversations = events.flatMap((e) => (e.type === 'conversation' ? [e.conversation] : []));
    const platformOf = new Map(conversations.map((c) => [c.key, c.platform]));

    expect(events[0]).toMatchObject({
      type: 'source',
      source: { format: 'cellebrite_ufdr', producer: 'Cellebrite', producerVersion: '7.62.0.45' },
    });
    expect(conversations).toHaveLength(EXPECTED.conversations);
    expect(messages).toHaveLength(EXPECTED.records);
    expect(messages.filter((m) => m.kind !== 'system')).toHaveLength(EXPECTED.user_messages);
    expect(messages.filter((m) => m.kind === 'system')).toHaveLength(EXPECTED.system_messages);
    expect(messages.filter((m) => platformOf.get(m.conversationKey) === 'whatsapp')).toHaveLength(EXPECTED.whatsapp_messages);
    expect(messages.filter((m) => platformOf.get(m.conversationKey) === 'sms')).toHaveLength(EXPECTED.sms_messages);

    const participants = events.flatMap((e) => (e.type === 'participant' ? [e.participant] : []));
    expect(participants).toHaveLength(EXPECTED.participants);
    expect(participants.map((p) => p.handle?.replace(/^\+/, '')).sort()).toEqual([...EXPECTED.participant_msisdns].sort());
    expect(participants.filter((p) => p.isOwner).map((p) => p.label)).toEqual(['Euan Baird']);

    const times = messages.map((m) => m.time.utcMs).filter((t): t is number => t !== null);
    expect(iso(Math.min(...times))).toBe(EXPECTED.earliest_utc);
    expect(iso(Math.max(...times))).toBe(EXPECTED.latest_utc);
    const unknownZone = messages.filter((m) => m.time.basis !== 'explicit');
    expect(unknownZone.map((m) => ({ model_id: m.locator.record, timestamp_raw: m.time.raw }))).toEqual(EXPECTED.timestamps_without_offset);

    const attachments = messages.flatMap((m) => m.attachments);
    expect(attachments).toHaveLength(EXPECTED.attachments);
    expect(attachments.filter((a) => a.present)).toHaveLength(EXPECTED.attachment_files_present);
    expect(messages.filter((m) => m.deleted !== 'none')).toHaveLength(EXPECTED.deleted);
    expect(messages.filter((m) => m.edited !== 'none')).toHaveLength(EXPECTED.edited);
    const repairs = events.filter((e) => e.type === 'note' && e.note.kind === 'repair');
    expect(repairs).toHaveLength(EXPECTED.forbidden_char_references_replaced);
  });

  it('keeps source order, links the attachment, and records the carved, system and offset-less records', async () => {
    const events = await collect(await open());
    const messages = messagesOf(events);
    const byId = (id: string): ParsedMessage | undefined => messages.find((m) => m.locator.record === id);

    expect(messages.map((m) => m.seq)).toEqual(messages.map((_, i) => i));
    const chat = messages.filter((m) => m.conversationKey === 'chat:c-0001');
    expect(chat.map((m) => m.locator.record)).toEqual(chat.map((m) => m.locator.record).sort());
    expect(byId('m-0005')).toMatchObject({
      externalId: '3EB01088C1F2A9B7D0E4',
      direction: 'incoming',
      directionBasis: 'source',
      senderKey: 'tel:447700900101',
      locator: { file: 'report.xml', lineStart: 60, lineEnd: 90, record: 'm-0005' },
    });
    expect(byId('m-0025')).toMatchObject({ kind: 'system', senderKey: null, direction: 'system', body: 'Priya Nair added Morag Campbell' });
    expect(byId('m-0037')).toMatchObject({ deleted: 'recovered', confidence: 'low', body: '…ping the figures until the FM has sp' });
    expect(byId('m-0047')?.attachments).toEqual([
      {
        fileName: 'IMG-20210105-WA0003.jpg',
        mime: 'image/jpeg',
        pathInSource: 'files/Image/IMG-20210105-WA0003.jpg',
        present: true,
        missingReason: null,
      },
    ]);

    const offsetless = byId('m-0053');
    expect(offsetless?.time).toEqual({ utcMs: Date.UTC(2021, 0, 5, 12, 30), raw: '2021-01-05T12:30:00.000', basis: 'unknown' });
    const warning = events.find((e) => e.type === 'note' && e.note.kind === 'warning');
    expect(warning).toMatchObject({ note: { locator: { record: 'm-0053' } } });
    expect(warning?.type === 'note' && warning.note.message).toMatch(
      /no UTC offset, so its zone is unknown .*Europe\/London wall-clock time for ordering only/,
    );

    // The two 01:30 values of 31 October 2021 carry different offsets, so they are an hour apart.
    expect(byId('s-0099')?.time.utcMs).toBe(Date.UTC(2021, 9, 31, 0, 30));
    expect(byId('s-0102')?.time.utcMs).toBe(Date.UTC(2021, 9, 31, 1, 30));
    expect(byId('s-0102')).toMatchObject({ direction: 'outgoing', directionBasis: 'source', conversationKey: 'sms:tel:447700900104' });
  });

  it('replaces the forbidden reference, logs it with its line, and ties it to its message', async () => {
    const events = await collect(await open());
    const note = events.find((e) => e.type === 'note' && e.note.kind === 'repair');
    expect(note).toMatchObject({ note: { locator: { file: 'report.xml', lineStart: 457 } } });
    const repaired = messagesOf(events).find((m) => m.locator.record === 'm-0068');
    expect(repaired?.body.endsWith('9am note.\uFFFD')).toBe(true);
    expect(repaired?.repairs).toEqual(['line 457: reference &#x1; to U+0001, which XML does not allow, replaced by U+FFFD']);
    expect(messagesOf(events).filter((m) => m.repairs.length > 0)).toHaveLength(1);
  });
});

describe('Cellebrite streaming and rejection', () => {
  const makeDir = useTempDir();

  it('needs the pre-filter: a strict parser refuses the report as written', () => {
    const strict = new SaxesParser({ xmlns: true });
    expect(EXPECTED.strict_xml_parse_ok).toBe(false);
    expect(() => strict.write(readFileSync(fixture('cellebrite/ufdr-sample/report.xml'), 'utf8')).close()).toThrow();
  });

  it('yields messages while the report is still being read', async () => {
    const base = folder(fixture('cellebrite/ufdr-sample'));
    const bytes = readFileSync(fixture('cellebrite/ufdr-sample/report.xml'));
    let chunksRead = 0;
    const chunked: SourceFiles = {
      ...base,
      stream: () => ({
        async *[Symbol.asyncIterator]() {
          for (let at = 0; at < bytes.length; at += 1024) {
            chunksRead++;
            yield bytes.subarray(at, at + 1024);
          }
        },
      }),
    };
    let chunksAtFirstMessage = 0;
    for await (const event of eventsOf(cellebrite, chunked, OPTIONS)) {
      if (event.type === 'message') {
        chunksAtFirstMessage = chunksRead;
        break;
      }
    }
    expect(chunksAtFirstMessage).toBeGreaterThan(0);
    expect(chunksAtFirstMessage).toBeLessThan(Math.ceil(bytes.length / 1024) / 4);
  });

  it('refuses a DOCTYPE without expanding anything', async () => {
    await expect(collect(singleFile(fixture('bad/billion-laughs.xml')))).rejects.toThrow(
      /has a DOCTYPE; DTDs and entity declarations are refused/,
    );
  });

  it('refuses XML that is not a Cellebrite report, and a truncated report', async () => {
    await expect(collect(singleFile(fixture('bad/truncated.xml')))).rejects.toThrow(/not a Cellebrite report: the root element is <smses>/);
    const dir = makeDir();
    const whole = readFileSync(fixture('cellebrite/ufdr-sample/report.xml'), 'utf8');
    writeFileSync(join(dir, 'report.xml'), whole.slice(0, whole.indexOf('<model type="SMS" id="s-0090"')));
    await expect(collect(folder(dir))).rejects.toThrow(/report\.xml is not well-formed XML/);
  });

  it('refuses a report whose elements are outside the Cellebrite namespace', async () => {
    const dir = makeDir();
    writeFileSync(join(dir, 'report.xml'), '<?xml version="1.0"?><project id="x"><decodedData/></project>');
    await expect(collect(folder(dir))).rejects.toThrow(/root element is <project> in namespace ""/);
  });

  it('sniffs the report head, and only it', () => {
    expect(sniffs(cellebrite, readFileSync(fixture('cellebrite/ufdr-sample/report.xml'), 'utf8').slice(0, 1024))).toBe(true);
    expect(sniffs(cellebrite, readFileSync(fixture('sms/sms-backup-restore.xml'), 'utf8').slice(0, 1024))).toBe(false);
  });
});

describe('UFDR timestamps', () => {
  it('reads offsets exactly and marks a value without one as zone unknown', () => {
    expect(readIsoTime('2021-03-28T02:00:00.000+01:00', 'Europe/London', null)).toEqual({
      time: { utcMs: Date.UTC(2021, 2, 28, 1), raw: '2021-03-28T02:00:00.000+01:00', basis: 'explicit' },
      zoned: true,
    });
    expect(readIsoTime('2021-07-01T12:00:00', 'Europe/London', null)).toEqual({
      time: { utcMs: Date.UTC(2021, 6, 1, 11), raw: '2021-07-01T12:00:00', basis: 'unknown' },
      zoned: false,
    });
    expect(readIsoTime('', 'Europe/London', null).time).toEqual({ utcMs: null, raw: null, basis: 'unknown' });
    expect(readIsoTime('04/05/2023 10:02:11(UTC+1)', 'Europe/London', null)).toEqual({
      time: { utcMs: null, raw: '04/05/2023 10:02:11(UTC+1)', basis: 'unknown' },
      zoned: false,
    });
  });
});

describe('the shared XML pre-filter on Cellebrite input', () => {
  function run(input: string, chunkSize: number): { text: string; repairs: Repair[] } {
    const repairs: Repair[] = [];
    const repairer = new XmlRepairer(
      (repair) => repairs.push(repair),
      (line) => {
        throw new Error(`declaration at line ${line}`);
      },
    );
    let text = '';
    for (let at = 0; at < input.length; at += chunkSize) text += repairer.push(input.slice(at, at + chunkSize));
    text += repairer.end();
    return { text, repairs };
  }

  it('replaces forbidden references with U+FFFD and keeps allowed ones, one character per chunk', () => {
    const input = '<a>x&#x1;y&#1;z&#x9;&#65;&amp;&#xD800;&#x10FFFF;&#x110000;&#xFFFE;</a>';
    // A forbidden reference becomes a reference to U+FFFD; the XML parser reads it as the character.
    const expected = '<a>x&#65533;y&#65533;z&#x9;&#65;&amp;&#65533;&#x10FFFF;&#65533;&#65533;</a>';
    for (const size of [1, 2, 3, 7, 1024]) {
      const { text, repairs } = run(input, size);
      expect(text, `chunk size ${size}`).toBe(expected);
      expect(repairs).toHaveLength(5);
    }
  });

  it('leaves references inside CDATA, comments and processing instructions alone', () => {
    const input = '<?pi &#x1;?><!-- &#x1; & --><a><![CDATA[&#x1; ]] ]]>&#x1;</a>';
    for (const size of [1, 4, 1024]) {
      const { text, repairs } = run(input, size);
      expect(text).toBe('<?pi &#x1;?><!-- &#x1; & --><a><![CDATA[&#x1; ]] ]]>&#65533;</a>');
      expect(repairs).toHaveLength(1);
    }
  });

  it('replaces raw forbidden control characters too, anywhere, and counts lines correctly', () => {
    const { text, repairs } = run('<a>\n\r\nok\u0001\n<![CDATA[\u0002]]>\n&#x1f;</a>', 1);
    expect(text).toBe('<a>\n\r\nok\uFFFD\n<![CDATA[\uFFFD]]>\n&#65533;</a>');
    expect(repairs.map((r) => r.line)).toEqual([3, 4, 5]);
  });

  it('gives the same output and lines for the fixture report whether fed one character at a time or whole', () => {
    const report = readFileSync(fixture('cellebrite/ufdr-sample/report.xml'), 'utf8');
    const whole = run(report, report.length);
    const byCharacter = run(report, 1);
    expect(byCharacter.text).toBe(whole.text);
    expect(byCharacter.repairs.map((r) => r.line)).toEqual([457]);
    expect(whole.repairs).toEqual(byCharacter.repairs);
    expect(whole.text).toBe(report.replace('&#x1;', '&#65533;'));
  });

  it('passes an unfinished reference at the end through', () => {
    expect(run('<a>&#x1', 1).text).toBe('<a>&#x1');
  });
});
