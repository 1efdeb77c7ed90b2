/**
 * Rectangle redactions of image attachments (docs/spec.md §13, migration 18). Each change is one
 * transaction, one audit entry and one review batch on the actor's undo stack (batch.ts), as text
 * redactions are; a region is never deleted: removing it stamps removed_at/by (and superseded_by when a
 * replacement takes its place). Audit entries record the rectangle and reason, never pixels.
 *
 * Refused, with nothing changed: an attachment the case does not hold the bytes of (a region must be
 * checkable against what will be produced), content that is not an image whatever its name says, a
 * rectangle outside the image or smaller than MIN_REGION_SIDE, a reason code the case does not have.
 */
import type { ReadableDB, WritableDB } from '../../db/connection';
import {
  attachmentForRegions,
  imageRedactionById,
  imageRedactionHistory,
  insertImageRedaction,
  liveImageRedactionRows,
  markImageRedactionRemoved,
  type ImageRedactionRow,
} from '../../db/queries/image-redactions';
import { transaction } from '../../db/queries/run';
import {
  imageRegionProblem,
  type AddImageRedactionArgs,
  type AddImageRedactionResult,
  type ImageRedaction,
  type ListImageRedactionsArgs,
  type SupersedeImageRedactionArgs,
  type SupersedeImageRedactionResult,
} from '../../common/domain/image-regions';
import { AttachmentNotFoundError, openAttachment } from '../attachments/open';
import { appendAudit } from '../audit/log';
import { SNIFF_HEAD_BYTES, sniff } from '../media/sniff';
import { newBatchId } from '../review/decisions';
import { assertFullCase } from '../review/mode';
import { describeRedactions, recordRedactionBatch } from './batch';
import {
  ImageRedactionAlreadyRemovedError,
  ImageRedactionNotFoundError,
  ImageRegionError,
  NotAnImageError,
  ReplacedImageRedactionMismatchError,
} from './errors';
import { assertReasonCode } from './redactions';

export const toImageRedaction = (row: ImageRedactionRow): ImageRedaction => ({
  id: row.id,
  attachmentId: row.attachmentId,
  rect: { x: row.x, y: row.y, w: row.w, h: row.h },
  reasonCode: row.reasonCode,
  label: row.label,
  note: row.note,
  createdAt: row.createdAt,
  createdBy: row.createdBy,
  removedAt: row.removedAt,
  removedBy: row.removedBy,
  removalNote: row.removalNote,
  supersededBy: row.supersededBy,
});

export function listImageRedactions(db: ReadableDB, args: ListImageRedactionsArgs): ImageRedaction[] {
  if (!attachmentForRegions(db, args.attachmentId)) throw new AttachmentNotFoundError(args.attachmentId);
  const rows = args.includeRemoved ? imageRedactionHistory(db, args.attachmentId) : liveImageRedactionRows(db, args.attachmentId);
  return rows.map(toImageRedaction);
}

/**
 * Refuses an attachment a rectangle cannot go on. The type recognised at import is trusted when it was
 * recorded; otherwise the first bytes are sniffed here (openAttachment refuses one the case does not hold).
 */
function assertImage(db: ReadableDB, attachmentId: number): void {
  const row = attachmentForRegions(db, attachmentId);
  if (!row) throw new AttachmentNotFoundError(attachmentId);
  const opened = openAttachment(db, attachmentId);
  if (row.detectedMime?.startsWith('image/')) return;
  const first = opened.chunks().next();
  const head = first.done ? new Uint8Array() : first.value.subarray(0, SNIFF_HEAD_BYTES);
  const sniffed = sniff(head);
  // The recorded type decides; the bytes only give it a name people read ("PDF content").
  if (row.detectedMime !== null && sniffed.mime !== row.detectedMime)
    throw new NotAnImageError(opened.name, `recognised as ${row.detectedMime}`);
  if (sniffed.kind !== 'image')
    throw new NotAnImageError(opened.name, sniffed.kind === 'other' ? sniffed.label : `${sniffed.label} content`);
}

export function addImageRedaction(db: WritableDB, args: AddImageRedactionArgs, actor: string, at = Date.now()): AddImageRedactionResult {
  assertFullCase(db, 'an image redaction');
  const problem = imageRegionProblem(args.rect);
  if (problem !== undefined) throw new ImageRegionError(problem);
  return transaction(db, () => {
    assertImage(db, args.attachmentId);
    assertReasonCode(db, args.reasonCode);
    const replaced = args.replaces === undefined ? null : imageRedactionById(db, args.replaces);
    if (args.replaces !== undefined) {
      if (!replaced) throw new ImageRedactionNotFoundError(args.replaces);
      if (replaced.attachmentId !== args.attachmentId) throw new ReplacedImageRedactionMismatchError(replaced.id, args.attachmentId);
      if (replaced.removedAt !== null) throw new ImageRedactionAlreadyRemovedError(replaced.id);
    }
    const { x, y, w, h } = args.rect;
    const id = insertImageRedaction(db, {
      attachmentId: args.attachmentId,
      rect: { x, y, w, h },
      reasonCode: args.reasonCode,
      note: args.note,
      at,
      actor,
    });
    if (replaced) markImageRedactionRemoved(db, replaced.id, { at, actor, note: null, supersededBy: id });
    const redaction = toImageRedaction(imageRedactionById(db, id)!);
    recordRedactionBatch(db, {
      batchId: newBatchId(),
      actor,
      at,
      summary: describeRedactions.image(redaction.label, 'added', replaced?.label ?? null),
      messages: 0,
      imagesAdded: [id],
      imagesRemoved: replaced ? [replaced.id] : [],
    });
    appendAudit(db, {
      actor,
      action: 'image-redaction.added',
      subject: `attachment:${args.attachmentId}`,
      at,
      details: { imageRedactionId: id, rect: { x, y, w, h }, reasonCode: args.reasonCode, note: args.note, replaced: replaced?.id ?? null },
    });
    return { redaction, replaced: replaced?.id ?? null };
  });
}

export function supersedeImageRedaction(
  db: WritableDB,
  args: SupersedeImageRedactionArgs,
  actor: string,
  at = Date.now(),
): SupersedeImageRedactionResult {
  assertFullCase(db, 'removing an image redaction');
  return transaction(db, () => {
    const row = imageRedactionById(db, args.id);
    if (!row) throw new ImageRedactionNotFoundError(args.id);
    if (!markImageRedactionRemoved(db, row.id, { at, actor, note: args.note, supersededBy: null }))
      throw new ImageRedactionAlreadyRemovedError(row.id);
    recordRedactionBatch(db, {
      batchId: newBatchId(),
      actor,
      at,
      summary: describeRedactions.image(row.label, 'removed'),
      messages: 0,
      imagesRemoved: [row.id],
    });
    appendAudit(db, {
      actor,
      action: 'image-redaction.removed',
      subject: `attachment:${row.attachmentId}`,
      at,
      details: { imageRedactionId: row.id, note: args.note },
    });
    return { removed: row.id };
  });
}
