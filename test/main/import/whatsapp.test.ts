import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ParseEvent, ParsedMessage } from '../../../common/domain/parsed';
import { ImportInputError } from '../../../main/import/errors';
import { folder, singleFile, type SourceFiles } from '../../../main/import/files';
import { whatsapp } from '../../../main/import/whatsapp';
import { MEDIA_OMITTED_REASON } from '../../../main/import/whatsapp/content';
import { openZipFile } from '../../../main/import/zip';
import { fixture } from '../../helpers/fixtures';
import { chatFile, LONDON, messagesOf, notesOf, ofType, parseAll } from './whatsapp/memory';
import { eventsOf, sniffs } from './repair/streams';

interface WhatsAppExpected {
  readonly records: number;
  readonly user_messages: number;
  readonly system_messages: number;
  readonly multi_line_messages: number;
  readonly participants: number;
  readonly participant_names: readonly string[];
  readonly first_in_file_utc: string;
  readonly earliest_utc: string;
  readonly latest_utc: string;
  readonly last_in_file_utc: string;
  readonly attachments: number;
  readonly attachment_names: readonly string[];
  readonly attachments_media_omitted: number;
  readonly attachment_files_present: number;
  readonly deleted: number;
  readonly edited: number;
  readonly system_lines: readonly { readonly line: number; readonly text: string }[];
  readonly dst_cases: readonly { readonly line: number; readonly timestamp_raw: string; readonly order_aware_utc: string }[];
  readonly line_ending: 'LF' | 'CRLF';
  readonly physical_lines?: number;
  readonly zip_entries?: readonly string[];
}

const EXPECTED = JSON.parse(readFileSync(fixture('EXPECTED.json'), 'utf8')) as Record<string, WhatsAppExpected>;

function expectedFor(key: string): WhatsAppExpected {
  const expected = EXPECTED[key];
  if (!expected) throw new Error(`EXPECTED.json has no entry for ${key}`);
  return expected;
}

const iso = (utcMs: number | null): string | null => (utcMs === null ? null : new Date(utcMs).toISOString().replace('.000Z', 'Z'));

/** The figures test/fixtures/README.md defines, computed from the events. */
function figures(events: readonly ParseEvent[]) {
  const messages = messagesOf(events);
  const system = messages.filter((m) => m.kind === 'system');
  const user = messages.filter((m) => m.kind !== 'system');
  for (const m of messages) expect(m.systemKind !== null, `line ${m.locator.lineStart}`).toBe(m.kind === 'system');
  const times = messages.map((m) => m.time.utcMs).filter((t): t is number => t !== null);
  const attachments = user.flatMap((m) => m.attachments);
  const participants = ofType(events, 'participant').map((e) => e.participant.key);
  return {
    records: messages.length,
    user_messages: user.length,
    system_messages: system.length,
    multi_line_messages: messages.filter((m) => (m.locator.lineEnd ?? 0) > (m.locator.lineStart ?? 0)).length,
    participants: new Set(participants).size,
    participant_names: [...new Set(participants)].sort(),
    first_in_file_utc: iso(messages[0]?.time.utcMs ?? null),
    earliest_utc: iso(Math.min(...times)),
    latest_utc: iso(Math.max(...times)),
    last_in_file_utc: iso(messages.at(-1)?.time.utcMs ?? null),
    attachments: attachments.length,
    attachment_names: [...new Set(attachments.map((a) => a.fileName).filter((n): n is string => n !== null))].sort(),
    attachments_media_omitted: attachments.filter((a) => a.missingReason === MEDIA_OMITTED_REASON).length,
    attachment_files_present: attachments.filter((a) => a.present).length,
    deleted: user.filter((m) => m.deleted === 'placeholder').length,
    edited: user.filter((m) => m.edited !== 'none').length,
    system_lines: system.map((m) => ({ line: m.locator.lineStart, text: m.body })),
  };
}

function messageAt(messages: readonly ParsedMessage[], line: number): ParsedMessage {
  const found = messages.find((m) => m.locator.lineStart === line);
  if (!found) throw new Error(`no message starts at line ${line}`);
  return found;
}

async function withFiles<T>(open: () => SourceFiles | Promise<SourceFiles>, use: (files: SourceFiles) => Promise<T>): Promise<T> {
  const files = await open();
  try {
    return await use(files);
  } finally {
    await files.close();
  }
}

