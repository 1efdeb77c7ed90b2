/**
 * Maps an app URL to a file of the built renderer, refusing anything outside that folder. Used by the
 * Electron `app://` protocol handler and by the Chromium shell's request interception.
 */
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

export interface AppAsset {
  readonly status: 200 | 404;
  readonly body: Buffer;
  readonly contentType: string;
}

export function assetPath(rendererDir: string, url: string): string | null {
  const pathname = decodeURIComponent(new URL(url).pathname);
  const relative = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
  const root = normalize(rendererDir + sep);
  const full = normalize(join(root, relative));
  return full.startsWith(root) ? full : null;
}

export async function loadAppAsset(rendererDir: string, url: string): Promise<AppAsset> {
  const notFound: AppAsset = { status: 404, body: Buffer.from('Not found'), contentType: 'text/plain; charset=utf-8' };
  let path: string | null;
  try {
    path = assetPath(rendererDir, url);
  } catch {
    return notFound;
  }
  if (!path) return notFound;
  try {
    return { status: 200, body: await readFile(path), contentType: CONTENT_TYPES[extname(path)] ?? 'application/octet-stream' };
  } catch {
    return notFound;
  }
}
