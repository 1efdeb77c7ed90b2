/**
 * Reason codes (docs/spec.md §6): the seven defaults, labels and descriptions editable per case, more codes
 * addable. Codes are stable identifiers (redactions and bundles refer to them), so a code is never
 * renamed or removed; only what it says changes. Each change is audited with the before and after.
 */
import type { ReadableDB, WritableDB } from '../../db/connection';
import { insertReasonCode, reasonCodeByCode, reasonCodes, updateReasonCode, type ReasonCodeRow } from '../../db/queries/redaction';
import { newestReasonCode } from '../../db/queries/redaction-batch';
import { transaction } from '../../db/queries/run';
import type { AddReasonArgs, ReasonCodeInfo, UpdateReasonArgs } from '../../common/domain/redaction';
import { appendAudit } from '../audit/log';
import { assertFullCase } from '../review/mode';
import { ReasonCodeExistsError, UnknownReasonCodeError } from './errors';

const toInfo = (row: ReasonCodeRow): ReasonCodeInfo => ({
  code: row.code,
  label: row.label,
  description: row.description,
  builtin: row.builtin === 1,
});

export const listReasons = (db: ReadableDB): ReasonCodeInfo[] => reasonCodes(db).map(toInfo);

export function updateReason(db: WritableDB, args: UpdateReasonArgs, actor: string, at = Date.now()): ReasonCodeInfo {
  assertFullCase(db, 'changing a reason');
  return transaction(db, () => {
    const before = reasonCodeByCode(db, args.code);
    if (!before)
      throw new UnknownReasonCodeError(
        args.code,
        reasonCodes(db).map((r) => r.code),
      );
    const label = args.label ?? before.label;
    const description = args.description ?? before.description;
    updateReasonCode(db, args.code, label, description);
    appendAudit(db, {
      actor,
      action: 'reason.updated',
      subject: `reason:${args.code}`,
      at,
      details: { before: { label: before.label, description: before.description }, after: { label, description } },
    });
    return toInfo(reasonCodeByCode(db, args.code)!);
  });
}

export function addReason(db: WritableDB, args: AddReasonArgs, actor: string, at = Date.now()): ReasonCodeInfo {
  assertFullCase(db, 'adding a reason');
  return transaction(db, () => {
    if (reasonCodeByCode(db, args.code)) throw new ReasonCodeExistsError(args.code);
    insertReasonCode(db, args.code, args.label, args.description);
    appendAudit(db, {
      actor,
      action: 'reason.added',
      subject: `reason:${args.code}`,
      at,
      details: { label: args.label, description: args.description },
    });
    return toInfo(reasonCodeByCode(db, args.code)!);
  });
}

/**
 * The reason the picker starts on: the one used last in this case (its newest redaction's), read
 * from the case so it is the same in every window and after reopening; null before any redaction,
 * when the reviewer must choose one.
 */
export const lastUsedReason = (db: ReadableDB): string | null => newestReasonCode(db);
