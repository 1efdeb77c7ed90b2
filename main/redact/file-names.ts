/**
 * Redactions of a source file's name and of an attachment's name (migration 11). The bundle prints
 * the source file name in every extract's header block and in the manifest, and an attachment's name
 * beside its message: a redacted one prints as the reason instead (printed-labels.ts), like a
 * redacted sender label or title (labels.ts, whose design this follows).
 *
 * The rules every name redaction shares (audit, supersession, undo) are in name-redactions.ts.
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
import type { FileNameRedaction, RedactFileNameArgs, RedactFileNameResult } from '../../common/domain/redaction';
import { describeRedactions } from './batch';
import { addNameRedaction, removeNameRedaction, type NameRedactions } from './name-redactions';
import { FileNameRedactionNotFoundError, FileNameTargetNotFoundError } from './errors';

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

const targetKind = (row: Pick<FileNameRedactionRow, 'sourceId'>): 'source-file' | 'attachment' =>
  row.sourceId !== null ? 'source-file' : 'attachment';

const subject = (row: Pick<FileNameRedactionRow, 'sourceId' | 'attachmentId'>): string =>
  row.sourceId !== null ? `source:${row.sourceId}` : `attachment:${row.attachmentId}`;

export const listFileNameRedactions = (db: ReadableDB): FileNameRedaction[] => fileNameRedactionsAsOf(db, null).map(toFileNameRedaction);

const fileNames: NameRedactions<FileNameTarget, FileNameRedactionRow> = {
  what: 'a file name redaction',
  action: 'file-name-redaction',
  idKey: 'fileNameRedactionId',
  assertTarget(db, target) {
    if (fileNameOf(db, target) !== undefined) return;
    throw 'sourceId' in target
      ? new FileNameTargetNotFoundError('source-file', target.sourceId)
      : new FileNameTargetNotFoundError('attachment', target.attachmentId);
  },
  live: liveFileNameRedactionOf,
  byId: fileNameRedactionById,
  insert: insertFileNameRedaction,
  markRemoved: markFileNameRedactionRemoved,
  setSupersededBy: setFileNameRedactionSupersededBy,
  notFound: (id) => new FileNameRedactionNotFoundError(id),
  subject,
  summary: (row, change, replacing) => describeRedactions.fileName(targetKind(row), row.label, change, replacing),
  batch: (added, removed) => ({ fileNamesAdded: added, fileNamesRemoved: removed }),
};

export function redactFileName(db: WritableDB, args: RedactFileNameArgs, actor: string, at = Date.now()): RedactFileNameResult {
  const target: FileNameTarget = 'sourceId' in args ? { sourceId: args.sourceId } : { attachmentId: args.attachmentId };
  const { row, replaced } = addNameRedaction(fileNames, db, target, args, actor, at);
  return { redaction: toFileNameRedaction(row), replaced };
}

export const removeFileNameRedaction = (db: WritableDB, id: number, actor: string, at = Date.now()): { removed: number } =>
  removeNameRedaction(fileNames, db, id, actor, at);
