/**
 * Undo and redo, per actor, as new events: nothing is ever deleted. Each actor's undo and redo stacks
 * are a replay of their own batches (review_batches), so they survive closing the case and need no
 * mutable state: a decision pushes on the undo stack and clears the redo stack; an undo moves its
 * target to the redo stack; a redo pushes itself (so it can in turn be undone).
 *
 * An undo restores each message of the batch to the state it had just before that batch. If any of
 * those messages is no longer in the state the batch left it (changed since by anyone, including a
 * propagation or an accepted custodian flag, and not changed back), the undo is refused and names
 * them: restoring the older state would silently overwrite a later decision. Redo is refused likewise
 * if a message is no longer in the state the undo left it.
 *
 * A batch that changed redactions (adding or removing one, every occurrence, a name or a title: see
 * redaction_batch_changes) is undone and redone by reversing those changes (main/redact/undo.ts),
 * after the same check of the outcomes it moved.
 */
import type { ReadableDB, WritableDB } from '../../db/connection';
import {
  applyBatchToAttachmentReviews,
  attachmentsChangedSince,
  insertAttachmentRedoEvents,
  insertAttachmentUndoEvents,
} from '../../db/queries/attachment-review';
import { carriesRedactionChanges } from '../../db/queries/redaction-batch';
import {
  applyBatchToReviews,
  batchById,
  batchesOf,
  changedSince,
  insertBatch,
  insertRedoEvents,
  insertUndoEvents,
  redactionConflicts,
  type BatchRow,
} from '../../db/queries/review';
import { transaction } from '../../db/queries/run';
import type { UndoResult, UndoState } from '../../common/domain/review';
import { appendAudit } from '../audit/log';
import { reverseRedactionBatch } from '../redact/undo';
import { newBatchId, summaryInWords } from './decisions';
import { RedactionOutcomeError, UndoConflictError } from './errors';
import { assertFullCase } from './mode';

export interface Stacks {
  /** Batch ids, most recent last. */
  readonly undo: readonly string[];
  readonly redo: readonly string[];
  /** For each batch on the redo stack, the undo batch that put it there (redo checks against it). */
  readonly undoneBy: ReadonlyMap<string, string>;
}

/** Pure: the stacks after replaying one actor's batches in order. */
export function replayStacks(batches: readonly Pick<BatchRow, 'batchId' | 'kind' | 'targetBatchId'>[]): Stacks {
  const undo: string[] = [];
  let redo: string[] = [];
  const undoneBy = new Map<string, string>();
  for (const batch of batches) {
    const target = batch.targetBatchId;
    if (batch.kind === 'decision') {
      undo.push(batch.batchId);
      redo = [];
    } else if (batch.kind === 'undo' && target !== null) {
      undo.splice(undo.lastIndexOf(target), 1);
      redo.push(target);
      undoneBy.set(target, batch.batchId);
    } else if (batch.kind === 'redo' && target !== null) {
      redo.splice(redo.lastIndexOf(target), 1);
      undo.push(batch.batchId);
    }
    // custodian_flag batches are the reviewer's ruling on someone else's request, not an edit of
    // their own to step back through; they are changed by a new decision, and block conflicting undos.
  }
  return { undo, redo, undoneBy };
}

const stacksOf = (db: ReadableDB, actor: string): Stacks => replayStacks(batchesOf(db, actor));

function entry(db: ReadableDB, batchId: string | undefined): UndoState['undo'] {
  const batch = batchId === undefined ? undefined : batchById(db, batchId);
  return batch ? { batchId: batch.batchId, at: batch.at, messages: batch.events, summary: summaryInWords(batch.summary) } : null;
}

export function undoState(db: ReadableDB, actor: string): UndoState {
  const stacks = stacksOf(db, actor);
  return { undo: entry(db, stacks.undo.at(-1)), redo: entry(db, stacks.redo.at(-1)) };
}

