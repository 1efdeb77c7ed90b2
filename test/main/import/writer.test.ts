import { afterEach, describe, expect, it } from 'vitest';
import { custodianId, insertSource } from '../../../db/queries/import';
import type { ParsedMessage, ParseEvent } from '../../../common/domain/parsed';
import { closeCase, type CaseSession } from '../../../main/cases/service';
import { BatchEncoder, BATCH_MESSAGES, type EventBatch } from '../../../main/import/batch';
import { ImportInputError } from '../../../main/import/errors';
import { SourceWriter } from '../../../main/import/writer';
import { makeCase } from '../../helpers/case';
import { useTempDir } from '../../helpers/temp';

const tempDir = useTempDir();
let session: CaseSession | undefined;
afterEach(() => {
  if (session?.db.inTransaction) session.db.exec('ROLLBACK');
  if (session) closeCase(session);
  session = undefined;
});

function message(seq: number, overrides: Partial<ParsedMessage> = {}): ParsedMessage {
  return {
    conversationKey: 'chat',
    seq,
    externalId: null,
    time: { utcMs: 1_600_000_000_000 + seq * 60_000, raw: `raw ${seq}`, basis: 'assumed:Europe/London' },
    senderKey: seq % 3 === 0 ? null : `p${seq % 2}`,
    direction: seq % 3 === 0 ? 'system' : seq % 2 ? 'outgoing' : 'incoming',
    directionBasis: 'custodian_name',
    kind: seq % 3 === 0 ? 'system' : seq % 5 === 0 ? 'media' : 'text',
    systemKind: seq % 3 === 0 ? 'other' : null,
    body: `message ${seq} ✓`,
    edited: 'none',
    editHistory: [],
    deleted: 'none',
    replyToExternalId: null,
    attachments: [],
    reactions: [],
    locator: { file: 'chat.txt', lineStart: seq + 1, lineEnd: seq + 1 },
    repairs: [],
    confidence: 'high',
    ...overrides,
  };
}

const opening: ParseEvent[] = [
  { type: 'conversation', conversation: { key: 'chat', platform: 'whatsapp', kind: 'group', title: 'Chat', externalId: null } },
  { type: 'participant', participant: { key: 'p0', label: 'Ann', handle: null, isOwner: false } },
  { type: 'participant', participant: { key: 'p1', label: 'Bob', handle: null, isOwner: true } },
];

/** Writes `events` through the batches an import uses, in a transaction left open for the test to look at. */
async function write(events: readonly ParseEvent[], foreignKeys = true): Promise<{ session: CaseSession; writer: SourceWriter }> {
  session = makeCase(tempDir());
  const db = session.writable!;
  db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  db.exec('BEGIN IMMEDIATE');
  const custodian = custodianId(db, 'Bob', 0);
  const sourceId = insertSource(db, {
    custodianId: custodian,
    deviceLabel: '',
    format: 'whatsapp',
    producer: null,
    producerVersion: null,
    fileName: 'chat.txt',
    filePath: '/chat.txt',
    fileSize: 1,
    sha256: 'a'.repeat(64),
    importedAt: 0,
    importedBy: 't',
    parserVersion: 'whatsapp/1',
    timeZone: 'Europe/London',
  });
  const writer = new SourceWriter(db, 'chat.txt', sourceId, custodian);
  const encoder = new BatchEncoder();
  for (const event of events) {
    encoder.add(event);
    if (encoder.full) writer.write(encoder.take());
  }
  if (!encoder.empty) writer.write(encoder.take());
  return { session, writer };
}

