/**
 * Evidence is never written: importing any input leaves its folder exactly as it was (every name, every
 * byte, no new file), and a symbolic link in an export is noted, never followed.
 */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  cpSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeCase } from '../../../main/cases/service';
import { privateDatabaseCopy } from '../../../main/import/private-copy';
import { importSource } from '../../../main/import/run';
import { makeCase } from '../../helpers/case';
import { fixture } from '../../helpers/fixtures';
import { useTempDir } from '../../helpers/temp';

// The project's own copy of every sample export, the shared ones included.
const ROOTS = [fixture('.')];

/** Every name under `root` with its kind and content (bytes hashed, link targets as they read), without following links. */
function snapshot(root: string): Record<string, string> {
  const seen: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      const key = relative(root, full);
      const stats = lstatSync(full);
      if (stats.isSymbolicLink()) seen[key] = `link -> ${readlinkSync(full)}`;
      else if (stats.isDirectory()) {
        seen[key] = 'folder';
        walk(full);
      } else seen[key] = `file ${stats.mode.toString(8)} ${createHash('sha256').update(readFileSync(full)).digest('hex')}`;
    }
  };
  walk(root);
  return seen;
}

/** Every input under a fixtures root: each format folder and everything directly in it. */
function inputsUnder(root: string): string[] {
  const formats = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory());
  return formats.flatMap((d) => [d.name, ...readdirSync(join(root, d.name)).map((name) => `${d.name}/${name}`)]).sort();
}

async function importQuietly(dir: string, path: string): Promise<void> {
  const session = makeCase(dir, `case-${createHash('sha256').update(path).digest('hex').slice(0, 8)}.ddcase`);
  try {
    await importSource(
      session.writable!,
      { path, custodian: 'Fiona Laird', timeZone: 'Europe/London' },
      { actor: 'test-reviewer', parseThread: false },
    );
  } catch {
    // Refusing an input is fine here; writing to it is not.
  }
  closeCase(session);
}

