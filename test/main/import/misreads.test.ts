/**
 * Inputs that were read wrongly without a word: odd line ends, a zip naming its chat twice, text nested
 * deeper than expected, dates that cannot be read; and errors that named the wrong place or nothing at all.
 */
import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeCase } from '../../../main/cases/service';
import { explainImportFailure, ImportInputError } from '../../../main/import/errors';
import { folder } from '../../../main/import/files';
import { imessage } from '../../../main/import/imessage';
import { importSource } from '../../../main/import/run';
import { smsBackupRestore } from '../../../main/import/sms-backup-restore';
import { telegram } from '../../../main/import/telegram';
import { makeCase } from '../../helpers/case';
import { expected } from '../../helpers/expected';
import { fixture } from '../../helpers/fixtures';
import { useTempDir } from '../../helpers/temp';
import { storedZip } from '../../helpers/zip';
import { collect, memorySource } from './repair/streams';
import { chatFile, messagesOf, parseAll } from './whatsapp/memory';

const LONDON = { timeZone: 'Europe/London' };
const androidChat = readFileSync(fixture('whatsapp/android-en-GB-24h.txt'), 'utf8');

/** What a reader sees of a message, whatever bytes ended its lines. */
const seen = (m: {
  body: string;
  time: { utcMs: number | null };
  senderKey: string | null;
  kind: string;
  locator: { lineStart?: number; lineEnd?: number };
}) => ({
  body: m.body,
  utcMs: m.time.utcMs,
  sender: m.senderKey,
  kind: m.kind,
  lines: [m.locator.lineStart, m.locator.lineEnd],
});

describe('WhatsApp line ends', () => {
  const tempDir = useTempDir();
  const want = expected('whatsapp/android-en-GB-24h.txt');

  it.each([1 << 20, 7, 1])('reads a chat whose lines end in CR alone exactly as with LF (chunks of %i bytes)', async (chunkSize) => {
    const lf = messagesOf(await parseAll(chatFile('chat.txt', androidChat)));
    const cr = messagesOf(await parseAll(chatFile('chat.txt', androidChat.replace(/\n/g, '\r'), chunkSize)));
    expect(cr).toHaveLength(want.user_messages + want.system_messages);
    expect(cr.map(seen)).toEqual(lf.map(seen));
  });

  it('reads mixed line ends (LF, CRLF and CR in one file) line by line', async () => {
    const ends = ['\n', '\r\n', '\r'];
    const mixed = androidChat
      .split('\n')
      .map((line, i) => line + (ends[i % 3] ?? '\n'))
      .join('');
    const lf = messagesOf(await parseAll(chatFile('chat.txt', androidChat)));
    for (const chunkSize of [1 << 20, 5]) {
      expect(messagesOf(await parseAll(chatFile('chat.txt', mixed, chunkSize))).map(seen)).toEqual(lf.map(seen));
    }
  });

  it('imports a CR-only chat file with all its messages, in this thread and in a parse thread', async () => {
    const dir = tempDir();
    const path = join(dir, 'WhatsApp Chat with Covid Core.txt');
    writeFileSync(path, androidChat.replace(/\n/g, '\r'));
    for (const parseThread of [false, true]) {
      const session = makeCase(dir, `case-${parseThread}.ddcase`);
      const summary = await importSource(
        session.writable!,
        { path, custodian: 'Tom Reid', timeZone: 'Europe/London' },
        { actor: 't', parseThread },
      );
      expect(summary.messages).toBe(want.user_messages + want.system_messages);
      expect(session.db.prepare("SELECT count(*) FROM messages WHERE kind = 'system'").pluck().get()).toBe(want.system_messages);
      closeCase(session);
    }
  });
});

