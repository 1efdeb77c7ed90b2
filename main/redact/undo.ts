/**
 * Undo and redo of a batch of redaction changes (the redaction part of main/review/undo.ts). Both
 * reverse a batch: an undo reverses the batch itself, a redo reverses the undo. Reversing never
 * deletes and never un-removes: a redaction the batch added is marked removed, and one it removed
 * comes back as a new row copying it. The new batch records its own changes, so it can in turn be
 * reversed, and the outcomes settle by the same rules as adding and removing (outcomes.ts).
 *
 * Refused, naming what changed, when a redaction the batch added has been removed since, or the
 * place of one it removed has been taken again since (the same text redacted, the same name, title or
 * file name redacted): reversing would then silently undo or duplicate someone's later change. An image
 * may hold any number of regions, so for image regions only the first applies.
 */
import type { WritableDB } from '../../db/connection';
import {
  changedFileNameIds,
  fileNameRedactionById,
  insertFileNameChanges,
  insertFileNameRedaction,
  markFileNameRedactionRemoved,
} from '../../db/queries/file-name-redaction';
import {
  imageRedactionById,
  imageRedactionsRemovedSince,
  insertImageRedaction,
  insertImageRedactionChanges,
  liveImageRedactionsOfAdded,
  markImageRedactionRemoved,
  removedImageRedactionIds,
} from '../../db/queries/image-redactions';
import { labelRedactionById, insertLabelRedaction, markLabelRedactionRemoved } from '../../db/queries/label-redaction';
import { insertRedaction, markRedactionRemoved } from '../../db/queries/redaction';
import {
  changedRedactionIds,
  changedRedactions,
  insertRedactionChanges,
  liveFileNamesOfAdded,
  liveLabelsOfAdded,
  liveOfAdded,
  outcomesBefore,
  reversalObstacles,
} from '../../db/queries/redaction-batch';
import { insertBatch, type BatchRow } from '../../db/queries/review';
import type { UndoResult } from '../../common/domain/review';
import { appendAudit } from '../audit/log';
import type { Outcome } from '../../common/domain/model';
import { RedactionUndoConflictError } from './errors';
import { settleAfterReversal } from './outcomes';

export interface ReverseArgs {
  readonly action: 'undo' | 'redo';
  /** The batch undone or redone (what the stacks name). */
  readonly target: BatchRow;
  /** The batch whose changes are reversed: the target for an undo, the undo of the target for a redo. */
  readonly source: string;
  /** The new batch. */
  readonly batchId: string;
  readonly at: number;
  readonly actor: string;
}

