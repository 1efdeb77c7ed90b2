/**
 * Redactions of a participant's label and of a conversation's title. The bundle prints labels and
 * titles in every message heading, the extract header block, the index and the schedule, so the same
 * phone number or name a reviewer hides in a body must be hideable there too (see printed-labels.ts).
 *
 * Each change is one transaction with one audit entry naming the participant or conversation by id
 * and the reason, never the label or title itself: the audit log must not become a copy of what was
 * hidden. Redactions are never deleted; a second reason for the same label replaces the first. Each
 * change is also a review batch on the actor's undo stack (batch.ts).
 */
import type { ReadableDB, WritableDB } from '../../db/connection';
import {
  insertLabelRedaction,
  labelRedactionById,
  labelTextOf,
  liveLabelRedactionOf,
  liveLabelRedactions,
  markLabelRedactionRemoved,
  setLabelRedactionSupersededBy,
  type LabelRedactionRow,
  type LabelTarget,
} from '../../db/queries/label-redaction';
import { transaction } from '../../db/queries/run';
import type { LabelRedaction, RedactLabelArgs, RedactLabelResult } from '../../preload/channels/redaction';
import { appendAudit } from '../audit/log';
import { newBatchId } from '../review/decisions';
import { assertFullCase } from '../review/mode';
import { describeRedactions, recordRedactionBatch } from './batch';
import { LabelRedactionNotFoundError, LabelTargetNotFoundError } from './errors';
import { assertReasonCode } from './redactions';

const toLabelRedaction = (row: LabelRedactionRow): LabelRedaction => ({
  id: row.id,
  participantId: row.participantId,
  conversationId: row.conversationId,
  text: row.text,
  reasonCode: row.reasonCode,
  label: row.label,
  note: row.note,
  createdAt: row.createdAt,
  createdBy: row.createdBy,
});

const targetKind = (row: Pick<LabelRedactionRow, 'participantId'>): 'participant' | 'conversation' => (row.participantId !== null ? 'participant' : 'conversation');

const subjectOf = (row: Pick<LabelRedactionRow, 'participantId' | 'conversationId'>): string =>
  row.participantId !== null ? `participant:${row.participantId}` : `conversation:${row.conversationId}`;

export const listLabelRedactions = (db: ReadableDB): LabelRedaction[] => liveLabelRedactions(db).map(toLabelRedaction);

export function redactLabel(db: WritableDB, args: RedactLabelArgs, actor: string, at = Date.now()): RedactLabelResult {
  assertFullCase(db, 'a label redaction');
  const target: LabelTarget = 'participantId' in args ? { participantId: args.participantId } : { conversationId: args.conversationId };
  return transaction(db, () => {
    if (labelTextOf(db, target) === undefined) {
      throw 'participantId' in target ? new LabelTargetNotFoundError('participant', target.participantId) : new LabelTargetNotFoundError('conversation', target.conversationId);
    }
    assertReasonCode(db, args.reasonCode);
    const replaced = liveLabelRedactionOf(db, target);
    // Removed before the insert: only one live redaction per label is allowed (a unique index).
    if (replaced) markLabelRedactionRemoved(db, replaced.id, at, actor, null);
    const id = insertLabelRedaction(db, { target, reasonCode: args.reasonCode, note: args.note, at, actor });
    if (replaced) setLabelRedactionSupersededBy(db, replaced.id, id);
    const row = labelRedactionById(db, id)!;
    recordRedactionBatch(db, {
      batchId: newBatchId(),
      actor,
      at,
      summary: describeRedactions.label(targetKind(row), row.label, 'added', replaced?.label ?? null),
      messages: 0,
      labelsAdded: [id],
      labelsRemoved: replaced ? [replaced.id] : [],
    });
    appendAudit(db, {
      actor,
      action: 'label-redaction.added',
      subject: subjectOf(row),
      at,
      details: { labelRedactionId: id, reasonCode: args.reasonCode, note: args.note, replaced: replaced?.id ?? null },
    });
    return { redaction: toLabelRedaction(row), replaced: replaced?.id ?? null };
  });
}

export function removeLabelRedaction(db: WritableDB, id: number, actor: string, at = Date.now()): { removed: number } {
  assertFullCase(db, 'removing a label redaction');
  return transaction(db, () => {
    const row = labelRedactionById(db, id);
    if (!row || !markLabelRedactionRemoved(db, id, at, actor, null)) throw new LabelRedactionNotFoundError(id);
    recordRedactionBatch(db, { batchId: newBatchId(), actor, at, summary: describeRedactions.label(targetKind(row), row.label, 'removed'), messages: 0, labelsRemoved: [id] });
    appendAudit(db, { actor, action: 'label-redaction.removed', subject: subjectOf(row), at, details: { labelRedactionId: id } });
    return { removed: id };
  });
}
