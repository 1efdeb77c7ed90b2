/**
 * Session and web-contents hardening (Electron's security checklist): deny permissions, block every
 * request that is not the app's own, add the CSP header, and refuse navigation, new windows, webviews
 * and downloads.
 */
import type { App, Session, WebContents } from 'electron';
import { ELECTRON_ORIGIN, SECURITY_HEADERS, isAppUrl } from '../security/policy';

/** Requests the renderer may make: its own files, and DevTools' own pages when DevTools is enabled. */
export function isAllowedRequest(url: string): boolean {
  return isAppUrl(url, ELECTRON_ORIGIN) || url.startsWith('devtools://');
}

export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details.url) }));
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders };
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) headers[name] = [value];
    callback({ responseHeaders: headers });
  });
  session.on('will-download', (event) => event.preventDefault());
}

export function hardenContents(contents: WebContents): void {
  // The renderer is a single page: after the first load, no navigation is ever legitimate.
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function hardenApp(app: App): void {
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
}