/** Reverses `source`'s redaction changes and its outcome moves as one new batch, audited; the caller holds the transaction. */
export function reverseRedactionBatch(db: WritableDB, args: ReverseArgs): NonNullable<UndoResult> {
  const { action, target, source, batchId, at, actor } = args;
  const obstacles = reversalObstacles(db, source, 3);
  const imageObstacles = imageRedactionsRemovedSince(db, source).map((r) => ({ ...r, messageId: null, why: 'removed' as const }));
  const total = obstacles.total + imageObstacles.length;
  if (total > 0)
    throw new RedactionUndoConflictError(action, target.summary, total, [...obstacles.examples, ...imageObstacles].slice(0, 3));

  const removedRows = liveOfAdded(db, source);
  const removed = removedRows.map((r) => r.id);
  const labelsRemoved = liveLabelsOfAdded(db, source);
  const labelsToRestore = changedRedactionIds(db, source, 'label', 'removed');
  const fileNamesRemoved = liveFileNamesOfAdded(db, source);
  const fileNamesToRestore = changedFileNameIds(db, source, 'removed');
  const imagesRemoved = liveImageRedactionsOfAdded(db, source);
  const imagesToRestore = removedImageRedactionIds(db, source);

  for (const id of removed) markRedactionRemoved(db, id, at, actor, null);
  for (const id of labelsRemoved) markLabelRedactionRemoved(db, id, at, actor, null);
  for (const id of fileNamesRemoved) markFileNameRedactionRemoved(db, id, at, actor, null);
  for (const id of imagesRemoved) markImageRedactionRemoved(db, id, { at, actor, note: null, supersededBy: null });
  const toRestore = changedRedactions(db, source, 'removed');
  const messageIds = [...new Set([...removedRows.map((r) => r.messageId), ...toRestore.map((r) => r.messageId)])];
  // The outcomes settle before the restored redactions are written: the case refuses a live redaction
  // that its message's outcome contradicts.
  const moves = settleAfterReversal(
    db,
    batchId,
    action,
    {
      messageIds,
      spansRemovedFrom: new Set(removedRows.filter((r) => r.kind === 'span').map((r) => r.messageId)),
      restoring: toRestore.map((r) => ({ messageId: r.messageId, kind: r.kind })),
      before: new Map(outcomesBefore(db, source).map((r) => [r.messageId, r.outcome as Outcome])),
    },
    at,
    actor,
  );
  // After the removals: a name or title holds one live redaction, and the batch's own may be in the way.
  const restored = toRestore.map((row) => ({
    from: row.id,
    to: insertRedaction(db, {
      messageId: row.messageId,
      kind: row.kind,
      start: row.start,
      end: row.end,
      reasonCode: row.reasonCode,
      note: row.note,
      at,
      actor,
    }),
    messageId: row.messageId,
  }));
  const labelsRestored = labelsToRestore.map((from) => {
    const row = labelRedactionById(db, from)!;
    const target = row.participantId !== null ? { participantId: row.participantId } : { conversationId: row.conversationId! };
    return { from, to: insertLabelRedaction(db, { target, reasonCode: row.reasonCode, note: row.note, at, actor }) };
  });
  const fileNamesRestored = fileNamesToRestore.map((from) => {
    const row = fileNameRedactionById(db, from)!;
    const target = row.sourceId !== null ? { sourceId: row.sourceId } : { attachmentId: row.attachmentId! };
    return { from, to: insertFileNameRedaction(db, { target, reasonCode: row.reasonCode, note: row.note, at, actor }) };
  });
  const imagesRestored = imagesToRestore.map((from) => {
    const row = imageRedactionById(db, from)!;
    const rect = { x: row.x, y: row.y, w: row.w, h: row.h };
    return {
      from,
      to: insertImageRedaction(db, { attachmentId: row.attachmentId, rect, reasonCode: row.reasonCode, note: row.note, at, actor }),
    };
  });
  insertRedactionChanges(db, batchId, 'message', 'removed', removed);
  insertRedactionChanges(
    db,
    batchId,
    'message',
    'added',
    restored.map((r) => r.to),
  );
  insertRedactionChanges(db, batchId, 'label', 'removed', labelsRemoved);
  insertRedactionChanges(
    db,
    batchId,
    'label',
    'added',
    labelsRestored.map((r) => r.to),
  );
  insertFileNameChanges(db, batchId, 'removed', fileNamesRemoved);
  insertFileNameChanges(
    db,
    batchId,
    'added',
    fileNamesRestored.map((r) => r.to),
  );
  insertImageRedactionChanges(db, batchId, 'removed', imagesRemoved);
  insertImageRedactionChanges(
    db,
    batchId,
    'added',
    imagesRestored.map((r) => r.to),
  );

  insertBatch(db, {
    batchId,
    actor,
    kind: action,
    targetBatchId: target.batchId,
    summary: action === 'undo' ? `undo ${target.summary}` : target.summary,
    events: messageIds.length,
    at,
  });
  appendAudit(db, {
    actor,
    action: action === 'undo' ? 'redaction.undone' : 'redaction.redone',
    subject: `batch:${batchId}`,
    at,
    details: {
      [action === 'undo' ? 'undoneBatchId' : 'redoneBatchId']: target.batchId,
      // Ids only: the log must not become a copy of what was redacted.
      removed,
      restored: restored.map(({ from, to }) => ({ from, to })),
      labelsRemoved,
      labelsRestored,
      fileNamesRemoved,
      fileNamesRestored,
      imagesRemoved,
      imagesRestored,
      outcomeMoves: moves.moves,
    },
  });
  return {
    batchId,
    targetBatchId: target.batchId,
    changed:
      messageIds.length +
      labelsRemoved.length +
      labelsRestored.length +
      fileNamesRemoved.length +
      fileNamesRestored.length +
      imagesRemoved.length +
      imagesRestored.length,
  };
}
