import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli';
import { fixture } from '../../helpers/fixtures';
import { useTempDir } from '../../helpers/temp';

async function cli(settingsDir: string, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) }, { settingsDir });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('disclosure-desk import: what a lenient import kept aside, and --strict', () => {
  const tempDir = useTempDir();

  it('imports the whole records of a cut-off backup and says, with the warning itself, what was kept as a note', async () => {
    const dir = tempDir();
    const path = join(dir, 'c.ddcase');
    expect((await cli(dir, 'create', path, '--name', 'C')).code).toBe(0);
    const result = await cli(dir, 'import', path, fixture('bad/truncated.xml'), '--custodian', 'Tom Reid');
    expect(result.code).toBe(0);
    const lines = result.out.split('\n');
    expect(lines[0]).toMatch(
      /^Imported truncated\.xml \(sms_backup_restore\): 2 messages in 1 conversation, .*; 1 warning recorded as a note on the source\.$/,
    );
    expect(lines[1]).toMatch(
      /^ {2}warning: the file ends inside record sms#3, which begins at line 6 \(an interrupted copy\?\): the 2 whole records before it were imported, .*… \(truncated\.xml, line 6, record sms#3\)$/,
    );
    expect(lines).toHaveLength(2);
  });

  it('refuses the same file with --strict, changing nothing', async () => {
    const dir = tempDir();
    const path = join(dir, 'c.ddcase');
    await cli(dir, 'create', path, '--name', 'C');
    const result = await cli(dir, 'import', path, fixture('bad/truncated.xml'), '--custodian', 'Tom Reid', '--strict');
    expect(result.code).toBe(1);
    expect(result.err).toContain('truncated.xml could not be imported: 1 problem found. Nothing was changed.');
    expect(JSON.parse((await cli(dir, 'stats', path, '--json')).out)).toMatchObject({ sources: 0, messages: 0 });
  });
});
