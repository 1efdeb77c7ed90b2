/**
 * An export killed mid-way (kill -9, a crash, the machine going down) leaves its hidden partial folder
 * of unverified files. The case records that folder when the export starts, so the next time the case
 * is opened the folder is removed — wherever it is — and the app says so (issue 13, item 8).
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { insertExportRun } from '../../../db/queries/export-runs';
import { runCli } from '../../../main/cli';
import { closeCase, openCase } from '../../../main/cases/service';
import { createDispatch } from '../../../main/dispatch';
import { removeInterruptedExports } from '../../../main/export/interrupted';
import { startPartialFolder } from '../../../main/export/partials';
import { createHandlers, type HandlerSet } from '../../../main/handlers';
import type { Envelope } from '../../../common/contract';
import { testHost } from '../../helpers/host';
import { useTempDir } from '../../helpers/temp';
import { fixtureCase } from './fixture-case';

let reviewed = '';
beforeAll(async () => {
  reviewed = mkdtempSync(join(tmpdir(), 'dd-interrupted-case-'));
  closeCase((await fixtureCase(reviewed)).session);
});
afterAll(() => rmSync(reviewed, { recursive: true, force: true }));

function fixtureCopy(dir: string): string {
  copyFileSync(join(reviewed, 'case.ddcase'), join(dir, 'case.ddcase'));
  return join(dir, 'case.ddcase');
}

/** Runs an export in a child process and kills it (SIGKILL) once its files are written; returns the partial folder it left. */
async function killedExport(casePath: string, bundleDir: string, signal: string): Promise<string> {
  const tsx = createRequire(__filename).resolve('tsx/cjs');
  const child = spawn(process.execPath, ['--require', tsx, join(__dirname, 'hang-in-verify.ts'), casePath, bundleDir, signal], {
    stdio: 'ignore',
  });
  const deadline = Date.now() + 20_000;
  while (!existsSync(signal) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
  const partial = readFileSync(signal, 'utf8');
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));
  return partial;
}

const value = <T>(envelope: Envelope<unknown>): T => {
  if (!envelope.ok) throw new Error(`${envelope.error.name}: ${envelope.error.message}`);
  return envelope.value as T;
};

describe('an export killed mid-way', () => {
  const tempDir = useTempDir('dd-interrupted-');
  const sets: HandlerSet[] = [];
  afterEach(() => sets.splice(0).forEach((s) => s.dispose()));

  // The child compiles the export code from TypeScript as it starts (tsx), which takes seconds on a busy machine.
  it('leaves a partial folder that opening the case in the app removes, reports and audits', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const casePath = fixtureCopy(dir);
    const parent = join(dir, 'exports');
    const partial = await killedExport(casePath, join(parent, 'killed'), join(dir, 'partial-path'));
    expect(readdirSync(partial).some((name) => name.endsWith('.pdf'))).toBe(true);

    const set = createHandlers(testHost(dir));
    sets.push(set);
    const dispatch = createDispatch(set.handlers);
    value(await dispatch('case.open', { path: casePath }));
    expect(existsSync(partial)).toBe(false);
    expect(readdirSync(parent)).toEqual([]);
    expect(value(await dispatch('export.interrupted', {}))).toEqual([
      { partialDir: partial, bundleDir: join(parent, 'killed'), startedAt: expect.any(Number), startedBy: 'test-reviewer' },
    ]);
    const audit = value<{ entries: { action: string; actionLabel: string; summary: string }[] }>(
      await dispatch('audit.page', { limit: 5 }),
    );
    expect(audit.entries[0]).toMatchObject({
      action: 'bundle.interrupted-removed',
      actionLabel: 'Unfinished export removed',
      summary: join(parent, 'killed'),
    });

    // Said once: opened again, there is nothing left to remove.
    value(await dispatch('case.open', { path: casePath }));
    expect(value(await dispatch('export.interrupted', {}))).toEqual([]);
  });

  it('is also removed when the CLI next exports, wherever the new bundle goes, and says so', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const casePath = fixtureCopy(dir);
    const partial = await killedExport(casePath, join(dir, 'first', 'killed'), join(dir, 'partial-path'));
    let err = '';
    const code = await runCli(['export', casePath, '--out', join(dir, 'elsewhere', 'bundle'), '--no-xlsx'], {
      out: () => undefined,
      err: (t) => void (err += `${t}\n`),
    });
    expect(code, err).toBe(0);
    expect(existsSync(partial)).toBe(false);
    expect(err).toContain(`Removed ${partial}`);
  });
});

describe('the folders a case recorded for its exports', () => {
  const tempDir = useTempDir('dd-interrupted-');

  it('are left alone while their export is still running, and a recorded path that is not a partial folder is never removed', () => {
    const dir = tempDir();
    const session = openCase(fixtureCopy(dir));
    const db = session.writable!;
    // This process is alive: its export is running.
    const running = startPartialFolder(join(dir, 'running', 'bundle')).dir;
    insertExportRun(db, { partialDir: running, bundleDir: join(dir, 'running', 'bundle'), startedAt: 1, startedBy: 'r' });
    const notPartial = join(dir, 'evidence');
    mkdirSync(notPartial);
    insertExportRun(db, { partialDir: notPartial, bundleDir: join(dir, 'x'), startedAt: 1, startedBy: 'r' });
    expect(removeInterruptedExports(db, 'test-reviewer')).toEqual([]);
    expect(existsSync(running)).toBe(true);
    expect(existsSync(notPartial)).toBe(true);
    closeCase(session);
  });
});
