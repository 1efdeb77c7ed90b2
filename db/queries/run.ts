/**
 * The only place statements are prepared: values always arrive bound (see sql.ts), statements are
 * cached per connection, and writes need a WritableDB.
 */
import type Database from 'better-sqlite3';
import type { ReadableDB, WritableDB } from '../connection';
import type { SqlQuery } from '../sql';

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

export function prepare(db: ReadableDB, text: string): Database.Statement {
  let statements = cache.get(db);
  if (!statements) {
    statements = new Map();
    cache.set(db, statements);
  }
  let statement = statements.get(text);
  if (!statement) {
    statement = db.prepare(text);
    statements.set(text, statement);
  }
  return statement;
}

export const all = <T>(db: ReadableDB, q: SqlQuery): T[] => prepare(db, q.text).all(...q.values) as T[];
export const get = <T>(db: ReadableDB, q: SqlQuery): T | undefined => prepare(db, q.text).get(...q.values) as T | undefined;
export const run = (db: WritableDB, q: SqlQuery): Database.RunResult => prepare(db, q.text).run(...q.values);

/** Runs `work` in one transaction (IMMEDIATE, so a writer never fails half-way on a lock upgrade). */
export function transaction<T>(db: WritableDB, work: () => T): T {
  return db.transaction(work).immediate();
}

/**
 * Starts a read transaction on `db` (a connection of its own): until `endSnapshot`, every read sees
 * the case as it was at this moment, whatever other connections commit meanwhile (WAL keeps it).
 */
export function beginSnapshot(db: ReadableDB): void {
  db.exec('BEGIN DEFERRED');
  // A deferred transaction takes its snapshot at its first read.
  prepare(db, 'SELECT count(*) FROM case_meta').get();
}

export function endSnapshot(db: ReadableDB): void {
  if (db.inTransaction) db.exec('COMMIT');
}