describe('a zip naming its chat twice', () => {
  const tempDir = useTempDir();

  it('is refused, naming both entries, rather than importing the last one', async () => {
    const dir = tempDir();
    const path = join(dir, 'export.zip');
    writeFileSync(
      path,
      storedZip([
        ['_chat.txt', '[12/01/2024, 14:03:22] Al: the first chat\n'],
        ['_chat.txt', '[12/01/2024, 14:03:22] Al: the second chat\n'],
      ]),
    );
    const session = makeCase(dir);
    const run = importSource(session.writable!, { path, custodian: 'Al', timeZone: 'Europe/London' }, { actor: 't' });
    await expect(run).rejects.toThrow(ImportInputError);
    await expect(run).rejects.toThrow(/"_chat\.txt" twice \(entries 1 and 2\)/);
    expect(session.db.prepare('SELECT count(*) FROM messages').pluck().get()).toBe(0);
    closeCase(session);
  });

  it('is refused when two folders in it each hold a _chat.txt, naming both', async () => {
    const dir = tempDir();
    const path = join(dir, 'export.zip');
    writeFileSync(
      path,
      storedZip([
        ['a/_chat.txt', '[12/01/2024, 14:03:22] Al: the first chat\n'],
        ['b/_chat.txt', '[12/01/2024, 14:03:22] Al: the second chat\n'],
      ]),
    );
    const session = makeCase(dir);
    await expect(importSource(session.writable!, { path, custodian: 'Al', timeZone: 'Europe/London' }, { actor: 't' })).rejects.toThrow(
      /a\/_chat\.txt.*b\/_chat\.txt/,
    );
    closeCase(session);
  });
});

describe('Telegram text nested in runs', () => {
  const chat = (text: unknown): string =>
    JSON.stringify({
      name: 'P',
      type: 'personal_chat',
      id: 9,
      messages: [
        { id: 5, type: 'message', date: '2024-01-14T09:01:12', date_unixtime: '1705222872', from: 'Priya', from_id: 'user1', text },
      ],
    });

  it('keeps text nested in runs within runs, however deep', async () => {
    let deep: unknown = 'the bottom';
    for (let i = 0; i < 200; i++) deep = [{ type: i % 2 ? 'bold' : 'italic', text: deep }];
    const text = ['Before ', { type: 'bold', text: [{ type: 'italic', text: 'nested' }, ' run'] }, ' and ', deep];
    const { messages, notes } = await collect(telegram, memorySource('result.json', chat(text), 1 << 20), LONDON);
    expect(messages[0]?.body).toBe('Before nested run and the bottom');
    expect(notes).toEqual([]);
  });

  it('notes a message whose text holds parts that are not text, keeping the rest', async () => {
    const { messages, notes } = await collect(
      telegram,
      memorySource('result.json', chat(['Kept', { type: 'bold', text: 42 }, { type: 'custom' }]), 1 << 20),
      LONDON,
    );
    expect(messages[0]).toMatchObject({ body: 'Kept', confidence: 'low' });
    expect(notes).toEqual([
      expect.objectContaining({
        kind: 'warning',
        message: expect.stringMatching(/2 parts of the text of message 9\/5 are not text.*left out/) as string,
      }),
    ]);
  });
});

