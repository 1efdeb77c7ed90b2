/**
 * Duplicate groups across sources (docs/spec.md §2): the same group chat collected from several custodians'
 * phones holds the same messages. Conversations are matched first by fingerprint; only messages of
 * conversations that another source also holds get content keys, so an import of chats nobody else
 * holds pays nothing for this.
 */
import type { WritableDB } from '../../db/connection';
import { contentKey } from './content-key';
import { senderKey } from './people';

interface KeyInput {
  readonly id: number;
  readonly sentAt: number | null;
  readonly personId: number | null;
  readonly label: string | null;
  readonly body: string;
}

function keyConversation(db: WritableDB, conversationId: number): void {
  const rows = db
    .prepare(
      `SELECT m.id, m.sent_at AS sentAt, p.person_id AS personId, p.label, m.body
       FROM messages m LEFT JOIN participants p ON p.id = m.sender_participant_id
       WHERE m.conversation_id = ? AND m.content_key IS NULL`,
    )
    .all(conversationId) as KeyInput[];
  const set = db.prepare('UPDATE messages SET content_key = ? WHERE id = ?');
  for (const row of rows) set.run(contentKey(row.sentAt, senderKey(row.personId, row.label), row.body), row.id);
}

/** Groups this source's messages with equal messages held by other sources; returns how many were grouped. */
export function groupDuplicates(db: WritableDB, sourceId: number): number {
  const shared = db
    .prepare(
      `SELECT DISTINCT a.id AS mine, b.id AS theirs FROM conversations a
       JOIN conversations b ON b.fingerprint = a.fingerprint AND b.source_id <> a.source_id
       WHERE a.source_id = ?`,
    )
    .all(sourceId) as { mine: number; theirs: number }[];
  if (shared.length === 0) return 0;
  for (const id of new Set(shared.flatMap((pair) => [pair.mine, pair.theirs]))) keyConversation(db, id);

  const group = db.prepare(
    `INSERT OR IGNORE INTO duplicate_groups (content_key)
     SELECT DISTINCT c.fingerprint || ':' || m.content_key FROM messages m JOIN conversations c ON c.id = m.conversation_id
     WHERE m.conversation_id = @mine AND EXISTS (SELECT 1 FROM messages o WHERE o.conversation_id = @theirs AND o.content_key = m.content_key)`,
  );
  const assign = db.prepare(
    `UPDATE messages SET duplicate_group_id = g.id FROM conversations c, duplicate_groups g
     WHERE messages.conversation_id IN (@mine, @theirs) AND c.id = messages.conversation_id
       AND g.content_key = c.fingerprint || ':' || messages.content_key AND messages.duplicate_group_id IS NULL`,
  );
  let grouped = 0;
  for (const { mine, theirs } of shared) {
    group.run({ mine, theirs });
    grouped += assign.run({ mine, theirs }).changes;
  }
  return grouped;
}
