/** A seeded case whose messages carry the bodies a redaction test needs. */
import type { WritableDB } from '../../../db/connection';
import { makeCase } from '../../helpers/case';
import { seedConversation, type Seeded } from '../review/seed';

export function caseWithBodies(dir: string, bodies: readonly string[], custodian = 'Fiona Laird') {
  const session = makeCase(dir);
  const db = session.writable!;
  const seeded: Seeded = seedConversation(db, custodian, bodies.length);
  const set = db.prepare('UPDATE messages SET body = ? WHERE id = ?');
  seeded.ids.forEach((id, i) => set.run(bodies[i], id));
  return { session, db, ...seeded };
}

export const count = (db: WritableDB, query: string, ...params: unknown[]): number =>
  db
    .prepare(query)
    .pluck()
    .get(...params) as number;

export const auditOf = (db: WritableDB): { action: string; details: Record<string, unknown> }[] =>
  (
    db.prepare("SELECT action, details FROM audit_log WHERE action <> 'case.created' ORDER BY id").all() as {
      action: string;
      details: string;
    }[]
  ).map((r) => ({
    action: r.action,
    details: JSON.parse(r.details) as Record<string, unknown>,
  }));
