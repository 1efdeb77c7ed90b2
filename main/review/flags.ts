/**
 * Custodian flags: in a pack, the private office flags an item "personal — please withhold" with a
 * reason (the pack's only permitted write); in the reviewer's case, each imported flag is accepted
 * (the message becomes personal / withhold, as a review batch of origin custodian_flag) or rejected.
 * Both are recorded with who and when, and audited; a flag is resolved once, and a later change of
 * mind is an ordinary decision.
 */
import type { ReadableDB, WritableDB } from '../../db/connection';
import {
  flaggedMessages,
  flagRow,
  flagRows,
  flagStates,
  insertFlag,
  insertResolutions,
  isFlagged,
  type FlagRow,
} from '../../db/queries/flags';
import { addTargets, insertBatch, keptFlagIds, missingMessageIds, resetTargets } from '../../db/queries/review';
import { transaction } from '../../db/queries/run';
import type { CustodianFlag, FlagStatus } from '../../common/domain/review';
import { appendAudit } from '../audit/log';
import { applyToTargets, newBatchId } from './decisions';
import { FlagError, FlagReasonError, MessagesNotFoundError, NothingToOverwriteError } from './errors';
import { MAX_FLAG_REASON, textProblem } from './flag-reason';
import { assertFullCase, assertPack } from './mode';
import { thisPack } from './pack-info';

const toFlag = ({ decision, ...row }: FlagRow): CustodianFlag => ({ ...row, status: decision ?? 'open' });

export interface FlagFilter {
  readonly status: FlagStatus | 'all';
  readonly packId?: string | undefined;
}

export function listFlags(db: ReadableDB, filter: FlagFilter): CustodianFlag[] {
  const status = filter.status === 'all' ? null : filter.status;
  const packId = filter.packId ?? null;
  return flagRows(db, packId, status).map(toFlag);
}

const flagById = (db: ReadableDB, id: number): CustodianFlag | undefined => {
  const row = flagRow(db, id);
  return row && toFlag(row);
};

/** In a pack: flags one message. A message is flagged once; the reason is what the reviewer weighs. */
export function createFlag(db: WritableDB, messageId: number, reason: string, actor: string, at = Date.now()): CustodianFlag {
  assertPack(db);
  const pack = thisPack(db);
  if (!pack) throw new Error('custodian check pack without its pack record');
  if (!reason.trim()) throw new FlagError('Say why the item is personal, so the reviewer can weigh it.');
  const problem = textProblem(reason.trim(), MAX_FLAG_REASON);
  if (problem)
    throw new FlagReasonError(
      `The reason for flagging message #${messageId} ${problem}; shorten it or take the character out, and flag it again.`,
    );
  return transaction(db, () => {
    if (missingMessageIds(db, [messageId]).length > 0) throw new MessagesNotFoundError([messageId]);
    if (isFlagged(db, pack.packId, messageId)) throw new FlagError(`Message #${messageId} is already flagged in this pack.`);
    const id = insertFlag(db, { packId: pack.packId, messageId, reason: reason.trim(), at, actor });
    appendAudit(db, {
      actor,
      action: 'pack.flagged',
      subject: `message:${messageId}`,
      at,
      details: { packId: pack.packId, flagId: id, reason: reason.trim() },
    });
    const flag = flagById(db, id);
    if (!flag) throw new Error(`flag #${id} vanished after it was written`);
    return flag;
  });
}

export interface Resolution {
  readonly flagIds: readonly number[];
  readonly decision: 'accept' | 'reject';
  readonly note: string;
  /** Accept flags whose messages have an individual decision it would change; otherwise they stay open. */
  readonly overwrite?: boolean;
}

/** The rationale an accepted flag leaves on the message; the private office's reason stays on the flag. */
export const acceptedRationale = (note: string): string =>
  `Withheld as personal at the custodian's request (custodian check flag accepted)${note ? `: ${note}` : '.'}`;

/**
 * Accepting flags is a bulk action over their messages (layering, see decisions.ts): a flag whose
 * message has an individual decision the acceptance would change stays open and is returned in
 * `kept`, so the reviewer weighs it against that decision, unless they chose `overwrite`.
 */
export function resolveFlags(
  db: WritableDB,
  resolution: Resolution,
  actor: string,
  at = Date.now(),
): { resolved: number; batchId: string | null; kept: number[] } {
  assertFullCase(db, 'resolving flags');
  const { flagIds, decision, note, overwrite = false } = resolution;
  const ids = [...new Set(flagIds)];
  return transaction(db, () => {
    const flags = flagStates(db, ids);
    const found = new Set(flags.map((f) => f.id));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length)
      throw new FlagError(`Flag${missing.length === 1 ? '' : 's'} ${missing.map((id) => `#${id}`).join(', ')} not found in this case.`);
    const done = flags.filter((f) => f.resolved).map((f) => `#${f.id}`);
    if (done.length)
      throw new FlagError(
        `Flag${done.length === 1 ? '' : 's'} ${done.join(', ')} ${done.length === 1 ? 'was' : 'were'} already resolved; change the message's decision instead.`,
      );

    let batchId: string | null = null;
    let changed = 0;
    let kept: number[] = [];
    if (decision === 'accept') {
      batchId = newBatchId();
      resetTargets(db);
      addTargets(db, flaggedMessages(ids), 'custodian_flag');
      const counts = applyToTargets(
        db,
        batchId,
        { classification: 'personal', relevance: null, outcome: 'withhold', article8Id: undefined, rationale: acceptedRationale(note) },
        at,
        actor,
        overwrite,
      );
      if (overwrite && counts.plan.individual === 0)
        throw new NothingToOverwriteError(`the ${ids.length === 1 ? 'flag' : `${ids.length} flags`}' messages`);
      if (!overwrite) kept = keptFlagIds(db, ids);
      changed = counts.events;
      if (kept.length === ids.length) batchId = null;
      else
        insertBatch(db, {
          batchId,
          actor,
          kind: 'custodian_flag',
          targetBatchId: null,
          summary: `accept ${ids.length - kept.length} custodian flag(s)`,
          events: changed,
          at,
        });
    }
    const resolved = ids.filter((id) => !kept.includes(id));
    if (resolved.length > 0) {
      insertResolutions(db, { flagIds: resolved, decision: decision === 'accept' ? 'accepted' : 'rejected', note, batchId, at, actor });
    }
    appendAudit(db, {
      actor,
      action: decision === 'accept' ? 'flags.accepted' : 'flags.rejected',
      subject: batchId ? `batch:${batchId}` : `flags:${ids.join(',')}`,
      at,
      details: { flagIds: resolved, note, changed, ...(decision === 'accept' ? { overwrite, keptOpen: kept } : {}) },
    });
    return { resolved: resolved.length, batchId, kept };
  });
}
