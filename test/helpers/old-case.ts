/**
 * A case file as an earlier build made it: the schema up to (not including) one migration, its details,
 * nothing else yet. The migration tests import into it with that schema, then open it with today's code.
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { APPLICATION_ID, type WritableDB } from '../../db/connection';
import { MIGRATIONS, migrate } from '../../db/migrations';
import { insertCaseMeta } from '../../db/queries/case-meta';
import { TEST_DETAILS } from './case';

/** The index of the migration named `name` in MIGRATIONS, i.e. the schema version just before it. */
export function versionBefore(name: string): number {
  const index = MIGRATIONS.findIndex((m) => m.name === name);
  if (index < 0) throw new Error(`no migration is named "${name}"`);
  return index;
}

export function caseAtVersion(dir: string, version: number, pragmas: readonly string[] = []): { path: string; db: WritableDB } {
  const path = join(dir, 'old.ddcase');
  closeSync(openSync(path, 'wx', 0o600));
  const db = new Database(path);
  for (const pragma of pragmas) db.pragma(pragma);
  db.pragma('foreign_keys = ON');
  db.pragma('journal_mode = WAL');
  db.pragma(`application_id = ${APPLICATION_ID}`);
  migrate(db, path, { migrations: MIGRATIONS.slice(0, version) });
  const writable = db as WritableDB;
  insertCaseMeta(writable, {
    ...TEST_DETAILS,
    caseId: randomUUID(),
    referenceWidth: 9,
    mode: 'full',
    createdAt: 1,
    createdBy: 'test',
    appVersion: '0.0.0-test',
  });
  return { path, db: writable };
}
