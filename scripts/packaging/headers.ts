/**
 * Electron's C++ headers, which node-gyp needs to compile better-sqlite3 for Electron. They are
 * either already in node-gyp's cache for Electron (~/.electron-gyp, as @electron/rebuild lays it
 * out) or must be downloadable; the check is short so an offline machine hears so at once.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const DEFAULT_HEADERS_URL = 'https://www.electronjs.org/headers';

export const headersUrl = (env: NodeJS.ProcessEnv = process.env): string => env.ELECTRON_REBUILD_DIST_URL ?? DEFAULT_HEADERS_URL;

export function cachedHeadersDir(version: string, home = homedir()): string {
  return join(home, '.electron-gyp', version);
}

export type HeadersProbe = (url: string, timeoutMs: number) => Promise<void>;

/** Asks for the headers tarball without downloading it; rejects with the reason it cannot be had. */
export const probeByHead: HeadersProbe = async (url, timeoutMs) => {
  const response = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok) throw new Error(`HTTP ${response.status} from ${url}`);
};

export type HeadersState = { readonly ok: true; readonly source: string } | { readonly ok: false; readonly detail: string };

export async function findHeaders(
  version: string,
  options: { probe: HeadersProbe; timeoutMs: number; home?: string; env?: NodeJS.ProcessEnv },
): Promise<HeadersState> {
  const cached = cachedHeadersDir(version, options.home);
  if (existsSync(join(cached, 'include', 'node', 'node_version.h'))) return { ok: true, source: cached };
  const url = `${headersUrl(options.env)}/v${version}/node-v${version}-headers.tar.gz`;
  try {
    await options.probe(url, options.timeoutMs);
    return { ok: true, source: url };
  } catch (err) {
    const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
    return { ok: false, detail: `${url} could not be reached (${err instanceof Error ? err.message : String(err)}${cause})` };
  }
}
