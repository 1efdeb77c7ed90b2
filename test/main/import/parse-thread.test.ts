import { spawnSync } from 'node:child_process';
import { CancelledError } from '../../../common/domain/cancellation';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReadableDB } from '../../../db/connection';
import { closeCase } from '../../../main/cases/service';
import { custodianId, insertSource } from '../../../db/queries/import';
import type { EventBatch } from '../../../main/import/batch';
import { singleFile } from '../../../main/import/files';
import { parseBatches, parseInThread } from '../../../main/import/parse-thread';
import { DuplicateSourceError, ImportProblemsError, importSource, type ImportProgress } from '../../../main/import/run';
import { whatsapp } from '../../../main/import/whatsapp';
import { SourceWriter } from '../../../main/import/writer';
import { makeCase } from '../../helpers/case';
import { fixture } from '../../helpers/fixtures';
import { useTempDir } from '../../helpers/temp';
import { chatWithTail } from './whatsapp/long-chat';

const root = join(__dirname, '..', '..', '..');

const FIXTURES = [
  'whatsapp/android-en-GB-24h.txt',
  'whatsapp/android-en-US-12h.txt',
  'whatsapp/android-de.txt',
  'whatsapp/ios-en-GB.zip',
  'whatsapp/ios-en-GB',
  'sms/sms-backup-restore.xml',
  'telegram/result.json',
  'imessage',
  'cellebrite/ufdr-sample',
  'cellebrite/ufdr-sample.ufdr',
  'rsmf/core-group.rsmf',
  'bad/utf16le-bom.txt',
  'bad/telegram-invalid.json',
];

/** Everything an import writes, as stored (values and their SQLite types), minus when and from where it ran. */
function stored(db: ReadableDB): Record<string, unknown[]> {
  const rows = (query: string): unknown[] => db.prepare(query).raw().all();
  return {
    messages: rows(
      'SELECT *, typeof(body), typeof(sent_at_raw), typeof(locator_file), typeof(seq), typeof(locator_line_start) FROM messages ORDER BY id',
    ),
    attachments: rows('SELECT * FROM attachments ORDER BY id'),
    reactions: rows('SELECT * FROM reactions ORDER BY id'),
    conversations: rows('SELECT * FROM conversations ORDER BY id'),
    participants: rows('SELECT * FROM participants ORDER BY id'),
    members: rows('SELECT * FROM conversation_participants ORDER BY 1, 2'),
    notes: rows('SELECT * FROM source_notes ORDER BY id'),
    people: rows('SELECT * FROM people ORDER BY id'),
    sources: rows(
      `SELECT custodian_id, device_label, format, producer, producer_version, file_name, file_size, sha256, parser_version, time_zone,
         date_order, date_order_basis, message_count, conversation_count, participant_count, attachment_count FROM sources`,
    ),
  };
}

function generatedChat(dir: string, messages: number): string {
  const chat = join(dir, 'big.txt');
  const generated = spawnSync(
    process.execPath,
    [join(root, 'test', 'bench', 'gen-whatsapp.mjs'), '--messages', String(messages), '--seed', '11'],
    { maxBuffer: 1 << 30 },
  );
  writeFileSync(chat, generated.stdout);
  return chat;
}

