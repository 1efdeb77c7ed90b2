import Database from 'better-sqlite3';
import { CancelledError } from '../../../common/domain/cancellation';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyAudit } from '../../../main/audit/log';
import { closeCase, openCase } from '../../../main/cases/service';
import { DuplicateSourceError, importSource } from '../../../main/import/run';
import { makeCase } from '../../helpers/case';
import { expected } from '../../helpers/expected';
import { fixture } from '../../helpers/fixtures';
import { useTempDir } from '../../helpers/temp';

const root = join(__dirname, '..', '..', '..');
const sha256 = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');
const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

async function importInto(dir: string, path: string, custodian = 'Fiona Laird') {
  const session = makeCase(dir);
  const summary = await importSource(session.writable!, { path, custodian, timeZone: 'Europe/London' }, { actor: 'test-reviewer' });
  return { session, summary };
}

const GOOD: readonly [string, string][] = [
  ['whatsapp/android-en-GB-24h.txt', 'whatsapp/android-en-GB-24h.txt'],
  ['whatsapp/android-en-US-12h.txt', 'whatsapp/android-en-US-12h.txt'],
  ['whatsapp/android-de.txt', 'whatsapp/android-de.txt'],
  ['whatsapp/ios-en-GB.zip', 'whatsapp/ios-en-GB.zip'],
  ['whatsapp/ios-en-GB', 'whatsapp/ios-en-GB/_chat.txt'],
  ['sms/sms-backup-restore.xml', 'sms/sms-backup-restore.xml'],
  ['telegram/result.json', 'telegram/result.json'],
  ['imessage', 'imessage/chat.db'],
  ['cellebrite/ufdr-sample', 'cellebrite/ufdr-sample/report.xml'],
  ['cellebrite/ufdr-sample.ufdr', 'cellebrite/ufdr-sample/report.xml'],
  ['rsmf/core-group.rsmf', 'rsmf/core-group.rsmf'],
  ['bad/utf16le-bom.txt', 'bad/utf16le-bom.txt'],
  ['bad/telegram-invalid.json', 'bad/telegram-invalid.json'],
];

describe('importing every fixture into a case', () => {
  const tempDir = useTempDir();

  it.each(GOOD)('%s lands with the expected figures and full provenance', async (input, figuresFor) => {
    const want = expected(figuresFor);
    const { session, summary } = await importInto(tempDir(), fixture(input));
    const db = session.db;
    const one = <T>(query: string): T => db.prepare(query).pluck().get() as T;

    expect(summary.messages).toBe(want.user_messages + want.system_messages);
    expect(summary.conversations).toBe(want.conversations);
    expect(one("SELECT count(*) FROM messages WHERE kind = 'system'")).toBe(want.system_messages);
    expect(one("SELECT count(*) FROM messages WHERE deleted <> 'none'")).toBe(want.deleted);
    expect(one("SELECT count(*) FROM messages WHERE edited <> 'none'")).toBe(want.edited);
    expect(one('SELECT count(*) FROM attachments')).toBe(want.attachments);
    expect(one('SELECT count(*) FROM attachments WHERE present = 1')).toBe(want.attachment_files_present);
    expect(iso(one<number>('SELECT min(sent_at) FROM messages'))).toBe(want.earliest_utc);
    expect(iso(one<number>('SELECT max(sent_at) FROM messages'))).toBe(want.latest_utc);

    // Provenance: every message points back into the source, and the source is identified by its hash.
    expect(one("SELECT count(*) FROM messages WHERE locator_file = '' OR (locator_line_start IS NULL AND locator_record IS NULL)")).toBe(0);
    const source = db.prepare('SELECT sha256, file_size AS size, parser_version AS parser FROM sources').get() as {
      sha256: string;
      size: number;
      parser: string;
    };
    if (statSync(fixture(input)).isFile())
      expect(source).toMatchObject({ sha256: sha256(fixture(input)), size: statSync(fixture(input)).size });
    expect(source.parser).toMatch(/\/\d+$/);
    expect(one('SELECT count(*) FROM attachments WHERE present = 1 AND (sha256 IS NULL OR size IS NULL)')).toBe(0);
    expect(verifyAudit(db)).toMatchObject({ ok: true, entries: 2 });
    // The rows were written with SQLite enforcing every rule: every CHECK, NOT NULL and foreign key
    // holds, and the enforcement is as the connection had it.
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect([db.pragma('foreign_keys', { simple: true }), db.pragma('ignore_check_constraints', { simple: true })]).toEqual([1, 0]);
    closeCase(session);
  });

  it('records the repairs it made on the source, for the reviewer to see', async () => {
    const { session } = await importInto(tempDir(), fixture('bad/telegram-invalid.json'));
    const repairs = session.db.prepare("SELECT message FROM source_notes WHERE kind = 'repair'").pluck().all();
    expect(repairs).toHaveLength(2);
    // The escaped backslash before "x" was not a \xNN escape, so the path survives intact.
    expect(session.db.prepare('SELECT count(*) FROM messages WHERE instr(body, ?) > 0').pluck().get('C:\\xfer\\figures.xlsx')).toBe(1);
    closeCase(session);
  });

  it.each([
    ['telegram/result.json', 2],
    ['rsmf/core-group.rsmf', 1],
  ])('links replies in %s to the messages they answer', async (input, replies) => {
    const { session } = await importInto(tempDir(), fixture(input));
    const linked = session.db
      .prepare(
        `SELECT count(*) FROM messages m JOIN messages t ON t.id = m.reply_to_message_id
         WHERE t.conversation_id = m.conversation_id AND t.external_id = m.reply_to_external_id`,
      )
      .pluck()
      .get();
    expect(linked).toBe(replies);
    expect(session.db.prepare('SELECT count(*) FROM messages WHERE reply_to_external_id IS NOT NULL').pluck().get()).toBe(replies);
    closeCase(session);
  });

  it('stores the time-zone assumption for WhatsApp times', async () => {
    const { session } = await importInto(tempDir(), fixture('whatsapp/android-en-GB-24h.txt'));
    expect(session.db.prepare('SELECT DISTINCT tz_basis FROM messages').pluck().all()).toEqual(['assumed:Europe/London']);
    expect(session.db.prepare("SELECT count(*) FROM source_notes WHERE kind = 'assumption'").pluck().get()).toBeGreaterThan(0);
    closeCase(session);
  });
});

