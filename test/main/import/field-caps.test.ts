/**
 * Field caps (issue 13, bounded memory): a field over its cap is stored cut, marked, noted with the
 * whole field's SHA-256, and never held whole where the parser can avoid it. The caps are injected
 * small so the inputs stay small; bench/huge-fields.ts measures the real sizes.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeCase, type CaseSession } from '../../../main/cases/service';
import type { FieldCaps } from '../../../common/domain/field-caps';
import type { ParsedMessage, ParsedParticipant, ParseEvent, ParseOptions } from '../../../common/domain/parsed';
import { EventCaps } from '../../../main/import/cap-events';
import { folder } from '../../../main/import/files';
import { imessage } from '../../../main/import/imessage';
import { PageReader, PageReadError } from '../../../main/import/imessage/sqlite-pages';
import { CappedText, capText, utf8Prefix } from '../../../main/import/capped-text';
import { rsmf } from '../../../main/import/rsmf';
import { telegram } from '../../../main/import/telegram';
import { importSource } from '../../../main/import/run';
import { makeCase } from '../../helpers/case';
import { attributedBody } from './imessage/attributed-body';
import { collect, memorySource, eventsOf } from './repair/streams';
import { chatFile, messagesOf, ofType, parseAll } from './whatsapp/memory';
import { useTempDir } from '../../helpers/temp';

const CAPS: FieldCaps = { label: 64, body: 256 };
const sha = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

/** The kept start of a stored field (before its marker), and the marker. */
function split(stored: string): { kept: string; marker: string } {
  const at = stored.search(/\s\[… truncated at import: /u);
  if (at < 0) return { kept: stored, marker: '' };
  return { kept: stored.slice(0, at), marker: stored.slice(at) };
}

/** Asserts that `stored` is the start of `whole` within `cap` bytes, marked with the whole's size and hash. */
function expectCut(stored: string, whole: string, cap: number): void {
  const { kept, marker } = split(stored);
  expect(marker).toContain(`${bytes(whole).toLocaleString('en-GB')} bytes in the export`);
  expect(marker).toContain(sha(whole));
  expect(bytes(kept)).toBeLessThanOrEqual(cap);
  expect(bytes(kept)).toBeGreaterThan(cap - 4);
  expect(whole.startsWith(kept)).toBe(true);
}

describe('capping text', () => {
  it('cuts at a character boundary within the cap and hashes the whole', () => {
    const text = 'é'.repeat(100) + '😀'.repeat(50);
    const capped = capText(text, 101);
    expect(bytes(capped.text)).toBe(100);
    expect(capped.whole).toEqual({ bytes: bytes(text), sha256: sha(text) });
    expect(capText('short', 101)).toEqual({ text: 'short', whole: null });
    expect(utf8Prefix('a😀b', 4)).toBe('a');
    expect(utf8Prefix(Buffer.from('aé', 'utf8').toString('latin1'), 2, 'latin1')).toBe('a');
  });

  it('keeps the first bytes of text appended piece by piece and hashes all of it', () => {
    const pieces = ['Kestrel ', 'é'.repeat(40), '😀'.repeat(30), 'tail'];
    const text = new CappedText(64);
    for (const piece of pieces) text.append(piece);
    const whole = pieces.join('');
    const result = text.finish();
    expect(result.whole).toEqual({ bytes: bytes(whole), sha256: sha(whole) });
    expect(whole.startsWith(result.text)).toBe(true);
    expect(bytes(result.text)).toBeLessThanOrEqual(64);
    text.append('again');
    expect(text.finish()).toEqual({ text: 'again', whole: null });
  });
});

describe('the caps applied to parse events', () => {
  it('cuts and marks a message body, notes it on the source and the message, and leaves small messages alone', () => {
    const caps = new EventCaps(CAPS);
    const body = 'Kestrel '.repeat(100);
    const message: ParsedMessage = {
      conversationKey: 'c',
      seq: 0,
      externalId: null,
      time: { utcMs: null, raw: null, basis: 'unknown' },
      senderKey: null,
      direction: 'unknown',
      directionBasis: 'unknown',
      kind: 'text',
      systemKind: null,
      body,
      edited: 'none',
      editHistory: [],
      deleted: 'none',
      replyToExternalId: null,
      attachments: [],
      reactions: [],
      locator: { file: 'chat.txt', lineStart: 3, lineEnd: 3 },
      repairs: [],
      confidence: 'high',
    };
    const small: ParseEvent = { type: 'message', message: { ...message, body: 'small' } };
    expect(caps.event(small)).toBe(small);
    const capped = caps.event({ type: 'message', message });
    if (capped.type !== 'message') throw new Error('not a message');
    expectCut(capped.message.body, body, CAPS.body);
    expect(capped.message.repairs).toEqual([expect.stringContaining(sha(body))]);
    expect(caps.notes).toEqual([{ kind: 'warning', message: expect.stringContaining(sha(body)) as string, locator: message.locator }]);
  });

  it('keeps the size and hash a parser worked out for a field it could not hold whole', () => {
    const caps = new EventCaps(CAPS);
    const participant: ParsedParticipant = {
      key: 'p',
      label: 'A'.repeat(200),
      handle: null,
      isOwner: false,
      truncated: [{ field: 'sender', bytes: 200_000_000, sha256: 'ab'.repeat(32) }],
    };
    const capped = caps.event({ type: 'participant', participant });
    if (capped.type !== 'participant') throw new Error('not a participant');
    expect(split(capped.participant.label).kept).toBe('A'.repeat(64));
    expect(capped.participant.label).toContain('200,000,000 bytes in the export');
    expect(capped.participant.label).toContain('ab'.repeat(32));
    expect(capped.participant).not.toHaveProperty('truncated');
    expect(caps.notes[0]?.message).toMatch(/^participant "A+…": The sender name is 200,000,000 bytes/u);
  });

  it('cuts keys the same way wherever they appear, so references still meet', () => {
    const caps = new EventCaps(CAPS);
    const key = 'k'.repeat(500);
    const participant = caps.event({ type: 'participant', participant: { key, label: 'Al', handle: null, isOwner: false } });
    const member = caps.event({ type: 'member', conversationKey: 'c', participantKey: key });
    if (participant.type !== 'participant' || member.type !== 'member') throw new Error('wrong events');
    expect(participant.participant.key).toBe(member.participantKey);
    expect(bytes(split(member.participantKey).kept)).toBeLessThanOrEqual(CAPS.label);
  });
});

const LONG_AUTHOR = `Ké${'strel ops '.repeat(40)}`;
const LONG_BODY = Array.from({ length: 30 }, (_, i) => `line ${i} of the long message, Kestrel é😀`).join('\n');
const CHAT = [
  '12/01/2024, 14:03 - Tom Reid: hello',
  `12/01/2024, 14:04 - ${LONG_AUTHOR}: short`,
  `12/01/2024, 14:05 - Tom Reid: ${LONG_BODY}`,
  '12/01/2024, 14:06 - Tom Reid: bye',
  '',
].join('\n');

interface Stored {
  readonly bodies: string[];
  readonly labels: string[];
  readonly notes: { message: string; locator: string | null }[];
  readonly repairs: string[];
}

function stored(session: CaseSession): Stored {
  const db: Database.Database = session.db;
  return {
    bodies: db.prepare('SELECT body FROM messages ORDER BY seq').pluck().all() as string[],
    labels: db.prepare('SELECT label FROM participants ORDER BY id').pluck().all() as string[],
    notes: db.prepare("SELECT message, locator FROM source_notes WHERE message LIKE '%SHA-256%' ORDER BY id").all() as {
      message: string;
      locator: string | null;
    }[],
    repairs: db.prepare("SELECT repairs FROM messages WHERE repairs <> '[]' ORDER BY seq").pluck().all() as string[],
  };
}

describe('an import with fields over their caps', () => {
  const tempDir = useTempDir();

  it.each([false, true])(
    'stores a WhatsApp sender name and body cut, marked and noted with their hashes (parse thread: %s)',
    async (parseThread) => {
      const dir = tempDir();
      const path = join(dir, 'WhatsApp Chat with Tom Reid.txt');
      writeFileSync(path, CHAT);
      const session = makeCase(dir);
      await importSource(
        session.writable!,
        { path, custodian: 'Tom Reid', timeZone: 'Europe/London' },
        { actor: 't', parseThread, fieldCaps: CAPS },
      );
      const { bodies, labels, notes, repairs } = stored(session);
      const author = labels.find((label) => label.startsWith('Ké'));
      expectCut(author ?? '', LONG_AUTHOR, CAPS.label);
      expectCut(bodies[2] ?? '', LONG_BODY, CAPS.body);
      expect(bodies[1]).toBe('short');
      expect(notes.map((n) => n.message)).toEqual([expect.stringContaining(sha(LONG_AUTHOR)), expect.stringContaining(sha(LONG_BODY))]);
      expect(JSON.parse(notes[1]?.locator ?? 'null')).toMatchObject({ lineStart: 3 });
      expect(repairs).toEqual([expect.stringContaining(sha(LONG_BODY))]);
      closeCase(session);
    },
  );
});

const options = (caps: FieldCaps): ParseOptions => ({ timeZone: 'Europe/London', fieldCaps: caps });

describe('WhatsApp lines longer than the caps', () => {
  const caps: FieldCaps = { label: 64, body: 512 };
  const parse = async (text: string): Promise<ParseEvent[]> =>
    parseAll(chatFile('WhatsApp Chat with Tom Reid.txt', text, 64), { ...options(caps), custodianName: 'Tom Reid' });
  const hugeAuthor = `Ké${'strel ops '.repeat(300)}`;
  const hugeLine = `Kestrel é😀 ${'x'.repeat(5000)}`;
  const hugeSystem = `Tom Reid changed the subject to ${'Kestrel '.repeat(500)}`;

  /** No string the parser emitted is as long as the long fields. */
  const longest = (events: readonly ParseEvent[]): number =>
    Math.max(
      ...JSON.stringify(events)
        .split('"')
        .map((s) => s.length),
    );

  it("streams a sender name longer than a line is held, keeping its start and the whole name's hash", async () => {
    const events = await parse(
      `12/01/2024, 14:03 - Tom Reid: hello\n12/01/2024, 14:04 - ${hugeAuthor}: short\n12/01/2024, 14:05 - ${hugeAuthor}: again\n`,
    );
    const participants = ofType(events, 'participant').map((e) => e.participant);
    expect(participants).toHaveLength(2);
    const long = participants[1];
    expect(long?.truncated).toEqual([{ field: 'sender', bytes: bytes(hugeAuthor), sha256: sha(hugeAuthor) }]);
    expect(hugeAuthor.startsWith(long?.label ?? '-')).toBe(true);
    const messages = messagesOf(events);
    expect(messages.map((m) => [m.body, m.senderKey])).toEqual([
      ['hello', participants[0]?.key],
      ['short', long?.key],
      ['again', long?.key],
    ]);
    expect(longest(events)).toBeLessThan(caps.body + 200);
  });

  it("streams a message line longer than a line is held, keeping its start and the whole text's hash", async () => {
    const body = `${hugeLine}\nand a second line`;
    const events = await parse(`12/01/2024, 14:03 - Tom Reid: ${body}\n12/01/2024, 14:05 - Tom Reid: bye\n`);
    const messages = messagesOf(events);
    expect(messages[0]?.truncated).toEqual([{ field: 'body', bytes: bytes(body), sha256: sha(body) }]);
    expect(bytes(messages[0]?.body ?? '')).toBeLessThanOrEqual(caps.body);
    expect(body.startsWith(messages[0]?.body ?? '-')).toBe(true);
    expect(messages[1]?.body).toBe('bye');
    expect(longest(events)).toBeLessThan(caps.body + 200);
  });

  it('caps a message of many ordinary lines as it grows', async () => {
    const body = Array.from({ length: 200 }, (_, i) => `line ${i}`).join('\n');
    const messages = messagesOf(await parse(`12/01/2024, 14:03 - Tom Reid: ${body}\n`));
    expect(messages[0]?.truncated).toEqual([{ field: 'body', bytes: bytes(body), sha256: sha(body) }]);
    expect(bytes(messages[0]?.body ?? '')).toBeLessThanOrEqual(caps.body);
  });

  it('keeps a long system line as the body of a system message', async () => {
    const events = await parse(`12/01/2024, 14:03 - Tom Reid: hello\n12/01/2024, 14:04 - ${hugeSystem}\n`);
    const messages = messagesOf(events);
    expect(messages[1]).toMatchObject({
      kind: 'system',
      senderKey: null,
      truncated: [{ field: 'body', bytes: bytes(hugeSystem), sha256: sha(hugeSystem) }],
    });
    expect(longest(events)).toBeLessThan(caps.body + 200);
  });
});

describe('iMessage rows longer than the caps', () => {
  const tempDir = useTempDir();
  const caps: FieldCaps = { label: 64, body: 256 };
  const longText = `Kestrel é😀 ${'x'.repeat(3000)}`;
  const longAttributed = `Attributed Kestrel é ${'y'.repeat(3000)}`;

  async function parseDb(rows: (db: Database.Database) => void): Promise<ParseEvent[]> {
    const dir = tempDir();
    const db = new Database(join(dir, 'chat.db'));
    db.exec(`
      CREATE TABLE handle (ROWID INTEGER PRIMARY KEY, id TEXT NOT NULL);
      CREATE TABLE chat (ROWID INTEGER PRIMARY KEY, guid TEXT, style INTEGER, display_name TEXT, chat_identifier TEXT, service_name TEXT);
      CREATE TABLE chat_handle_join (chat_id INTEGER, handle_id INTEGER);
      CREATE TABLE chat_message_join (chat_id INTEGER, message_id INTEGER);
      CREATE TABLE message (ROWID INTEGER PRIMARY KEY, guid TEXT, text TEXT, handle_id INTEGER, is_from_me INTEGER, date INTEGER, attributedBody BLOB);
      INSERT INTO handle VALUES (1, '+447700900555');
      INSERT INTO chat VALUES (1, 'SMS;-;+447700900555', 45, '', '+447700900555', 'SMS');
      INSERT INTO chat_handle_join VALUES (1, 1);
      INSERT INTO chat_message_join VALUES (1, 1), (1, 2), (1, 3);`);
    rows(db);
    db.close();
    const events: ParseEvent[] = [];
    for await (const event of eventsOf(imessage, folder(dir), options(caps))) events.push(event);
    return events;
  }

  it('reads the start of a long text and hashes all of it in SQL pieces', async () => {
    const events = await parseDb((db) => {
      const insert = db.prepare('INSERT INTO message VALUES (?, ?, ?, 1, 0, ?, ?)');
      insert.run(1, 'g-1', 'hello', 600000000, null);
      insert.run(2, 'g-2', longText, 600000060, null);
      insert.run(3, 'g-3', null, 600000120, Buffer.from(attributedBody(longAttributed)));
    });
    const [hello, long, attributed] = messagesOf(events);
    expect(hello?.body).toBe('hello');
    expect(long?.truncated).toEqual([{ field: 'body', bytes: bytes(longText), sha256: sha(longText) }]);
    expect(bytes(long?.body ?? '')).toBeLessThanOrEqual(caps.body);
    expect(longText.startsWith(long?.body ?? '-')).toBe(true);
    expect(attributed?.truncated).toEqual([{ field: 'body', bytes: bytes(longAttributed), sha256: sha(longAttributed) }]);
    expect(bytes(attributed?.body ?? '')).toBeLessThanOrEqual(caps.body);
    expect(longAttributed.startsWith(attributed?.body ?? '-')).toBe(true);
  });
});

describe('RSMF manifests with fields longer than the caps', () => {
  const caps: FieldCaps = { label: 64, body: 256 };
  const longBody = `Kestrel é😀 "quoted" ${'z'.repeat(3000)}`;
  const longName = `Priya ${'Nair '.repeat(100)}`;
  const manifest = JSON.stringify({
    version: '2.0.0',
    events: [
      { id: 'e1', type: 'message', participant: 'p2', conversation: 'c1', timestamp: '2024-01-12T14:03:00Z', body: 'hello' },
      { id: 'e2', type: 'message', participant: 'p2', conversation: 'c1', timestamp: '2024-01-12T14:04:00Z', body: longBody },
    ],
    participants: [
      { id: 'p1', display: 'Tom Reid' },
      { id: 'p2', display: longName },
    ],
    conversations: [{ id: 'c1', platform: 'whatsapp', participants: ['p1', 'p2'], custodian: 'p1' }],
  });

  it('streams the manifest (events before participants too), keeping the start of long strings and their whole hash', async () => {
    const events: ParseEvent[] = [];
    for await (const event of eventsOf(rsmf, memorySource('rsmf_manifest.json', manifest, 64), options(caps))) events.push(event);
    const [hello, long] = messagesOf(events);
    expect(hello?.body).toBe('hello');
    expect(long?.truncated).toEqual([{ field: 'body', bytes: bytes(longBody), sha256: sha(longBody) }]);
    expect(bytes(long?.body ?? '')).toBeLessThanOrEqual(caps.body);
    expect(longBody.startsWith(long?.body ?? '-')).toBe(true);
    const priya = ofType(events, 'participant').find((e) => e.participant.key === 'participant:p2')?.participant;
    expect(priya?.truncated).toEqual([{ field: 'sender', bytes: bytes(longName), sha256: sha(longName) }]);
    expect(
      Math.max(
        ...JSON.stringify(events)
          .split('"')
          .map((s) => s.length),
      ),
    ).toBeLessThan(caps.body + 200);
  });
});

describe('reading an SQLite value from its pages', () => {
  const tempDir = useTempDir();

  it('gives the same bytes as SQL for rows in cells, in overflow chains and behind interior pages', () => {
    const path = join(tempDir(), 'pages.db');
    const db = new Database(path);
    db.exec('CREATE TABLE message (ROWID INTEGER PRIMARY KEY, guid TEXT, text TEXT, n INTEGER, attributedBody BLOB)');
    const insert = db.prepare('INSERT INTO message VALUES (?, ?, ?, ?, ?)');
    const sizes = [0, 1, 100, 489, 490, 4061, 4062, 5000, 70_000];
    db.transaction(() => {
      for (let i = 1; i <= 3000; i++)
        insert.run(i * 3, `g-${i}`, `${i} ${'é'.repeat(sizes[i % sizes.length] ?? 0)}`, i, i % 7 === 0 ? Buffer.alloc(i, i % 256) : null);
    })();
    const root = db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'message'").pluck().get() as number;
    db.close();
    const reader = new PageReader(path);
    const check = new Database(path, { readonly: true });
    for (const rowid of [3, 27, 300, 2997, 4500, 9000]) {
      const expected = check.prepare('SELECT CAST(text AS BLOB) AS text, attributedBody FROM message WHERE ROWID = ?').get(rowid) as
        { text: Buffer; attributedBody: Buffer | null } | undefined;
      expect(Buffer.concat([...reader.value(root, rowid, 2)].map((part) => Buffer.from(part)))).toEqual(expected?.text);
      if (expected?.attributedBody)
        expect(Buffer.concat([...reader.value(root, rowid, 4)].map((part) => Buffer.from(part)))).toEqual(expected.attributedBody);
    }
    expect(() => [...reader.value(root, 4, 2)]).toThrow(PageReadError);
    reader.close();
    check.close();
  });

  it('imports a long text that is still only in the write-ahead log beside the database', async () => {
    const source = tempDir();
    const dir = tempDir();
    const db = new Database(join(source, 'chat.db'));
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    db.exec(`
      CREATE TABLE handle (ROWID INTEGER PRIMARY KEY, id TEXT NOT NULL);
      CREATE TABLE chat (ROWID INTEGER PRIMARY KEY, guid TEXT, style INTEGER, display_name TEXT, chat_identifier TEXT, service_name TEXT);
      CREATE TABLE chat_handle_join (chat_id INTEGER, handle_id INTEGER);
      CREATE TABLE chat_message_join (chat_id INTEGER, message_id INTEGER);
      CREATE TABLE message (ROWID INTEGER PRIMARY KEY, guid TEXT, text TEXT, handle_id INTEGER, is_from_me INTEGER, date INTEGER);
      INSERT INTO handle VALUES (1, '+447700900555');
      INSERT INTO chat VALUES (1, 'SMS;-;+447700900555', 45, '', '+447700900555', 'SMS');
      INSERT INTO chat_handle_join VALUES (1, 1);
      INSERT INTO chat_message_join VALUES (1, 1);`);
    const longText = `Kestrel ${'w'.repeat(9000)}`;
    db.prepare("INSERT INTO message VALUES (1, 'g-1', ?, 1, 0, 600000000)").run(longText);
    // Copied while the connection is open: the row is in chat.db-wal only, as on a phone.
    for (const name of ['chat.db', 'chat.db-wal']) writeFileSync(join(dir, name), readFileSync(join(source, name)));
    db.close();
    const events: ParseEvent[] = [];
    for await (const event of eventsOf(imessage, folder(dir), options({ label: 64, body: 256 }))) events.push(event);
    expect(messagesOf(events)[0]?.truncated).toEqual([{ field: 'body', bytes: bytes(longText), sha256: sha(longText) }]);
  });
});

describe('Telegram strings longer than the caps', () => {
  const caps: FieldCaps = { label: 64, body: 256 };
  const longText = `Kestrel é😀 \\ "q" ${'t'.repeat(3000)}`;
  const longName = `Priya ${'Nair '.repeat(100)}`;
  const chat = JSON.stringify({
    name: 'P',
    type: 'personal_chat',
    id: 9,
    messages: [
      { id: 5, type: 'message', date: '2024-01-14T09:01:12', date_unixtime: '1705222872', from: 'Priya', from_id: 'user1', text: longText },
      { id: 6, type: 'message', date: '2024-01-14T09:02:12', date_unixtime: '1705222932', from: longName, from_id: 'user2', text: 'short' },
    ],
  });

  it("keeps the start of a long text with the whole text's hash, and notes any other string it cut", async () => {
    const { events, notes } = await collect(telegram, memorySource('result.json', chat, 64), options(caps));
    expect(notes).toEqual([expect.objectContaining({ kind: 'warning', message: expect.stringContaining(sha(longName)) as string })]);
    const [long, short] = messagesOf(events);
    expect(long?.truncated).toEqual([{ field: 'body', bytes: bytes(longText), sha256: sha(longText) }]);
    expect(bytes(long?.body ?? '')).toBeLessThanOrEqual(caps.body);
    expect(longText.startsWith(long?.body ?? '-')).toBe(true);
    expect(short?.body).toBe('short');
    expect(
      Math.max(
        ...JSON.stringify(events)
          .split('"')
          .map((s) => s.length),
      ),
    ).toBeLessThan(caps.body + 200);
  });
});

describe('hashing text that arrives in pieces', () => {
  it('hashes a surrogate pair split between pieces as the character it is', () => {
    const text = new CappedText(8);
    const pieces = ['abcdefg', '\ud83d', '\ude00', 'x'.repeat(70_000), '\ud83d', '\ude00', 'end'];
    for (const piece of pieces) text.append(piece);
    const whole = pieces.join('');
    expect(text.finish().whole).toEqual({ bytes: bytes(whole), sha256: sha(whole) });
  });
});