describe('importing never writes to the evidence', () => {
  const tempDir = useTempDir();

  for (const root of ROOTS) {
    it.each(inputsUnder(root))(`${root}: %s leaves its folder byte-for-byte as it was`, async (input) => {
      const before = snapshot(root);
      await importQuietly(tempDir(), join(root, input));
      expect(snapshot(root)).toEqual(before);
    });
  }

  /** A copy of the fixture chat.db switched to WAL mode, as real iOS/macOS chat.db files are. */
  function walChatDb(dir: string): string {
    const evidence = join(dir, 'evidence');
    cpSync(fixture('imessage'), evidence, { recursive: true });
    const db = new Database(join(evidence, 'chat.db'));
    db.pragma('journal_mode = WAL');
    db.close();
    expect(readFileSync(join(evidence, 'chat.db'))[18]).toBe(2);
    expect(readdirSync(evidence).sort()).toEqual(['Attachments', 'chat.db']);
    return evidence;
  }

  it.each(['folder', 'chat.db'])('a WAL-mode chat.db (imported as its %s) gains no -wal or -shm beside it', async (pick) => {
    const dir = tempDir();
    const evidence = walChatDb(dir);
    const before = snapshot(evidence);
    await importQuietly(dir, pick === 'folder' ? evidence : join(evidence, 'chat.db'));
    expect(snapshot(evidence)).toEqual(before);
  });

  it('reads the messages a chat.db holds only in its -wal, and leaves both files as they were', async () => {
    const dir = tempDir();
    const evidence = walChatDb(dir);
    // A live database: a change committed to the -wal and not yet checkpointed into chat.db.
    const live = join(dir, 'live');
    mkdirSync(live);
    copyFileSync(join(evidence, 'chat.db'), join(live, 'chat.db'));
    const db = new Database(join(live, 'chat.db'));
    db.pragma('wal_autocheckpoint = 0');
    db.prepare(
      "UPDATE message SET text = 'Only in the write-ahead log' WHERE ROWID = (SELECT min(ROWID) FROM message WHERE text IS NOT NULL)",
    ).run();
    copyFileSync(join(live, 'chat.db-wal'), join(evidence, 'chat.db-wal'));
    db.close();
    const before = snapshot(evidence);

    const session = makeCase(dir);
    await importSource(
      session.writable!,
      { path: evidence, custodian: 'Fiona Laird', timeZone: 'Europe/London' },
      { actor: 't', parseThread: false },
    );
    expect(session.db.prepare("SELECT count(*) FROM messages WHERE body = 'Only in the write-ahead log'").pluck().get()).toBe(1);
    closeCase(session);
    expect(snapshot(evidence)).toEqual(before);
  });

  it('does not follow a symbolic link beside a single chat file: notes it instead of hashing what it points at', async () => {
    const dir = tempDir();
    const evidence = join(dir, 'evidence');
    mkdirSync(evidence);
    const secret = join(dir, 'outside', 'shadow');
    mkdirSync(join(dir, 'outside'));
    writeFileSync(secret, 'root:$6$not-evidence:19000:0:99999:7:::\n');
    copyFileSync(fixture('whatsapp/android-en-GB-24h.txt'), join(evidence, 'chat.txt'));
    symlinkSync(secret, join(evidence, 'Levels_framework_v3.pdf'));
    const before = snapshot(evidence);

    const session = makeCase(dir);
    await importSource(
      session.writable!,
      { path: join(evidence, 'chat.txt'), custodian: 'Tom Reid', timeZone: 'Europe/London' },
      { actor: 't', parseThread: false },
    );
    const attachment = session.db
      .prepare("SELECT present, sha256, size FROM attachments WHERE file_name = 'Levels_framework_v3.pdf'")
      .get();
    expect(attachment).toEqual({ present: 0, sha256: null, size: null });
    const secretHash = createHash('sha256').update(readFileSync(secret)).digest('hex');
    expect(session.db.prepare('SELECT count(*) FROM attachments WHERE sha256 = ?').pluck().get(secretHash)).toBe(0);
    const notes = session.db.prepare('SELECT message FROM source_notes').pluck().all() as string[];
    expect(notes.filter((n) => /Levels_framework_v3\.pdf.*symbolic link.*not followed/.test(n))).toHaveLength(1);
    closeCase(session);
    expect(snapshot(evidence)).toEqual(before);
  });

  it('does not follow a symbolic link beside an RSMF manifest', async () => {
    const dir = tempDir();
    const evidence = join(dir, 'evidence');
    mkdirSync(evidence);
    writeFileSync(join(dir, 'secret'), 'not evidence');
    copyFileSync(fixture('rsmf/core-group.rsmf_manifest.json'), join(evidence, 'rsmf_manifest.json'));
    symlinkSync(join(dir, 'secret'), join(evidence, 'IMG-20210105-WA0003.jpg'));
    const before = snapshot(evidence);

    const session = makeCase(dir);
    await importSource(
      session.writable!,
      { path: join(evidence, 'rsmf_manifest.json'), custodian: 'Tom Reid', timeZone: 'Europe/London' },
      { actor: 't', parseThread: false },
    );
    expect(session.db.prepare("SELECT present, sha256 FROM attachments WHERE file_name = 'IMG-20210105-WA0003.jpg'").get()).toEqual({
      present: 0,
      sha256: null,
    });
    const notes = session.db.prepare('SELECT message FROM source_notes').pluck().all() as string[];
    expect(notes.filter((n) => /IMG-20210105-WA0003\.jpg.*symbolic link.*not followed/.test(n))).toHaveLength(1);
    closeCase(session);
    expect(snapshot(evidence)).toEqual(before);
  });

  it('notes a symbolic link inside an imported folder (it is not followed)', async () => {
    const dir = tempDir();
    const evidence = join(dir, 'evidence');
    cpSync(fixture('imessage'), evidence, { recursive: true });
    const photo = join(evidence, 'Attachments/3c/12/5E1C2A9B-0C4D-4F6E-8A1B-3C5D7E9F1A20/IMG_0412.jpeg');
    rmSync(photo);
    writeFileSync(join(dir, 'elsewhere.jpeg'), 'not from the phone');
    symlinkSync(join(dir, 'elsewhere.jpeg'), photo);

    const session = makeCase(dir);
    await importSource(
      session.writable!,
      { path: evidence, custodian: 'Fiona Laird', timeZone: 'Europe/London' },
      { actor: 't', parseThread: false },
    );
    expect(session.db.prepare('SELECT count(*) FROM attachments WHERE present = 1').pluck().get()).toBe(0);
    const notes = session.db.prepare('SELECT message FROM source_notes').pluck().all() as string[];
    expect(notes.filter((n) => /IMG_0412\.jpeg.*symbolic link.*not followed/.test(n))).toHaveLength(1);
    closeCase(session);
  });

  it('notes a symbolic link met by the parse thread as well', async () => {
    const dir = tempDir();
    const evidence = join(dir, 'evidence');
    mkdirSync(evidence);
    writeFileSync(join(dir, 'secret'), 'not evidence');
    copyFileSync(fixture('whatsapp/android-en-GB-24h.txt'), join(evidence, 'chat.txt'));
    symlinkSync(join(dir, 'secret'), join(evidence, 'Levels_framework_v3.pdf'));

    const session = makeCase(dir);
    await importSource(
      session.writable!,
      { path: join(evidence, 'chat.txt'), custodian: 'Tom Reid', timeZone: 'Europe/London' },
      { actor: 't', parseThread: true },
    );
    expect(session.db.prepare('SELECT count(*) FROM attachments WHERE present = 1').pluck().get()).toBe(0);
    const notes = session.db.prepare('SELECT message FROM source_notes').pluck().all() as string[];
    expect(notes.filter((n) => /symbolic link/.test(n))).toHaveLength(1);
    closeCase(session);
  });

  it('reads a database from a private copy it deletes afterwards, and deletes copies a killed import left', () => {
    const dir = tempDir();
    const evidence = walChatDb(dir);
    const root = join(dir, 'tmp');
    mkdirSync(root);
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    mkdirSync(join(root, `disclosure-desk-source-${gone}-abc123`));
    mkdirSync(join(root, `disclosure-desk-source-${process.pid}-def456`));
    writeFileSync(join(root, `disclosure-desk-source-${gone}-abc123`, 'chat.db'), 'left by a crash');

    const copy = privateDatabaseCopy(join(evidence, 'chat.db'), root);
    expect(readdirSync(root).sort()).toEqual(
      [`disclosure-desk-source-${process.pid}-def456`, relative(root, join(copy.path, '..'))].sort(),
    );
    expect(lstatSync(join(copy.path, '..')).mode & 0o777).toBe(0o700);
    copy.dispose();
    expect(readdirSync(root)).toEqual([`disclosure-desk-source-${process.pid}-def456`]);
  });
});
