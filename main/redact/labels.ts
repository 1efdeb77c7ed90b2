/**
 * Redactions of a participant's label and of a conversation's title. The bundle prints labels and
 * titles in every message heading, the extract header block, the index and the schedule, so the same
 * phone number or name a reviewer hides in a body must be hideable there too (see printed-labels.ts).
 *
 * The rules every name redaction shares (audit, supersession, undo) are in name-redactions.ts.
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
import type { LabelRedaction, RedactLabelArgs, RedactLabelResult } from '../../common/domain/redaction';
import { describeRedactions } from './batch';
import { addNameRedaction, removeNameRedaction, type NameRedactions } from './name-redactions';
import { LabelRedactionNotFoundError, LabelTargetNotFoundError } from './errors';

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

const targetKind = (row: Pick<LabelRedactionRow, 'participantId'>): 'participant' | 'conversation' =>
  row.participantId !== null ? 'participant' : 'conversation';

const subject = (row: Pick<LabelRedactionRow, 'participantId' | 'conversationId'>): string =>
  row.participantId !== null ? `participant:${row.participantId}` : `conversation:${row.conversationId}`;

export const listLabelRedactions = (db: ReadableDB): LabelRedaction[] => liveLabelRedactions(db).map(toLabelRedaction);

const labels: NameRedactions<LabelTarget, LabelRedactionRow> = {
  what: 'a label redaction',
  action: 'label-redaction',
  idKey: 'labelRedactionId',
  assertTarget(db, target) {
    if (labelTextOf(db, target) !== undefined) return;
    throw 'participantId' in target
      ? new LabelTargetNotFoundError('participant', target.participantId)
      : new LabelTargetNotFoundError('conversation', target.conversationId);
  },
  live: liveLabelRedactionOf,
  byId: labelRedactionById,
  insert: insertLabelRedaction,
  markRemoved: markLabelRedactionRemoved,
  setSupersededBy: setLabelRedactionSupersededBy,
  notFound: (id) => new LabelRedactionNotFoundError(id),
  subject,
  summary: (row, change, replacing) => describeRedactions.label(targetKind(row), row.label, change, replacing),
  batch: (added, removed) => ({ labelsAdded: added, labelsRemoved: removed }),
};

export function redactLabel(db: WritableDB, args: RedactLabelArgs, actor: string, at = Date.now()): RedactLabelResult {
  const target: LabelTarget = 'participantId' in args ? { participantId: args.participantId } : { conversationId: args.conversationId };
  const { row, replaced } = addNameRedaction(labels, db, target, args, actor, at);
  return { redaction: toLabelRedaction(row), replaced };
}

export const removeLabelRedaction = (db: WritableDB, id: number, actor: string, at = Date.now()): { removed: number } =>
  removeNameRedaction(labels, db, id, actor, at);
