/**
 * Which redactions a review batch added or removed (migration 7), so undo and redo can reverse
 * exactly those, and what stands in the way of reversing them. Message redactions and label (name
 * or title) redactions are two tables; a change row points at one of them.
 */
import type { RedactionKind } from '../../common/domain/model';
import type { ReadableDB, WritableDB } from '../connection';
import { sql, type SqlQuery } from '../sql';
import { all, get, run } from './run';

export type RedactionTable = 'message' | 'label';
export type RedactionChange = 'added' | 'removed';

const column = (table: RedactionTable): SqlQuery => (table === 'message' ? sql`redaction_id` : sql`label_redaction_id`);

/** Records that batch `batchId` added (or removed) the redactions `ids` of one table. */
export const insertRedactionChanges = (
  db: WritableDB,
  batchId: string,
  table: RedactionTable,
  change: RedactionChange,
  ids: readonly number[],
): void => {
  if (ids.length === 0) return;
  run(
    db,
    sql`INSERT INTO redaction_batch_changes (batch_id, ${column(table)}, change)
        SELECT ${batchId}, value, ${change} FROM json_each(${JSON.stringify(ids)})`,
  );
};

export const carriesRedactionChanges = (db: ReadableDB, batchId: string): boolean =>
  get<{ n: number }>(
    db,
    sql`SELECT EXISTS (SELECT 1 FROM redaction_batch_changes WHERE batch_id = ${batchId})
          OR EXISTS (SELECT 1 FROM file_name_redaction_changes WHERE batch_id = ${batchId})
          OR EXISTS (SELECT 1 FROM image_redaction_changes WHERE batch_id = ${batchId}) AS n`,
  )?.n === 1;

/** The ids of one table's redactions that batch `batchId` added (or removed), in id order. */
export const changedRedactionIds = (db: ReadableDB, batchId: string, table: RedactionTable, change: RedactionChange): number[] =>
  all<{ id: number }>(
    db,
    sql`SELECT ${column(table)} AS id FROM redaction_batch_changes
        WHERE batch_id = ${batchId} AND change = ${change} AND ${column(table)} IS NOT NULL ORDER BY id`,
  ).map((r) => r.id);

export interface ChangedRedaction {
  readonly id: number;
  readonly messageId: number;
  readonly kind: RedactionKind;
  readonly start: number | null;
  readonly end: number | null;
  readonly reasonCode: string;
  readonly note: string;
}

/** The message redactions batch `batchId` added (or removed), in id order: one read however many an every-occurrence batch wrote. */
export const changedRedactions = (db: ReadableDB, batchId: string, change: RedactionChange): ChangedRedaction[] =>
  all<ChangedRedaction>(
    db,
    sql`SELECT x.id, x.message_id AS messageId, x.kind, x.start_utf16 AS start, x.end_utf16 AS "end", x.reason_code AS reasonCode, x.note
        FROM redaction_batch_changes c JOIN redactions x ON x.id = c.redaction_id
        WHERE c.batch_id = ${batchId} AND c.change = ${change} ORDER BY x.id`,
  );

/**
 * The live form of each redaction batch `batchId` added: the redaction itself, or — where a later batch
 * removed it and that removal was undone — the copy the undo (or a redo) restored in its place, so
 * undoing an addition after undoing its removal removes what is live now.
 */
export const liveOfAdded = (db: ReadableDB, batchId: string): ChangedRedaction[] =>
  all<ChangedRedaction>(
    db,
    sql`SELECT coalesce(CASE WHEN x.removed_at IS NULL THEN x.id END, (SELECT y.id FROM redactions y
         JOIN redaction_batch_changes yc ON yc.redaction_id = y.id AND yc.change = 'added'
         JOIN review_batches yb ON yb.batch_id = yc.batch_id AND (yb.kind = 'undo' OR yb.kind = 'redo')
         WHERE y.id > x.id AND y.message_id = x.message_id AND y.kind = x.kind AND y.start_utf16 IS x.start_utf16
           AND y.end_utf16 IS x.end_utf16 AND y.reason_code = x.reason_code AND y.removed_at IS NULL
         ORDER BY y.id LIMIT 1), x.id) AS id,
          x.message_id AS messageId, x.kind, x.start_utf16 AS start, x.end_utf16 AS "end", x.reason_code AS reasonCode, x.note
        FROM redaction_batch_changes c JOIN redactions x ON x.id = c.redaction_id
        WHERE c.batch_id = ${batchId} AND c.change = 'added' ORDER BY x.id`,
  );

