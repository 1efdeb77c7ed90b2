/**
 * Rectangle redactions of image attachments (migration 18). Rows are never deleted and never change
 * their rectangle (triggers forbid both): removal stamps removed_at/by and, where a replacement exists,
 * superseded_by; an image may hold many live rectangles.
 */
import type { ImageRegion, NormalisedRect } from '../../common/domain/media';
import type { ReadableDB, WritableDB } from '../connection';
import { sql, type SqlQuery } from '../sql';
import { all, get, run } from './run';

export interface ImageRedactionRow {
  readonly id: number;
  readonly attachmentId: number;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly reasonCode: string;
  /** The reason's current label in this case. */
  readonly label: string;
  readonly note: string;
  readonly createdAt: number;
  readonly createdBy: string;
  readonly removedAt: number | null;
  readonly removedBy: string | null;
  readonly removalNote: string | null;
  readonly supersededBy: number | null;
}

const COLUMNS = sql`x.id, x.attachment_id AS attachmentId, x.x, x.y, x.w, x.h, x.reason_code AS reasonCode, c.label, x.note,
  x.created_at AS createdAt, x.created_by AS createdBy, x.removed_at AS removedAt, x.removed_by AS removedBy,
  x.removal_note AS removalNote, x.superseded_by AS supersededBy`;
const FROM = sql`FROM image_redactions x JOIN reason_codes c ON c.code = x.reason_code`;

const liveAt = (asOf: number | null): SqlQuery =>
  asOf === null ? sql`x.removed_at IS NULL` : sql`x.created_at <= ${asOf} AND (x.removed_at IS NULL OR x.removed_at > ${asOf})`;

const toRegion = (row: ImageRedactionRow): ImageRegion => ({
  id: row.id,
  attachmentId: row.attachmentId,
  rect: { x: row.x, y: row.y, w: row.w, h: row.h },
  reason: row.label,
});

const regionsAsOf = (db: ReadableDB, attachmentIds: readonly number[], asOf: number | null): Map<number, ImageRegion[]> => {
  const regions = new Map<number, ImageRegion[]>();
  if (attachmentIds.length === 0) return regions;
  const rows = all<ImageRedactionRow>(
    db,
    sql`SELECT ${COLUMNS} ${FROM}
        WHERE x.attachment_id IN (SELECT value FROM json_each(${JSON.stringify(attachmentIds)})) AND ${liveAt(asOf)}
        ORDER BY x.attachment_id, x.id`,
  );
  for (const row of rows) {
    const list = regions.get(row.attachmentId);
    if (list) list.push(toRegion(row));
    else regions.set(row.attachmentId, [toRegion(row)]);
  }
  return regions;
};

/** The live (not superseded or removed) regions of each attachment, oldest first; attachments with none are absent. */
export const liveImageRegions = (db: ReadableDB, attachmentIds: readonly number[]): Map<number, ImageRegion[]> =>
  regionsAsOf(db, attachmentIds, null);

/** The regions live at `asOf` (epoch ms): verifying an older bundle asks for them as they stood when it was exported. */
export const imageRegionsAsOf = (db: ReadableDB, attachmentIds: readonly number[], asOf: number): Map<number, ImageRegion[]> =>
  regionsAsOf(db, attachmentIds, asOf);

/** Every region of an attachment, live and removed, oldest first: its history. */
export const imageRedactionHistory = (db: ReadableDB, attachmentId: number): ImageRedactionRow[] =>
  all<ImageRedactionRow>(db, sql`SELECT ${COLUMNS} ${FROM} WHERE x.attachment_id = ${attachmentId} ORDER BY x.id`);

export const liveImageRedactionRows = (db: ReadableDB, attachmentId: number): ImageRedactionRow[] =>
  all<ImageRedactionRow>(db, sql`SELECT ${COLUMNS} ${FROM} WHERE x.attachment_id = ${attachmentId} AND x.removed_at IS NULL ORDER BY x.id`);

export const imageRedactionById = (db: ReadableDB, id: number): ImageRedactionRow | undefined =>
  get<ImageRedactionRow>(db, sql`SELECT ${COLUMNS} ${FROM} WHERE x.id = ${id}`);

export interface NewImageRedaction {
  readonly attachmentId: number;
  readonly rect: NormalisedRect;
  readonly reasonCode: string;
  readonly note: string;
  readonly at: number;
  readonly actor: string;
}

