/**
 * `export --profile bundle|rsmf` (several at once: one export, the same references, a folder each) and
 * `verify` on each kind of folder it writes.
 */
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeCase } from '../../../main/cases/service';
import { runCli } from '../../../main/cli';
import { useTempDir } from '../../helpers/temp';
import { fixtureCase, redactInBodies } from '../export/fixture-case';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => void (out += `${t}\n`), err: (t) => void (err += `${t}\n`) });
  return { code, out, err };
}

const references = (dir: string, file: string): string[] =>
  (JSON.parse(readFileSync(join(dir, file), 'utf8')) as { documents: { reference: string }[] }).documents.map((d) => d.reference);

describe('export --profile', () => {
  const tempDir = useTempDir('dd-export-profiles-');

  it('writes RSMF files with --profile rsmf, and verify checks them against the case', async () => {
    const dir = tempDir();
    const fc = await fixtureCase(dir);
    closeCase(fc.session);
    const out = join(dir, 'rsmf');
    const exported = await cli('export', fc.session.path, '--out', out, '--profile', 'rsmf');
    expect(exported.code, exported.err).toBe(0);
    expect(exported.out).toMatch(/Bundle INQ000000001–INQ\d+: \d+ RSMF file\(s\), \d+ reference\(s\)/u);
    expect(readdirSync(out).filter((f) => f.endsWith('.rsmf')).length).toBeGreaterThan(0);
    const verified = await cli('verify', out);
    expect(verified.code, verified.err).toBe(0);
    expect(verified.out).toMatch(/RSMF export verified: \d+ file\(s\), each valid against the official RSMF 2\.0\.0 schema/u);
    expect(verified.out).toMatch(/No redacted or withheld text found \(\d+ strings searched/u);
  });

  it('makes several profiles (the option repeated) in one export under the same references, and verify checks each folder', async () => {
    const dir = tempDir();
    const fc = await fixtureCase(dir);
    closeCase(fc.session);
    const out = join(dir, 'both');
    const exported = await cli('export', fc.session.path, '--out', out, '--profile', 'bundle', '--profile', 'rsmf', '--json');
    expect(exported.code, exported.err).toBe(0);
    const result = JSON.parse(exported.out) as { bundleId: number; files: { name: string }[]; verification: { ok: boolean } };
    expect(result.verification.ok).toBe(true);
    expect(readdirSync(out).sort()).toEqual(['pdf-bundle', 'rsmf']);
    expect(references(join(out, 'pdf-bundle'), 'manifest.json')).toEqual(references(join(out, 'rsmf'), 'rsmf-export.json'));
    expect(result.files.some((f) => f.name.startsWith('pdf-bundle/') && f.name.endsWith('.pdf'))).toBe(true);
    expect(result.files.some((f) => f.name.startsWith('rsmf/') && f.name.endsWith('.rsmf'))).toBe(true);

    const verified = await cli('verify', out);
    expect(verified.code, verified.err).toBe(0);
    expect(verified.out).toMatch(/^pdf-bundle\/: Bundle verified/mu);
    expect(verified.out).toMatch(/^rsmf\/: RSMF export verified/mu);

    const rsmf = join(out, 'rsmf', readdirSync(join(out, 'rsmf')).find((f) => f.endsWith('.rsmf')) as string);
    appendFileSync(rsmf, '\r\n');
    const tampered = await cli('verify', out);
    expect(tampered.code).toBe(1);
    expect(tampered.err).toMatch(/\.rsmf has changed/u);
  });

  it('takes a comma-separated list, each profile once', async () => {
    const dir = tempDir();
    const fc = await fixtureCase(dir);
    closeCase(fc.session);
    const out = join(dir, 'once');
    const exported = await cli('export', fc.session.path, '--out', out, '--profile', 'rsmf, rsmf');
    expect(exported.code, exported.err).toBe(0);
    expect(readdirSync(out)).toContain('rsmf-export.json');
  });

  it('refuses an unknown profile as wrong usage (exit 2), writing nothing', async () => {
    const dir = tempDir();
    const fc = await fixtureCase(dir);
    closeCase(fc.session);
    const out = join(dir, 'none');
    const refused = await cli('export', fc.session.path, '--out', out, '--profile', 'bundle,pdf');
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/--profile: There is no export profile "pdf": choose from bundle, rsmf/u);
    expect(() => readdirSync(out)).toThrow();
  });

  it('refuses an RSMF export whose redacted number is printed as a sender, naming the file, the part and the cause', async () => {
    const dir = tempDir();
    const fc = await fixtureCase(dir);
    redactInBodies(fc, '+44 7700 900555', 'personal-contact');
    closeCase(fc.session);
    const refused = await cli('export', fc.session.path, '--out', join(dir, 'leak'), '--profile', 'rsmf');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('The bundle failed verification and was not kept');
    expect(refused.err).toMatch(/was found in the bundle: .+ of INQ000000001\.rsmf/u);
    expect(refused.err).toContain('Why: this text is also printed as a sender’s name');
  });
});