describe('imports are all or nothing', () => {
  const tempDir = useTempDir();

  /** The case file's bytes after its connection is closed (so the WAL is folded in). */
  function caseBytes(path: string): string {
    return sha256(path);
  }

  it.each([
    ['bad/empty.txt', /empty/],
    ['bad/binary-garbage.txt', /not a recognised export/],
    ['bad/not-a-chat.txt', /no WhatsApp message header/],
    // Cut off inside a record: imported but for that record, unless strict (sms-backup-restore.test.ts).
    ['bad/truncated.xml', /line 6.*ends inside the start tag of <sms>/s, true],
    ['bad/billion-laughs.xml', /line 3.*DTDs and entity declarations are not allowed/],
    ['bad/traversal.zip', /"\.\.\/\.\.\/evil\.txt" climbs out of the archive/],
    ['bad/zip-bomb.zip', /zip bomb/],
  ])('rejects %s with a specific message and leaves the case byte-for-byte unchanged', async (bad, message, strict = false) => {
    const dir = tempDir();
    const session = makeCase(dir);
    const path = session.path;
    closeCase(session);
    const before = caseBytes(path);
    const reopened = openCase(path);
    await expect(
      importSource(reopened.writable!, { path: fixture(bad), custodian: 'Tom Reid', timeZone: 'Europe/London', strict }, { actor: 't' }),
    ).rejects.toThrow(message);
    closeCase(reopened);
    expect(caseBytes(path)).toBe(before);
    expect(existsSync(join(dir, 'evil.txt'))).toBe(false);
  });

  it('enforces foreign keys and CHECK rules again after an import that failed', async () => {
    const session = makeCase(tempDir());
    const db = session.writable!;
    await expect(
      importSource(
        db,
        { path: fixture('bad/truncated.xml'), custodian: 'Tom Reid', timeZone: 'Europe/London', strict: true },
        { actor: 't' },
      ),
    ).rejects.toThrow(/line 6/);
    expect([db.pragma('foreign_keys', { simple: true }), db.pragma('ignore_check_constraints', { simple: true })]).toEqual([1, 0]);
    expect(() => db.prepare("INSERT INTO custodians (name, created_at) VALUES (' ', 0)").run()).toThrow(/CHECK constraint failed/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO sources (custodian_id, device_label, format, file_name, file_path, file_size, sha256, imported_at, imported_by, parser_version, time_zone) VALUES (99, '', 'whatsapp', 'f', 'f', 1, ?, 0, 'x', '1', 'Europe/London')",
        )
        .run('0'.repeat(64)),
    ).toThrow(/FOREIGN KEY constraint failed/);
    closeCase(session);
  });

  it('refuses the same file twice, naming the earlier import', async () => {
    const { session } = await importInto(tempDir(), fixture('telegram/result.json'));
    await expect(
      importSource(
        session.writable!,
        { path: fixture('telegram/result.json'), custodian: 'Euan Baird', timeZone: 'Europe/London' },
        { actor: 't' },
      ),
    ).rejects.toThrow(DuplicateSourceError);
    expect(session.db.prepare('SELECT count(*) FROM sources').pluck().get()).toBe(1);
    closeCase(session);
  });

  it('leaves nothing behind when cancelled', async () => {
    const session = makeCase(tempDir());
    await expect(
      importSource(
        session.writable!,
        { path: fixture('whatsapp/android-en-GB-24h.txt'), custodian: 'Tom Reid', timeZone: 'Europe/London' },
        { actor: 't', token: { isCancellationRequested: true } },
      ),
    ).rejects.toThrow(CancelledError);
    expect(
      session.db
        .prepare('SELECT (SELECT count(*) FROM sources) + (SELECT count(*) FROM messages) + (SELECT count(*) FROM custodians)')
        .pluck()
        .get(),
    ).toBe(0);
    closeCase(session);
  });

  // Two processes (the generator, then the CLI import to kill): a few seconds on a quiet machine, 28 s at load 17.
  it('survives SIGKILL midway: the case opens, passes integrity_check and holds no part of that source', async () => {
    const dir = tempDir();
    const session = makeCase(dir);
    const path = session.path;
    closeCase(session);
    const chat = join(dir, 'big.txt');
    const generated = spawnSync(
      process.execPath,
      [join(root, 'test', 'bench', 'gen-whatsapp.mjs'), '--messages', '300000', '--seed', '7'],
      { maxBuffer: 1 << 30 },
    );
    writeFileSync(chat, generated.stdout);

    const child = spawn(process.execPath, [join(root, 'bin', 'disclosure-desk.cjs'), 'import', path, chat, '--custodian', 'Tom Reid'], {
      stdio: 'ignore',
    });
    // Wait until the import is visibly under way (its uncommitted pages are in the WAL), then kill it.
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && !(existsSync(`${path}-wal`) && statSync(`${path}-wal`).size > 4 * 1024 * 1024)) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(statSync(`${path}-wal`).size).toBeGreaterThan(4 * 1024 * 1024);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));

    const db = new Database(path);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(
      db
        .prepare('SELECT (SELECT count(*) FROM sources) + (SELECT count(*) FROM messages) + (SELECT count(*) FROM conversations)')
        .pluck()
        .get(),
    ).toBe(0);
    db.close();
    const reopened = openCase(path);
    expect(verifyAudit(reopened.db).ok).toBe(true);
    closeCase(reopened);
  }, 90_000);
});