export const insertImageRedaction = (db: WritableDB, r: NewImageRedaction): number =>
  Number(
    run(
      db,
      sql`INSERT INTO image_redactions (attachment_id, x, y, w, h, reason_code, note, created_at, created_by)
          VALUES (${r.attachmentId}, ${r.rect.x}, ${r.rect.y}, ${r.rect.w}, ${r.rect.h}, ${r.reasonCode}, ${r.note}, ${r.at}, ${r.actor})`,
    ).lastInsertRowid,
  );

/** Marks a live image redaction removed; false when it was already removed (or does not exist). */
export const markImageRedactionRemoved = (
  db: WritableDB,
  id: number,
  removal: { readonly at: number; readonly actor: string; readonly note: string | null; readonly supersededBy: number | null },
): boolean =>
  run(
    db,
    sql`UPDATE image_redactions SET removed_at = ${removal.at}, removed_by = ${removal.actor}, removal_note = ${removal.note},
          superseded_by = ${removal.supersededBy}
        WHERE id = ${id} AND removed_at IS NULL`,
  ).changes === 1;

/** Records that batch `batchId` added (or removed) these image redactions (for undo). */
export const insertImageRedactionChanges = (db: WritableDB, batchId: string, change: 'added' | 'removed', ids: readonly number[]): void => {
  if (ids.length === 0) return;
  run(
    db,
    sql`INSERT INTO image_redaction_changes (batch_id, image_redaction_id, change)
        SELECT ${batchId}, value, ${change} FROM json_each(${JSON.stringify(ids)})`,
  );
};

/** The image redactions batch `batchId` removed, in id order. */
export const removedImageRedactionIds = (db: ReadableDB, batchId: string): number[] =>
  all<{ id: number }>(
    db,
    sql`SELECT image_redaction_id AS id FROM image_redaction_changes WHERE batch_id = ${batchId} AND change = 'removed' ORDER BY id`,
  ).map((r) => r.id);

// The newest live copy of x that an undo or redo restored: the same rectangle and reason on the same image.
const restoredCopy = sql`SELECT y.id FROM image_redactions y
  JOIN image_redaction_changes yc ON yc.image_redaction_id = y.id AND yc.change = 'added'
  JOIN review_batches yb ON yb.batch_id = yc.batch_id AND (yb.kind = 'undo' OR yb.kind = 'redo')
  WHERE y.id > x.id AND y.attachment_id = x.attachment_id AND y.x = x.x AND y.y = x.y AND y.w = x.w AND y.h = x.h
    AND y.reason_code = x.reason_code AND y.removed_at IS NULL
  ORDER BY y.id LIMIT 1`;

/**
 * The live form of each image redaction batch `batchId` added: the row itself, or — where a later batch
 * removed it and that removal was undone — the copy the undo (or a redo) restored in its place.
 */
export const liveImageRedactionsOfAdded = (db: ReadableDB, batchId: string): number[] =>
  all<{ id: number }>(
    db,
    sql`SELECT coalesce(CASE WHEN x.removed_at IS NULL THEN x.id END, (${restoredCopy}), x.id) AS id
        FROM image_redaction_changes c JOIN image_redactions x ON x.id = c.image_redaction_id
        WHERE c.batch_id = ${batchId} AND c.change = 'added' ORDER BY x.id`,
  ).map((r) => r.id);

/** Image redactions batch `batchId` added that someone has removed since (and no undo restored): reversing would silently undo that. */
export const imageRedactionsRemovedSince = (
  db: ReadableDB,
  batchId: string,
): { id: number; attachmentId: number; label: string; actor: string }[] =>
  all(
    db,
    sql`SELECT x.id, x.attachment_id AS attachmentId, c2.label, x.removed_by AS actor
        FROM image_redaction_changes c JOIN image_redactions x ON x.id = c.image_redaction_id JOIN reason_codes c2 ON c2.code = x.reason_code
        WHERE c.batch_id = ${batchId} AND c.change = 'added' AND x.removed_at IS NOT NULL AND (${restoredCopy}) IS NULL
        ORDER BY x.id`,
  );

/** What the service needs to know of an attachment before a rectangle goes on it. */
export interface AttachmentForRegions {
  readonly id: number;
  readonly fileName: string | null;
  readonly present: number;
  readonly kept: number;
  readonly mime: string | null;
  readonly detectedMime: string | null;
  readonly sha256: string | null;
}

export const attachmentForRegions = (db: ReadableDB, id: number): AttachmentForRegions | undefined =>
  get<AttachmentForRegions>(
    db,
    sql`SELECT id, file_name AS fileName, present, kept, mime, detected_mime AS detectedMime, sha256 FROM attachments WHERE id = ${id}`,
  );
