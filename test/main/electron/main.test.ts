/**
 * The Electron entry point's wiring, with the electron module replaced by recorders: the window is
 * made from the hardened options, the default session and every web contents are hardened, the
 * sandbox is on for every renderer, the app:// files carry the security headers, and IPC goes
 * through the sender check. (The handlers themselves are tested in security.test.ts and ipc.test.ts.)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../../common/contract';
import { CONTENT_SECURITY_POLICY } from '../../../main/security/policy';

const recorded = vi.hoisted(() => ({
  windows: [] as { options: unknown; url: string | null }[],
  appEvents: new Map<string, (...args: unknown[]) => unknown>(),
  sessionHandlers: new Set<string>(),
  schemes: [] as unknown[],
  protocolHandler: null as ((request: { url: string }) => Promise<Response>) | null,
  ipcChannels: [] as string[],
  sandboxEnabled: false,
  userData: '',
  loaded: null as null | (() => void),
}));

vi.mock('electron', () => {
  const remember = (name: string) => () => void recorded.sessionHandlers.add(name);
  const loaded = new Promise<void>((resolve) => (recorded.loaded = resolve));
  class BrowserWindow {
    readonly record: { options: unknown; url: string | null };
    readonly webContents = { send: () => undefined };
    constructor(options: unknown) {
      this.record = { options, url: null };
      recorded.windows.push(this.record);
    }
    once() {}
    on() {}
    show() {}
    focus() {}
    async loadURL(url: string) {
      this.record.url = url;
      recorded.loaded?.();
    }
  }
  const app = {
    isPackaged: true,
    enableSandbox: () => void (recorded.sandboxEnabled = true),
    on: (event: string, listener: (...args: unknown[]) => unknown) => void recorded.appEvents.set(event, listener),
    requestSingleInstanceLock: () => true,
    whenReady: async () => undefined,
    getPath: () => recorded.userData,
    quit: () => undefined,
    exit: () => undefined,
  };
  const defaultSession = {
    setPermissionRequestHandler: remember('setPermissionRequestHandler'),
    setPermissionCheckHandler: remember('setPermissionCheckHandler'),
    setDevicePermissionHandler: remember('setDevicePermissionHandler'),
    webRequest: { onBeforeRequest: remember('onBeforeRequest'), onHeadersReceived: remember('onHeadersReceived') },
    on: (event: string) => void recorded.sessionHandlers.add(`on:${event}`),
  };
  return {
    app,
    BrowserWindow,
    session: { defaultSession },
    ipcMain: { handle: (channel: string) => void recorded.ipcChannels.push(channel) },
    Menu: { setApplicationMenu: () => undefined, buildFromTemplate: () => ({}) },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => void recorded.schemes.push(...schemes),
      handle: (_scheme: string, handler: typeof recorded.protocolHandler) => void (recorded.protocolHandler = handler),
    },
    dialog: {},
    loadedPromise: loaded,
  };
});

describe('the Electron entry point', () => {
  beforeAll(async () => {
    recorded.userData = mkdtempSync(join(tmpdir(), 'dd-electron-main-'));
    const loaded = (await import('electron')) as unknown as { loadedPromise: Promise<void> };
    await import('../../../main/electron/main');
    await loaded.loadedPromise;
  });
  afterAll(() => rmSync(recorded.userData, { recursive: true, force: true }));

  it('opens one window, from the hardened options, on the app:// origin', () => {
    expect(recorded.windows).toHaveLength(1);
    const [window] = recorded.windows;
    expect(window?.options).toMatchObject({
      show: false,
      webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false, devTools: false },
    });
    expect(window?.url).toBe('app://desk/index.html');
  });

  it('turns the sandbox on for every renderer and hardens every web contents the app creates', () => {
    expect(recorded.sandboxEnabled).toBe(true);
    expect(recorded.appEvents.has('web-contents-created')).toBe(true);
  });

  it('registers the permission, request, header and download handlers on the default session', () => {
    expect([...recorded.sessionHandlers].sort()).toEqual(
      [
        'on:will-download',
        'onBeforeRequest',
        'onHeadersReceived',
        'setDevicePermissionHandler',
        'setPermissionCheckHandler',
        'setPermissionRequestHandler',
      ].sort(),
    );
  });

  it('serves the app:// scheme with the strict CSP on every response', async () => {
    expect(recorded.schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true } }]);
    const handler = recorded.protocolHandler;
    if (!handler) throw new Error('no app:// protocol handler was registered');
    const response = await handler({ url: 'app://desk/index.html' });
    expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
  });

  it('registers every contract channel with ipcMain (each behind the sender check of ipc.ts)', () => {
    expect([...recorded.ipcChannels].sort()).toEqual([...CHANNELS].sort());
  });
});