describe('people and duplicates across sources', () => {
  const tempDir = useTempDir();

  it('groups the same group chat collected from two custodians, and resolves their numbers to one person', async () => {
    const dir = tempDir();
    const original = readFileSync(fixture('whatsapp/android-en-GB-24h.txt'), 'utf8');
    // The same chat exported from another member's phone a day later: same messages, one more at the end.
    const otherPhone = join(dir, 'WhatsApp Chat with Covid Core Group.txt');
    writeFileSync(otherPhone, `${original}19/04/2022, 09:00 - Priya Nair: Morning all\n`);
    const { session } = await importInto(dir, fixture('whatsapp/android-en-GB-24h.txt'), 'Fiona Laird');
    const second = await importSource(
      session.writable!,
      { path: otherPhone, custodian: 'Priya Nair', timeZone: 'Europe/London' },
      { actor: 't' },
    );
    const db = session.db;
    expect(second.duplicatesGrouped).toBeGreaterThan(0);
    const spread = db
      .prepare('SELECT count(DISTINCT source_id) FROM messages WHERE duplicate_group_id IS NOT NULL GROUP BY duplicate_group_id')
      .pluck()
      .all() as number[];
    expect(spread.every((n) => n === 2)).toBe(true);
    expect(db.prepare("SELECT count(*) FROM messages WHERE body = 'Morning all' AND duplicate_group_id IS NOT NULL").pluck().get()).toBe(0);
    closeCase(session);
  });

  it('normalises phone numbers written differently to one person (E.164)', async () => {
    const { session } = await importInto(tempDir(), fixture('sms/sms-backup-restore.xml'), 'Tom Reid');
    const fionaHandles = session.db
      .prepare(
        "SELECT DISTINCT pi.value FROM participants p JOIN person_identifiers pi ON pi.person_id = p.person_id WHERE p.handle LIKE '%900101%'",
      )
      .pluck()
      .all();
    expect(fionaHandles).toEqual(['+447700900101']);
    closeCase(session);
  });
});
