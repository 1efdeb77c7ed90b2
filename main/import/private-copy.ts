/**
 * A private copy of an SQLite database to read, so the evidence folder is never written. SQLite writes
 * beside any database it opens in WAL mode (real iOS and macOS chat.db files are), even read-only: it
 * creates the `-wal` and `-shm` files there. Its `immutable` URI option would avoid that, but it also
 * ignores a `-wal` that holds the latest messages, and better-sqlite3 is built without URI filenames.
 * So the database and its journal, if one lies beside it, are copied into an owner-only folder of
 * their own and read there; the folder is deleted afterwards, and one a crashed import left behind is
 * deleted by the next.
 */
import { copyFileSync, lstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { processIsGone } from '../jobs/alive';

const PREFIX = 'disclosure-desk-source-';
/** The companions SQLite reads with a database: a write-ahead log, or a rollback journal to replay. */
const COMPANIONS = ['-wal', '-journal'] as const;

export interface PrivateCopy {
  /** The copy to open. */
  readonly path: string;
  /** Deletes the copy and its folder. */
  dispose(): void;
}

function isRegularFile(path: string): boolean {
  try {
    return lstatSync(path).isFile();
  } catch {
    return false;
  }
}

/** Deletes copies that an import killed before it could delete them left behind (owner-only, but evidence all the same). */
function removeAbandoned(root: string): void {
  for (const name of readdirSync(root)) {
    const pid = new RegExp(`^${PREFIX}(\\d+)-`).exec(name)?.[1];
    if (pid !== undefined && processIsGone(Number(pid))) rmSync(join(root, name), { recursive: true, force: true });
  }
}

export function privateDatabaseCopy(path: string, root: string = tmpdir()): PrivateCopy {
  removeAbandoned(root);
  const dir = mkdtempSync(join(root, `${PREFIX}${process.pid}-`));
  try {
    const copy = join(dir, basename(path));
    copyFileSync(path, copy);
    for (const suffix of COMPANIONS) if (isRegularFile(path + suffix)) copyFileSync(path + suffix, copy + suffix);
    return { path: copy, dispose: () => rmSync(dir, { recursive: true, force: true }) };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}
