/**
 * Sets of messages as SQL yielding their ids (`SELECT … AS id`), so a bulk decision can
 * INSERT … SELECT from them without holding the ids in JavaScript (main/review/selectors.ts).
 */
import type { ReadableDB } from '../connection';
import { sql, type SqlQuery } from '../sql';
import { get } from './run';

/** A JSON array bound as one parameter: any number of ids without hitting SQLite's parameter limit. */
export const listedIds = (ids: readonly number[]): SqlQuery => sql`SELECT value AS id FROM json_each(${JSON.stringify(ids)})`;

export const conversationMessageIds = (conversationId: number): SqlQuery =>
  sql`SELECT id FROM messages WHERE conversation_id = ${conversationId}`;

/** Sent in [from, to), optionally within one conversation and one custodian's sources; no time, no match. */
export const messageIdsSentBetween = (from: number, to: number, conversationId: number | null, custodianId: number | null): SqlQuery =>
  sql`SELECT id FROM messages WHERE sent_at >= ${from} AND sent_at < ${to}
    AND (${conversationId} IS NULL OR conversation_id = ${conversationId})
    AND (${custodianId} IS NULL OR source_id IN (SELECT id FROM sources WHERE custodian_id = ${custodianId}))`;

export const everyMessageId = (): SqlQuery => sql`SELECT id FROM messages`;

export const conversationExists = (db: ReadableDB, id: number): boolean =>
  get(db, sql`SELECT 1 AS x FROM conversations WHERE id = ${id}`) !== undefined;

export const custodianExists = (db: ReadableDB, id: number): boolean =>
  get(db, sql`SELECT 1 AS x FROM custodians WHERE id = ${id}`) !== undefined;
