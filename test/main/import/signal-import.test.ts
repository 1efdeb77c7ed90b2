/**
 * A signal-export folder into a case, through the same import as every format (and the CLI): exact counts
 * of what lands, attachment bytes kept from media/, replies linked, and the source's notes saying what
 * signal-export changed and how its times were read.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli';
import { importSource } from '../../../main/import/run';
import { makeCase } from '../../helpers/case';
import { fixture } from '../../helpers/fixtures';
import { useTempDir } from '../../helpers/temp';
import { storedZip } from '../../helpers/zip';

const tempDir = useTempDir();

function filesUnder(root: string): [string, Buffer][] {
  const found: [string, Buffer][] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else found.push([relative(root, full).split(sep).join('/'), readFileSync(full)]);
    }
  };
  walk(root);
  return found;
}

describe('importing a signal-export folder', () => {
  it('lands every chat, message, participant, reaction, reply and attachment, with the source’s notes', async () => {
    const session = makeCase(tempDir());
    const db = session.writable!;
    const summary = await importSource(
      db,
      { path: fixture('signal/export'), custodian: 'Euan Baird', timeZone: 'Europe/London' },
      { actor: 'test-reviewer' },
    );
    expect(summary).toMatchObject({ format: 'signal', conversations: 2, messages: 19, participants: 4, attachments: 5 });
    expect(summary.notes).toEqual({ warnings: 3, repairs: 0, assumptions: 2 });
    const count = (sql: string): number => db.prepare(sql).pluck().get() as number;
    expect(db.prepare('SELECT format, producer, parser_version AS parserVersion FROM sources').get()).toEqual({
      format: 'signal',
      producer: 'signal-export',
      parserVersion: 'signal/1',
    });
    expect(db.prepare('SELECT title, kind, platform FROM conversations ORDER BY title').all()).toEqual([
      { title: 'Covid Core Group', kind: 'group', platform: 'signal' },
      { title: 'Priya Nair', kind: 'direct', platform: 'signal' },
    ]);
    expect(count('SELECT count(*) FROM reactions')).toBe(4);
    expect(count('SELECT count(*) FROM reactions WHERE participant_id IS NULL')).toBe(0);
    expect(count("SELECT count(*) FROM messages WHERE kind = 'call'")).toBe(2);
    expect(count("SELECT count(*) FROM messages WHERE deleted = 'placeholder'")).toBe(1);
    expect(count("SELECT count(*) FROM messages WHERE direction = 'outgoing'")).toBe(6);
    expect(count('SELECT count(*) FROM messages WHERE sender_participant_id IS NULL')).toBe(1);
    // Each reply is linked to the message it quoted, in its own conversation.
    expect(
      db
        .prepare(
          `SELECT r.locator_line_start AS line, t.locator_line_start AS target, c.title FROM messages r
             JOIN messages t ON t.id = r.reply_to_message_id JOIN conversations c ON c.id = r.conversation_id ORDER BY r.id`,
        )
        .all(),
    ).toEqual([
      { line: 6, target: 2, title: 'Covid Core Group' },
      { line: 3, target: 2, title: 'Priya Nair' },
      { line: 7, target: 6, title: 'Priya Nair' },
    ]);
    expect(
      db.prepare('SELECT file_name AS name, present, kept, missing_reason IS NOT NULL AS hasReason FROM attachments ORDER BY id').all(),
    ).toEqual([
      { name: 'Briefing note v2.pdf', present: 1, kept: 1, hasReason: 0 },
      { name: 'lines.docx', present: 0, kept: 0, hasReason: 1 },
      { name: '7.webp', present: 1, kept: 1, hasReason: 0 },
      { name: 'IMG_0500.jpg', present: 0, kept: 0, hasReason: 1 },
      { name: 'IMG_0412.jpg', present: 1, kept: 1, hasReason: 0 },
    ]);
    const jpeg = readFileSync(fixture('signal/export/Priya Nair/media/IMG_0412.jpg'));
    expect(db.prepare("SELECT size FROM attachments WHERE file_name = 'IMG_0412.jpg'").pluck().get()).toBe(jpeg.length);
    expect(db.prepare('SELECT kind FROM source_notes ORDER BY id').pluck().all()).toEqual([
      'warning',
      'assumption',
      'warning',
      'warning',
      'assumption',
    ]);
  });

  it('imports a zip of the export as the folder, detected from its content', async () => {
    const zip = join(tempDir(), 'signal-export.zip');
    writeFileSync(zip, storedZip(filesUnder(fixture('signal/export')).map(([name, bytes]) => [`signal-export/${name}`, bytes] as const)));
    const session = makeCase(tempDir());
    const summary = await importSource(
      session.writable!,
      { path: zip, custodian: 'Euan Baird', timeZone: 'Europe/London' },
      { actor: 'test-reviewer' },
    );
    expect(summary).toMatchObject({ format: 'signal', conversations: 2, messages: 19, participants: 4, attachments: 5 });
    expect(session.writable!.prepare('SELECT count(*) FROM attachments WHERE kept = 1').pluck().get()).toBe(3);
  });

  it('imports the same in a parse thread of its own', async () => {
    const session = makeCase(tempDir());
    const summary = await importSource(
      session.writable!,
      { path: fixture('signal/export'), custodian: 'Euan Baird', timeZone: 'Europe/London' },
      { actor: 'test-reviewer', parseThread: true },
    );
    expect(summary).toMatchObject({ format: 'signal', conversations: 2, messages: 19, participants: 4, attachments: 5 });
    expect(session.writable!.prepare('SELECT count(*) FROM messages WHERE reply_to_message_id IS NOT NULL').pluck().get()).toBe(3);
  });

  it('changes nothing when a broken line is refused with strict', async () => {
    const session = makeCase(tempDir());
    await expect(
      importSource(
        session.writable!,
        { path: fixture('signal/bad/broken-line'), custodian: 'Euan Baird', timeZone: 'Europe/London', strict: true },
        { actor: 'test-reviewer' },
      ),
    ).rejects.toThrow(
      /broken-line could not be imported: 1 problem found\. Nothing was changed\.\n {2}- line 3 of Priya Nair\/data\.json is not a message/,
    );
    expect(session.writable!.prepare('SELECT count(*) FROM sources').pluck().get()).toBe(0);
  });
});

describe('disclosure-desk import of a Signal export', () => {
  it('imports with --format signal and prints the source’s notes', async () => {
    const dir = tempDir();
    const path = join(dir, 'c.ddcase');
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t) };
    expect(await runCli(['create', path, '--name', 'C'], io, { settingsDir: dir })).toBe(0);
    out.length = 0;
    const code = await runCli(['import', path, fixture('signal/export'), '--custodian', 'Euan Baird', '--format', 'signal'], io, {
      settingsDir: dir,
    });
    expect(err.join('\n')).toBe('');
    expect(code).toBe(0);
    expect(out[0]).toMatch(/^Imported export \(signal\): 19 messages in 2 conversations, /);
    expect(out.join('\n')).toContain('signal-export is a lossy source');
  });
});
