/**
 * Redactions of a source file's name and of an attachment's name (migration 11). The bundle prints
 * the source file name in every extract's header block and in the manifest, and an attachment's name
 * beside its message: a redacted one prints as the reason instead (printed-labels.ts), like a
 * redacted sender label or title (labels.ts, whose design this follows).
 *
 * Each change is one transaction with one audit entry naming the source or attachment by id and the
 * reason, never the name itself: the audit log must not become a copy of what was hidden. Redactions
 * are never deleted; a second reason for the same name replaces the first. Each change is a review
 * batch on the actor's undo stack (batch.ts).
 */
import type { ReadableDB, WritableDB } from '../../db/connection';
import {
  fileNameOf,
  fileNameRedactionById,
  fileNameRedactionsAsOf,
  insertFileNameRedaction,
  liveFileNameRedactionOf,
  markFileNameRedactionRemoved,
  setFileNameRedactionSupersededBy,
  type FileNameRedactionRow,
  type FileNameTarget,
} from '../../db/queries/file-name-redaction';
import { transaction } from '../../db/queries/run';
import type { FileNameRedaction, RedactFileNameArgs, RedactFileNameResult } from '../../preload/channels/redaction';
import { appendAudit } from '../audit/log';
import { newBatchId } from '../review/decisions';
import { assertFullCase } from '../review/mode';
import { describeRedactions, recordRedactionBatch } from './batch';
import { FileNameRedactionNotFoundError, FileNameTargetNotFoundError } from './errors';
import { assertReasonCode } from './redactions';

const toFileNameRedaction = (row: FileNameRedactionRow): FileNameRedaction => ({
  id: row.id,
  sourceId: row.sourceId,
  attachmentId: row.attachmentId,
  text: row.text,
  reasonCode: row.reasonCode,
  label: row.label,
  note: row.note,
  createdAt: row.createdAt,
  createdBy: row.createdBy,
});

const targetKind = (row: Pick<FileNameRedactionRow, 'sourceId'>): 'source-file' | 'attachment' => (row.sourceId !== null ? 'source-file' : 'attachment');

const subjectOf = (row: Pick<FileNameRedactionRow, 'sourceId' | 'attachmentId'>): string =>
  row.sourceId !== null ? `source:${row.sourceId}` : `attachment:${row.attachmentId}`;

export const listFileNameRedactions = (db: ReadableDB): FileNameRedaction[] => fileNameRedactionsAsOf(db, null).map(toFileNameRedaction);

export function redactFileName(db: WritableDB, args: RedactFileNameArgs, actor: string, at = Date.now()): RedactFileNameResult {
  assertFullCase(db, 'a file name redaction');
  const target: FileNameTarget = 'sourceId' in args ? { sourceId: args.sourceId } : { attachmentId: args.attachmentId };
  return transaction(db, () => {
    if (fileNameOf(db, target) === undefined) {
      throw 'sourceId' in target ? new FileNameTargetNotFoundError('source-file', target.sourceId) : new FileNameTargetNotFoundError('attachment', target.attachmentId);
    }
    assertReasonCode(db, args.reasonCode);
    const replaced = liveFileNameRedactionOf(db, target);
    // Removed before the insert: only one live redaction per name is allowed (a unique index).
    if (replaced) markFileNameRedactionRemoved(db, replaced.id, at, actor, null);
    const id = insertFileNameRedaction(db, { target, reasonCode: args.reasonCode, note: args.note, at, actor });
    if (replaced) setFileNameRedactionSupersededBy(db, replaced.id, id);
    const row = fileNameRedactionById(db, id)!;
    recordRedactionBatch(db, {
      batchId: newBatchId(),
      actor,
      at,
      summary: describeRedactions.fileName(targetKind(row), row.label, 'added', replaced?.label ?? null),
      messages: 0,
      fileNamesAdded: [id],
      fileNamesRemoved: replaced ? [replaced.id] : [],
    });
    appendAudit(db, {
      actor,
      action: 'file-name-redaction.added',
      subject: subjectOf(row),
      at,
      details: { fileNameRedactionId: id, reasonCode: args.reasonCode, note: args.note, replaced: replaced?.id ?? null },
    });
    return { redaction: toFileNameRedaction(row), replaced: replaced?.id ?? null };
  });
}

export function removeFileNameRedaction(db: WritableDB, id: number, actor: string, at = Date.now()): { removed: number } {
  assertFullCase(db, 'removing a file name redaction');
  return transaction(db, () => {
    const row = fileNameRedactionById(db, id);
    if (!row || !markFileNameRedactionRemoved(db, id, at, actor, null)) throw new FileNameRedactionNotFoundError(id);
    recordRedactionBatch(db, { batchId: newBatchId(), actor, at, summary: describeRedactions.fileName(targetKind(row), row.label, 'removed'), messages: 0, fileNamesRemoved: [id] });
    appendAudit(db, { actor, action: 'file-name-redaction.removed', subject: subjectOf(row), at, details: { fileNameRedactionId: id } });
    return { removed: id };
  });
}
