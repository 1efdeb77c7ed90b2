import type { ReadableDB, WritableDB } from '../connection';
import { sql } from '../sql';
import { all, get, run } from './run';

export interface AuditRow {
  readonly id: number;
  readonly at: number;
  readonly actor: string;
  readonly action: string;
  readonly subject: string;
  readonly details: string;
  readonly prevHash: string;
  readonly hash: string;
}

export const lastAuditHash = (db: ReadableDB): string | undefined =>
  get<{ hash: string }>(db, sql`SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1`)?.hash;

export function insertAudit(db: WritableDB, row: Omit<AuditRow, 'id'>): number {
  return Number(
    run(
      db,
      sql`INSERT INTO audit_log (at, actor, action, subject, details, prev_hash, hash)
          VALUES (${row.at}, ${row.actor}, ${row.action}, ${row.subject}, ${row.details}, ${row.prevHash}, ${row.hash})`,
    ).lastInsertRowid,
  );
}

export function* iterateAudit(db: ReadableDB): Generator<AuditRow> {
  // Walks in insertion order; `iterate` keeps memory flat however long the log grows.
  const q = sql`SELECT id, at, actor, action, subject, details, prev_hash AS prevHash, hash FROM audit_log ORDER BY id`;
  yield* db.prepare(q.text).iterate(...q.values) as IterableIterator<AuditRow>;
}

export const recentAudit = (db: ReadableDB, limit: number): AuditRow[] =>
  all<AuditRow>(
    db,
    sql`SELECT id, at, actor, action, subject, details, prev_hash AS prevHash, hash FROM audit_log ORDER BY id DESC LIMIT ${limit}`,
  );
