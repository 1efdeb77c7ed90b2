/**
 * Deciding attachments (docs/spec.md §13): an attachment's own classification, relevance, outcome,
 * Article 8 record and rationale, each field its message's until set. One call is one batch in the
 * messages' review_batches, so undo, redo and the History panel treat it as any other decision
 * (undo.ts reverses the attachment events of a batch with its message events). Layering is the
 * messages' rule (decisions.ts): one attachment is an individual decision; a bulk action over several
 * keeps individually decided fields unless `overwrite`. A decision on messages never writes an
 * attachment's own fields, so it cannot override one; it reaches the attachments that inherit.
 */
import type { ReadableDB, WritableDB } from '../../db/connection';
import {
  addAttachmentTargets,
  applyBatchToAttachmentReviews,
  attachmentPlanCounts,
  effectiveAttachmentDecisions,
  insertPlannedAttachmentEvents,
  missingAttachmentIds,
  planAttachmentTargets,
  resetAttachmentTargets,
  type EffectiveAttachmentRow,
} from '../../db/queries/attachment-review';
import { insertBatch } from '../../db/queries/review';
import { transaction } from '../../db/queries/run';
import type { AttachmentDecideArgs, AttachmentDecideResult, AttachmentDecision, Article8Record } from '../../common/domain/review';
import { appendAudit } from '../audit/log';
import { article8Records } from './article8';
import { changeValues, describeChange, newBatchId } from './decisions';
import { AttachmentsNotFoundError, NothingSelectedError, NothingToOverwriteError } from './errors';
import { assertFullCase } from './mode';

const toDecision = (row: EffectiveAttachmentRow, article8: ReadonlyMap<number, Article8Record>): AttachmentDecision => ({
  attachmentId: row.attachmentId,
  messageId: row.messageId,
  fileName: row.fileName,
  classification: row.classification,
  relevance: row.relevance,
  outcome: row.outcome,
  rationale: row.rationale,
  article8: row.article8Id === null ? null : (article8.get(row.article8Id) ?? null),
  own: {
    classification: row.ownClassification === 1,
    relevance: row.ownRelevance === 1,
    outcome: row.ownOutcome === 1,
    article8: row.ownArticle8 === 1,
    rationale: row.ownRationale === 1,
  },
  updatedAt: row.updatedAt,
  updatedBy: row.updatedBy,
});

export function attachmentDecisions(db: ReadableDB, attachmentIds: readonly number[]): AttachmentDecision[] {
  const missing = missingAttachmentIds(db, attachmentIds);
  if (missing.length > 0) throw new AttachmentsNotFoundError(missing);
  const rows = effectiveAttachmentDecisions(db, attachmentIds);
  const article8 = article8Records(
    db,
    rows.flatMap((r) => (r.article8Id === null ? [] : [r.article8Id])),
  );
  return rows.map((r) => toDecision(r, article8));
}

const describeTargets = (ids: readonly number[]): string => (ids.length === 1 ? `attachment #${ids[0]}` : `${ids.length} attachments`);

export function decideAttachments(db: WritableDB, args: AttachmentDecideArgs, actor: string, at = Date.now()): AttachmentDecideResult {
  assertFullCase(db, 'a review decision');
  const { attachmentIds, change, overwrite } = args;
  if (attachmentIds.length === 0) throw new NothingSelectedError('no attachments');
  return transaction(db, () => {
    const missing = missingAttachmentIds(db, attachmentIds);
    if (missing.length > 0) throw new AttachmentsNotFoundError(missing);
    resetAttachmentTargets(db);
    const matched = addAttachmentTargets(db, attachmentIds);
    const values = changeValues(db, change, actor, at);
    const { article8Id } = values;
    planAttachmentTargets(db, values);
    const counts = new Map(attachmentPlanCounts(db).map((r) => [r.status, r.n]));
    const individual = counts.get('individual') ?? 0;
    if (overwrite && individual === 0) throw new NothingToOverwriteError(describeTargets(attachmentIds));
    const kept = overwrite ? 0 : individual;
    const overwritten = overwrite ? individual : 0;
    const batchId = newBatchId();
    const events = insertPlannedAttachmentEvents(db, batchId, overwrite, at, actor);
    if (events === 0) return { batchId: null, matched, changed: 0, kept, overwritten, article8Id: null };
    applyBatchToAttachmentReviews(db, batchId);
    const summary = `${describeChange(change)} on ${describeTargets(attachmentIds)}`;
    insertBatch(db, { batchId, actor, kind: 'decision', targetBatchId: null, summary, events, at });
    appendAudit(db, {
      actor,
      action: 'review.attachmentsDecided',
      subject: `batch:${batchId}`,
      at,
      details: {
        attachmentIds: [...attachmentIds].sort((a, b) => a - b),
        change: {
          classification: change.classification,
          relevance: change.relevance,
          outcome: change.outcome,
          rationale: change.rationale,
          article8Id,
        },
        overwrite,
        matched,
        changed: events,
        kept,
        overwritten,
      },
    });
    return { batchId, matched, changed: events, kept, overwritten, article8Id: article8Id ?? null };
  });
}
