/**
 * The hash-chained audit log (SPEC §2): each entry's hash covers the previous entry's hash and its own
 * content, so an edited, deleted or reordered entry breaks the chain at a point `verifyAudit` names.
 * Callers append inside the same transaction as the change they record.
 */
import { CancelledError, type CancellationToken } from '../domain/cancellation';
import { createHash } from 'node:crypto';
import type { ReadableDB, WritableDB } from '../../db/connection';
import { auditEntryCount, insertAudit, iterateAudit, lastAuditHash, type AuditRow } from '../../db/queries/audit';
import { get } from '../../db/queries/run';
import { sql } from '../../db/sql';
import { canonicalJson } from '../domain/canonical-json';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  readonly actor: string;
  readonly action: string;
  readonly subject: string;
  readonly details: Readonly<Record<string, unknown>>;
  readonly at?: number;
}

export function entryHash(prevHash: string, row: Pick<AuditRow, 'at' | 'actor' | 'action' | 'subject' | 'details'>): string {
  const content = canonicalJson({ at: row.at, actor: row.actor, action: row.action, subject: row.subject, details: JSON.parse(row.details) as unknown });
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}

export function appendAudit(db: WritableDB, entry: AuditEntry): number {
  const prevHash = lastAuditHash(db) ?? GENESIS_HASH;
  const row = {
    at: entry.at ?? Date.now(),
    actor: entry.actor,
    action: entry.action,
    subject: entry.subject,
    details: canonicalJson(entry.details),
  };
  return insertAudit(db, { ...row, prevHash, hash: entryHash(prevHash, row) });
}

export interface AuditProblem {
  readonly entryId: number | null;
  readonly problem: 'edited' | 'deleted' | 'reordered' | 'truncated';
  readonly message: string;
}

export interface AuditVerification {
  readonly ok: boolean;
  readonly entries: number;
  readonly problems: readonly AuditProblem[];
  /** The newest entry checked: its hash is the chain head a bundle records. Null for an empty log. */
  readonly head: { readonly id: number; readonly hash: string } | null;
}

/** Takes the log's rows in insertion order, then names what is wrong with the chain they form. */
function chainChecker() {
  const problems: AuditProblem[] = [];
  const rows: { id: number; prevHash: string; hash: string; intact: boolean }[] = [];
  return {
    add(row: AuditRow): void {
      const intact = entryHash(row.prevHash, row) === row.hash;
      if (!intact) problems.push({ entryId: row.id, problem: 'edited', message: `entry #${row.id} (${row.action}) was altered after it was written` });
      rows.push({ id: row.id, prevHash: row.prevHash, hash: row.hash, intact });
    },
    finish(db: ReadableDB): AuditVerification {
      const idByHash = new Map(rows.map((r) => [r.hash, r.id]));
      rows.forEach((row, i) => {
        const expected = i === 0 ? GENESIS_HASH : rows[i - 1]?.hash;
        if (row.prevHash === expected || !row.intact) return;
        const actualPredecessor = idByHash.get(row.prevHash);
        if (actualPredecessor !== undefined) {
          problems.push({ entryId: row.id, problem: 'reordered', message: `entry #${row.id} is out of order: it was written after entry #${actualPredecessor}` });
        } else {
          const after = i === 0 ? 'the start of the log' : `entry #${rows[i - 1]?.id}`;
          problems.push({ entryId: row.id, problem: 'deleted', message: `one or more entries between ${after} and entry #${row.id} were deleted` });
        }
      });
      const highest = get<{ seq: number }>(db, sql`SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'`)?.seq ?? 0;
      const last = rows.at(-1);
      const lastId = last?.id ?? 0;
      if (highest > lastId) {
        problems.push({ entryId: null, problem: 'truncated', message: `entries after #${lastId} (up to #${highest}) were deleted from the end of the log` });
      }
      return { ok: problems.length === 0, entries: rows.length, problems, head: last ? { id: last.id, hash: last.hash } : null };
    },
  };
}

export function verifyAudit(db: ReadableDB): AuditVerification {
  const checker = chainChecker();
  for (const row of iterateAudit(db)) checker.add(row);
  return checker.finish(db);
}


export interface AuditVerifyProgress {
  readonly checked: number;
  readonly total: number;
}

export interface AuditVerifyOptions {
  readonly onProgress?: (progress: AuditVerifyProgress) => void;
  readonly token?: CancellationToken;
}

/** Entries checked between progress reports (and chances to notice a cancel). */
const STEP = 2_000;

/**
 * The same check as `verifyAudit`, for a job: it reports progress and lets a cancel in, so a log of
 * hundreds of thousands of entries neither blocks its thread nor runs on after it is unwanted.
 */
export async function verifyAuditInSteps(db: ReadableDB, options: AuditVerifyOptions = {}): Promise<AuditVerification> {
  const total = auditEntryCount(db);
  const checker = chainChecker();
  let checked = 0;
  options.onProgress?.({ checked, total });
  for (const row of iterateAudit(db)) {
    checker.add(row);
    checked += 1;
    if (checked % STEP === 0) {
      options.onProgress?.({ checked, total: Math.max(total, checked) });
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (options.token?.isCancellationRequested) throw new CancelledError('The audit check', 'Nothing was concluded about the chain: run it again to check.');
    }
  }
  options.onProgress?.({ checked, total: checked });
  return checker.finish(db);
}
