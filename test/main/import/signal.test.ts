/**
 * Signal chats from signal-export (docs/formats/signal.md): the fixtures under test/fixtures/signal are
 * built by its make.py as signal-export's models.py builds its files, and each figure asserted here was
 * counted by hand from them.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folder, singleFile } from '../../../main/import/files';
import { detectFormat } from '../../../main/import/formats';
import { signal } from '../../../main/import/signal';
import { compareChatFiles } from '../../../main/import/signal/compare';
import { decompose } from '../../../main/import/signal/markdown';
import { fixture } from '../../helpers/fixtures';
import { useTempDir } from '../../helpers/temp';
import { collect, iso } from './repair/streams';

const options = { timeZone: 'Europe/London', custodianName: 'Euan Baird' };
const parseFolder = (relative: string, extra: { strict?: boolean } = {}) =>
  collect(signal, folder(fixture(`signal/${relative}`)), { ...options, ...extra });

describe('Signal: a signal-export folder with two chats', () => {
  it('makes one conversation per chat folder, and no chat of the sticker pack’s data.json', async () => {
    const { sources, conversations, participants, members, messages, problems } = await parseFolder('export');
    expect(problems).toEqual([]);
    expect(sources).toEqual([
      { format: 'signal', producer: 'signal-export', producerVersion: null, dateOrder: null, dateOrderBasis: null },
    ]);
    expect(conversations.map((c) => [c.title, c.kind, c.platform])).toEqual([
      ['Covid Core Group', 'group', 'signal'],
      ['Priya Nair', 'direct', 'signal'],
    ]);
    expect(messages).toHaveLength(19);
    expect(messages.map((m) => m.seq)).toEqual(messages.map((_, i) => i));
    // Priya Nair is one participant of the source, a member of both chats.
    expect(participants.map((p) => [p.label, p.isOwner])).toEqual([
      ['Fiona Laird', false],
      ['Me', true],
      ['Morag Campbell', false],
      ['Priya Nair', false],
    ]);
    expect(members.filter((m) => m.conversationKey === conversations[0]!.key)).toHaveLength(4);
    expect(members.filter((m) => m.conversationKey === conversations[1]!.key).map((m) => m.participantKey)).toEqual([
      'signal:Me',
      'signal:Priya Nair',
    ]);
  });

  it('reads kinds, directions, reactions and replies as the export states them', async () => {
    const { messages } = await parseFolder('export');
    const direct = messages.filter((m) => m.conversationKey === 'signal:Priya Nair/');
    expect(direct.map((m) => m.kind)).toEqual(['text', 'text', 'media', 'deleted', 'call', 'text', 'text', 'text', 'text', 'call']);
    expect(direct.map((m) => m.direction).filter((d) => d === 'outgoing')).toHaveLength(4);
    expect(messages.every((m) => m.directionBasis === 'source')).toBe(true);
    expect(messages.filter((m) => m.deleted === 'placeholder')).toHaveLength(1);
    expect(messages.flatMap((m) => m.reactions)).toHaveLength(4);
    expect(messages.flatMap((m) => m.reactions.map((r) => `${r.actorKey} ${r.reaction}`))).toEqual([
      'signal:Priya Nair 👍',
      'signal:Morag Campbell 👍',
      'signal:Me 👍',
      'signal:Me ❤️',
    ]);
    // Replies: to a text, to a text whose backticks signal-export removed from the body but not the quote,
    // and to a file by its name; a quote of no earlier message stays in the body as chat.md shows it.
    expect(
      messages.filter((m) => m.replyToExternalId !== null).map((m) => [m.conversationKey, m.locator.lineStart, m.replyToExternalId]),
    ).toEqual([
      ['signal:Covid Core Group/', 6, 'line:2'],
      ['signal:Priya Nair/', 3, 'line:2'],
      ['signal:Priya Nair/', 7, 'line:6'],
    ]);
    expect(direct[7]!.body).toBe("\n\n> Lunch on Friday?\n\nCan't this week, sorry  ");
    // Bodies are kept as exported: two spaces appended, backticks gone.
    expect(direct[5]!.body).toBe('Can we use the 4B line?  ');
    const noSender = messages.find((m) => m.body === 'Who added me to this group?  ');
    expect(noSender).toMatchObject({ senderKey: null, direction: 'incoming' });
  });

  it('reads times in the case’s zone, says so, and keeps a time of 0 as no time', async () => {
    const { messages, notes } = await parseFolder('export');
    expect(iso(messages.find((m) => m.time.raw === '2021-03-14T09:15:40.250000')!.time.utcMs)).toBe('2021-03-14T09:15:40Z');
    expect(messages.find((m) => m.time.raw === '2021-03-14T09:15:40.250000')!.time.utcMs! % 1000).toBe(250);
    expect(iso(messages[0]!.time.utcMs)).toBe('2021-10-30T08:00:00Z');
    expect(messages.filter((m) => m.time.basis === 'assumed:Europe/London')).toHaveLength(18);
    expect(messages.find((m) => m.time.raw === '1970-01-01T01:00:00')!.time).toEqual({
      utcMs: null,
      raw: '1970-01-01T01:00:00',
      basis: 'unknown',
    });
    expect(notes.map((n) => n.kind)).toEqual(['warning', 'assumption', 'warning', 'warning', 'assumption']);
    expect(notes[0]!.message).toMatch(/lossy source: it removes every backtick .* appends two spaces/);
    expect(notes[1]!.message).toBe(
      "signal-export times carry no zone or offset (they are the exporting computer's local time); they were read as wall-clock time in Europe/London.",
    );
    expect(notes[2]).toMatchObject({ message: expect.stringContaining('1 message in "Covid Core Group" has the sender "No-Sender"') });
    expect(notes[3]).toMatchObject({ locator: { file: 'Covid Core Group/data.json', lineStart: 7 } });
    expect(notes[4]!.message).toMatch(/^2021-10-31T01:30:00 happened twice in Europe\/London/);
  });

  it('names every attachment, present from media/ (and the sticker from exported_stickers/) or absent with the reason', async () => {
    const { messages } = await parseFolder('export');
    const attachments = messages.flatMap((m) => m.attachments);
    expect(attachments.map((a) => [a.fileName, a.pathInSource, a.present])).toEqual([
      ['Briefing note v2.pdf', 'Covid Core Group/media/Briefing note v2.pdf', true],
      ['lines.docx', 'Covid Core Group/media/lines.docx', false],
      ['7.webp', 'exported_stickers/a1b2c3/7.webp', true],
      ['IMG_0500.jpg', 'Covid Core Group/media/IMG_0500.jpg', false],
      ['IMG_0412.jpg', 'Priya Nair/media/IMG_0412.jpg', true],
    ]);
    expect(attachments[1]!.missingReason).toBe(
      'not in the export: line 3 of Covid Core Group/data.json names "media/lines.docx", but the chat\'s folder holds no such file',
    );
    expect(attachments[3]!.missingReason).toBe('signal-export did not export it ("media not exported")');
  });

  it('finds chat.md and data.json of each folder in agreement', async () => {
    for (const chat of ['Priya Nair', 'Covid Core Group']) {
      const files = folder(fixture('signal/export'));
      expect(await compareChatFiles(files, `${chat}/data.json`, `${chat}/chat.md`)).toBeNull();
    }
  });
});

describe('Signal: chat.md alone (exports before March 2024)', () => {
  it('reads the [YYYY-MM-DD HH:MM] shape: quote, reactions, attachment, deletion, call, a multi-line body', async () => {
    const { conversations, messages, problems, notes } = await parseFolder('old-markdown');
    expect(problems).toEqual([]);
    expect(conversations.map((c) => [c.title, c.kind])).toEqual([['Tom Reid', 'direct']]);
    expect(messages.map((m) => [m.locator.lineStart, m.locator.lineEnd, m.kind])).toEqual([
      [1, 2, 'text'],
      [3, 7, 'media'],
      [8, 8, 'deleted'],
      [9, 9, 'call'],
      [10, 11, 'text'],
    ]);
    expect(messages[1]).toMatchObject({ body: 'No problem  ', replyToExternalId: 'line:1' });
    expect(messages[1]!.attachments).toEqual([
      {
        fileName: 'IMG_0412.jpg',
        mime: null,
        pathInSource: 'Tom Reid/media/IMG_0412.jpg',
        present: false,
        missingReason:
          'not in the export: lines 3-7 of Tom Reid/chat.md names "media/IMG_0412.jpg", but the chat\'s folder holds no such file',
      },
    ]);
    expect(messages[0]!.reactions.map((r) => [r.actorKey, r.reaction])).toEqual([['signal:Me', '👍']]);
    expect(messages[2]).toMatchObject({ deleted: 'placeholder', body: '(This message was deleted)' });
    expect(messages[4]!.body).toBe('Line one\nline two with a `code` word  ');
    expect(iso(messages[4]!.time.utcMs)).toBe('2021-03-14T14:05:00Z');
    expect(notes).toHaveLength(2);
  });

  it('reads the [YYYY-MM-DD, HH:MM] shape of signal-export’s README', async () => {
    const { messages } = await parseFolder('readme-shape');
    expect(messages.map((m) => [m.time.raw, iso(m.time.utcMs)])).toEqual([
      ['2021-03-14, 13:30', '2021-03-14T13:30:00Z'],
      ['2021-03-14, 13:31', '2021-03-14T13:31:00Z'],
    ]);
    expect(messages[1]!.replyToExternalId).toBe('line:1');
  });

  it('takes apart what to_md appended to a body, from the end', () => {
    expect(
      decompose('Hi  \n(- Me: 👍, Jo: ❤️ -)[🙂](../exported_stickers/p/1.webp)  ![a b.jpg](./media/a%20b.jpg)  [x.pdf](./media/x.pdf)  '),
    ).toEqual({
      quote: '',
      body: 'Hi  ',
      sticker: { label: '🙂', path: 'exported_stickers/p/1.webp' },
      reactions: [
        ['Me', '👍'],
        ['Jo', '❤️'],
      ],
      attachments: [
        { name: 'a b.jpg', path: 'media/a%20b.jpg', missing: null, image: true },
        { name: 'x.pdf', path: 'media/x.pdf', missing: null, image: false },
      ],
      deleted: false,
      call: false,
      missed: false,
    });
    expect(decompose('Missed video call  ')).toMatchObject({ call: true, missed: true });
    expect(decompose('Outgoing voice call (unanswered)  ')).toMatchObject({ call: true, missed: true });
    expect(decompose('I missed your call  ')).toMatchObject({ call: false });
  });
});

describe('Signal: bad input', () => {
  const tempDir = useTempDir();

  it('notes a broken data.json line with its file, line and text, and imports the rest', async () => {
    const { messages, notes, problems } = await parseFolder('bad/broken-line');
    expect(problems).toEqual([]);
    expect(messages.map((m) => m.locator.lineStart)).toEqual([1, 2, 4]);
    const note = notes.find((n) => n.locator?.lineStart === 3);
    expect(note).toMatchObject({ kind: 'warning', locator: { file: 'Priya Nair/data.json', lineStart: 3 } });
    expect(note!.message).toMatch(
      /^line 3 of Priya Nair\/data\.json is not a message: it is not valid JSON \(.*\)\. It was not imported; the rest of the file was\. It reads: \{"date": "2021-03-14T09:20:11", "sender": "Priya Nair", "bod$/,
    );
  });

  it('refuses the file for a broken line with strict', async () => {
    const { problems } = await parseFolder('bad/broken-line', { strict: true });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ locator: { file: 'Priya Nair/data.json', lineStart: 3 } });
    expect(problems[0]!.message).toMatch(
      /^line 3 of Priya Nair\/data\.json is not a message: .* Import without strict to keep it as a note and import the rest\. It reads: /,
    );
  });

  it('reads a body line shaped like a header of another form as text, and notes one of the file’s form that goes back in time', async () => {
    const { messages, notes } = await parseFolder('bad/header-lookalike');
    expect(messages.map((m) => [m.locator.lineStart, m.body])).toEqual([
      [1, 'Pasted from the other chat:\n[2021-03-14 08:00] Fiona Laird: lines agreed  '],
      [3, 'And this one:'],
      [4, 'embargo 10pm  '],
      [5, 'Thanks  '],
    ]);
    const lookalikes = notes.filter((n) => n.locator?.file === 'Priya Nair/chat.md');
    expect(lookalikes.map((n) => n.locator?.lineStart)).toEqual([2, 4]);
    expect(lookalikes[0]!.message).toMatch(
      /^line 2 looks like a message header in the \[YYYY-MM-DD HH:MM\] form, .* read as text of the message above/,
    );
    expect(lookalikes[1]!.message).toMatch(
      /^line 4 starts a message dated 2021-03-14 08:05:00, earlier than the message before it .* may be text/,
    );
  });

  it('notes lines before chat.md’s first header with their text, or refuses them with strict', async () => {
    const dir = join(tempDir(), 'Jo');
    mkdirSync(dir);
    writeFileSync(join(dir, 'chat.md'), 'Exported for the inquiry\n\n[2021-03-14 09:14:05] Jo: hi  \n');
    const lenient = await collect(signal, folder(dir), options);
    expect(lenient.messages.map((m) => m.body)).toEqual(['hi  ']);
    expect(lenient.notes.find((n) => n.locator?.lineStart === 1)).toEqual({
      kind: 'warning',
      message:
        'line 1 before the first message header is not part of any message. It was not imported; the rest of the file was. It reads: Exported for the inquiry',
      locator: { file: 'chat.md', lineStart: 1, lineEnd: 1 },
    });
    const strict = await collect(signal, folder(dir), { ...options, strict: true });
    expect(strict.problems.map((p) => p.locator)).toEqual([{ file: 'chat.md', lineStart: 1, lineEnd: 1 }]);
  });

  it('imports data.json where chat.md disagrees, and says where they part', async () => {
    const { messages, notes } = await parseFolder('bad/disagree');
    expect(messages.map((m) => m.locator.file)).toEqual(['Priya Nair/data.json', 'Priya Nair/data.json', 'Priya Nair/data.json']);
    const note = notes.find((n) => n.locator?.file === 'Priya Nair/chat.md');
    expect(note).toMatchObject({ kind: 'warning', locator: { lineStart: 3 } });
    expect(note!.message).toContain(
      'Priya Nair/chat.md and Priya Nair/data.json disagree: line 3 of chat.md reads "[2021-03-14 09:15:40] Me: Thanks - could you send the chart too?  ", ' +
        'where the message at line 2 of data.json gives "[2021-03-14 09:15:40] Me: Thanks - can you send the chart too?  " ' +
        '(2 lines differ; data.json holds 3 messages, chat.md 4). data.json was imported',
    );
  });

  it('notes messages a data.json repeats exactly (files joined by hand), and imports every one', async () => {
    const dir = join(tempDir(), 'Priya Nair');
    mkdirSync(dir);
    const once = readFileSync(fixture('signal/export/Priya Nair/data.json'), 'utf8');
    writeFileSync(join(dir, 'data.json'), once + once);
    const { messages, notes } = await collect(signal, folder(dir), options);
    expect(messages).toHaveLength(20);
    const note = notes.find((n) => n.message.includes('repeat'));
    expect(note).toMatchObject({ kind: 'warning', locator: { file: 'data.json', lineStart: 11 } });
    expect(note!.message).toMatch(
      /^10 messages of data\.json repeat an earlier one exactly \(first: line 11 repeats line 1\)\. signal-export writes/,
    );
  });

  it('refuses a file that is not UTF-8, naming the line', async () => {
    const dir = join(tempDir(), 'Jo');
    mkdirSync(dir);
    writeFileSync(
      join(dir, 'chat.md'),
      Buffer.concat([Buffer.from('[2021-03-14 09:14:05] Jo: hi  \n[2021-03-14 09:15:05] Jo: '), Buffer.from([0xff, 0x0a])]),
    );
    await expect(collect(signal, folder(dir), options)).rejects.toThrow(/not valid UTF-8 text after line 1/);
  });
});

describe('Signal: detection', () => {
  it('recognises an export folder, one chat folder, and one chat file by content', async () => {
    expect(await detectFormat(folder(fixture('signal/export')))).toBe('signal');
    expect(await detectFormat(folder(fixture('signal/export/Priya Nair')))).toBe('signal');
    expect(await detectFormat(folder(fixture('signal/old-markdown')))).toBe('signal');
    expect(await detectFormat(singleFile(fixture('signal/export/Priya Nair/data.json')))).toBe('signal');
    expect(await detectFormat(singleFile(fixture('signal/old-markdown/Tom Reid/chat.md')))).toBe('signal');
  });

  it('names a chat picked as one file after its folder', async () => {
    const { conversations, messages } = await collect(signal, singleFile(fixture('signal/export/Priya Nair/data.json')), options);
    expect(conversations.map((c) => c.title)).toEqual(['Priya Nair']);
    expect(messages).toHaveLength(10);
    expect(messages[2]!.attachments[0]).toMatchObject({ pathInSource: 'media/IMG_0412.jpg', present: true });
  });
});
