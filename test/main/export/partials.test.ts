/**
 * An export killed before it finished leaves its hidden partial folder (`.NAME.partial-…`) behind: the
 * next export into the same folder removes it and says so, and it is never taken for a bundle.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli';
import { closeCase, openCase, type CaseSession } from '../../../main/cases/service';
import { exportBundle, type ExportSettings } from '../../../main/export/run';
import { verifyRecordedBundle } from '../../../main/export/verify-recorded';
import { useTempDir } from '../../helpers/temp';
import { fixtureCase } from './fixture-case';
import { exportSettings } from './settings';

const settings = (outputDir: string, draft = false): ExportSettings => exportSettings(outputDir, { width: 6, xlsx: false, draft });

const run = (fc: { session: CaseSession }, outputDir: string, extra: Partial<Parameters<typeof exportBundle>[3]> = {}, draft = false) =>
  exportBundle(fc.session.writable!, fc.session.meta, settings(outputDir, draft), {
    actor: 'test-reviewer',
    appVersion: '0.0.0-test',
    casePath: fc.session.path,
    ...extra,
  });

/** The reviewed fixture case, made once: each test exports from a copy of its own. */
let reviewed = '';
beforeAll(async () => {
  reviewed = mkdtempSync(join(tmpdir(), 'dd-partials-case-'));
  closeCase((await fixtureCase(reviewed)).session);
});
afterAll(() => rmSync(reviewed, { recursive: true, force: true }));

function fixtureCopy(dir: string): { session: CaseSession } {
  copyFileSync(join(reviewed, 'case.ddcase'), join(dir, 'case.ddcase'));
  return { session: openCase(join(dir, 'case.ddcase')) };
}

/** A leftover as an export of an earlier version, killed mid-verification, leaves it. */
function plantLeftover(parent: string, name: string): string {
  const leftover = join(parent, name);
  mkdirSync(leftover, { recursive: true, mode: 0o700 });
  writeFileSync(join(leftover, 'INQ000001-INQ000009.pdf'), '%PDF-1.7 unverified');
  writeFileSync(join(leftover, 'manifest.json'), '{}');
  return leftover;
}

describe('partial folders an interrupted export left behind', () => {
  const tempDir = useTempDir('dd-partials-');

  it('are removed by the next export into the same folder, which says so', async () => {
    const dir = tempDir();
    const fc = fixtureCopy(dir);
    const parent = join(dir, 'bundles');
    const leftover = plantLeftover(parent, '.first.partial-1a2b3c4d');
    const result = await run(fc, join(parent, 'second'));
    expect(existsSync(leftover)).toBe(false);
    expect(result.leftoversRemoved).toEqual([leftover]);
    expect(readdirSync(parent)).toEqual(['second']);
    closeCase(fc.session);
  });

  it('are left alone while the export that made them is still running', async () => {
    const dir = tempDir();
    const fc = fixtureCopy(dir);
    const parent = join(dir, 'bundles');
    let running = '';
    await run(fc, join(parent, 'first'), {
      beforeVerify: async (temp) => {
        running = temp;
        // A draft: a final bundle recorded meanwhile would take the numbers the first is about to
        // print, and the first would rightly fail as made from a case that changed under it.
        const other = await run(fc, join(parent, 'second'), {}, true);
        expect(other.leftoversRemoved).toEqual([]);
        expect(existsSync(temp)).toBe(true);
      },
    });
    expect(running).not.toBe('');
    expect(readdirSync(parent).sort()).toEqual(['first', 'second']);
    closeCase(fc.session);
  });

  // The child compiles the export code from TypeScript as it starts (tsx), which takes seconds on a busy machine.
  it('are removed after a real kill -9 during verification', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const fc = fixtureCopy(dir);
    closeCase(fc.session);
    const parent = join(dir, 'bundles');
    const signal = join(dir, 'partial-path');
    const tsx = createRequire(__filename).resolve('tsx/cjs');
    const child = spawn(
      process.execPath,
      ['--require', tsx, join(__dirname, 'hang-in-verify.ts'), fc.session.path, join(parent, 'killed'), signal],
      { stdio: 'ignore' },
    );
    const deadline = Date.now() + 20_000;
    while (!existsSync(signal) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    const partial = readFileSync(signal, 'utf8');
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(readdirSync(partial).some((name) => name.endsWith('.pdf'))).toBe(true);

    let err = '';
    let out = '';
    const code = await runCli(['export', fc.session.path, '--out', join(parent, 'again')], {
      out: (t) => void (out += `${t}\n`),
      err: (t) => void (err += `${t}\n`),
    });
    expect(code, err).toBe(0);
    expect(existsSync(partial)).toBe(false);
    expect(err).toContain(`Removed ${partial}`);
    expect(readdirSync(parent)).toEqual(['again']);
  });

  it('are never verified as a bundle', async () => {
    const dir = tempDir();
    const fc = fixtureCopy(dir);
    let partial = '';
    await expect(
      run(fc, join(dir, 'bundle'), {
        beforeVerify: async (temp) => {
          partial = temp;
          await expect(verifyRecordedBundle(fc.session.db, temp)).rejects.toThrow(/unfinished export.*not a bundle/);
          throw new Error('stop here');
        },
      }),
    ).rejects.toThrow('stop here');
    expect(partial).toMatch(/\.bundle\.partial-/);
    expect(existsSync(partial)).toBe(false);
    closeCase(fc.session);
  });
});

describe('a bundle folder that fills up while the export runs', () => {
  const tempDir = useTempDir('dd-partials-');

  it('is not overwritten, and the error says what happened instead of ENOTEMPTY', async () => {
    const dir = tempDir();
    const fc = fixtureCopy(dir);
    const out = join(dir, 'bundle');
    mkdirSync(out);
    const run1 = run(fc, out, { beforeVerify: () => writeFileSync(join(out, 'someone-else.txt'), 'mine') });
    await expect(run1).rejects.toThrow(/bundle.*not empty.*written into it while the export ran/);
    await expect(run1).rejects.not.toThrow(/ENOTEMPTY/);
    expect(readdirSync(out)).toEqual(['someone-else.txt']);
    expect(readdirSync(dir).filter((name) => name.includes('.partial-'))).toEqual([]);
    closeCase(fc.session);
  });
});
