/**
 * The session and web-contents hardening, driven through fakes that record what was registered and
 * then called with hostile input, as Chromium would call them.
 */
import type { App, Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { hardenApp, hardenContents, hardenSession } from '../../../main/electron/security';
import { CONTENT_SECURITY_POLICY } from '../../../main/security/policy';

type Handler = (...args: never[]) => unknown;

function fakeSession() {
  const registered = new Map<string, Handler>();
  const keep = (name: string) => (handler: Handler) => void registered.set(name, handler);
  const session = {
    setPermissionRequestHandler: keep('permissionRequest'),
    setPermissionCheckHandler: keep('permissionCheck'),
    setDevicePermissionHandler: keep('devicePermission'),
    webRequest: { onBeforeRequest: keep('beforeRequest'), onHeadersReceived: keep('headersReceived') },
    on: (event: string, handler: Handler) => void registered.set(`event:${event}`, handler),
  };
  hardenSession(session as unknown as Session);
  const get = (name: string) => {
    const handler = registered.get(name);
    if (!handler) throw new Error(`hardenSession registered no ${name} handler`);
    return handler as (...args: unknown[]) => unknown;
  };
  return { registered, get };
}

function fakeContents() {
  const events = new Map<string, Handler>();
  let windowOpen: ((details: { url: string }) => unknown) | null = null;
  const contents = {
    on: (event: string, handler: Handler) => void events.set(event, handler),
    setWindowOpenHandler: (handler: typeof windowOpen) => void (windowOpen = handler),
  };
  return { contents: contents as unknown as WebContents, events, windowOpen: () => windowOpen };
}

/** Calls a request-style handler and returns what it passed to its callback. */
function answer(handler: (...args: unknown[]) => unknown, ...args: unknown[]): unknown {
  const callback = vi.fn();
  handler(...args, callback);
  expect(callback).toHaveBeenCalledTimes(1);
  return callback.mock.calls[0]?.[0];
}

describe('session hardening', () => {
  it.each([
    'https://example.com/',
    'http://127.0.0.1:8080/collect',
    'ws://localhost/socket',
    'file:///etc/passwd',
    'app://evil/index.html',
    'app://user:pass@desk/index.html',
    'chrome-extension://abc/page.html',
  ])('cancels a request the renderer makes to %s', (url) => {
    expect(answer(fakeSession().get('beforeRequest'), { url })).toEqual({ cancel: true });
  });

  it.each(['app://desk/index.html', 'app://desk/assets/index-abc123.js'])("lets the app's own file %s load", (url) => {
    expect(answer(fakeSession().get('beforeRequest'), { url })).toEqual({ cancel: false });
  });

  it('puts the strict CSP and the other security headers on every response', () => {
    const result = answer(fakeSession().get('headersReceived'), {
      url: 'app://desk/index.html',
      responseHeaders: { 'Content-Type': ['text/html'] },
    });
    expect(result).toEqual({
      responseHeaders: expect.objectContaining({
        'Content-Type': ['text/html'],
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
        'X-Content-Type-Options': ['nosniff'],
        'Cross-Origin-Opener-Policy': ['same-origin'],
      }),
    });
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'none'");
  });

  it('lets images come from the app and from data: URLs (thumbnails, the attachment viewer) and nowhere else', () => {
    const directives = CONTENT_SECURITY_POLICY.split(';').map((d) => d.trim());
    expect(directives.filter((d) => d.startsWith('img-src '))).toEqual(["img-src 'self' data:"]);
  });

  it('replaces a weaker CSP a response brought with it', () => {
    const result = answer(fakeSession().get('headersReceived'), { responseHeaders: { 'Content-Security-Policy': ['default-src *'] } });
    expect(result).toEqual({ responseHeaders: expect.objectContaining({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] }) });
  });

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen'])(
    'refuses a request for the %s permission',
    (permission) => {
      expect(answer(fakeSession().get('permissionRequest'), {}, permission)).toBe(false);
    },
  );

  it('answers every permission check and device request with no', () => {
    const session = fakeSession();
    expect(session.get('permissionCheck')({}, 'clipboard-sanitized-write', 'app://desk', {})).toBe(false);
    expect(session.get('devicePermission')({ deviceType: 'usb', origin: 'app://desk' })).toBe(false);
  });

  it('stops every download', () => {
    const event = { preventDefault: vi.fn() };
    fakeSession().get('event:will-download')(event, { getURL: () => 'https://example.com/payload.exe' });
    expect(event.preventDefault).toHaveBeenCalled();
  });
});

describe('web contents hardening', () => {
  it.each(['will-navigate', 'will-redirect', 'will-attach-webview'])('prevents %s, whatever the target', (name) => {
    const { contents, events } = fakeContents();
    hardenContents(contents);
    for (const url of ['https://evil.example/', 'app://desk/index.html', 'file:///etc/passwd']) {
      const event = { preventDefault: vi.fn() };
      events.get(name)?.(...([event, url] as never[]));
      expect(event.preventDefault, `${name} to ${url}`).toHaveBeenCalled();
    }
  });

  it('denies every new window, including one for the app itself', () => {
    const { contents, windowOpen } = fakeContents();
    hardenContents(contents);
    for (const url of ['https://evil.example/', 'app://desk/index.html', 'about:blank'])
      expect(windowOpen()?.({ url })).toEqual({ action: 'deny' });
  });

  it('hardens every web contents the app creates, not only the main window', () => {
    let created: Handler | undefined;
    hardenApp({ on: (event: string, handler: Handler) => event === 'web-contents-created' && (created = handler) } as unknown as App);
    const { contents, events, windowOpen } = fakeContents();
    created?.(...([{}, contents] as never[]));
    expect([...events.keys()].sort()).toEqual(['will-attach-webview', 'will-navigate', 'will-redirect']);
    expect(windowOpen()).not.toBeNull();
  });
});
