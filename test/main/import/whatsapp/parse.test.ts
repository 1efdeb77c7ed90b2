import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { singleFile } from '../../../../main/import/files';
import { whatsapp } from '../../../../main/import/whatsapp';
import { openZipFile } from '../../../../main/import/zip';
import { fixture } from '../../../helpers/fixtures';
import { chatFile, LONDON, memoryFiles, messagesOf, notesOf, ofType, parseAll } from './memory';
import { eventsOf } from '../repair/streams';

const iso = (utcMs: number | null): string | null => (utcMs === null ? null : new Date(utcMs).toISOString().replace('.000Z', 'Z'));

describe('parseWhatsApp on synthetic chats', () => {
  it('reads a time in the spring-forward gap with the offset before it, and warns with the line', async () => {
    const events = await parseAll(
      chatFile(
        'gap.txt',
        '28/03/2021, 00:58 - Tom: still up\n28/03/2021, 01:30 - Euan: this time never happened\n28/03/2021, 02:03 - Tom: bed\n',
      ),
    );
    const messages = messagesOf(events);
    expect(messages.map((m) => iso(m.time.utcMs))).toEqual(['2021-03-28T00:58:00Z', '2021-03-28T01:30:00Z', '2021-03-28T01:03:00Z']);
    const gap = notesOf(events).find((n) => n.message.includes('did not exist'));
    expect(gap).toMatchObject({ kind: 'warning', locator: { file: 'gap.txt', lineStart: 2, lineEnd: 2 } });
    expect(gap?.message).toContain('"28/03/2021, 01:30"');
  });

  it('an undeterminable date order is a warning, read day-first; an order given overrides it', async () => {
    const text = '06/01/2021, 07:30 - Fiona: morning\n06/01/2021, 07:31 - Tom: morning\n';
    const inferred = await parseAll(chatFile('chat.txt', text));
    expect(ofType(inferred, 'source')[0]?.source).toMatchObject({ dateOrder: 'dmy', dateOrderBasis: 'inferred' });
    expect(notesOf(inferred)).toContainEqual(
      expect.objectContaining({ kind: 'warning', message: expect.stringMatching(/cannot be determined/) as string }),
    );
    expect(iso(messagesOf(inferred)[0]?.time.utcMs ?? null)).toBe('2021-01-06T07:30:00Z');

    const given = await parseAll(chatFile('chat.txt', text), { ...LONDON, dateOrder: 'mdy' });
    expect(ofType(given, 'source')[0]?.source).toMatchObject({ dateOrder: 'mdy', dateOrderBasis: 'given' });
    expect(notesOf(given).some((n) => n.kind === 'warning')).toBe(false);
    expect(iso(messagesOf(given)[0]?.time.utcMs ?? null)).toBe('2021-06-01T06:30:00Z');
  });

  it('keeps a timestamp that is not a date in the chosen order, without a time, and says so', async () => {
    const events = await parseAll(chatFile('chat.txt', '13/01/2021, 10:00 - A: x\n14/01/2021, 10:00 - A: y\n01/15/2021, 10:00 - B: z\n'));
    const messages = messagesOf(events);
    expect(messages.map((m) => m.time.utcMs === null)).toEqual([false, false, true]);
    expect(messages[2]?.time.raw).toBe('01/15/2021, 10:00');
    expect(notesOf(events)).toContainEqual(
      expect.objectContaining({ kind: 'warning', locator: { file: 'chat.txt', lineStart: 3, lineEnd: 3 } }),
    );
  });

  it('keeps lines before the first header as a note, as written and with their line numbers; strict refuses them', async () => {
    const text = '\nExported by a tool\n\nSecond stray line\n13/01/2024, 14:03 - A: hi\n';
    const events = await parseAll(chatFile('chat.txt', text));
    expect(ofType(events, 'problem')).toEqual([]);
    expect(notesOf(events)).toContainEqual({
      kind: 'warning',
      message:
        '2 line(s) before the first message header belong to no message; they were not imported as messages and are kept here as written:\n' +
        'Exported by a tool\n\nSecond stray line',
      locator: { file: 'chat.txt', lineStart: 2, lineEnd: 4 },
    });
    expect(messagesOf(events)[0]).toMatchObject({ locator: { file: 'chat.txt', lineStart: 5, lineEnd: 5 }, confidence: 'high' });

    const strict = await parseAll(chatFile('chat.txt', text), { ...LONDON, strict: true });
    expect(ofType(strict, 'problem')).toEqual([
      {
        type: 'problem',
        problem: {
          message: '2 line(s) before the first message header belong to no message',
          locator: { file: 'chat.txt', lineStart: 2, lineEnd: 4 },
        },
      },
    ]);
  });

  it('removes stray NUL bytes with a repair note, marking those messages; strict refuses the file; many NULs are binary', async () => {
    const text =
      '13/03/2021, 09:14 - Fiona: well done \u{1F44F}\0\u{1F3FD}\n13/03/2021, 09:15 - Euan: thanks\n13/03/2021, 09:16 - Fiona: car\0\0\n';
    const events = await parseAll(chatFile('chat.txt', text));
    const messages = messagesOf(events);
    expect(messages.map((m) => m.body)).toEqual(['well done \u{1F44F}\u{1F3FD}', 'thanks', 'car']);
    expect(messages.map((m) => m.confidence)).toEqual(['low', 'high', 'low']);
    expect(messages[2]?.repairs).toEqual(['2 NUL byte(s) removed']);
    expect(notesOf(events)).toContainEqual(
      expect.objectContaining({
        kind: 'repair',
        message: expect.stringMatching(/^3 NUL byte\(s\) were removed from 2 message\(s\)/) as string,
        locator: { file: 'chat.txt', lineStart: 1, lineEnd: 3 },
      }),
    );
    await expect(parseAll(chatFile('chat.txt', text), { ...LONDON, strict: true })).rejects.toThrow(
      'chat.txt: the file is not text (it contains NUL bytes)',
    );
    await expect(parseAll(chatFile('chat.txt', `${text}${'\0'.repeat(40)}`))).rejects.toThrow(
      'the file is not text (it contains 43 NUL bytes)',
    );
  });

  it('reads a file in one header form: lines in another form are text in the message they sit in', async () => {
    const text =
      '12/03/2021, 09:14 - Fiona Laird: Look:\n[6:48 AM, 5/3/2021] Pratham: can we move\n[6:49 AM, 5/3/2021] Pratham: to 10?\n12/03/2021, 09:15 - Euan: Fine\n';
    const events = await parseAll(chatFile('chat.txt', text));
    expect(messagesOf(events).map((m) => m.body)).toEqual([
      'Look:\n[6:48 AM, 5/3/2021] Pratham: can we move\n[6:49 AM, 5/3/2021] Pratham: to 10?',
      'Fine',
    ]);
    expect(ofType(events, 'participant').map((e) => e.participant.key)).toEqual(['Fiona Laird', 'Euan']);
  });

  it('keeps an impossible time as its own message, read on a 24-hour clock, warned and low confidence', async () => {
    const events = await parseAll(
      chatFile('chat.txt', '12/03/2021, 11:58 PM - A: up?\n12/03/2021, 23:59 PM - B: yes\n13/03/2021, 12:01 AM - A: night\n'),
    );
    const messages = messagesOf(events);
    expect(messages.map((m) => [m.body, iso(m.time.utcMs), m.confidence])).toEqual([
      ['up?', '2021-03-12T23:58:00Z', 'high'],
      ['yes', '2021-03-12T23:59:00Z', 'low'],
      ['night', '2021-03-13T00:01:00Z', 'high'],
    ]);
    expect(notesOf(events)).toContainEqual(
      expect.objectContaining({ kind: 'warning', locator: { file: 'chat.txt', lineStart: 2, lineEnd: 2 } }),
    );
  });

  it('a defaulted date order marks the dates that would read differently as low confidence; a given order does not', async () => {
    const file = (): ReturnType<typeof chatFile> =>
      chatFile('chat.txt', '06/01/2021, 07:30 - A: x\n06/01/2021, 07:31 - B: y\n06/01/2021, 07:32 - B: w\n');
    expect(messagesOf(await parseAll(file())).map((m) => m.confidence)).toEqual(['low', 'low', 'low']);
    expect(messagesOf(await parseAll(file(), { ...LONDON, dateOrder: 'dmy' })).map((m) => m.confidence)).toEqual(['high', 'high', 'high']);
  });

  it("a missed call is the caller's, kind call; the chat-named party's LRM photo in a group is theirs", async () => {
    const L = '\u200E';
    const text = [
      `[10/02/2024, 18:20:00] Aileen Grant: ${L}Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them.`,
      '[10/02/2024, 18:21:10] Fiona Laird: Send me the photo',
      '[10/02/2024, 18:21:20] Tom Reid: Yes please',
      '[10/02/2024, 18:21:30] Priya Nair: And me',
      `[10/02/2024, 18:22:05] Aileen Grant: ${L}<attached: 00000012-PHOTO-2024-02-10-18-22-05.jpg>`,
      `[10/02/2024, 18:23:00] Aileen Grant: ${L}Fiona Laird added Sam`,
      `[10/02/2024, 18:24:00] Tom Reid: ${L}Missed voice call`,
      '',
    ].join('\r\n');
    const events = await parseAll(
      memoryFiles('WhatsApp Chat - Aileen Grant.zip', { '_chat.txt': text, '00000012-PHOTO-2024-02-10-18-22-05.jpg': 'jpg' }),
      {
        ...LONDON,
        custodianName: 'Fiona Laird',
      },
    );
    const messages = messagesOf(events);
    expect(messages.map((m) => [m.kind, m.senderKey, m.direction])).toEqual([
      ['system', null, 'system'],
      ['text', 'Fiona Laird', 'outgoing'],
      ['text', 'Tom Reid', 'incoming'],
      ['text', 'Priya Nair', 'incoming'],
      ['media', 'Aileen Grant', 'incoming'],
      ['system', null, 'system'],
      ['call', 'Tom Reid', 'incoming'],
    ]);
    expect(messages[4]?.attachments[0]).toMatchObject({ present: true });
  });

  it('an iOS group: system lines carried by the group name, a quoted subject with ": ", the custodian', async () => {
    const L = '\u200E';
    const text = [
      `${L}[02/03/2020, 08:00:00] Covid Core Group: ${L}Messages and calls are end-to-end encrypted. No one outside of this chat, not even WhatsApp, can read or listen to them.`,
      `${L}[02/03/2020, 08:00:00] Covid Core Group: ${L}Fiona Laird created group "Covid Core Group"`,
      `${L}[02/03/2020, 08:00:00] Covid Core Group: ${L}Fiona Laird added you`,
      '[02/03/2020, 08:00:32] Euan Baird: Review dentist at 9.',
      '[02/03/2020, 08:01:15] Tom Reid: Morning all.',
      `${L}[02/03/2020, 08:01:20] Tom Reid: ${L}image omitted`,
      `[02/03/2020, 09:00:00] ${L}Fiona Laird changed the subject to “Re: Covid Core”`,
      '',
    ].join('\r\n');
    const events = await parseAll(memoryFiles('WhatsApp Chat - Covid Core Group.zip', { '_chat.txt': text }), {
      ...LONDON,
      custodianName: 'tom reid',
    });
    expect(ofType(events, 'source')[0]?.source.producer).toBe('WhatsApp iOS');
    expect(ofType(events, 'conversation')[0]?.conversation).toMatchObject({ kind: 'group', title: 'Re: Covid Core' });
    const messages = messagesOf(events);
    expect(messages.map((m) => m.systemKind)).toEqual(['encryption_notice', 'created_group', 'added', null, null, null, 'subject_changed']);
    expect(messages.map((m) => m.direction)).toEqual(['system', 'system', 'system', 'incoming', 'outgoing', 'outgoing', 'system']);
    expect(messages[6]?.body).toBe(`${L}Fiona Laird changed the subject to “Re: Covid Core”`);
    expect(ofType(events, 'participant').map((e) => e.participant)).toEqual([
      { key: 'Euan Baird', label: 'Euan Baird', handle: null, isOwner: false },
      { key: 'Tom Reid', label: 'Tom Reid', handle: null, isOwner: true },
    ]);
    expect(ofType(events, 'member').map((e) => e.participantKey)).toEqual(['Euan Baird', 'Tom Reid']);
  });

  it('a custodian name that matches nobody leaves directions unknown, with a warning', async () => {
    const events = await parseAll(chatFile('chat.txt', '12/01/2024, 14:03 - A: hi\n12/01/2024, 14:04 - B: hi\n'), {
      ...LONDON,
      custodianName: 'Someone Else',
    });
    expect(messagesOf(events).map((m) => [m.direction, m.directionBasis])).toEqual([
      ['unknown', 'unknown'],
      ['unknown', 'unknown'],
    ]);
    expect(notesOf(events)).toContainEqual(
      expect.objectContaining({ kind: 'warning', message: expect.stringContaining('Someone Else') as string }),
    );
  });

  it('takes the chat name from an Android file name when nothing in the file gives it', async () => {
    const events = await parseAll(chatFile('WhatsApp Chat with Priya Nair.txt', '12/01/2024, 14:03 - Priya Nair: hi\n'));
    expect(ofType(events, 'conversation')[0]?.conversation).toMatchObject({ kind: 'direct', title: 'Priya Nair' });
  });

  it('finds the one .txt in a folder export and resolves media beside it', async () => {
    const events = await parseAll(
      memoryFiles('export', {
        'WhatsApp Chat with Inquiry Group.txt':
          '02/11/2023, 18:41 - Priya Shah: IMG-20231102-WA0004.jpg (file attached)\nDraft minutes v2\n',
        'IMG-20231102-WA0004.jpg': new Uint8Array([0xff, 0xd8]),
      }),
    );
    const [message] = messagesOf(events);
    expect(message?.locator.file).toBe('WhatsApp Chat with Inquiry Group.txt');
    expect(message?.attachments[0]).toMatchObject({ present: true, pathInSource: 'IMG-20231102-WA0004.jpg' });
    expect(ofType(events, 'conversation')[0]?.conversation.title).toBe('Inquiry Group');
  });

  it('finds media left beside a chat file picked on its own', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wa-'));
    try {
      writeFileSync(
        join(dir, 'WhatsApp Chat with Inquiry Group.txt'),
        '02/11/2023, 18:41 - Priya Shah: IMG-20231102-WA0004.jpg (file attached)\n',
      );
      writeFileSync(join(dir, 'IMG-20231102-WA0004.jpg'), new Uint8Array([0xff, 0xd8]));
      const [message] = messagesOf(await parseAll(singleFile(join(dir, 'WhatsApp Chat with Inquiry Group.txt'))));
      expect(message?.attachments[0]).toMatchObject({ present: true, pathInSource: 'IMG-20231102-WA0004.jpg', missingReason: null });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('emits progress every MiB and at the end', async () => {
    const line = '12/01/2024, 14:03 - A: ' + 'x'.repeat(100) + '\n';
    const events = await parseAll(chatFile('big.txt', line.repeat(25_000), 64 * 1024));
    const progress = ofType(events, 'progress');
    const size = line.length * 25_000;
    expect(progress.length).toBe(Math.floor(size / (1 << 20)) + 1);
    expect(progress.at(-1)).toEqual({ type: 'progress', bytesRead: size, bytesTotal: size });
    expect(messagesOf(events)).toHaveLength(25_000);
  });

  it('can be left early, closing what it reads', async () => {
    const zip = await openZipFile(fixture('whatsapp/ios-en-GB.zip'));
    try {
      let messages = 0;
      for await (const event of eventsOf(whatsapp, zip, LONDON)) {
        if (event.type === 'message' && ++messages === 3) break;
      }
      expect(messages).toBe(3);
      expect(messagesOf(await parseAll(zip))).toHaveLength(57);
    } finally {
      await zip.close();
    }
  });

  it('stops when the import is cancelled', async () => {
    const token = { isCancellationRequested: false };
    const line = '12/01/2024, 14:03 - A: hello\n';
    const seen: string[] = [];
    await expect(async () => {
      for await (const event of eventsOf(whatsapp, chatFile('c.txt', line.repeat(10_000), 4096), { ...LONDON, token })) {
        seen.push(event.type);
        if (event.type === 'message') token.isCancellationRequested = true;
      }
    }).rejects.toThrow(/cancelled/);
    expect(seen.filter((type) => type === 'message').length).toBeLessThan(10_000);
  });
});

describe('parseWhatsApp is independent of how the bytes are chunked', () => {
  const FIXTURES = [
    'whatsapp/android-en-GB-24h.txt',
    'whatsapp/android-en-US-12h.txt',
    'whatsapp/ios-en-GB/_chat.txt',
    'bad/utf16le-bom.txt',
  ];
  for (const path of FIXTURES) {
    it(path, async () => {
      const bytes = new Uint8Array(readFileSync(fixture(path)));
      const whole = await parseAll(chatFile('chat.txt', bytes));
      for (const size of [1, 3, 7, 64]) {
        const split = await parseAll(chatFile('chat.txt', bytes, size));
        expect(split.filter((e) => e.type !== 'progress')).toEqual(whole.filter((e) => e.type !== 'progress'));
      }
    });
  }
});
