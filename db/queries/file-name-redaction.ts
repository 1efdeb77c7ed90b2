/**
 * Redactions of source file names and attachment names (migration 11). Rows are never deleted (a
 * trigger forbids it): removal stamps removed_at/by and, where a replacement exists, superseded_by.
 */
import type { ReadableDB, WritableDB } from '../connection';
import { sql, type SqlQuery } from '../sql';
import { all, get, run } from './run';

export type FileNameTarget = { readonly sourceId: number } | { readonly attachmentId: number };

export interface FileNameRedactionRow {
  readonly id: number;
  readonly sourceId: number | null;
  readonly attachmentId: number | null;
  /** The name it hides, as imported: for the reviewer's list and the leak check, never for a bundle. */
  readonly text: string;
  readonly reasonCode: string;
  /** The reason's current label in this case. */
  readonly label: string;
  readonly note: string;
  readonly createdAt: number;
  readonly createdBy: string;
  readonly removedAt: number | null;
}

const COLUMNS = sql`x.id, x.source_id AS sourceId, x.attachment_id AS attachmentId, coalesce(s.file_name, a.file_name, '') AS text,
  x.reason_code AS reasonCode, c.label, x.note, x.created_at AS createdAt, x.created_by AS createdBy, x.removed_at AS removedAt`;
const FROM = sql`FROM file_name_redactions x JOIN reason_codes c ON c.code = x.reason_code
  LEFT JOIN sources s ON s.id = x.source_id LEFT JOIN attachments a ON a.id = x.attachment_id`;

const targetCondition = (target: FileNameTarget): SqlQuery =>
  'sourceId' in target ? sql`x.source_id = ${target.sourceId}` : sql`x.attachment_id = ${target.attachmentId}`;

const liveAt = (asOf: number | null): SqlQuery =>
  asOf === null ? sql`x.removed_at IS NULL` : sql`x.created_at <= ${asOf} AND (x.removed_at IS NULL OR x.removed_at > ${asOf})`;

export interface NewFileNameRedaction {
  readonly target: FileNameTarget;
  readonly reasonCode: string;
  readonly note: string;
  readonly at: number;
  readonly actor: string;
}

export const insertFileNameRedaction = (db: WritableDB, r: NewFileNameRedaction): number => {
  const sourceId = 'sourceId' in r.target ? r.target.sourceId : null;
  const attachmentId = 'attachmentId' in r.target ? r.target.attachmentId : null;
  return Number(
    run(
      db,
      sql`INSERT INTO file_name_redactions (source_id, attachment_id, reason_code, note, created_at, created_by)
          VALUES (${sourceId}, ${attachmentId}, ${r.reasonCode}, ${r.note}, ${r.at}, ${r.actor})`,
    ).lastInsertRowid,
  );
};

/** Marks a live file name redaction removed; false when it was already removed (or does not exist). */
export const markFileNameRedactionRemoved = (db: WritableDB, id: number, at: number, actor: string, supersededBy: number | null): boolean =>
  run(
    db,
    sql`UPDATE file_name_redactions SET removed_at = ${at}, removed_by = ${actor}, superseded_by = ${supersededBy}
        WHERE id = ${id} AND removed_at IS NULL`,
  ).changes === 1;

export const setFileNameRedactionSupersededBy = (db: WritableDB, id: number, supersededBy: number): void => {
  run(db, sql`UPDATE file_name_redactions SET superseded_by = ${supersededBy} WHERE id = ${id}`);
};

export const fileNameRedactionById = (db: ReadableDB, id: number): FileNameRedactionRow | undefined =>
  get<FileNameRedactionRow>(db, sql`SELECT ${COLUMNS} ${FROM} WHERE x.id = ${id}`);

export const liveFileNameRedactionOf = (db: ReadableDB, target: FileNameTarget): FileNameRedactionRow | undefined =>
  get<FileNameRedactionRow>(db, sql`SELECT ${COLUMNS} ${FROM} WHERE x.removed_at IS NULL AND ${targetCondition(target)}`);

/** File name redactions live at `asOf` (epoch ms), or now when null, with the names they hide. */
export const fileNameRedactionsAsOf = (db: ReadableDB, asOf: number | null): FileNameRedactionRow[] =>
  all<FileNameRedactionRow>(db, sql`SELECT ${COLUMNS} ${FROM} WHERE ${liveAt(asOf)} ORDER BY x.source_id IS NULL, x.id`);

/**
 * The file name redactions live at `asOf` (now when null) that a bundle of these conversations could
 * print: their sources' names and their messages' attachments' names. For the leak check.
 */
export const hiddenFileNames = (db: ReadableDB, asOf: number | null, conversationIds: readonly number[]): FileNameRedactionRow[] => {
  const ids = JSON.stringify(conversationIds);
  return all<FileNameRedactionRow>(
    db,
    sql`SELECT ${COLUMNS} ${FROM}
        WHERE ${liveAt(asOf)} AND (x.source_id IN (SELECT v.source_id FROM conversations v WHERE v.id IN (SELECT value FROM json_each(${ids})))
          OR x.attachment_id IN (SELECT t.id FROM attachments t JOIN messages m ON m.id = t.message_id
                                 WHERE m.conversation_id IN (SELECT value FROM json_each(${ids}))))
        ORDER BY x.id`,
  );
};

/** The name a target holds; undefined when the source or attachment is not in the case, or has no name. */
export const fileNameOf = (db: ReadableDB, target: FileNameTarget): string | undefined =>
  get<{ text: string | null }>(
    db,
    'sourceId' in target
      ? sql`SELECT file_name AS text FROM sources WHERE id = ${target.sourceId}`
      : sql`SELECT file_name AS text FROM attachments WHERE id = ${target.attachmentId}`,
  )?.text ?? undefined;

/** Records that batch `batchId` added (or removed) these file name redactions (for undo). */
export const insertFileNameChanges = (db: WritableDB, batchId: string, change: 'added' | 'removed', ids: readonly number[]): void => {
  if (ids.length === 0) return;
  run(
    db,
    sql`INSERT INTO file_name_redaction_changes (batch_id, file_name_redaction_id, change)
        SELECT ${batchId}, value, ${change} FROM json_each(${JSON.stringify(ids)})`,
  );
};

export const changedFileNameIds = (db: ReadableDB, batchId: string, change: 'added' | 'removed'): number[] =>
  all<{ id: number }>(
    db,
    sql`SELECT file_name_redaction_id AS id FROM file_name_redaction_changes WHERE batch_id = ${batchId} AND change = ${change} ORDER BY id`,
  ).map((r) => r.id);
