/**
 * A window of a conversation's messages, by position, for the virtualised timeline.
 */
import type { ReadableDB } from '../../db/connection';
import { effectiveDecisionsInWindow, type EffectiveAttachmentRow } from '../../db/queries/attachment-review';
import { attachmentsOf, conversationMessageCount, reactionsOf, timelineWindow } from '../../db/queries/browse';
import { liveRedactionsInWindow } from '../../db/queries/redaction';
import { editMarkerStart } from '../import/whatsapp/content';
import type { TimelineAttachment, TimelineMessage, TimelineWindow } from '../../common/domain/browse';
import type { Classification, DeletedKind, Direction, EditedKind, MessageKind, Outcome, Relevance } from '../../common/domain/model';

export class ConversationNotFoundError extends Error {
  constructor(id: number) {
    super(`Conversation #${id} is not in this case.`);
    this.name = 'ConversationNotFoundError';
  }
}

function groupBy<T extends { messageId: number }>(rows: readonly T[]): Map<number, T[]> {
  const grouped = new Map<number, T[]>();
  for (const row of rows) grouped.set(row.messageId, [...(grouped.get(row.messageId) ?? []), row]);
  return grouped;
}

function attachmentDecision(id: number, d: EffectiveAttachmentRow | undefined): Pick<TimelineAttachment, 'id' | 'decision'> {
  if (!d) throw new Error(`attachment #${id} has no effective decision row`);
  const own = d.ownClassification + d.ownRelevance + d.ownOutcome + d.ownArticle8 + d.ownRationale > 0;
  return { id, decision: { classification: d.classification, relevance: d.relevance, outcome: d.outcome, own } };
}

export function timeline(db: ReadableDB, conversationId: number, from: number, count: number): TimelineWindow {
  const total = conversationMessageCount(db, conversationId);
  if (total === undefined) throw new ConversationNotFoundError(conversationId);
  const rows = timelineWindow(db, conversationId, from, count);
  const attachments = groupBy(attachmentsOf(db, conversationId, from, from + count));
  const decisions = new Map(effectiveDecisionsInWindow(db, conversationId, from, from + count).map((d) => [d.attachmentId, d]));
  const reactions = groupBy(reactionsOf(db, conversationId, from, from + count));
  const redactions = groupBy(liveRedactionsInWindow(db, conversationId, from, from + count));
  const messages = rows.map((row): TimelineMessage => ({
    id: row.id,
    position: row.position,
    sentAt: row.sentAt,
    sentAtRaw: row.sentAtRaw,
    tzBasis: row.tzBasis,
    sender: row.sender,
    senderParticipantId: row.senderParticipantId,
    senderRedaction:
      row.senderRedactionId === null
        ? null
        : { id: row.senderRedactionId, reasonCode: row.senderRedactionReason ?? '', label: row.senderRedactionLabel ?? '' },
    senderIsOwner: row.senderIsOwner === 1,
    direction: row.direction as Direction,
    kind: row.kind as MessageKind,
    systemKind: row.systemKind,
    body: row.body,
    edited: row.edited as EditedKind,
    // Only a message the import found edited can end in a marker; other platforms' edits leave the body alone.
    editMarkerAt: row.edited === 'none' ? null : editMarkerStart(row.body),
    deleted: row.deleted as DeletedKind,
    replyToMessageId: row.replyToMessageId,
    confidence: row.confidence === 'low' ? 'low' : 'high',
    locator: {
      file: row.locatorFile,
      ...(row.locatorLineStart !== null ? { lineStart: row.locatorLineStart } : {}),
      ...(row.locatorLineEnd !== null ? { lineEnd: row.locatorLineEnd } : {}),
      ...(row.locatorRecord !== null ? { record: row.locatorRecord } : {}),
    },
    attachments: (attachments.get(row.id) ?? []).map((a) => ({
      fileName: a.fileName,
      mime: a.mime,
      size: a.size,
      present: a.present === 1,
      missingReason: a.missingReason,
      detectedMime: a.detectedMime,
      notes: JSON.parse(a.notes) as string[],
      ...attachmentDecision(a.id, decisions.get(a.id)),
    })),
    reactions: (reactions.get(row.id) ?? []).map((r) => ({ actor: r.actor, reaction: r.reaction })),
    classification: row.classification as Classification,
    relevance: row.relevance as Relevance,
    outcome: row.outcome as Outcome,
    redactions: (redactions.get(row.id) ?? []).map((r) => ({
      id: r.id,
      kind: r.kind,
      start: r.start,
      end: r.end,
      reasonCode: r.reasonCode,
      label: r.label,
    })),
  }));
  return { total, messages };
}
