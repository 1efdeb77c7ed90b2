import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ParseEvent, ParseOptions, ParsedMessage, ParsedParticipant } from '../../../common/domain/parsed';
import { ImportInputError } from '../../../main/import/errors';
import { folder, singleFile, type SourceFiles } from '../../../main/import/files';
import { appleTime, imessage } from '../../../main/import/imessage';
import { fixture } from '../../helpers/fixtures';
import { useTempDir } from '../../helpers/temp';
import { eventsOf, sniffs } from './repair/streams';

interface Expected {
  conversations: number;
  conversation_guids: string[];
  records: number;
  message_rows: number;
  user_messages: number;
  system_messages: number;
  tapback_rows: number;
  user_messages_per_chat: Record<string, number>;
  from_me: number;
  text_null_rows: number[];
  participants: number;
  participants_including_owner: number;
  participant_handles: string[];
  earliest_utc: string;
  latest_utc: string;
  earliest_user_message_utc: string;
  latest_user_message_utc: string;
  attachments: number;
  attachment_files_present: number;
  deleted: number;
  edited: number;
  body_only_in_attributedBody: { ROWID: number; text: string }[];
}

const EXPECTED = (JSON.parse(readFileSync(fixture('EXPECTED.json'), 'utf8')) as Record<string, unknown>)['imessage/chat.db'] as Expected;
const OPTIONS: ParseOptions = { timeZone: 'Europe/London', custodianName: 'Fiona Laird' };

async function collect(files: SourceFiles, options: ParseOptions = OPTIONS): Promise<ParseEvent[]> {
  const events: ParseEvent[] = [];
  for await (const event of eventsOf(imessage, files, options)) events.push(event);
  return events;
}

const messagesOf = (events: ParseEvent[]): ParsedMessage[] => events.flatMap((e) => (e.type === 'message' ? [e.message] : []));
const participantsOf = (events: ParseEvent[]): ParsedParticipant[] =>
  events.flatMap((e) => (e.type === 'participant' ? [e.participant] : []));
const warningsOf = (events: ParseEvent[]): string[] =>
  events.flatMap((e) => (e.type === 'note' && e.note.kind === 'warning' ? [e.note.message] : []));
const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString().replace(/\.000Z$/, 'Z'));
const rowidOf = (m: ParsedMessage): number => Number(/ROWID (\d+)/.exec(m.locator.record ?? '')?.[1]);