/** liveOfAdded for the label redactions batch `batchId` added: each one's id, or its restored copy's. */
export const liveLabelsOfAdded = (db: ReadableDB, batchId: string): number[] =>
  all<{ id: number }>(
    db,
    sql`SELECT coalesce(CASE WHEN x.removed_at IS NULL THEN x.id END, (SELECT y.id FROM label_redactions y
         JOIN redaction_batch_changes yc ON yc.label_redaction_id = y.id AND yc.change = 'added'
         JOIN review_batches yb ON yb.batch_id = yc.batch_id AND (yb.kind = 'undo' OR yb.kind = 'redo')
         WHERE y.id > x.id AND y.participant_id IS x.participant_id AND y.conversation_id IS x.conversation_id AND y.reason_code = x.reason_code AND y.removed_at IS NULL
         ORDER BY y.id LIMIT 1), x.id) AS id
        FROM redaction_batch_changes c JOIN label_redactions x ON x.id = c.label_redaction_id
        WHERE c.batch_id = ${batchId} AND c.change = 'added' ORDER BY x.id`,
  ).map((r) => r.id);

/** liveOfAdded for the file name redactions batch `batchId` added. */
export const liveFileNamesOfAdded = (db: ReadableDB, batchId: string): number[] =>
  all<{ id: number }>(
    db,
    sql`SELECT coalesce(CASE WHEN x.removed_at IS NULL THEN x.id END, (SELECT y.id FROM file_name_redactions y
         JOIN file_name_redaction_changes yc ON yc.file_name_redaction_id = y.id AND yc.change = 'added'
         JOIN review_batches yb ON yb.batch_id = yc.batch_id AND (yb.kind = 'undo' OR yb.kind = 'redo')
         WHERE y.id > x.id AND y.source_id IS x.source_id AND y.attachment_id IS x.attachment_id AND y.reason_code = x.reason_code AND y.removed_at IS NULL
         ORDER BY y.id LIMIT 1), x.id) AS id
        FROM file_name_redaction_changes c JOIN file_name_redactions x ON x.id = c.file_name_redaction_id
        WHERE c.batch_id = ${batchId} AND c.change = 'added' ORDER BY x.id`,
  ).map((r) => r.id);

/** Something that stops a batch's redaction changes being reversed: who changed what since. */
export interface RedactionObstacle {
  readonly table: RedactionTable | 'file-name';
  /** The redaction the batch changed. */
  readonly id: number;
  /** Its message, or null for a name or title. */
  readonly messageId: number | null;
  readonly label: string;
  /** 'removed': the batch added it and someone removed it since; 'taken': the batch removed it and its place is taken again. */
  readonly why: 'removed' | 'taken';
  readonly actor: string;
}