describe('parsing in a thread of its own', () => {
  const tempDir = useTempDir();

  async function importWith(path: string, parseThread: boolean): Promise<Record<string, unknown[]>> {
    const session = makeCase(tempDir());
    try {
      await importSource(session.writable!, { path, custodian: 'Fiona Laird', timeZone: 'Europe/London' }, { actor: 't', parseThread });
      return stored(session.db);
    } finally {
      closeCase(session);
    }
  }

  it.each(FIXTURES)('%s is stored exactly as when it is parsed in the importing thread', async (input) => {
    const inThread = await importWith(fixture(input), false);
    expect(inThread.messages?.length).toBeGreaterThan(0);
    expect(await importWith(fixture(input), true)).toEqual(inThread);
  });

  it('stores a large chat the same either way, message ids in source order', async () => {
    const chat = generatedChat(tempDir(), 5_000);
    const inThread = await importWith(chat, false);
    expect(await importWith(chat, true)).toEqual(inThread);
    const ids = (inThread.messages as unknown[][]).map((row) => row[0]);
    expect(ids).toEqual(Array.from({ length: ids.length }, (_, i) => i + 1));
  });

  /**
   * The rows a WhatsApp chat's batches make, from a parse thread whose batches are first taken
   * `delayMs` after it started (it parses ahead meanwhile), or parsed in this thread.
   */
  async function rowsFromBatches(path: string, custodian: string, delayMs: number | null): Promise<Record<string, unknown[]>> {
    const options = { timeZone: 'Europe/London', custodianName: custodian };
    const files = singleFile(path);
    let batches: AsyncIterable<EventBatch> = parseBatches(files, whatsapp, options);
    if (delayMs !== null) {
      batches = parseInThread(path, 'whatsapp', options)!;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
    const session = makeCase(tempDir());
    try {
      const db = session.writable!;
      db.exec('BEGIN IMMEDIATE');
      const custodianRow = custodianId(db, custodian, 0);
      const sourceId = insertSource(db, {
        custodianId: custodianRow,
        deviceLabel: '',
        format: 'whatsapp',
        producer: null,
        producerVersion: null,
        fileName: 'chat.txt',
        filePath: path,
        fileSize: 1,
        sha256: 'a'.repeat(64),
        importedAt: 0,
        importedBy: 't',
        parserVersion: 'whatsapp/1',
        timeZone: 'Europe/London',
      });
      const writer = new SourceWriter(db, 'chat.txt', sourceId, custodianRow);
      for await (const batch of batches) writer.write(batch);
      writer.finish();
      db.exec('COMMIT');
      return stored(session.db);
    } finally {
      await files.close();
      closeCase(session);
    }
  }

  // The thread parses ahead before its batches are taken; the last two are files whose end settles
  // what the start of the file does not.
  it.each([
    ['the start settles everything', '13/03/2020, 09:00 - Ann Gray: a day past the 12th, read day first'],
    ['the custodian first writes at the end', '12/03/2020, 11:00 - Dan Ross: the custodian, at last'],
    ['only the end shows the dates are month first', '03/25/2020, 09:00 - Ann Gray: the 25th, so month first'],
  ])('a thread that parsed ahead sends the batches a parse in place makes, when %s', async (_, tail) => {
    const chat = chatWithTail(tempDir(), 40_000, [tail]);
    const inPlace = await rowsFromBatches(chat, 'Dan Ross', null);
    expect(inPlace.messages).toHaveLength(40_001);
    expect(await rowsFromBatches(chat, 'Dan Ross', 400)).toEqual(inPlace);
  });

  it("reports a parser's error from the thread with the file, line and what was wrong, and changes nothing", async () => {
    const session = makeCase(tempDir());
    await expect(
      importSource(
        session.writable!,
        { path: fixture('bad/truncated.xml'), custodian: 'Tom Reid', timeZone: 'Europe/London', strict: true },
        { actor: 't', parseThread: true },
      ),
    ).rejects.toThrow(/truncated\.xml.*line 6.*ends inside the start tag of <sms>/s);
    expect(
      session.db
        .prepare('SELECT (SELECT count(*) FROM sources) + (SELECT count(*) FROM messages) + (SELECT count(*) FROM custodians)')
        .pluck()
        .get(),
    ).toBe(0);
    closeCase(session);
  });

  it('reports the problems a parse found in the thread, each with where it is, and changes nothing', async () => {
    const dir = tempDir();
    const export_ = join(dir, 'result.json');
    writeFileSync(export_, '{"about": "a settings file, not an export"}');
    const session = makeCase(dir);
    const failure = await importSource(
      session.writable!,
      { path: export_, custodian: 'Tom Reid', timeZone: 'Europe/London' },
      { actor: 't', parseThread: true },
    ).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(ImportProblemsError);
    expect((failure as Error).message).toMatch(
      /result\.json could not be imported: 1 problem found\. Nothing was changed\.\n {2}- not a Telegram Desktop export: it has neither a "messages" array nor a "chats" list \(result\.json\)/,
    );
    expect(session.db.prepare('SELECT (SELECT count(*) FROM sources) + (SELECT count(*) FROM messages)').pluck().get()).toBe(0);
    closeCase(session);
  });

  it('imports a chat whose first lines precede any header through the thread, keeping those lines as a note', async () => {
    const dir = tempDir();
    const chat = join(dir, 'preamble.txt');
    writeFileSync(chat, `not a message\nnor this\n${readFileSync(fixture('whatsapp/android-en-GB-24h.txt'), 'utf8')}`);
    const session = makeCase(dir);
    const summary = await importSource(
      session.writable!,
      { path: chat, custodian: 'Tom Reid', timeZone: 'Europe/London' },
      { actor: 't', parseThread: true },
    );
    expect(summary.notes.warnings).toBeGreaterThanOrEqual(1);
    const note = session.db.prepare("SELECT message FROM source_notes WHERE message LIKE '2 line(s) before%'").pluck().get();
    expect(note).toMatch(/kept here as written:\nnot a message\nnor this$/);
    closeCase(session);
  });

  it("refuses a file imported before, by the fingerprint taken as the chat's first pass read it", async () => {
    const path = fixture('whatsapp/android-en-GB-24h.txt');
    const session = makeCase(tempDir());
    const request = { path, custodian: 'Fiona Laird', timeZone: 'Europe/London' };
    const summary = await importSource(session.writable!, request, { actor: 't', parseThread: true });
    expect(summary.sha256).toBe(createHash('sha256').update(readFileSync(path)).digest('hex'));
    await expect(importSource(session.writable!, request, { actor: 't', parseThread: true })).rejects.toThrow(DuplicateSourceError);
    await expect(importSource(session.writable!, request, { actor: 't', parseThread: false })).rejects.toThrow(DuplicateSourceError);
    expect(session.db.prepare('SELECT count(*) FROM sources').pluck().get()).toBe(1);
    closeCase(session);
  });

  it('leaves nothing behind when cancelled while the thread parses', async () => {
    const dir = tempDir();
    const chat = generatedChat(dir, 20_000);
    const session = makeCase(dir);
    const token = { isCancellationRequested: false };
    const phases: ImportProgress['phase'][] = [];
    const onProgress = (progress: ImportProgress): void => {
      phases.push(progress.phase);
      if (progress.phase === 'reading' && progress.messages > 0) token.isCancellationRequested = true;
    };
    await expect(
      importSource(
        session.writable!,
        { path: chat, custodian: 'Tom Reid', timeZone: 'Europe/London' },
        { actor: 't', token, onProgress, parseThread: true },
      ),
    ).rejects.toThrow(CancelledError);
    expect(phases).toContain('reading');
    expect(
      session.db
        .prepare('SELECT (SELECT count(*) FROM sources) + (SELECT count(*) FROM messages) + (SELECT count(*) FROM custodians)')
        .pluck()
        .get(),
    ).toBe(0);
    closeCase(session);
  });
});
