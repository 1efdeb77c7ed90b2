import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeCase } from '../../../main/cases/service';
import { runCli } from '../../../main/cli';
import { useTempDir } from '../../helpers/temp';
import { fixtureCase } from './fixture-case';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => void (out += `${t}\n`), err: (t) => void (err += `${t}\n`) });
  return { code, out, err };
}

describe('disclosure-desk export and verify', () => {
  const tempDir = useTempDir('dd-export-cli-');

  it('exports with a prefix and first number, then verifies the folder against its case', async () => {
    const dir = tempDir();
    const fc = await fixtureCase(dir);
    closeCase(fc.session);
    const out = join(dir, 'bundle');
    const exported = await cli('export', fc.session.path, '--out', out, '--prefix', 'SCI', '--first', '42', '--json');
    expect(exported.code, exported.err).toBe(0);
    expect(JSON.parse(exported.out)).toMatchObject({ firstReference: 'SCI000000042', verification: { ok: true } });
    const verified = await cli('verify', out);
    expect(verified).toMatchObject({ code: 0 });
    expect(verified.out).toMatch(/No redacted or withheld text found \(\d+ strings searched\)/);
  });

  it('refuses to write over an existing bundle and says why (exit 1)', async () => {
    const dir = tempDir();
    const fc = await fixtureCase(dir);
    closeCase(fc.session);
    const out = join(dir, 'bundle');
    expect((await cli('export', fc.session.path, '--out', out)).code).toBe(0);
    const again = await cli('export', fc.session.path, '--out', out);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/already exists and is not empty/);
  });

  it('reports wrong usage with exit 2', async () => {
    expect((await cli('export', 'x.ddcase', '--out', 'o', '--first', 'ten')).code).toBe(2);
    expect((await cli('verify')).code).toBe(2);
  });
});
