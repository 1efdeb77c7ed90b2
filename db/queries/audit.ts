import type { ReadableDB, WritableDB } from '../connection';
import { join, sql, type SqlQuery } from '../sql';
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

export const auditHead = (db: ReadableDB): { id: number; hash: string } | undefined =>
  get<{ id: number; hash: string }>(db, sql`SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1`);

export const firstAuditEntry = (db: ReadableDB): AuditRow | undefined =>
  get<AuditRow>(db, sql`SELECT id, at, actor, action, subject, details, prev_hash AS prevHash, hash FROM audit_log ORDER BY id LIMIT 1`);

/** What a schema object is ('table', 'view'...), so a hostile file's view is never read as a table. */
export const schemaObjectType = (db: ReadableDB, name: string): string | undefined =>
  get<{ type: string }>(db, sql`SELECT type FROM sqlite_master WHERE name = ${name}`)?.type;

export interface UnloggedBundleRow {
  readonly id: number;
  readonly prefix: string;
  readonly firstNumber: number;
  readonly lastNumber: number;
  readonly width: number;
  readonly draft: number;
}

/** Bundles the case records whose export (or re-issue) entry is no longer in the log. */
export const bundlesWithoutEntry = (db: ReadableDB): UnloggedBundleRow[] =>
  all<UnloggedBundleRow>(
    db,
    sql`SELECT b.id, b.reference_prefix AS prefix, b.first_number AS firstNumber, b.last_number AS lastNumber, b.reference_width AS width, b.draft
        FROM bundles b
        WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.subject = 'bundle:' || b.id AND a.action IN ('bundle.exported', 'bundle.reissued'))
        ORDER BY b.id`,
  );

/** Packs the case records (exported from it, or, in a pack, the pack itself) whose entry (`action`) is no longer in the log. */
export const packsWithoutEntry = (db: ReadableDB, action: 'pack.exported' | 'pack.created'): { packId: string; custodian: string }[] =>
  all(
    db,
    sql`SELECT p.pack_id AS packId, p.custodian_name AS custodian FROM custodian_packs p
        WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.subject = 'pack:' || p.pack_id AND a.action = ${action})
        ORDER BY p.exported_at, p.pack_id`,
  );

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

/** The item an audit entry concerns: one message, every message of a bundle reference, or of a conversation. */
export type AuditItemFilter =
  | { readonly kind: 'message'; readonly messageId: number }
  | { readonly kind: 'reference'; readonly reference: string }
  | { readonly kind: 'conversation'; readonly conversationId: number };

export interface AuditFilterRow {
  /** The newest entry id included: pages of one listing stay put while new entries arrive. */
  readonly upTo: number | null;
  readonly actions: readonly string[] | null;
  readonly actor: string | null;
  /** UTC epoch ms, inclusive / exclusive. */
  readonly from: number | null;
  readonly to: number | null;
  readonly item: AuditItemFilter | null;
}

export type AuditListRow = Omit<AuditRow, 'prevHash'>;

const itemMessages = (item: AuditItemFilter): SqlQuery => {
  switch (item.kind) {
    case 'message':
      return sql`SELECT id FROM messages WHERE id = ${item.messageId}`;
    case 'reference':
      return sql`SELECT message_id AS id FROM bundle_items WHERE reference = ${item.reference} COLLATE NOCASE`;
    case 'conversation':
      return sql`SELECT id FROM messages WHERE conversation_id = ${item.conversationId}`;
  }
};

/**
 * The entries that concern an item's messages: those naming a message, a review batch that changed
 * one, a redaction of one or a bundle that produced one, and the removals and every-occurrence
 * redactions that list them in their details.
 */
function itemEntries(item: AuditItemFilter): SqlQuery {
  const conversationSubject = item.kind === 'conversation' ? sql`UNION SELECT ${`conversation:${item.conversationId}`}` : sql``;
  return sql`
    WITH m(id) AS MATERIALIZED (${itemMessages(item)})
    SELECT a.id FROM audit_log a WHERE a.subject IN (
      SELECT 'message:' || id FROM m
      UNION SELECT 'batch:' || e.batch_id FROM review_events e WHERE e.message_id IN (SELECT id FROM m)
      UNION SELECT 'redaction:' || r.id FROM redactions r WHERE r.message_id IN (SELECT id FROM m)
      UNION SELECT 'bundle:' || b.bundle_id FROM bundle_items b WHERE b.message_id IN (SELECT id FROM m)
      ${conversationSubject}
    )
    UNION SELECT a.id FROM audit_log a, json_each(a.details, '$.messageIds') j
      WHERE a.action = 'redaction.removed' AND j.value IN (SELECT id FROM m)
    UNION SELECT a.id FROM audit_log a, json_each(a.details, '$.spans') j
      WHERE a.action = 'redaction.occurrences_applied' AND json_extract(j.value, '$[0]') IN (SELECT id FROM m)`;
}

