/**
 * Span and whole-item redactions (docs/spec.md §6). Each change is one transaction, one audit entry and one
 * review batch on the actor's undo stack (batch.ts); a redaction is never deleted: removing it stamps
 * removed_at/by (and superseded_by when a replacement takes its place). Audit entries record offsets,
 * reasons and notes, never the redacted text itself, so the log cannot become a copy of what was withheld.
 */
import type { ReadableDB, WritableDB } from '../../db/connection';
import {
  insertRedaction,
  liveRedactionsOfConversation,
  liveRedactionsOfMessages,
  markRedactionRemoved,
  messageTexts,
  reasonCodes,
  redactionById,
  redactionHistoryOfMessage,
  type MessageText,
  type RedactionRow,
} from '../../db/queries/redaction';
import { transaction } from '../../db/queries/run';
import { appendAudit } from '../audit/log';
import {
  validateSpan,
  type AddRedactionArgs,
  type AddRedactionResult,
  type LiveRedaction,
  type Redaction,
  type RedactionListArgs,
  type RemoveRedactionsResult,
} from '../../common/domain/redaction';
import { newBatchId } from '../review/decisions';
import { MessagesNotFoundError } from '../review/errors';
import { assertFullCase } from '../review/mode';
import { RedactionAlreadyRemovedError, RedactionNotFoundError, ReplacedRedactionMismatchError, UnknownReasonCodeError } from './errors';
import { describeRedactions, recordRedactionBatch } from './batch';
import { afterSpanAdded, afterSpansRemoved, afterWholeAdded, type OutcomeMoves } from './outcomes';

export const toRedaction = (row: RedactionRow): Redaction => ({ ...row });

/** A stored row as the span maths wants it. */
export const toLive = (row: Pick<RedactionRow, 'kind' | 'start' | 'end' | 'reasonCode'>): LiveRedaction =>
  row.kind === 'whole'
    ? { kind: 'whole', reasonCode: row.reasonCode }
    : { kind: 'span', start: row.start ?? 0, end: row.end ?? 0, reasonCode: row.reasonCode };

export function listRedactions(db: ReadableDB, args: RedactionListArgs): Redaction[] {
  if (args.kind === 'conversation') return liveRedactionsOfConversation(db, args.conversationId).map(toRedaction);
  const rows = args.includeRemoved ? redactionHistoryOfMessage(db, args.messageId) : liveRedactionsOfMessages(db, [args.messageId]);
  return rows.map(toRedaction);
}

/** Refuses a reason code this case does not have, naming those it does. */
export function assertReasonCode(db: ReadableDB, code: string): void {
  const known = reasonCodes(db).map((r) => r.code);
  if (!known.includes(code)) throw new UnknownReasonCodeError(code, known);
}

/** The messages' texts, refusing any id that is not a message of this case. */
export function requireMessages(db: ReadableDB, ids: readonly number[]): Map<number, MessageText> {
  const unique = [...new Set(ids)];
  const found = new Map(messageTexts(db, unique).map((m) => [m.id, m]));
  const missing = unique.filter((id) => !found.has(id));
  if (missing.length > 0) throw new MessagesNotFoundError(missing);
  return found;
}

const auditMoves = (moves: OutcomeMoves) => ({ outcomeBatchId: moves.batchId, outcomeMoves: moves.moves });

export function addRedaction(db: WritableDB, args: AddRedactionArgs, actor: string, at = Date.now()): AddRedactionResult {
  assertFullCase(db, 'a redaction');
  return transaction(db, () => {
    const message = requireMessages(db, [args.messageId]).get(args.messageId)!;
    assertReasonCode(db, args.reasonCode);
    const replaced = args.replaces === undefined ? null : redactionById(db, args.replaces);
    if (args.replaces !== undefined) {
      if (!replaced) throw new RedactionNotFoundError(args.replaces);
      if (replaced.messageId !== args.messageId) throw new ReplacedRedactionMismatchError(replaced.id, args.messageId);
      if (replaced.removedAt !== null) throw new RedactionAlreadyRemovedError(replaced.id);
    }
    // Stored widened to whole characters, so what the reviewer sees listed is exactly what is hidden.
    const span = args.kind === 'span' ? validateSpan(message.body, { start: args.start, end: args.end }) : null;
    // The outcome moves first: the database refuses a live redaction its message's outcome contradicts.
    const batchId = newBatchId();
    const moves = (args.kind === 'whole' ? afterWholeAdded : afterSpanAdded)(db, batchId, [args.messageId], at, actor);
    const id = insertRedaction(db, {
      messageId: args.messageId,
      kind: args.kind,
      start: span?.start ?? null,
      end: span?.end ?? null,
      reasonCode: args.reasonCode,
      note: args.note,
      at,
      actor,
    });
    if (replaced) markRedactionRemoved(db, replaced.id, at, actor, id);
    const redaction = toRedaction(redactionById(db, id)!);
    recordRedactionBatch(db, {
      batchId,
      actor,
      at,
      summary: describeRedactions.added(args.kind, redaction.label, 1, replaced?.label ?? null),
      messages: 1,
      added: [id],
      removed: replaced ? [replaced.id] : [],
    });
    appendAudit(db, {
      actor,
      action: 'redaction.added',
      subject: `message:${args.messageId}`,
      at,
      details: {
        redactionId: id,
        kind: args.kind,
        start: span?.start ?? null,
        end: span?.end ?? null,
        reasonCode: args.reasonCode,
        note: args.note,
        replaced: replaced?.id ?? null,
        ...auditMoves(moves),
      },
    });
    return { redaction, replaced: replaced?.id ?? null, outcomeMoves: moves.moves };
  });
}

export function removeRedactions(db: WritableDB, ids: readonly number[], actor: string, at = Date.now()): RemoveRedactionsResult {
  assertFullCase(db, 'removing a redaction');
  return transaction(db, () => {
    const rows = [...new Set(ids)].map((id) => {
      const row = redactionById(db, id);
      if (!row) throw new RedactionNotFoundError(id);
      if (row.removedAt !== null) throw new RedactionAlreadyRemovedError(id);
      return row;
    });
    for (const row of rows) markRedactionRemoved(db, row.id, at, actor, null);
    const touched = [...new Set(rows.map((r) => r.messageId))];
    const stillSpanned = new Set(
      liveRedactionsOfMessages(db, touched)
        .filter((r) => r.kind === 'span')
        .map((r) => r.messageId),
    );
    const batchId = newBatchId();
    const moves = afterSpansRemoved(
      db,
      batchId,
      touched.filter((id) => !stillSpanned.has(id)),
      at,
      actor,
    );
    const removed = rows.map((r) => r.id);
    recordRedactionBatch(db, {
      batchId,
      actor,
      at,
      summary: describeRedactions.removed(
        rows.map((r) => r.label),
        touched.length,
      ),
      messages: touched.length,
      removed,
    });
    appendAudit(db, {
      actor,
      action: 'redaction.removed',
      subject: rows.length === 1 ? `redaction:${rows[0]!.id}` : `redactions:${rows.length}`,
      at,
      details: { redactionIds: removed, messageIds: touched, ...auditMoves(moves) },
    });
    return { removed: rows.length, outcomeMoves: moves.moves };
  });
}
