/**
 * Electron entry point. Everything here is wiring: the services, handlers and policy live in plain
 * Node modules that the CLI, the Chromium shell and the tests use too.
 */
import { app, BrowserWindow, ipcMain, Menu, protocol, session, shell } from 'electron';
import { join } from 'node:path';
import { events, type EventName, type PayloadOf } from '../../common/contract';
import { currentUser } from '../actor';
import { createDispatch } from '../dispatch';
import { createHandlers } from '../handlers';
import { defaultCaseFolder } from '../paths';
import { loadAppAsset } from '../security/app-assets';
import { ELECTRON_ORIGIN, SECURITY_HEADERS } from '../security/policy';
import { APP_VERSION } from '../version';
import { electronDialogs } from './dialogs';
import { registerIpc } from './ipc';
import { buildMenu } from './menu';
import { hardenApp, hardenSession } from './security';
import { mainWindowOptions } from './window';

const rendererDir = join(__dirname, '..', 'renderer');
const preloadPath = join(__dirname, '..', 'preload', 'index.cjs');
const devTools = !app.isPackaged;

protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true } }]);
app.enableSandbox();
hardenApp(app);

let mainWindow: BrowserWindow | null = null;

function emit<E extends EventName>(event: E, payload: PayloadOf<E>): void {
  mainWindow?.webContents.send(event, events[event].payload.parse(payload));
}

async function start(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  await app.whenReady();
  hardenSession(session.defaultSession);
  protocol.handle('app', async (request) => {
    const asset = await loadAppAsset(rendererDir, request.url);
    return new Response(new Uint8Array(asset.body), {
      status: asset.status,
      headers: { 'Content-Type': asset.contentType, ...SECURITY_HEADERS },
    });
  });

  const { handlers, dispose } = createHandlers({
    emit,
    shell: 'electron',
    appVersion: APP_VERSION,
    settingsDir: app.getPath('userData'),
    defaultCaseFolder: defaultCaseFolder(),
    actor: currentUser(),
    dialogs: electronDialogs(() => mainWindow, defaultCaseFolder()),
    desktop: {
      openFolder: async (path) => {
        const problem = await shell.openPath(path);
        if (problem) throw new Error(`The folder ${path} could not be opened: ${problem}`);
      },
    },
  });
  registerIpc(ipcMain, createDispatch(handlers), () => mainWindow?.webContents ?? null);
  Menu.setApplicationMenu(
    buildMenu(
      (command) => emit('menu.command', { command }),
      () => mainWindow,
      devTools,
    ),
  );

  // Electronegativity cannot follow the options into mainWindowOptions() (window.ts), which sets
  // contextIsolation, sandbox and disableBlinkFeatures 'Auxclick'; test/main/electron/window.test.ts
  // and main.test.ts assert them on this very window.
  const options = mainWindowOptions(preloadPath, devTools);
  mainWindow = new BrowserWindow(options); // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK -- set in window.ts
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  app.on('second-instance', () => mainWindow?.focus());
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', dispose);
  await mainWindow.loadURL(`${ELECTRON_ORIGIN}/index.html`);
}

start().catch((err: unknown) => {
  process.stderr.write(`Disclosure Desk failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  app.exit(1);
});