const CASES: readonly { readonly key: string; readonly chatFile: string; readonly open: () => SourceFiles | Promise<SourceFiles> }[] = [
  { key: 'whatsapp/android-de.txt', chatFile: 'android-de.txt', open: () => singleFile(fixture('whatsapp/android-de.txt')) },
  {
    key: 'whatsapp/android-en-GB-24h.txt',
    chatFile: 'android-en-GB-24h.txt',
    open: () => singleFile(fixture('whatsapp/android-en-GB-24h.txt')),
  },
  {
    key: 'whatsapp/android-en-US-12h.txt',
    chatFile: 'android-en-US-12h.txt',
    open: () => singleFile(fixture('whatsapp/android-en-US-12h.txt')),
  },
  { key: 'whatsapp/ios-en-GB.zip', chatFile: '_chat.txt', open: () => openZipFile(fixture('whatsapp/ios-en-GB.zip')) },
  { key: 'whatsapp/ios-en-GB/_chat.txt', chatFile: '_chat.txt', open: () => folder(fixture('whatsapp/ios-en-GB')) },
  { key: 'bad/utf16le-bom.txt', chatFile: 'utf16le-bom.txt', open: () => singleFile(fixture('bad/utf16le-bom.txt')) },
];

describe('parseWhatsApp on the fixtures: every figure in EXPECTED.json', () => {
  for (const { key, chatFile: entry, open } of CASES) {
    describe(key, () => {
      const expected = expectedFor(key);
      let cached: Promise<ParseEvent[]> | undefined;
      const parsed = (): Promise<ParseEvent[]> => (cached ??= withFiles(open, (files) => parseAll(files)));

      if (expected.zip_entries) {
        it('reads the chat and finds the media among the zip entries', async () => {
          const entries = await withFiles(open, async (files) => files.entries);
          expect(entries).toEqual(expected.zip_entries);
        });
      }

      it('counts records, user and system messages, multi-line messages', async () => {
        const got = figures(await parsed());
        expect(got.records).toBe(expected.records);
        expect(got.user_messages).toBe(expected.user_messages);
        expect(got.system_messages).toBe(expected.system_messages);
        expect(got.multi_line_messages).toBe(expected.multi_line_messages);
      });

      it('finds the participants, keyed without U+202A/U+202C', async () => {
        const got = figures(await parsed());
        expect(got.participants).toBe(expected.participants);
        expect(got.participant_names).toEqual([...expected.participant_names].sort());
      });

      it('reads the times: first in file, earliest, latest, last in file', async () => {
        const got = figures(await parsed());
        expect(got.first_in_file_utc).toBe(expected.first_in_file_utc);
        expect(got.earliest_utc).toBe(expected.earliest_utc);
        expect(got.latest_utc).toBe(expected.latest_utc);
        expect(got.last_in_file_utc).toBe(expected.last_in_file_utc);
      });

      it('counts attachments, media-omitted markers, files present, deletions and edits', async () => {
        const got = figures(await parsed());
        expect(got.attachments).toBe(expected.attachments);
        expect(got.attachment_names).toEqual([...expected.attachment_names].sort());
        expect(got.attachments_media_omitted).toBe(expected.attachments_media_omitted);
        expect(got.attachment_files_present).toBe(expected.attachment_files_present);
        expect(got.deleted).toBe(expected.deleted);
        expect(got.edited).toBe(expected.edited);
      });

      it('finds every system line, with its text exactly as exported and its line number', async () => {
        expect(figures(await parsed()).system_lines).toEqual(expected.system_lines);
      });

      it('resolves each DST case order-aware, keeping the timestamp as written', async () => {
        const messages = messagesOf(await parsed());
        for (const dst of expected.dst_cases) {
          const message = messageAt(messages, dst.line);
          expect(iso(message.time.utcMs), `line ${dst.line}`).toBe(dst.order_aware_utc);
          expect(message.time.raw).toBe(dst.timestamp_raw);
        }
        const foldNotes = notesOf(await parsed()).filter((n) => n.kind === 'warning' && n.message.includes('occurred twice'));
        expect(foldNotes.map((n) => n.locator?.lineStart)).toEqual(expected.dst_cases.map((d) => d.line));
      });

      it('locates every record by physical lines, in file order, with seq from 0', async () => {
        const messages = messagesOf(await parsed());
        messages.forEach((m, i) => {
          expect(m.seq).toBe(i);
          expect(m.locator.file).toBe(entry);
          expect(m.time.basis).toBe('assumed:Europe/London');
          expect(m.conversationKey).toBe('chat');
        });
        const starts = messages.map((m) => m.locator.lineStart ?? 0);
        expect(starts).toEqual([...starts].sort((a, b) => a - b));
        if (expected.physical_lines !== undefined) expect(messages.at(-1)?.locator.lineEnd).toBe(expected.physical_lines);
      });

      it('emits source and conversation first, and each participant and member before the first message that needs it', async () => {
        const events = await parsed();
        expect(events[0]?.type).toBe('source');
        expect(events[1]?.type).toBe('conversation');
        const seen = new Set<string>();
        const members = new Set<string>();
        for (const event of events) {
          if (event.type === 'participant') seen.add(event.participant.key);
          if (event.type === 'member') members.add(event.participantKey);
          if (event.type === 'message' && event.message.senderKey !== null) {
            expect(seen.has(event.message.senderKey)).toBe(true);
            expect(members.has(event.message.senderKey)).toBe(true);
          }
        }
        expect(ofType(events, 'problem')).toEqual([]);
        expect(ofType(events, 'progress').at(-1)).toMatchObject({ bytesRead: expect.any(Number) as number });
      });
    });
  }
});

