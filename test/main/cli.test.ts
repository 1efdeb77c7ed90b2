import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../main/cli';
import { useTempDir } from '../helpers/temp';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('disclosure-desk create and stats', () => {
  const tempDir = useTempDir();

  it('creates a case and reports zero counts as JSON', async () => {
    const path = join(tempDir(), 'x.ddcase');
    const created = await cli('create', path, '--name', 'X', '--prefix', 'SG', '--tz', 'Europe/London', '--json');
    expect(created.code).toBe(0);
    expect(JSON.parse(created.out)).toMatchObject({ name: 'X', referencePrefix: 'SG', path });
    const stats = await cli('stats', path, '--json');
    expect(stats.code).toBe(0);
    expect(JSON.parse(stats.out)).toMatchObject({
      custodians: 0,
      sources: 0,
      conversations: 0,
      messages: 0,
      participants: 0,
      attachments: 0,
    });
  });

  it('exits 2 with the usage on wrong usage', async () => {
    for (const argv of [
      [],
      ['frobnicate'],
      ['create'],
      ['create', '/tmp/a.ddcase'],
      ['stats', '--bogus', 'x'],
      ['create', '/tmp/a.ddcase', '--name', 'x', '--prefix', 'no good'],
    ]) {
      const result = await cli(...argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.err).toMatch(/Usage|unknown command/);
    }
  });

  it('exits 1 with a plain message when the work fails', async () => {
    const dir = tempDir();
    const missing = await cli('stats', join(dir, 'nowhere.ddcase'));
    expect(missing).toMatchObject({ code: 1, err: expect.stringContaining('No case file at') });
    const path = join(dir, 'dup.ddcase');
    await cli('create', path, '--name', 'Once');
    expect(await cli('create', path, '--name', 'Twice')).toMatchObject({ code: 1, err: expect.stringContaining('already exists') });
  });

  it('works as the installed bin, as a liaison team would script it', () => {
    const bin = join(__dirname, '..', '..', 'bin', 'disclosure-desk.cjs');
    expect(existsSync(join(__dirname, '..', '..', 'dist', 'main', 'cli.cjs')), 'run `npm run build` first').toBe(true);
    const path = join(tempDir(), 'bin.ddcase');
    execFileSync(process.execPath, [bin, 'create', path, '--name', 'From the shell']);
    const stats = JSON.parse(execFileSync(process.execPath, [bin, 'stats', path, '--json'], { encoding: 'utf8' })) as Record<
      string,
      number
    >;
    expect(stats.messages).toBe(0);
    expect(spawnSync(process.execPath, [bin, 'stats'], { encoding: 'utf8' }).status).toBe(2);
  });
});