/** Messages and attachments (whose own decisions share the batches) changed since: either blocks. */
function refuseIfChanged(db: ReadableDB, action: 'undo' | 'redo', target: BatchRow, since: string): void {
  const messages = changedSince(db, since, 3);
  const attachments = attachmentsChangedSince(db, since, 3);
  const total = messages.total + attachments.total;
  if (total > 0) throw new UndoConflictError(action, target.summary, total, [...messages.examples, ...attachments.examples].slice(0, 3));
}

/** A redaction added since would be contradicted by the restored outcome: refused like a later change. */
function refuseIfRedacted(db: ReadableDB, action: 'undo' | 'redo', target: BatchRow, batchId: string): void {
  const { total, ids } = redactionConflicts(db, batchId, 5);
  if (total > 0) throw new RedactionOutcomeError(`${action === 'undo' ? 'Undoing' : 'Redoing'} "${target.summary}"`, total, ids);
}

function required(db: ReadableDB, batchId: string): BatchRow {
  const batch = batchById(db, batchId);
  if (!batch) throw new Error(`review batch ${batchId} is missing from review_batches`);
  return batch;
}

/** Undoes the actor's most recent batch still on their undo stack; null when there is none. */
export function undo(db: WritableDB, actor: string, at = Date.now()): UndoResult {
  assertFullCase(db, 'undo');
  return transaction(db, () => {
    const targetId = stacksOf(db, actor).undo.at(-1);
    if (targetId === undefined) return null;
    const target = required(db, targetId);
    refuseIfChanged(db, 'undo', target, target.batchId);
    const batchId = newBatchId();
    if (carriesRedactionChanges(db, target.batchId))
      return reverseRedactionBatch(db, { action: 'undo', target, source: target.batchId, batchId, at, actor });
    const changed =
      insertUndoEvents(db, batchId, target.batchId, at, actor) + insertAttachmentUndoEvents(db, batchId, target.batchId, at, actor);
    refuseIfRedacted(db, 'undo', target, batchId);
    applyBatchToReviews(db, batchId);
    applyBatchToAttachmentReviews(db, batchId);
    insertBatch(db, {
      batchId,
      actor,
      kind: 'undo',
      targetBatchId: target.batchId,
      summary: `undo ${target.summary}`,
      events: changed,
      at,
    });
    appendAudit(db, {
      actor,
      action: 'review.undone',
      subject: `batch:${batchId}`,
      at,
      details: { undoneBatchId: target.batchId, changed },
    });
    return { batchId, targetBatchId: target.batchId, changed };
  });
}

/** Re-applies the batch the actor most recently undid; null when there is nothing to redo. */
export function redo(db: WritableDB, actor: string, at = Date.now()): UndoResult {
  assertFullCase(db, 'redo');
  return transaction(db, () => {
    const stacks = stacksOf(db, actor);
    const targetId = stacks.redo.at(-1);
    if (targetId === undefined) return null;
    const target = required(db, targetId);
    const undoneBy = stacks.undoneBy.get(targetId);
    if (undoneBy === undefined) throw new Error(`review batch ${targetId} is on the redo stack but no undo of it was found`);
    refuseIfChanged(db, 'redo', target, undoneBy);
    const batchId = newBatchId();
    if (carriesRedactionChanges(db, undoneBy))
      return reverseRedactionBatch(db, { action: 'redo', target, source: undoneBy, batchId, at, actor });
    const changed =
      insertRedoEvents(db, batchId, target.batchId, at, actor) + insertAttachmentRedoEvents(db, batchId, target.batchId, at, actor);
    refuseIfRedacted(db, 'redo', target, batchId);
    applyBatchToReviews(db, batchId);
    applyBatchToAttachmentReviews(db, batchId);
    insertBatch(db, { batchId, actor, kind: 'redo', targetBatchId: target.batchId, summary: target.summary, events: changed, at });
    appendAudit(db, {
      actor,
      action: 'review.redone',
      subject: `batch:${batchId}`,
      at,
      details: { redoneBatchId: target.batchId, changed },
    });
    return { batchId, targetBatchId: target.batchId, changed };
  });
}