/** What stops reversing `batchId`: up to `limit` examples and how many in all. */
export function reversalObstacles(db: ReadableDB, batchId: string, limit: number): { total: number; examples: RedactionObstacle[] } {
  const obstacles = sql`
    SELECT 'message' AS "table", x.id, x.message_id AS messageId, r.label, 'removed' AS why, x.removed_by AS actor
      FROM redaction_batch_changes c JOIN redactions x ON x.id = c.redaction_id JOIN reason_codes r ON r.code = x.reason_code
      WHERE c.batch_id = ${batchId} AND c.change = 'added' AND x.removed_at IS NOT NULL AND NOT EXISTS (SELECT y.id FROM redactions y
         JOIN redaction_batch_changes yc ON yc.redaction_id = y.id AND yc.change = 'added'
         JOIN review_batches yb ON yb.batch_id = yc.batch_id AND (yb.kind = 'undo' OR yb.kind = 'redo')
         WHERE y.id > x.id AND y.message_id = x.message_id AND y.kind = x.kind AND y.start_utf16 IS x.start_utf16
           AND y.end_utf16 IS x.end_utf16 AND y.reason_code = x.reason_code AND y.removed_at IS NULL)
    UNION ALL
    SELECT 'label', x.id, NULL, r.label, 'removed', x.removed_by
      FROM redaction_batch_changes c JOIN label_redactions x ON x.id = c.label_redaction_id JOIN reason_codes r ON r.code = x.reason_code
      WHERE c.batch_id = ${batchId} AND c.change = 'added' AND x.removed_at IS NOT NULL AND NOT EXISTS (SELECT y.id FROM label_redactions y
         JOIN redaction_batch_changes yc ON yc.label_redaction_id = y.id AND yc.change = 'added'
         JOIN review_batches yb ON yb.batch_id = yc.batch_id AND (yb.kind = 'undo' OR yb.kind = 'redo')
         WHERE y.id > x.id AND y.participant_id IS x.participant_id AND y.conversation_id IS x.conversation_id AND y.reason_code = x.reason_code AND y.removed_at IS NULL)
    UNION ALL
    -- The same text of the same message redacted again since: restoring it would only duplicate that.
    SELECT 'message', x.id, x.message_id, r.label, 'taken', y.created_by
      FROM redaction_batch_changes c JOIN redactions x ON x.id = c.redaction_id JOIN reason_codes r ON r.code = x.reason_code
      JOIN redactions y ON y.message_id = x.message_id AND y.kind = x.kind AND y.start_utf16 IS x.start_utf16 AND y.end_utf16 IS x.end_utf16
        AND y.removed_at IS NULL
      WHERE c.batch_id = ${batchId} AND c.change = 'removed'
        AND y.id NOT IN (SELECT redaction_id FROM redaction_batch_changes WHERE batch_id = ${batchId} AND change = 'added' AND redaction_id IS NOT NULL)
    UNION ALL
    -- One live redaction per name or title: another one now holds the place.
    SELECT 'label', x.id, NULL, r.label, 'taken', y.created_by
      FROM redaction_batch_changes c JOIN label_redactions x ON x.id = c.label_redaction_id JOIN reason_codes r ON r.code = x.reason_code
      JOIN label_redactions y ON y.removed_at IS NULL AND (y.participant_id = x.participant_id OR y.conversation_id = x.conversation_id)
      WHERE c.batch_id = ${batchId} AND c.change = 'removed'
        AND y.id NOT IN (SELECT label_redaction_id FROM redaction_batch_changes WHERE batch_id = ${batchId} AND change = 'added' AND label_redaction_id IS NOT NULL)
    UNION ALL
    SELECT 'file-name', x.id, NULL, r.label, 'removed', x.removed_by
      FROM file_name_redaction_changes c JOIN file_name_redactions x ON x.id = c.file_name_redaction_id JOIN reason_codes r ON r.code = x.reason_code
      WHERE c.batch_id = ${batchId} AND c.change = 'added' AND x.removed_at IS NOT NULL AND NOT EXISTS (SELECT y.id FROM file_name_redactions y
         JOIN file_name_redaction_changes yc ON yc.file_name_redaction_id = y.id AND yc.change = 'added'
         JOIN review_batches yb ON yb.batch_id = yc.batch_id AND (yb.kind = 'undo' OR yb.kind = 'redo')
         WHERE y.id > x.id AND y.source_id IS x.source_id AND y.attachment_id IS x.attachment_id AND y.reason_code = x.reason_code AND y.removed_at IS NULL)
    UNION ALL
    -- One live redaction per file name: another one now holds the place.
    SELECT 'file-name', x.id, NULL, r.label, 'taken', y.created_by
      FROM file_name_redaction_changes c JOIN file_name_redactions x ON x.id = c.file_name_redaction_id JOIN reason_codes r ON r.code = x.reason_code
      JOIN file_name_redactions y ON y.removed_at IS NULL AND (y.source_id = x.source_id OR y.attachment_id = x.attachment_id)
      WHERE c.batch_id = ${batchId} AND c.change = 'removed'
        AND y.id NOT IN (SELECT file_name_redaction_id FROM file_name_redaction_changes WHERE batch_id = ${batchId} AND change = 'added')`;
  const total = get<{ n: number }>(db, sql`SELECT count(*) AS n FROM (${obstacles})`)?.n ?? 0;
  const examples = total === 0 ? [] : all<RedactionObstacle>(db, sql`SELECT * FROM (${obstacles}) ORDER BY id LIMIT ${limit}`);
  return { total, examples };
}

/** The outcome each message had just before batch `batchId` moved it (pending when that was its first decision). */
export const outcomesBefore = (db: ReadableDB, batchId: string): { messageId: number; outcome: string }[] =>
  all(
    db,
    sql`SELECT e.message_id AS messageId, coalesce(p.outcome, 'pending') AS outcome
        FROM review_events e
        LEFT JOIN review_events p ON p.id = (SELECT max(q.id) FROM review_events q WHERE q.message_id = e.message_id AND q.id < e.id)
        WHERE e.batch_id = ${batchId}`,
  );

/**
 * The reason of the newest redaction in the case, of a message, a name or a title; removed ones count
 * (the reason was used). Each table's newest is its highest id (rows are only ever appended), so this
 * reads three rows however many redactions the case holds.
 */
export const newestReasonCode = (db: ReadableDB): string | null =>
  get<{ code: string }>(
    db,
    sql`SELECT code FROM (
          SELECT * FROM (SELECT reason_code AS code, created_at AS at FROM redactions ORDER BY id DESC LIMIT 1)
          UNION ALL SELECT * FROM (SELECT reason_code, created_at FROM label_redactions ORDER BY id DESC LIMIT 1)
          UNION ALL SELECT * FROM (SELECT reason_code, created_at FROM file_name_redactions ORDER BY id DESC LIMIT 1)
        ) ORDER BY at DESC LIMIT 1`,
  )?.code ?? null;
