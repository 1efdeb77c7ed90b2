/**
 * What every redaction of a printed name shares — a sender's label, a conversation's title, a source
 * file's name, an attachment's name (labels.ts, file-names.ts): one transaction per change with one
 * audit entry naming the target by id and the reason, never the name itself (the audit log must not
 * become a copy of what was hidden); never deleted, a second reason for the same name replacing the
 * first; each change a review batch on the actor's undo stack (batch.ts).
 */
import type { ReadableDB, WritableDB } from '../../db/connection';
import { transaction } from '../../db/queries/run';
import { appendAudit } from '../audit/log';
import { newBatchId } from '../review/decisions';
import { assertFullCase } from '../review/mode';
import { recordRedactionBatch, type RedactionBatch } from './batch';
import { assertReasonCode } from './redactions';

interface NameRow {
  readonly id: number;
  readonly label: string;
}

/** One kind of name redaction: where its rows live, and how its changes are named. */
export interface NameRedactions<Target, Row extends NameRow> {
  /** For the refusal in a custodian pack: "a label redaction". */
  readonly what: string;
  /** The audit actions' prefix: "label-redaction" → "label-redaction.added". */
  readonly action: string;
  /** The audit details' key for the redaction's id. */
  readonly idKey: string;
  assertTarget(db: ReadableDB, target: Target): void;
  live(db: ReadableDB, target: Target): Row | undefined;
  byId(db: ReadableDB, id: number): Row | undefined;
  insert(db: WritableDB, r: { target: Target; reasonCode: string; note: string; at: number; actor: string }): number;
  markRemoved(db: WritableDB, id: number, at: number, actor: string, supersededBy: number | null): boolean;
  setSupersededBy(db: WritableDB, id: number, supersededBy: number): void;
  notFound(id: number): Error;
  subject(row: Row): string;
  summary(row: Row, change: 'added' | 'removed', replacing: string | null): string;
  batch(
    added: readonly number[],
    removed: readonly number[],
  ): Pick<RedactionBatch, 'labelsAdded' | 'labelsRemoved' | 'fileNamesAdded' | 'fileNamesRemoved'>;
}

export function addNameRedaction<Target, Row extends NameRow>(
  kind: NameRedactions<Target, Row>,
  db: WritableDB,
  target: Target,
  args: { readonly reasonCode: string; readonly note: string },
  actor: string,
  at: number,
): { row: Row; replaced: number | null } {
  assertFullCase(db, kind.what);
  return transaction(db, () => {
    kind.assertTarget(db, target);
    assertReasonCode(db, args.reasonCode);
    const replaced = kind.live(db, target);
    // Removed before the insert: only one live redaction per name is allowed (a unique index).
    if (replaced) kind.markRemoved(db, replaced.id, at, actor, null);
    const id = kind.insert(db, { target, reasonCode: args.reasonCode, note: args.note, at, actor });
    if (replaced) kind.setSupersededBy(db, replaced.id, id);
    const row = kind.byId(db, id)!;
    recordRedactionBatch(db, {
      batchId: newBatchId(),
      actor,
      at,
      summary: kind.summary(row, 'added', replaced?.label ?? null),
      messages: 0,
      ...kind.batch([id], replaced ? [replaced.id] : []),
    });
    appendAudit(db, {
      actor,
      action: `${kind.action}.added`,
      subject: kind.subject(row),
      at,
      details: { [kind.idKey]: id, reasonCode: args.reasonCode, note: args.note, replaced: replaced?.id ?? null },
    });
    return { row, replaced: replaced?.id ?? null };
  });
}

export function removeNameRedaction<Target, Row extends NameRow>(
  kind: NameRedactions<Target, Row>,
  db: WritableDB,
  id: number,
  actor: string,
  at: number,
): { removed: number } {
  assertFullCase(db, `removing ${kind.what}`);
  return transaction(db, () => {
    const row = kind.byId(db, id);
    if (!row || !kind.markRemoved(db, id, at, actor, null)) throw kind.notFound(id);
    recordRedactionBatch(db, {
      batchId: newBatchId(),
      actor,
      at,
      summary: kind.summary(row, 'removed', null),
      messages: 0,
      ...kind.batch([], [id]),
    });
    appendAudit(db, { actor, action: `${kind.action}.removed`, subject: kind.subject(row), at, details: { [kind.idKey]: id } });
    return { removed: id };
  });
}