function auditWhere(filter: AuditFilterRow): SqlQuery {
  const parts: SqlQuery[] = [sql`1`];
  if (filter.upTo !== null) parts.push(sql`a.id <= ${filter.upTo}`);
  if (filter.actions !== null) parts.push(sql`a.action IN (SELECT value FROM json_each(${JSON.stringify(filter.actions)}))`);
  if (filter.actor !== null) parts.push(sql`a.actor = ${filter.actor}`);
  if (filter.from !== null) parts.push(sql`a.at >= ${filter.from}`);
  if (filter.to !== null) parts.push(sql`a.at < ${filter.to}`);
  if (filter.item !== null) parts.push(sql`a.id IN (${itemEntries(filter.item)})`);
  return join(parts, ' AND ');
}

export const newestAuditId = (db: ReadableDB): number | null =>
  get<{ id: number | null }>(db, sql`SELECT max(id) AS id FROM audit_log`)?.id ?? null;

export const countAudit = (db: ReadableDB, filter: AuditFilterRow): number =>
  get<{ n: number }>(db, sql`SELECT count(*) AS n FROM audit_log a WHERE ${auditWhere(filter)}`)?.n ?? 0;

/** One page of the filtered log, newest first. */
export const auditPage = (db: ReadableDB, filter: AuditFilterRow, offset: number, limit: number): AuditListRow[] =>
  all<AuditListRow>(
    db,
    sql`SELECT a.id, a.at, a.actor, a.action, a.subject, a.details, a.hash FROM audit_log a
        WHERE ${auditWhere(filter)} ORDER BY a.id DESC LIMIT ${limit} OFFSET ${offset}`,
  );

export const auditActions = (db: ReadableDB): string[] =>
  all<{ action: string }>(db, sql`SELECT DISTINCT action FROM audit_log ORDER BY action`).map((r) => r.action);

export const auditActors = (db: ReadableDB): string[] =>
  all<{ actor: string }>(db, sql`SELECT DISTINCT actor FROM audit_log ORDER BY actor`).map((r) => r.actor);

export const auditEntryCount = (db: ReadableDB): number => get<{ n: number }>(db, sql`SELECT count(*) AS n FROM audit_log`)?.n ?? 0;

/** What a page's entries open: where each message sits, and each batch's first message and size. */
export interface MessagePlaceRow {
  readonly id: number;
  readonly conversationId: number;
  readonly position: number;
}

export const messagePlaces = (db: ReadableDB, ids: readonly number[]): MessagePlaceRow[] =>
  all<MessagePlaceRow>(
    db,
    sql`SELECT id, conversation_id AS conversationId, position FROM messages WHERE id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`,
  );

/** Each batch's first message (by the index on batch_id, however large the batch), size and summary. */
export const batchesOf = (
  db: ReadableDB,
  batchIds: readonly string[],
): { batchId: string; messageId: number | null; events: number; summary: string | null }[] =>
  all(
    db,
    sql`SELECT b.value AS batchId,
          (SELECT e.message_id FROM review_events e WHERE e.batch_id = b.value ORDER BY e.id LIMIT 1) AS messageId,
          (SELECT count(*) FROM review_events e WHERE e.batch_id = b.value) AS events,
          (SELECT rb.summary FROM review_batches rb WHERE rb.batch_id = b.value) AS summary
        FROM json_each(${JSON.stringify(batchIds)}) b`,
  );

export const redactionMessages = (db: ReadableDB, redactionIds: readonly number[]): { id: number; messageId: number }[] =>
  all(
    db,
    sql`SELECT id, message_id AS messageId FROM redactions WHERE id IN (SELECT value FROM json_each(${JSON.stringify(redactionIds)}))`,
  );

/** The highest id the log has ever handed out: above the last entry's, entries were deleted from the end. */
export const highestAuditId = (db: ReadableDB): number =>
  get<{ seq: number }>(db, sql`SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'`)?.seq ?? 0;
