/**
 * Opening and creating case files. A case is one SQLite file: WAL for crash safety, foreign keys on,
 * owner-only permissions, and a handle branded read-only or writable so a reader cannot write.
 */
import Database from 'better-sqlite3';
import { accessSync, closeSync, constants, existsSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { CaseExistsError, CaseNotFoundError, NotACaseFileError } from './errors';
import { migrate } from './migrations';

declare const readableBrand: unique symbol;
declare const writableBrand: unique symbol;

export type ReadableDB = Database.Database & { readonly [readableBrand]: true };
export type WritableDB = ReadableDB & { readonly [writableBrand]: true };

/** "DDk1": marks a SQLite file as a Disclosure Desk case, so any other database is refused. */
export const APPLICATION_ID = 0x44446b31;
export const CASE_EXTENSION = '.ddcase';

const SQLITE_MAGIC = 'SQLite format 3\0';

const PAGE_SIZE = 16384;

function configure(db: Database.Database): void {
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('temp_store = MEMORY');
  db.pragma('cache_size = -65536');
}

function looksLikeSqlite(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const header = Buffer.alloc(16);
    return readSync(fd, header, 0, 16, 0) === 16 && header.toString('latin1') === SQLITE_MAGIC;
  } finally {
    closeSync(fd);
  }
}

/**
 * Creates an empty case file, owner-only from its first byte (the mode is set on creation, not
 * afterwards, so there is no moment when others can read it), and migrates it to the current schema.
 */
export function createCaseFile(path: string): WritableDB {
  if (existsSync(path)) throw new CaseExistsError(path);
  closeSync(openSync(path, 'wx', 0o600));
  const db = new Database(path);
  // 16 KiB pages: a case is mostly message rows written in bulk; fewer, larger pages make imports,
  // index builds and commits cheaper. Only settable before the first table exists.
  db.pragma(`page_size = ${PAGE_SIZE}`);
  configure(db);
  // WAL: a crash mid-import leaves the last committed state; the journal files inherit the 0600 mode.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma(`application_id = ${APPLICATION_ID}`);
  migrate(db, path);
  return db as WritableDB;
}

export interface OpenedCase {
  readonly db: ReadableDB;
  /** Present when the file could be opened for writing. */
  readonly writable: WritableDB | null;
}

/**
 * Whether a case may be opened for writing: the file and its folder (where SQLite keeps the write-ahead
 * log) must be writable, and the file must not be marked read-only. The mode bits are checked as well
 * as access() because access() ignores them for root, and a file made read-only (chmod a-w, or the
 * Windows read-only attribute) is the owner saying it must not change.
 */
function isWritable(path: string): boolean {
  if ((statSync(path).mode & 0o222) === 0) return false;
  try {
    accessSync(path, constants.W_OK);
    accessSync(dirname(path), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

export interface OpenOptions {
  readonly readOnly?: boolean;
  /** A file anyone may have edited: nothing its schema defines may call a function with side effects. */
  readonly untrusted?: boolean;
}

/** Opens an existing case, read-only when the file is not writable, migrating it forward if needed. */
export function openCaseFile(path: string, options: OpenOptions = {}): OpenedCase {
  if (!existsSync(path)) throw new CaseNotFoundError(path);
  if (!looksLikeSqlite(path)) throw new NotACaseFileError(path, 'it is not a SQLite database');
  const canWrite = !options.readOnly && isWritable(path);
  const db = new Database(path, { readonly: !canWrite, fileMustExist: true });
  try {
    if (options.untrusted) db.pragma('trusted_schema = OFF');
    configure(db);
    const applicationId = db.pragma('application_id', { simple: true });
    if (applicationId !== APPLICATION_ID) throw new NotACaseFileError(path, 'it is a SQLite database of another program');
    if (canWrite) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      migrate(db, path);
    } else {
      migrate(db, path, { dryRun: true });
    }
  } catch (err) {
    db.close();
    throw err;
  }
  return { db: db as ReadableDB, writable: canWrite ? (db as WritableDB) : null };
}

/**
 * A second, read-only connection to a case already open for writing: for work that must read one
 * consistent state while others keep writing (an export's snapshot, db/queries/run.ts `readSnapshot`).
 * The case was checked and migrated by the connection that opened it.
 */
export function openReader(path: string): ReadableDB {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  configure(db);
  return db as ReadableDB;
}

/** Folds the WAL back into the main file so a closed case is a single self-contained file. */
export function closeCaseFile(db: ReadableDB): void {
  if (db.open) {
    if (!db.readonly) {
      // Without waiting: a TRUNCATE checkpoint that waits for another connection's reader (an export's
      // snapshot) blocks every writer meanwhile, and theirs then fail with "database is locked". If
      // one is reading, the WAL stays; the last connection to close folds it in.
      db.pragma('busy_timeout = 0');
      db.pragma('wal_checkpoint(TRUNCATE)');
    }
    db.close();
  }
}
