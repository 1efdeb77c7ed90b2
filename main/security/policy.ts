/**
 * The app's security policy, shared by the Electron window and the Chromium shell so both enforce the
 * same rules. Offline by design: the renderer may load only the app's own files.
 */

/** Electron serves the renderer from `app://desk/`; the shell intercepts this https origin (never resolved). */
export const ELECTRON_ORIGIN = 'app://desk';
export const SHELL_ORIGIN = 'https://disclosure-desk.invalid';

/**
 * No inline or remote script, no network (`connect-src 'none'`), no frames, no plugins. Inline styles
 * are allowed because Radix primitives inject small <style> elements (scroll locking); styles cannot
 * run code, scripts stay strictly 'self'. Images are the app's own or data: URLs: attachment thumbnails
 * and the viewer's picture arrive through the contract as data, never from a URL the page could name.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "media-src 'self' blob:",
  "worker-src 'none'",
  "frame-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** True for a URL of the app's own renderer under the given origin. */
export function isAppUrl(url: string, origin: string): boolean {
  try {
    const parsed = new URL(url);
    const expected = new URL(origin);
    return parsed.protocol === expected.protocol && parsed.host === expected.host && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}
