/** What the attachment viewer reads about one attachment, and its neighbours in the conversation's timeline order. */
import type { ReadableDB } from '../connection';
import { sql } from '../sql';
import { get } from './run';

export interface AttachmentViewRow {
  readonly id: number;
  readonly messageId: number;
  readonly conversationId: number;
  readonly position: number;
  readonly fileName: string | null;
  readonly mime: string | null;
  readonly detectedMime: string | null;
  readonly size: number | null;
  readonly sha256: string | null;
  readonly present: boolean;
  readonly kept: boolean;
  readonly missingReason: string | null;
  readonly notes: readonly string[];
}

export function attachmentViewRow(db: ReadableDB, attachmentId: number): AttachmentViewRow | undefined {
  const row = get<Omit<AttachmentViewRow, 'present' | 'kept' | 'notes'> & { present: number; kept: number; notes: string }>(
    db,
    sql`SELECT a.id, a.message_id AS messageId, m.conversation_id AS conversationId, m.position, a.file_name AS fileName, a.mime,
               a.detected_mime AS detectedMime, a.size, a.sha256, a.present, a.kept, a.missing_reason AS missingReason, a.notes
        FROM attachments a JOIN messages m ON m.id = a.message_id WHERE a.id = ${attachmentId}`,
  );
  if (!row) return undefined;
  return { ...row, present: row.present === 1, kept: row.kept === 1, notes: JSON.parse(row.notes) as string[] };
}

/**
 * The attachments either side of one in its conversation, in timeline order: by the message's
 * position, then by attachment id within a message (as the timeline lists them).
 */
export function attachmentNeighbours(
  db: ReadableDB,
  at: { readonly conversationId: number; readonly position: number; readonly id: number },
): { previousId: number | null; nextId: number | null } {
  const previous = get<{ id: number }>(
    db,
    sql`SELECT a.id FROM attachments a JOIN messages m ON m.id = a.message_id
        WHERE m.conversation_id = ${at.conversationId} AND (m.position < ${at.position} OR (m.position = ${at.position} AND a.id < ${at.id}))
        ORDER BY m.position DESC, a.id DESC LIMIT 1`,
  );
  const next = get<{ id: number }>(
    db,
    sql`SELECT a.id FROM attachments a JOIN messages m ON m.id = a.message_id
        WHERE m.conversation_id = ${at.conversationId} AND (m.position > ${at.position} OR (m.position = ${at.position} AND a.id > ${at.id}))
        ORDER BY m.position, a.id LIMIT 1`,
  );
  return { previousId: previous?.id ?? null, nextId: next?.id ?? null };
}
