/**
 * The packaged path: the real Electron main process, preload and window. Skipped, with the reason
 * printed, where no Electron binary is installed (its download needs network access); the Chromium
 * shell tests cover the same renderer and handlers there.
 */
import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..', '..');

function electronBinary(): { path: string | null; reason: string } {
  const pathFile = join(root, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathFile)) return { path: null, reason: 'node_modules/electron/path.txt is absent: its binary was never downloaded' };
  const binary = join(root, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(binary)) return { path: null, reason: `${binary} is missing` };
  return { path: binary, reason: '' };
}

const binary = electronBinary();
const hasElectron = binary.path !== null;
const needsDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;

/** Skips with the reason printed in the run's output as well as in the report. */
function skipUnless(condition: boolean, reason: string): void {
  if (!condition) process.stdout.write(`electron.spec.ts skipped: ${reason}\n`);
  test.skip(!condition, reason);
}

test('the Electron app shows the start screen', async () => {
  skipUnless(hasElectron, `No Electron binary here (${binary.reason})`);
  skipUnless(!needsDisplay, 'Electron needs a display on Linux; run under xvfb-run');

  // Settings (recent cases) go to a throwaway folder, never the tester's own.
  const home = mkdtempSync(join(tmpdir(), 'disclosure-desk-electron-'));
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const app = await electron.launch({
    executablePath: binary.path ?? undefined,
    args: [join(root, 'dist', 'main', 'electron-main.cjs'), ...(isRoot ? ['--no-sandbox'] : [])],
    env: { ...process.env, XDG_CONFIG_HOME: home, APPDATA: home, HOME: home },
  });
  try {
    const page = await app.firstWindow();
    await expect(page.getByRole('heading', { level: 1, name: 'Disclosure Desk' })).toBeVisible();
    await expect(page.getByRole('tab', { name: 'New case' })).toBeVisible();
    // The renderer is sandboxed: no Node in the page, only the preload's `desk` API.
    expect(await page.evaluate(() => 'require' in globalThis)).toBe(false);
    expect(await page.evaluate(() => 'desk' in globalThis)).toBe(true);
  } finally {
    await app.close();
    rmSync(home, { recursive: true, force: true });
  }
});