describe('iMessage chat.db fixture', () => {
  it('matches every figure in EXPECTED.json', async () => {
    const events = await collect(folder(fixture('imessage')));
    const messages = messagesOf(events);
    const conversations = events.flatMap((e) => (e.type === 'conversation' ? [e.conversation] : []));
    const user = messages.filter((m) => m.kind !== 'system');
    const tapbacks = messages.reduce((n, m) => n + m.reactions.length, 0);

    expect(conversations).toHaveLength(EXPECTED.conversations);
    expect(conversations.map((c) => c.externalId).sort()).toEqual([...EXPECTED.conversation_guids].sort());
    expect(messages).toHaveLength(EXPECTED.message_rows - EXPECTED.tapback_rows);
    expect(messages.length + tapbacks).toBe(EXPECTED.records);
    expect(user).toHaveLength(EXPECTED.user_messages);
    expect(messages.filter((m) => m.kind === 'system')).toHaveLength(EXPECTED.system_messages);
    expect(tapbacks).toBe(EXPECTED.tapback_rows);
    for (const [chat, count] of Object.entries(EXPECTED.user_messages_per_chat)) {
      expect(
        user.filter((m) => m.conversationKey === `chat:${chat}`),
        `chat ${chat}`,
      ).toHaveLength(count);
    }
    expect(user.filter((m) => m.direction === 'outgoing')).toHaveLength(EXPECTED.from_me);

    const participants = participantsOf(events);
    expect(participants.filter((p) => !p.isOwner)).toHaveLength(EXPECTED.participants);
    expect(participants).toHaveLength(EXPECTED.participants_including_owner);
    expect(
      participants
        .filter((p) => !p.isOwner)
        .map((p) => p.handle)
        .sort(),
    ).toEqual([...EXPECTED.participant_handles].sort());

    const times = messages.map((m) => m.time.utcMs).filter((t): t is number => t !== null);
    const userTimes = user.map((m) => m.time.utcMs).filter((t): t is number => t !== null);
    expect(iso(Math.min(...times))).toBe(EXPECTED.earliest_utc);
    expect(iso(Math.max(...times))).toBe(EXPECTED.latest_utc);
    expect(iso(Math.min(...userTimes))).toBe(EXPECTED.earliest_user_message_utc);
    expect(iso(Math.max(...userTimes))).toBe(EXPECTED.latest_user_message_utc);
    expect(messages.every((m) => m.time.basis === 'explicit')).toBe(true);

    const attachments = messages.flatMap((m) => m.attachments);
    expect(attachments).toHaveLength(EXPECTED.attachments);
    expect(attachments.filter((a) => a.present)).toHaveLength(EXPECTED.attachment_files_present);
    expect(messages.filter((m) => m.deleted !== 'none')).toHaveLength(EXPECTED.deleted);
    expect(messages.filter((m) => m.edited !== 'none')).toHaveLength(EXPECTED.edited);

    for (const { ROWID, text } of EXPECTED.body_only_in_attributedBody) {
      expect(messages.find((m) => rowidOf(m) === ROWID)?.body, `ROWID ${ROWID}`).toBe(text);
    }
    expect(EXPECTED.text_null_rows.every((r) => messages.some((m) => rowidOf(m) === r && m.body !== ''))).toBe(true);
    expect(warningsOf(events)).toEqual([]);
  });

  it('emits the source first, then participants and conversations before any message that uses them', async () => {
    const events = await collect(folder(fixture('imessage')));
    expect(events[0]).toMatchObject({
      type: 'source',
      source: { format: 'imessage', producer: 'Apple Messages', producerVersion: '17100' },
    });
    const seen = new Set<string>();
    for (const event of events) {
      if (event.type === 'participant') seen.add(event.participant.key);
      if (event.type === 'conversation') seen.add(event.conversation.key);
      if (event.type === 'member') expect(seen.has(event.conversationKey) && seen.has(event.participantKey)).toBe(true);
      if (event.type === 'message') {
        expect(seen.has(event.message.conversationKey)).toBe(true);
        if (event.message.senderKey) expect(seen.has(event.message.senderKey)).toBe(true);
        for (const r of event.message.reactions) if (r.actorKey) expect(seen.has(r.actorKey)).toBe(true);
      }
    }
    const seqs = messagesOf(events).map((m) => m.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i));
  });

  it('maps the owner, the tapback, the rename, the edit and both attachments', async () => {
    const events = await collect(folder(fixture('imessage')));
    const messages = messagesOf(events);
    const owner = participantsOf(events).find((p) => p.isOwner);
    expect(owner).toEqual({ key: 'owner', label: 'Fiona Laird', handle: '+447700900101', isOwner: true });

    const target = messages.find((m) => rowidOf(m) === 17);
    expect(target?.reactions).toEqual([
      {
        actorKey: 'handle:+447700900102',
        actorLabel: '+447700900102',
        reaction: 'Loved',
        time: { utcMs: Date.UTC(2021, 8, 7, 8, 6, 30), raw: '652694790000000000', basis: 'explicit' },
      },
    ]);
    expect(messages.some((m) => rowidOf(m) === 21)).toBe(false);

    const rename = messages.find((m) => m.kind === 'system');
    expect(rename).toMatchObject({
      systemKind: 'group_renamed',
      body: 'Core Four',
      senderKey: 'owner',
      direction: 'system',
      conversationKey: 'chat:2',
    });

    expect(messages.find((m) => rowidOf(m) === 12)).toMatchObject({
      edited: 'edited_history_unknown',
      editHistory: [],
      direction: 'outgoing',
      directionBasis: 'source',
    });

    expect(messages.find((m) => rowidOf(m) === 9)?.attachments).toEqual([
      {
        fileName: 'IMG_0412.jpeg',
        mime: 'image/jpeg',
        pathInSource: 'Attachments/3c/12/5E1C2A9B-0C4D-4F6E-8A1B-3C5D7E9F1A20/IMG_0412.jpeg',
        present: true,
        missingReason: null,
      },
    ]);
    const pdf = messages.find((m) => rowidOf(m) === 13);
    expect(pdf?.kind).toBe('media');
    expect(pdf?.body).toBe('\uFFFC');
    expect(pdf?.attachments).toEqual([
      { fileName: 'Levels note v4.pdf', mime: 'application/pdf', pathInSource: null, present: false, missingReason: 'not downloaded' },
    ]);
    expect(messages[0]?.locator).toEqual({ file: 'chat.db', record: 'message ROWID 1' });
  });

  it('finds attachments beside a chat.db picked on its own, and marks them absent when it stands alone', async () => {
    const beside = messagesOf(await collect(singleFile(fixture('imessage/chat.db'))));
    expect(beside.find((m) => rowidOf(m) === 9)?.attachments[0]).toMatchObject({ present: true });
    const alone = mkdtempSync(join(tmpdir(), 'imessage-alone-'));
    copyFileSync(fixture('imessage/chat.db'), join(alone, 'chat.db'));
    const messages = messagesOf(await collect(singleFile(join(alone, 'chat.db'))));
    rmSync(alone, { recursive: true, force: true });
    const photo = messages.find((m) => rowidOf(m) === 9)?.attachments[0];
    expect(photo).toMatchObject({ present: false, pathInSource: null });
    expect(photo?.missingReason).toMatch(/^file not supplied \(~\/Library\/Messages\/Attachments\/3c\/12\//);
  });

  it('leaves the database byte-for-byte unchanged and creates no journal files', async () => {
    const before = createHash('sha256')
      .update(readFileSync(fixture('imessage/chat.db')))
      .digest('hex');
    await collect(folder(fixture('imessage')));
    expect(
      createHash('sha256')
        .update(readFileSync(fixture('imessage/chat.db')))
        .digest('hex'),
    ).toBe(before);
    expect(readdirSync(fixture('imessage')).sort()).toEqual(['Attachments', 'chat.db']);
  });
});

describe('Apple absolute time', () => {
  it('decides seconds or nanoseconds per value and keeps the raw value exactly', () => {
    expect(appleTime(726931800000000000n)).toEqual({ utcMs: Date.UTC(2024, 0, 14, 13, 30), raw: '726931800000000000', basis: 'explicit' });
    expect(appleTime(726931920n)).toEqual({ utcMs: Date.UTC(2024, 0, 14, 13, 32), raw: '726931920', basis: 'explicit' });
    expect(appleTime(0n)).toEqual({ utcMs: null, raw: '0', basis: 'unknown' });
    expect(appleTime(null)).toEqual({ utcMs: null, raw: null, basis: 'unknown' });
  });
});

describe('iMessage sniffing', () => {
  const bytes = readFileSync(fixture('imessage/chat.db'));
  const makeDb = useTempDir();

  it('recognises chat.db from its whole file and from the 64 KiB head the detector reads', () => {
    expect(sniffs(imessage, bytes)).toBe(true);
    expect(sniffs(imessage, bytes.subarray(0, 64 * 1024))).toBe(true);
  });

  it('rejects other SQLite databases whose schema it can see, and non-SQLite bytes', () => {
    const path = join(makeDb(), 'other.db');
    const db = new Database(path);
    db.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('x')");
    db.close();
    expect(sniffs(imessage, readFileSync(path))).toBe(false);
    expect(sniffs(imessage, readFileSync(fixture('whatsapp/android-de.txt')))).toBe(false);
    expect(sniffs(imessage, new Uint8Array(0))).toBe(false);
  });
});

describe('iMessage edge cases (synthetic database)', () => {
  const makeDir = useTempDir();

  /** A small Messages-shaped database with the traps the fixture lacks. */
  function buildDb(): string {
    const dir = makeDir();
    const path = join(dir, 'sms.db');
    const db = new Database(path);
    db.exec(`
      CREATE TABLE handle (ROWID INTEGER PRIMARY KEY, id TEXT NOT NULL, service TEXT);
      CREATE TABLE chat (ROWID INTEGER PRIMARY KEY, guid TEXT, style INTEGER, display_name TEXT, chat_identifier TEXT, service_name TEXT);
      CREATE TABLE chat_handle_join (chat_id INTEGER, handle_id INTEGER);
      CREATE TABLE chat_message_join (chat_id INTEGER, message_id INTEGER);
      CREATE TABLE chat_recoverable_message_join (chat_id INTEGER, message_id INTEGER, delete_date INTEGER);
      CREATE TABLE message (ROWID INTEGER PRIMARY KEY, guid TEXT, text TEXT, attributedBody BLOB, handle_id INTEGER,
        is_from_me INTEGER, date INTEGER, associated_message_type INTEGER DEFAULT 0, associated_message_guid TEXT);
      INSERT INTO handle VALUES (1, '+447700900555', 'SMS'), (2, '+447700900555', 'iMessage'), (3, '+447700900666', 'SMS');
      INSERT INTO chat VALUES (1, 'SMS;-;+447700900555', NULL, '', '+447700900555', 'SMS');
      INSERT INTO chat_handle_join VALUES (1, 1);
      INSERT INTO message (ROWID, guid, text, handle_id, is_from_me, date) VALUES
        (1, 'g-1', 'sent later, stored in nanoseconds', 2, 0, 600000060000000000),
        (2, 'g-2', 'legacy row in seconds', 1, 1, 600000000),
        (3, 'g-3', 'in no chat at all', 3, 0, 600000120),
        (4, 'g-4', 'recently deleted', 1, 0, 600000180),
        (5, 'g-5', NULL, 1, 0, 600000240),
        (6, 'g-6', 'no date', 1, 0, 0);
      UPDATE message SET attributedBody = X'040b73747265616d7479706564' WHERE ROWID = 5;
      INSERT INTO message (ROWID, guid, text, handle_id, is_from_me, date, associated_message_type, associated_message_guid) VALUES
        (7, 'g-7', 'Removed a like', 1, 0, 600000300, 3001, 'p:0/g-2'),
        (8, 'g-8', 'Loved something', 1, 0, 600000360, 2000, 'p:0/g-missing');
      INSERT INTO chat_message_join VALUES (1, 1), (1, 2), (1, 5), (1, 6);
      INSERT INTO chat_recoverable_message_join VALUES (1, 4, 0);
    `);
    db.close();
    return dir;
  }

  it('orders mixed units by instant, files orphans and recently deleted rows, and reports what it could not place', async () => {
    const events = await collect(folder(buildDb()));
    const messages = messagesOf(events);
    expect(messages.map((m) => m.externalId)).toEqual(['g-6', 'g-2', 'g-1', 'g-3', 'g-4', 'g-5']);
    expect(messages.find((m) => m.externalId === 'g-1')?.time.utcMs).toBe((978307200 + 600000060) * 1000);
    expect(messages.find((m) => m.externalId === 'g-2')?.time.utcMs).toBe((978307200 + 600000000) * 1000);
    expect(messages.find((m) => m.externalId === 'g-6')?.time).toEqual({ utcMs: null, raw: '0', basis: 'unknown' });

    const conversations = events.flatMap((e) => (e.type === 'conversation' ? [e.conversation] : []));
    expect(conversations).toEqual([
      { key: 'chat:1', platform: 'sms', kind: 'direct', title: '+447700900555', externalId: 'SMS;-;+447700900555' },
      { key: 'orphans', platform: 'imessage', kind: 'unknown', title: 'Messages not linked to any chat', externalId: null },
    ]);
    expect(messages.find((m) => m.externalId === 'g-3')?.conversationKey).toBe('orphans');
    expect(messages.find((m) => m.externalId === 'g-4')).toMatchObject({ conversationKey: 'chat:1', deleted: 'recovered' });

    // One participant per address, although the number has an SMS and an iMessage handle.
    expect(participantsOf(events).filter((p) => p.handle === '+447700900555')).toHaveLength(1);
    expect(messages.find((m) => m.externalId === 'g-2')?.reactions).toMatchObject([
      { reaction: 'Liked (removed)', actorKey: 'handle:+447700900555' },
    ]);
    expect(messages.find((m) => m.externalId === 'g-5')).toMatchObject({ body: '', confidence: 'low' });

    const warnings = warningsOf(events);
    expect(warnings).toHaveLength(3);
    expect(warnings.join('\n')).toMatch(/1 message\(s\) belong to no chat/);
    expect(warnings.join('\n')).toMatch(/message ROWID 5: text is NULL and attributedBody could not be decoded/);
    expect(warnings.join('\n')).toMatch(/tapback ROWID 8 \(Loved\) points at message g-missing/);
  });

  it('refuses an SQLite database without the Messages tables, naming what is missing', async () => {
    const dir = makeDir();
    const db = new Database(join(dir, 'chat.db'));
    db.exec('CREATE TABLE message (ROWID INTEGER PRIMARY KEY, text TEXT)');
    db.close();
    await expect(collect(folder(dir))).rejects.toThrow(
      /not a Messages database \(missing tables handle, chat, chat_message_join, chat_handle_join\)/,
    );
  });

  it('refuses a file that is not SQLite, and a database inside an archive, with clear errors', async () => {
    await expect(collect(singleFile(fixture('bad/binary-garbage.txt')))).rejects.toThrow(ImportInputError);
    const inArchive: SourceFiles = { ...folder(fixture('imessage')), diskPath: () => null };
    await expect(collect(inArchive)).rejects.toThrow(/inside an archive; SQLite needs a file on disk/);
  });

  it('stops without error when the import is cancelled', async () => {
    const messages = messagesOf(await collect(folder(fixture('imessage')), { ...OPTIONS, token: { isCancellationRequested: true } }));
    expect(messages).toEqual([]);
  });
});
