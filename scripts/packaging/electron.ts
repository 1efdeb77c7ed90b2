/** The Electron the app is packaged with: its version, its binary, and the ABI that binary reports. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function electronVersion(root: string): string {
  const manifest = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}

/** The installed Electron executable, or null when its download never happened. */
export function electronBinary(root: string): string | null {
  const dir = join(root, 'node_modules', 'electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

export interface InstallOutcome {
  readonly ok: boolean;
  /** The downloader's own last line, when it failed. */
  readonly detail: string;
}

/** Runs Electron's own downloader (it honours ELECTRON_MIRROR and electron_config_cache). */
export function installElectron(root: string, timeoutMs: number): InstallOutcome {
  const result = spawnSync(process.execPath, [join(root, 'node_modules', 'electron', 'install.js')], {
    encoding: 'utf8',
    timeout: timeoutMs,
  });
  if (result.status === 0) return { ok: true, detail: '' };
  if (result.error) return { ok: false, detail: `${result.error.message} after ${timeoutMs / 1000} s` };
  const lines = `${result.stderr}${result.stdout}`.trim().split('\n');
  return { ok: false, detail: lines.find((line) => /error/i.test(line))?.trim() ?? lines[0]?.trim() ?? `exit code ${result.status}` };
}

/**
 * Runs a script in the Electron binary acting as plain Node (ELECTRON_RUN_AS_NODE): the binary's
 * own answer, so what Electron would really load, not what a table says it should.
 */
export function runInElectron(binary: string, script: string, cwd: string): { ok: boolean; output: string } {
  const result = spawnSync(binary, ['-e', script], {
    cwd,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}`.trim() };
}
