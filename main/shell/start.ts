/**
 * `npm start` where no Electron binary is present: opens the app in the system Chromium, with the same
 * handlers Electron would use, in this Node process.
 */
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { currentUser } from '../actor';
import { noDialogs } from '../context';
import { lateEmitter } from '../emitter';
import { createDispatch } from '../dispatch';
import { createHandlers } from '../handlers';
import { defaultCaseFolder, userSettingsDir } from '../paths';
import { APP_VERSION } from '../version';
import { openShell } from './chromium';
import { systemFileManager } from './file-manager';

const CHROMIUM_CANDIDATES = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

export function findChromium(): string | null {
  return CHROMIUM_CANDIDATES.find((candidate): candidate is string => !!candidate && existsSync(candidate)) ?? null;
}

const hasDisplay = (): boolean => process.platform !== 'linux' || !!process.env.DISPLAY || !!process.env.WAYLAND_DISPLAY;
const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

export async function main(): Promise<void> {
  const executablePath = findChromium();
  if (!executablePath) {
    process.stderr.write(
      'Disclosure Desk: neither Electron nor Chromium was found. Install Chromium (Debian: apt-get install chromium) ' +
        'or set CHROMIUM_PATH, or run on a machine where Electron can be installed.\n',
    );
    process.exitCode = 1;
    return;
  }
  const headless = process.env.DISCLOSURE_DESK_HEADLESS === '1' || !hasDisplay();
  const settingsDir = userSettingsDir();
  mkdirSync(settingsDir, { recursive: true, mode: 0o700 });
  const events = lateEmitter();
  const { handlers, dispose } = createHandlers({
    emit: events.emit,
    shell: 'chromium',
    appVersion: APP_VERSION,
    settingsDir,
    defaultCaseFolder: defaultCaseFolder(),
    actor: currentUser(),
    dialogs: noDialogs,
    desktop: headless ? null : systemFileManager,
  });
  const dist = join(__dirname, '..');
  const shell = await openShell({
    rendererDir: join(dist, 'renderer'),
    bridgeScriptPath: join(dist, 'preload', 'shell-bridge.js'),
    dispatch: createDispatch(handlers),
    executablePath,
    headless,
    noSandbox: isRoot(),
  });
  events.attach((event, payload) => void shell.emit(event, payload as never));
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    dispose();
    await shell.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  if (headless) {
    const screenshot = join(settingsDir, 'last-start-screen.png');
    await shell.page.getByRole('heading', { name: 'Disclosure Desk' }).first().waitFor({ timeout: 15_000 });
    await shell.page.screenshot({ path: screenshot });
    // It can show case names and paths: as private as the settings folder it sits in.
    chmodSync(screenshot, 0o600);
    process.stdout.write(
      `No display found, so the app is running headless (a screenshot of its window: ${screenshot}).\n` +
        'To see and use the window, run it in a desktop session, or under a virtual display: xvfb-run -a npm start\n' +
        'Press Ctrl+C to stop.\n',
    );
  } else {
    process.stdout.write('Disclosure Desk is open in a Chromium window. Close the window (or press Ctrl+C here) to stop.\n');
  }
  shell.page.on('close', () => void stop());
  shell.context.on('close', () => void stop());
}