describe('iMessage rows with dates that cannot be read', () => {
  const tempDir = useTempDir();

  it('imports them undated and says so for each', async () => {
    const dir = tempDir();
    const db = new Database(join(dir, 'chat.db'));
    db.exec(`
      CREATE TABLE handle (ROWID INTEGER PRIMARY KEY, id TEXT NOT NULL);
      CREATE TABLE chat (ROWID INTEGER PRIMARY KEY, guid TEXT, style INTEGER, display_name TEXT, chat_identifier TEXT, service_name TEXT);
      CREATE TABLE chat_handle_join (chat_id INTEGER, handle_id INTEGER);
      CREATE TABLE chat_message_join (chat_id INTEGER, message_id INTEGER);
      CREATE TABLE message (ROWID INTEGER PRIMARY KEY, guid TEXT, text TEXT, handle_id INTEGER, is_from_me INTEGER, date);
      INSERT INTO handle VALUES (1, '+447700900555');
      INSERT INTO chat VALUES (1, 'SMS;-;+447700900555', 45, '', '+447700900555', 'SMS');
      INSERT INTO chat_handle_join VALUES (1, 1);
      INSERT INTO message VALUES (1, 'g-1', 'dated', 1, 0, 600000000), (2, 'g-2', 'text date', 1, 0, 'yesterday'),
        (3, 'g-3', 'blob date', 1, 0, X'00ff'), (4, 'g-4', 'ISO text', 1, 0, '2021-03-01 10:00'), (5, 'g-5', 'real number', 1, 0, 1.5e300);
      INSERT INTO chat_message_join VALUES (1, 1), (1, 2), (1, 3), (1, 4), (1, 5);
    `);
    db.close();
    const { messages, notes } = await collect(imessage, folder(dir), LONDON);
    const undated = messages.filter((m) => m.time.utcMs === null).map((m) => m.externalId);
    expect(undated.sort()).toEqual(['g-2', 'g-3', 'g-4', 'g-5']);
    for (const rowid of [2, 3, 4, 5]) {
      expect(
        notes.filter((n) => n.message.startsWith(`message ROWID ${rowid}: its date`) && /imported without a date/.test(n.message)),
      ).toHaveLength(1);
    }
    expect(messages.find((m) => m.externalId === 'g-2')?.time.raw).toBe('yesterday');
  });
});

describe('errors that say where and what to do', () => {
  it('names the byte that is not UTF-8, and its line, not the start of the chunk it came in', async () => {
    const bytes = new Uint8Array(readFileSync(fixture('sms/sms-backup-restore.xml')));
    const broken = new Uint8Array([...bytes.subarray(0, 606), 0xff, ...bytes.subarray(606)]);
    for (const chunkSize of [1 << 20, 100]) {
      const { problems } = await collect(smsBackupRestore, memorySource('sms.xml', broken, chunkSize), LONDON);
      expect(problems).toHaveLength(1);
      expect(problems[0]?.locator).toEqual({ file: 'sms.xml', byteOffset: 606, lineStart: 9 });
      expect(problems[0]?.message).toMatch(/not valid UTF-8 text: the byte at offset 606 \(line 9\)/);
    }
  });

  it('names a bad byte split across chunks at the right offset', async () => {
    // "é" is C3 A9; a lone C3 followed by "x" is invalid, and the C3 ends the first chunk.
    const text = new TextEncoder().encode('<?xml version="1.0"?>\n<smses count="0">\n');
    const broken = new Uint8Array([...text, 0xc3, 0x78, ...new TextEncoder().encode('</smses>\n')]);
    const { problems } = await collect(smsBackupRestore, memorySource('sms.xml', broken, text.length + 1), LONDON);
    expect(problems[0]?.locator).toEqual({ file: 'sms.xml', byteOffset: text.length, lineStart: 3 });
  });

  it('names the unpaired surrogate in a UTF-16 file by its byte and line', async () => {
    const text = '<?xml version="1.0"?>\n<smses count="0">\n';
    const units = [0xfeff, ...[...text].map((c) => c.charCodeAt(0)), 0xdc00, ...[...'</smses>\n'].map((c) => c.charCodeAt(0))];
    const bytes = new Uint8Array(new Uint16Array(units).buffer);
    for (const chunkSize of [1 << 20, 3]) {
      const { problems } = await collect(smsBackupRestore, memorySource('sms.xml', bytes, chunkSize), LONDON);
      expect(problems[0]?.locator).toEqual({ file: 'sms.xml', byteOffset: 2 + text.length * 2, lineStart: 3 });
    }
  });

  it('turns V8 running out of string length into what happened and what to do', () => {
    const error = explainImportFailure(new RangeError('Cannot create a string longer than 0x1fffffe8 characters'), 'manifest.json');
    expect(error).toBeInstanceOf(ImportInputError);
    expect((error as Error).message).toMatch(/^manifest\.json: .*too large.*Nothing was changed/);
    expect((error as Error).message).not.toMatch(/0x1fffffe8/);
    const other = new Error('something else');
    expect(explainImportFailure(other, 'x')).toBe(other);
  });
});