describe('parseWhatsApp: what each fixture says about itself', () => {
  it('Android en-GB: a group titled by its latest subject, dates inferred day-first, bodies kept exactly', async () => {
    const events = await parseAll(singleFile(fixture('whatsapp/android-en-GB-24h.txt')), { ...LONDON, custodianName: 'Tom Reid' });
    expect(ofType(events, 'source')[0]?.source).toEqual({
      format: 'whatsapp',
      producer: 'WhatsApp Android',
      producerVersion: null,
      dateOrder: 'dmy',
      dateOrderBasis: 'inferred',
    });
    expect(ofType(events, 'conversation')[0]?.conversation).toMatchObject({
      kind: 'group',
      title: 'Covid Core Group',
      platform: 'whatsapp',
    });
    const notes = notesOf(events);
    expect(notes).toContainEqual(
      expect.objectContaining({ kind: 'assumption', message: expect.stringContaining('Europe/London') as string }),
    );
    expect(notes).toContainEqual(
      expect.objectContaining({ kind: 'assumption', message: expect.stringContaining('day/month/year') as string }),
    );

    const messages = messagesOf(events);
    const diary = messageAt(messages, 20);
    expect(diary.locator).toEqual({ file: 'android-en-GB-24h.txt', lineStart: 20, lineEnd: 26 });
    expect(diary.body).toBe(
      "Diary for tomorrow:\n08:30 Resilience call\n10:00 Cabinet sub-committee\n12:15 FM statement – you're in the room\n\n15:00 Clinical advisers\n17:30 Health Board chairs",
    );
    // Line 68 starts with a pasted timestamp and an em dash; line 72 with an ISO date: both continue the message above.
    expect(messageAt(messages, 67).locator.lineEnd).toBe(69);
    expect(messageAt(messages, 71).locator.lineEnd).toBe(74);
    expect(messageAt(messages, 49).body).toBe('@\u2068Priya Nair\u2069 can you send me the Phase 1 indicators table before 8 tonight?');
    expect(messageAt(messages, 98).body).toBe('🏴󠁧󠁢󠁳󠁣󠁴󠁿❤️');
    expect(messageAt(messages, 37).body).toBe(
      'Tail. Central estimate is 0.8. Note: the interval is wide because case numbers are now small.',
    );

    const morag = ofType(events, 'participant').find((e) => e.participant.key === '+44 7700 900555')?.participant;
    expect(morag).toEqual({ key: '+44 7700 900555', label: '\u202A+44 7700 900555\u202C', handle: '+447700900555', isOwner: false });
    const tom = messageAt(messages, 85);
    expect(tom).toMatchObject({
      kind: 'deleted',
      deleted: 'placeholder',
      senderKey: 'Tom Reid',
      direction: 'outgoing',
      directionBasis: 'custodian_name',
    });
    expect(messageAt(messages, 86).direction).toBe('outgoing');
    expect(messageAt(messages, 83)).toMatchObject({ direction: 'incoming', senderKey: 'Fiona Laird' });
    expect(messageAt(messages, 2)).toMatchObject({ kind: 'system', systemKind: 'created_group', senderKey: null, direction: 'system' });

    const pdf = messageAt(messages, 55);
    expect(pdf).toMatchObject({ kind: 'media', body: 'Levels_framework_v3.pdf (file attached)\nLevels framework v3 – OFFICIAL-SENSITIVE' });
    expect(pdf.attachments).toEqual([
      {
        fileName: 'Levels_framework_v3.pdf',
        mime: 'application/pdf',
        pathInSource: null,
        present: false,
        missingReason: 'file not in the imported export',
      },
    ]);
    expect(messageAt(messages, 32).body).toBe('<Media omitted>\nQ&A v4 – marked-up copy from the Cabinet room');
    expect(messageAt(messages, 19)).toMatchObject({
      edited: 'edited_history_unknown',
      body: "Done, revised lines are with the FM's office <This message was edited>",
    });
    // The spring-forward change: 00:58 GMT then 02:03 BST are five minutes apart.
    expect(iso(messageAt(messages, 81).time.utcMs)).toBe('2021-03-28T00:58:00Z');
    expect(iso(messageAt(messages, 82).time.utcMs)).toBe('2021-03-28T01:03:00Z');
  });

  it('Android en-US: month-first from the values above 12, U+202F before AM/PM, noon and midnight', async () => {
    const events = await parseAll(singleFile(fixture('whatsapp/android-en-US-12h.txt')), { ...LONDON, custodianName: 'Priya Nair' });
    expect(ofType(events, 'source')[0]?.source.dateOrder).toBe('mdy');
    expect(ofType(events, 'conversation')[0]?.conversation).toMatchObject({ kind: 'direct', title: 'Tom Reid' });
    const messages = messagesOf(events);
    expect(iso(messageAt(messages, 10).time.utcMs)).toBe('2021-10-30T23:05:00Z');
    expect(messageAt(messages, 10).time.raw).toBe('10/31/21, 12:05\u202FAM');
    expect(iso(messageAt(messages, 11).time.utcMs)).toBe('2021-10-30T23:40:00Z');
    expect(iso(messageAt(messages, 15).time.utcMs)).toBe('2021-10-31T12:30:00Z');
    expect(messageAt(messages, 16).body).toBe(
      "Cabinet Secretary's diary:\n9:30 AM COP26 health briefing\n11:00 AM Call with the CMO\n2:20 PM FMQs prep",
    );
  });

  it('Android de: German system lines, placeholders and markers; the subject change names the group', async () => {
    const events = await parseAll(singleFile(fixture('whatsapp/android-de.txt')));
    expect(ofType(events, 'conversation')[0]?.conversation).toMatchObject({ kind: 'group', title: '4N Daten (Winter)' });
    const messages = messagesOf(events);
    expect(messageAt(messages, 10)).toMatchObject({ kind: 'media', body: '<Medien ausgeschlossen>' });
    expect(messageAt(messages, 12)).toMatchObject({ kind: 'deleted', deleted: 'placeholder' });
    expect(messageAt(messages, 18).edited).toBe('edited_history_unknown');
    expect(messageAt(messages, 19)).toMatchObject({ systemKind: 'left', senderKey: null });
    expect(messageAt(messages, 5).direction).toBe('unknown');
  });

  it('iOS zip: producer, the contact as title, a present photo, LRM-led media lines and notices', async () => {
    const events = await withFiles(
      () => openZipFile(fixture('whatsapp/ios-en-GB.zip')),
      (files) => parseAll(files, { ...LONDON, custodianName: 'Fiona Laird' }),
    );
    expect(ofType(events, 'source')[0]?.source.producer).toBe('WhatsApp iOS');
    expect(ofType(events, 'conversation')[0]?.conversation).toMatchObject({ kind: 'direct', title: 'Euan Baird' });
    const messages = messagesOf(events);
    expect(messageAt(messages, 1)).toMatchObject({ kind: 'system', systemKind: 'encryption_notice', senderKey: null });
    expect(messageAt(messages, 4)).toMatchObject({ kind: 'call', systemKind: null, direction: 'incoming', senderKey: 'Euan Baird' });
    expect(messageAt(messages, 34).body).toBe('\u200E\u200EYour security code with Euan Baird changed. \u200ETap to learn more.');
    const photo = messageAt(messages, 22);
    expect(photo.attachments).toEqual([
      {
        fileName: '00000012-PHOTO-2021-03-28-09-14-03.jpg',
        mime: 'image/jpeg',
        pathInSource: '00000012-PHOTO-2021-03-28-09-14-03.jpg',
        present: true,
        missingReason: null,
      },
    ]);
    expect(iso(photo.time.utcMs)).toBe('2021-03-28T08:14:03Z');
    expect(photo.direction).toBe('outgoing');
    const pdf = messageAt(messages, 27);
    expect(pdf.body).toBe('Levels review note.pdf • \u200E3 pages \u200E<attached: 00000031-Levels review note.pdf>');
    expect(pdf.attachments[0]).toMatchObject({ fileName: '00000031-Levels review note.pdf', present: false });
    expect(messageAt(messages, 46)).toMatchObject({ kind: 'media', body: '\u200Eimage omitted' });
    expect(messageAt(messages, 15)).toMatchObject({ kind: 'deleted', body: '\u200EThis message was deleted.' });
    expect(messageAt(messages, 59).body).toBe(
      'Sent to your private office inbox.\nSubject: COP26 – public health briefing (final)\nKey line: no change to the protection level.',
    );
  });

  it('UTF-16LE with a BOM: decoded, with a repair note; the date order is undeterminable and reported', async () => {
    const events = await parseAll(singleFile(fixture('bad/utf16le-bom.txt')));
    const notes = notesOf(events);
    expect(notes).toContainEqual(expect.objectContaining({ kind: 'repair', message: expect.stringContaining('UTF-16LE') as string }));
    expect(notes).toContainEqual(
      expect.objectContaining({ kind: 'warning', message: expect.stringContaining('cannot be determined') as string }),
    );
    expect(ofType(events, 'source')[0]?.source.dateOrder).toBe('dmy');
  });
});

