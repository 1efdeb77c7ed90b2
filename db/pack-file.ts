/**
 * Opening a returned custodian check pack, which may have been edited by anyone: only ever a private
 * copy (the returned file is never opened by SQLite, so nothing is written beside it), with
 * `trusted_schema = OFF` so nothing the file defines can call a function with side effects, and its
 * copied write-ahead log folded into the copy first, so what is checked is exactly what is read.
 */
import Database from 'better-sqlite3';
import { APPLICATION_ID, type ReadableDB, type WritableDB } from './connection';
import { MIGRATIONS, migrate } from './migrations';

/** Why a pack copy could not be opened: the file is not a case, or its log would not fold in. */
export class PackFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

interface Checkpoint {
  readonly busy: number;
  readonly log: number;
  readonly checkpointed: number;
}

/** Folds a `-wal` beside `copyPath` into it and leaves it a single rollback-journal file, or refuses. */
function foldLog(copyPath: string): void {
  const db = new Database(copyPath, { fileMustExist: true });
  try {
    db.pragma('trusted_schema = OFF');
    if (db.pragma('application_id', { simple: true }) !== APPLICATION_ID) throw new PackFileError('it is not a Disclosure Desk case file');
    const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as Checkpoint[];
    if (!result || result.busy !== 0 || result.log !== result.checkpointed) {
      throw new PackFileError(
        `its write-ahead log (-wal) could not be folded in (${result?.checkpointed ?? 0} of ${result?.log ?? '?'} pages)`,
      );
    }
    if (db.pragma('journal_mode = DELETE', { simple: true }) !== 'delete')
      throw new PackFileError('its write-ahead log (-wal) could not be closed');
  } finally {
    db.close();
  }
}

/** Opens a private copy of a returned pack read-only, after folding its `-wal` in. */
export function openPackCopy(copyPath: string): ReadableDB {
  foldLog(copyPath);
  const db = new Database(copyPath, { readonly: true, fileMustExist: true });
  db.pragma('trusted_schema = OFF');
  return db as ReadableDB;
}

/** The pack's schema version, read from the file header (no table is read). */
export const userVersion = (db: ReadableDB): number => db.pragma('user_version', { simple: true }) as number;

/** An empty case in memory at schema `version`, to build the schema a pack of that version must have. */
export function memoryCaseAt(version: number): WritableDB {
  const db = new Database(':memory:');
  migrate(db, ':memory:', { migrations: MIGRATIONS.slice(0, version) });
  return db as WritableDB;
}