describe('writing batches of messages', () => {
  it('stores every message, in order, across batches and multi-row statements', async () => {
    const count = BATCH_MESSAGES * 2 + 37;
    const { session, writer } = await write([
      ...opening,
      ...Array.from({ length: count }, (_, seq) => ({ type: 'message' as const, message: message(seq) })),
    ]);
    expect(writer.messages).toBe(count);
    const rows = session.db
      .prepare(
        'SELECT seq, position, body, kind, direction, system_kind AS systemKind, sender_participant_id AS sender FROM messages ORDER BY id',
      )
      .all() as {
      seq: number;
      position: number;
      body: string;
      kind: string;
      direction: string;
      systemKind: string | null;
      sender: number | null;
    }[];
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: count }, (_, i) => i));
    expect(rows.map((r) => r.position)).toEqual(Array.from({ length: count }, (_, i) => i));
    expect(rows[1000]).toEqual({
      seq: 1000,
      position: 1000,
      body: 'message 1000 ✓',
      kind: 'media',
      direction: 'incoming',
      systemKind: null,
      sender: expect.any(Number),
    });
    expect(rows[999]).toEqual({
      seq: 999,
      position: 999,
      body: 'message 999 ✓',
      kind: 'system',
      direction: 'system',
      systemKind: 'other',
      sender: null,
    });
  });

  it('stores each raw time text as given when consecutive messages share it, across batches', async () => {
    const count = BATCH_MESSAGES + 10;
    const rawOf = (seq: number): string | null => (seq % 7 === 6 ? null : `minute ${Math.floor(seq / 4)}`);
    const messages = Array.from({ length: count }, (_, seq) => {
      const raw = rawOf(seq);
      return message(seq, {
        time: { utcMs: raw === null ? null : 1_600_000_000_000 + Math.floor(seq / 4) * 60_000, raw, basis: 'assumed:Europe/London' },
      });
    });
    const { session } = await write([...opening, ...messages.map((m) => ({ type: 'message' as const, message: m }))]);
    const stored = session.db.prepare('SELECT sent_at_raw FROM messages ORDER BY seq').pluck().all();
    expect(stored).toEqual(Array.from({ length: count }, (_, seq) => rawOf(seq)));
  });

  it('puts each attachment, reaction and reply on its own message', async () => {
    const messages = Array.from({ length: 700 }, (_, seq) =>
      message(seq, {
        externalId: `m${seq}`,
        ...(seq % 7 === 1 && {
          attachments: [
            {
              fileName: `file-${seq}.jpg`,
              mime: 'image/jpeg',
              pathInSource: null,
              present: false,
              missingReason: 'media omitted by export',
            },
          ],
        }),
        ...(seq % 11 === 2 && { reactions: [{ actorKey: 'p0', actorLabel: 'Ann', reaction: '👍', time: null }] }),
        ...(seq % 13 === 4 && { replyToExternalId: `m${seq - 1}` }),
        ...(seq % 17 === 5 && { repairs: ['a repair'] }),
      }),
    );
    const { session, writer } = await write([...opening, ...messages.map((m) => ({ type: 'message' as const, message: m }))]);
    writer.finish();
    const db = session.db;
    expect(
      db
        .prepare("SELECT count(*) FROM attachments a JOIN messages m ON m.id = a.message_id WHERE a.file_name = 'file-' || m.seq || '.jpg'")
        .pluck()
        .get(),
    ).toBe(100);
    expect(db.prepare('SELECT count(*) FROM attachments').pluck().get()).toBe(100);
    expect(db.prepare('SELECT group_concat(m.seq) FROM reactions r JOIN messages m ON m.id = r.message_id').pluck().get()).toBe(
      messages
        .filter((m) => m.seq % 11 === 2)
        .map((m) => m.seq)
        .join(','),
    );
    expect(
      db.prepare('SELECT count(*) FROM messages m JOIN messages t ON t.id = m.reply_to_message_id WHERE t.seq = m.seq - 1').pluck().get(),
    ).toBe(54);
    expect(db.prepare(`SELECT count(*) FROM messages WHERE repairs = '["a repair"]'`).pluck().get()).toBe(41);
    expect(db.prepare(`SELECT count(*) FROM messages WHERE repairs = '[]'`).pluck().get()).toBe(659);
  });

  // With foreign keys enforced a failed statement keeps none of its rows; without, those before the one that failed.
  it.each([true, false])(
    'names the one record of a multi-row statement that SQLite refused (foreign keys enforced: %s)',
    async (foreignKeys) => {
      const messages = Array.from({ length: 300 }, (_, seq) => message(seq, seq === 170 ? { seq: 170.5 } : {}));
      const failure = await write([...opening, ...messages.map((m) => ({ type: 'message' as const, message: m }))], foreignKeys).catch(
        (err: unknown) => err,
      );
      expect(failure).toBeInstanceOf(ImportInputError);
      expect((failure as ImportInputError).locator).toEqual({ file: 'chat.txt', lineStart: 171, lineEnd: 171 });
      expect((failure as Error).message).toMatch(
        /^chat\.txt \(line 171\): a record could not be stored: cannot store REAL value in INTEGER column messages\.seq/,
      );
    },
  );

  it('refuses, by its record, a message that breaks a rule of the messages table', async () => {
    const messages = Array.from({ length: 300 }, (_, seq) =>
      message(seq, seq === 170 ? { locator: { file: 'chat.txt', lineStart: 171, lineEnd: 150 } } : {}),
    );
    const failure = await write([...opening, ...messages.map((m) => ({ type: 'message' as const, message: m }))]).catch(
      (err: unknown) => err,
    );
    expect(failure).toBeInstanceOf(ImportInputError);
    expect((failure as ImportInputError).locator).toEqual({ file: 'chat.txt', lineStart: 171, lineEnd: 150 });
    expect((failure as Error).message).toBe(
      'chat.txt (lines 171-150): a record could not be stored: its last line (150) comes before its first (171)',
    );
  });

  it('refuses, by its record, an attachment that breaks a rule of the attachments table', async () => {
    const { session, writer } = await write(opening);
    const encoder = new BatchEncoder();
    const attached = message(4, {
      attachments: [{ fileName: 'photo.jpg', mime: 'image/jpeg', pathInSource: null, present: false, missingReason: 'not downloaded' }],
    });
    for (const seq of [1, 2, 3]) encoder.add({ type: 'message', message: message(seq) });
    encoder.add({ type: 'message', message: attached });
    const batch = encoder.take();
    // The encoder only hands on attachments that keep the rules; the writer is the last line all the same.
    const [extras] = batch.extras;
    const broken: EventBatch = {
      ...batch,
      extras: [{ ...extras!, attachments: [{ ...extras!.attachments[0]!, present: true, sha256: null, missingReason: null }] }],
    };
    expect(() => writer.write(broken)).toThrow(
      'chat.txt (line 5): a record could not be stored: attachment "photo.jpg": it is present but has no SHA-256',
    );
    expect(session.db.prepare('SELECT count(*) FROM attachments').pluck().get()).toBe(0);
  });

  it('names the record that refers to a participant never described', async () => {
    const failure = await write([
      ...opening,
      { type: 'message', message: message(1) },
      { type: 'message', message: message(2, { senderKey: 'ghost' }) },
    ]).catch((err: unknown) => err);
    expect((failure as Error).message).toMatch(
      /^chat\.txt \(line 3\): a record could not be stored: a record refers to participant "ghost" before it was described/,
    );
  });
});