describe('whatsapp.parse', () => {
  it.each(['whatsapp/android-en-GB-24h.txt', 'whatsapp/android-de.txt', 'bad/utf16le-bom.txt'])(
    'gives the events one at a time reading gives, in arrays: %s',
    async (name) => {
      const batched: ParseEvent[] = [];
      let arrays = 0;
      for await (const events of whatsapp.parse(singleFile(fixture(name)), LONDON)) {
        batched.push(...events);
        arrays++;
      }
      expect(batched).toEqual(await parseAll(singleFile(fixture(name))));
      expect(arrays).toBeGreaterThan(1);
    },
  );
});

describe('parseWhatsApp rejects what is not a chat, before emitting anything', () => {
  async function rejection(path: string): Promise<{ error: unknown; events: number }> {
    let events = 0;
    try {
      for await (const event of eventsOf(whatsapp, singleFile(fixture(path)), LONDON)) {
        void event;
        events++;
      }
    } catch (error) {
      return { error, events };
    }
    throw new Error(`${path} was accepted`);
  }

  it('an empty file', async () => {
    const { error, events } = await rejection('bad/empty.txt');
    expect(error).toBeInstanceOf(ImportInputError);
    expect((error as Error).message).toBe('empty.txt: the file is empty');
    expect(events).toBe(0);
  });

  it('binary garbage (NUL bytes, invalid UTF-8)', async () => {
    const { error, events } = await rejection('bad/binary-garbage.txt');
    expect(error).toBeInstanceOf(ImportInputError);
    expect((error as Error).message).toMatch(/^binary-garbage\.txt: the file is not text/);
    expect(events).toBe(0);
  });

  it('prose with no message header', async () => {
    const { error, events } = await rejection('bad/not-a-chat.txt');
    expect(error).toBeInstanceOf(ImportInputError);
    expect((error as Error).message).toMatch(/^not-a-chat\.txt: no WhatsApp message header found in any of its \d+ lines/);
    expect(events).toBe(0);
  });

  it('invalid UTF-8 in a real chat is repaired and reported, not rejected', async () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('12/01/2024, 14:03 - Al: caf'),
      0xe9,
      ...new TextEncoder().encode(' \uFFFD ok\n'),
    ]);
    const events = await parseAll(chatFile('chat.txt', bytes));
    expect(notesOf(events)).toContainEqual(
      expect.objectContaining({ kind: 'repair', message: expect.stringMatching(/^1 byte sequence/) as string }),
    );
    expect(messagesOf(events)[0]).toMatchObject({ body: 'caf\uFFFD \uFFFD ok', repairs: [expect.stringContaining('U+FFFD') as string] });
  });
});

describe('sniffWhatsApp', () => {
  it('recognises the head of every WhatsApp fixture and nothing else', () => {
    const head = (path: string): string => new TextDecoder().decode(readFileSync(fixture(path)).subarray(0, 4096));
    for (const path of [
      'whatsapp/android-de.txt',
      'whatsapp/android-en-GB-24h.txt',
      'whatsapp/android-en-US-12h.txt',
      'whatsapp/ios-en-GB/_chat.txt',
    ]) {
      expect(sniffs(whatsapp, head(path)), path).toBe(true);
    }
    expect(sniffs(whatsapp, new TextDecoder('utf-16le').decode(readFileSync(fixture('bad/utf16le-bom.txt'))))).toBe(true);
    for (const path of ['bad/not-a-chat.txt', 'telegram/result.json', 'sms/sms-backup-restore.xml', 'rsmf/core-group.rsmf']) {
      expect(sniffs(whatsapp, head(path)), path).toBe(false);
    }
  });
});
