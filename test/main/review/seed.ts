/**
 * Synthetic review material written straight into a case with SQL: a custodian, a source and a
 * conversation of n messages one minute apart. Fast enough for 100k-message timings; the fixture
 * imports cover the real formats.
 */
import { createHash } from 'node:crypto';
import type { WritableDB } from '../../../db/connection';

export const START = Date.UTC(2021, 0, 4, 9, 0, 0);
export const MINUTE = 60_000;

export interface Seeded {
  readonly custodianId: number;
  readonly sourceId: number;
  readonly conversationId: number;
  /** Message ids in position order. */
  readonly ids: readonly number[];
}

export function seedConversation(db: WritableDB, custodian: string, messages: number, title = `${custodian} chat`): Seeded {
  const one = (text: string, ...values: unknown[]): number => Number(db.prepare(text).run(...values).lastInsertRowid);
  const existing = db.prepare('SELECT id FROM custodians WHERE name = ?').pluck().get(custodian) as number | undefined;
  const custodianId = existing ?? one('INSERT INTO custodians (name, created_at) VALUES (?, 0)', custodian);
  const sha = createHash('sha256').update(`${custodian}/${title}/${messages}`).digest('hex');
  const sourceId = one(
    `INSERT INTO sources (custodian_id, device_label, format, file_name, file_path, file_size, sha256, imported_at, imported_by,
       parser_version, time_zone, message_count, conversation_count) VALUES (?, 'phone', 'whatsapp', 'chat.txt', '/x/chat.txt', 1, ?, 0, 't', 'whatsapp/1', 'Europe/London', ?, 1)`,
    custodianId,
    sha,
    messages,
  );
  const conversationId = one(
    `INSERT INTO conversations (source_id, source_key, platform, kind, title, fingerprint, message_count, first_at, last_at)
     VALUES (?, 'c', 'whatsapp', 'group', ?, ?, ?, ?, ?)`,
    sourceId,
    title,
    `fp:${title}`,
    messages,
    START,
    START + (messages - 1) * MINUTE,
  );
  db.prepare(
    `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?)
     INSERT INTO messages (conversation_id, source_id, seq, sent_at, sent_at_raw, tz_basis, direction, direction_basis, kind, body,
       edited, deleted, confidence, locator_file, locator_line_start, locator_line_end, position)
     SELECT ?, ?, i, ? + i * ?, 'raw', 'explicit', 'incoming', 'source', 'text', 'message ' || i, 'none', 'none', 'high', 'chat.txt', i + 1, i + 1, i FROM n`,
  ).run(messages, conversationId, sourceId, START, MINUTE);
  const ids = db.prepare('SELECT id FROM messages WHERE conversation_id = ? ORDER BY position').pluck().all(conversationId) as number[];
  return { custodianId, sourceId, conversationId, ids };
}

/** Marks a[i] and b[i] as the same message held by two custodians (one duplicate group per pair). */
export function linkDuplicates(db: WritableDB, a: readonly number[], b: readonly number[]): void {
  a.forEach((id, i) => {
    const group = Number(db.prepare('INSERT INTO duplicate_groups (content_key) VALUES (?)').run(`k${id}-${b[i]}`).lastInsertRowid);
    db.prepare('UPDATE messages SET duplicate_group_id = ? WHERE id IN (?, ?)').run(group, id, b[i]);
  });
}

export const reviewOf = (db: WritableDB, messageId: number): Record<string, unknown> | undefined =>
  db
    .prepare('SELECT classification, relevance, outcome, article8_id AS article8Id, rationale FROM reviews WHERE message_id = ?')
    .get(messageId) as Record<string, unknown> | undefined;
