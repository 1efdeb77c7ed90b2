import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { registerIpc } from '../../../main/electron/ipc';
import { CHANNELS } from '../../../common/contract';

type Listener = (event: IpcMainInvokeEvent, payload: unknown) => Promise<unknown>;

function fakeWindow(url = 'app://desk/index.html') {
  const mainFrame = { url, parent: null };
  const contents = { mainFrame } as unknown as WebContents;
  return { contents, mainFrame };
}

function register() {
  const listeners = new Map<string, Listener>();
  const dispatch = vi.fn(async () => ({ ok: true as const, value: 'handled' }));
  const window = fakeWindow();
  const ipcMain = { handle: (channel: string, listener: Listener) => void listeners.set(channel, listener) };
  registerIpc(ipcMain, dispatch, () => window.contents);
  return { listeners, dispatch, window };
}

const event = (sender: unknown, senderFrame: unknown) => ({ sender, senderFrame }) as unknown as IpcMainInvokeEvent;

describe('IPC registration', () => {
  it('refuses every call once the window has gone', async () => {
    const listeners = new Map<string, Listener>();
    const dispatch = vi.fn();
    registerIpc({ handle: (channel: string, listener: Listener) => void listeners.set(channel, listener) }, dispatch, () => null);
    const window = fakeWindow();
    expect(await listeners.get('case.recent')?.(event(window.contents, window.mainFrame), {})).toMatchObject({
      ok: false,
      error: { name: 'UntrustedSenderError' },
    });
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('registers every contract channel, and nothing else', () => {
    const { listeners } = register();
    expect([...listeners.keys()].sort()).toEqual([...CHANNELS].sort());
  });

  it("passes calls from the app window's top frame to the dispatch", async () => {
    const { listeners, dispatch, window } = register();
    const result = await listeners.get('case.recent')?.(event(window.contents, window.mainFrame), {});
    expect(result).toEqual({ ok: true, value: 'handled' });
    expect(dispatch).toHaveBeenCalledWith('case.recent', {});
  });

  it.each([
    ['a sub-frame', (w: ReturnType<typeof fakeWindow>) => event(w.contents, { url: 'app://desk/index.html', parent: w.mainFrame })],
    ['another origin', (w: ReturnType<typeof fakeWindow>) => event(w.contents, { ...w.mainFrame, url: 'https://evil.example/' })],
    ['another web contents', (w: ReturnType<typeof fakeWindow>) => event(fakeWindow().contents, w.mainFrame)],
    ['no frame at all', (w: ReturnType<typeof fakeWindow>) => event(w.contents, null)],
    [
      'a stale top frame of the same window (the page it showed before)',
      (w: ReturnType<typeof fakeWindow>) => event(w.contents, { url: 'app://desk/index.html', parent: null }),
    ],
    [
      'a look-alike origin',
      (w: ReturnType<typeof fakeWindow>) => event(w.contents, Object.assign(w.mainFrame, { url: 'app://desk.evil.example/index.html' })),
    ],
  ])('refuses a forged sender: %s', async (_label, forge) => {
    const { listeners, dispatch, window } = register();
    const result = await listeners.get('case.create')?.(forge(window), { path: '/x.ddcase', name: 'x' });
    expect(result).toMatchObject({ ok: false, error: { name: 'UntrustedSenderError' } });
    expect(dispatch).not.toHaveBeenCalled();
  });
});
