/**
 * An export writes its files into a hidden folder beside the bundle's (`.NAME.partial-…`) and renames
 * it into place only once they are verified. An export that was killed leaves that folder behind,
 * unverified: the next export into the same parent folder removes it (and says so), and a partial
 * folder is never verified as a bundle.
 *
 * Another export may be running into the same parent (another window, the CLI), so a folder is removed
 * only once the process that made it has gone: its name carries that process's id and host.
 */
import { createHash, randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { processIsGone } from '../jobs/alive';

/** `.NAME.partial-HOST-PID-RANDOM`; before the host and process were named, `.NAME.partial-RANDOM`. */
const PARTIAL = /^\..+\.partial-(?:([0-9a-f]{6})-(\d+)-)?[0-9a-f]{8}$/;

/** A partial folder made on another machine (a shared drive) is left for a day: its process cannot be asked. */
const FOREIGN_AGE_MS = 24 * 60 * 60 * 1000;

const thisHost = (): string => createHash('sha256').update(hostname()).digest('hex').slice(0, 6);

export class UnfinishedExportError extends Error {
  constructor(dir: string) {
    super(
      `${dir} is the temporary folder of an unfinished export, not a bundle: its files were never verified. ` +
        'Export again; the next export into that folder removes it.',
    );
    this.name = 'UnfinishedExportError';
  }
}

export class BundleFolderFilledError extends Error {
  constructor(dir: string) {
    super(
      `${dir} is not empty any more: something was written into it while the export ran, so the verified bundle was not moved there ` +
        '(a bundle is never mixed with other files). Export again into a new folder.',
    );
    this.name = 'BundleFolderFilledError';
  }
}

export function isPartialFolder(dir: string): boolean {
  return PARTIAL.test(basename(dir));
}

/** Refuses a partial folder where a bundle is expected. */
export function refusePartialFolder(dir: string): void {
  if (isPartialFolder(dir)) throw new UnfinishedExportError(dir);
}

/** Whether `path` is a partial folder whose export has gone (so removing it cannot pull files from under a running one). */
export function isAbandonedPartial(path: string, now = Date.now()): boolean {
  return isPartialFolder(path) && abandoned(path, basename(path), now);
}

function abandoned(path: string, name: string, now: number): boolean {
  let stats;
  try {
    stats = lstatSync(path);
  } catch {
    return false;
  }
  if (!stats.isDirectory()) return false;
  const [, host, pid] = PARTIAL.exec(name) ?? [];
  // Made by a version that did not name its process: no export of that version is running now.
  if (host === undefined || pid === undefined) return true;
  if (host === thisHost()) return processIsGone(Number(pid));
  return now - stats.mtimeMs > FOREIGN_AGE_MS;
}

/** Removes the partial folders in `parent` whose exports have gone; returns their paths. */
export function removeAbandonedPartials(parent: string, now = Date.now()): string[] {
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names.filter((n) => PARTIAL.test(n)).sort()) {
    const path = join(parent, name);
    if (!abandoned(path, name, now)) continue;
    rmSync(path, { recursive: true, force: true });
    removed.push(path);
  }
  return removed;
}

/** Makes this export's partial folder beside `bundleDir`, first removing any an interrupted export left there. */
export function startPartialFolder(bundleDir: string): { readonly dir: string; readonly leftoversRemoved: readonly string[] } {
  const parent = dirname(bundleDir);
  mkdirSync(parent, { recursive: true });
  const leftoversRemoved = removeAbandonedPartials(parent);
  const dir = join(parent, `.${basename(bundleDir)}.partial-${thisHost()}-${process.pid}-${randomBytes(4).toString('hex')}`);
  mkdirSync(dir, { mode: 0o700 });
  return { dir, leftoversRemoved };
}

/** Puts the verified files in place: the bundle's folder must still be absent or empty. */
export function moveIntoPlace(partialDir: string, bundleDir: string): void {
  try {
    rmdirSync(bundleDir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'ENOTDIR') throw new BundleFolderFilledError(bundleDir);
    if (code !== 'ENOENT') throw err;
  }
  try {
    renameSync(partialDir, bundleDir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOTEMPTY' || code === 'EEXIST') throw new BundleFolderFilledError(bundleDir);
    throw err;
  }
}
