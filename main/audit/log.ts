/**
 * The hash-chained audit log (docs/spec.md §2): each entry's hash covers the previous entry's hash and its own
 * content, so an edited, deleted or reordered entry breaks the chain at a point `verifyAudit` names.
 * Callers append inside the same transaction as the change they record.
 *
 * A chain alone cannot show that it was emptied, cut short or recomputed from the start with the same
 * algorithm, so the check also holds it to what must be there: the case's creation as entry #1, an
 * entry for every bundle and pack the case records, and the chain heads those entries recorded when
 * the head left the case (in the bundle or pack). A rewrite thorough enough to pass all that is only
 * caught against a bundle or pack made before it (anchor.ts).
 */
import { CancelledError, type CancellationToken } from '../../common/domain/cancellation';
import { createHash } from 'node:crypto';
import type { ReadableDB, WritableDB } from '../../db/connection';
import {
  auditEntryCount,
  bundlesWithoutEntry,
  highestAuditId,
  insertAudit,
  iterateAudit,
  lastAuditHash,
  packsWithoutEntry,
  type AuditRow,
} from '../../db/queries/audit';
import { getCaseMeta } from '../../db/queries/case-meta';
import type { AuditProblemKind } from '../../common/domain/audit';
import { canonicalJson } from '../../common/domain/canonical-json';
import { DRAFT_PREFIX } from '../../common/domain/model';
import { formatReference } from '../export/references';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  readonly actor: string;
  readonly action: string;
  readonly subject: string;
  readonly details: Readonly<Record<string, unknown>>;
  readonly at?: number;
}

export function entryHash(prevHash: string, row: Pick<AuditRow, 'at' | 'actor' | 'action' | 'subject' | 'details'>): string {
  const content = canonicalJson({
    at: row.at,
    actor: row.actor,
    action: row.action,
    subject: row.subject,
    details: JSON.parse(row.details) as unknown,
  });
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
  readonly problem: AuditProblemKind;
  readonly message: string;
}

export interface AuditVerification {
  readonly ok: boolean;
  readonly entries: number;
  readonly problems: readonly AuditProblem[];
  /** The newest entry checked: its hash is the chain head a bundle records. Null for an empty log. */
  readonly head: { readonly id: number; readonly hash: string } | null;
}

/** The entries that record a chain head leaving the case, in `details.auditChainHead`. */
const ANCHORING = new Set(['bundle.exported', 'bundle.reissued', 'pack.exported']);

export interface ChainHead {
  readonly id: number;
  readonly hash: string;
}

/** A `{ id, hash }` chain head as recorded in JSON, or null when the value is anything else. */
export function asChainHead(value: unknown): ChainHead | null {
  if (typeof value !== 'object' || value === null) return null;
  const { id, hash } = value as Record<string, unknown>;
  return typeof id === 'number' && Number.isSafeInteger(id) && id > 0 && typeof hash === 'string' && /^[0-9a-f]{64}$/.test(hash)
    ? { id, hash }
    : null;
}

interface RecordedHead {
  readonly by: { readonly id: number; readonly action: string };
  readonly head: ChainHead;
}

function creationProblem(db: ReadableDB, first: AuditRow | undefined): AuditProblem | null {
  if (!first) {
    return {
      entryId: null,
      problem: 'emptied',
      message: 'the log has no entries, but every case starts with the entry recording its creation: the log was emptied',
    };
  }
  const meta = getCaseMeta(db);
  const pack = meta?.mode === 'custodian_check';
  const [action, what] = pack ? ['pack.created', 'pack'] : ['case.created', 'case'];
  if (first.id !== 1 || first.action !== action) {
    return {
      entryId: first.id,
      problem: 'missing-creation',
      message: `the log starts at entry #${first.id} (${first.action}), not with entry #1 recording the ${what}’s creation: its start was deleted or replaced`,
    };
  }
  // A case's id is its creation entry's subject; a pack's is checked against its custodian_packs row below.
  if (!pack && meta && first.subject !== meta.caseId) {
    return {
      entryId: first.id,
      problem: 'missing-creation',
      message: `entry #1 records the creation of another case (${first.subject}), not of this one (${meta.caseId}): the log was replaced`,
    };
  }
  return null;
}

/** Every bundle and pack the case records must still have the entry that recorded it. */
function ledgerProblems(db: ReadableDB): AuditProblem[] {
  const pack = getCaseMeta(db)?.mode === 'custodian_check';
  const bundles = bundlesWithoutEntry(db).map((b): AuditProblem => {
    const prefix = b.draft ? `${DRAFT_PREFIX}${b.prefix}` : b.prefix;
    const range = `${formatReference(prefix, b.firstNumber, b.width)}–${formatReference(prefix, b.lastNumber, b.width)}`;
    return {
      entryId: null,
      problem: 'truncated',
      message: `the case records ${b.draft ? 'draft ' : ''}bundle #${b.id} (${range}), but the log no longer holds the entry recording its export: entries were deleted`,
    };
  });
  const packs = packsWithoutEntry(db, pack ? 'pack.created' : 'pack.exported').map((p): AuditProblem => ({
    entryId: null,
    problem: pack ? 'missing-creation' : 'truncated',
    message: pack
      ? `this pack (${p.packId}) has no entry recording its creation: the log was replaced`
      : `the case records exporting ${p.custodian}’s custodian check pack ${p.packId}, but the log no longer holds the entry recording it: entries were deleted`,
  }));
  return [...bundles, ...packs];
}

/** Takes the log's rows in insertion order, then names what is wrong with the chain they form. */
function chainChecker() {
  const problems: AuditProblem[] = [];
  const rows: { id: number; prevHash: string; hash: string; intact: boolean }[] = [];
  const recorded: RecordedHead[] = [];
  let first: AuditRow | undefined;
  return {
    add(row: AuditRow): void {
      first ??= row;
      const intact = entryHash(row.prevHash, row) === row.hash;
      if (!intact)
        problems.push({ entryId: row.id, problem: 'edited', message: `entry #${row.id} (${row.action}) was altered after it was written` });
      rows.push({ id: row.id, prevHash: row.prevHash, hash: row.hash, intact });
      if (intact && ANCHORING.has(row.action)) {
        const head = asChainHead((JSON.parse(row.details) as { auditChainHead?: unknown }).auditChainHead);
        if (head) recorded.push({ by: { id: row.id, action: row.action }, head });
      }
    },
    finish(db: ReadableDB): AuditVerification {
      const creation = creationProblem(db, first);
      if (creation) problems.unshift(creation);
      const idByHash = new Map(rows.map((r) => [r.hash, r.id]));
      rows.forEach((row, i) => {
        const expected = i === 0 ? GENESIS_HASH : rows[i - 1]?.hash;
        if (row.prevHash === expected || !row.intact) return;
        const actualPredecessor = idByHash.get(row.prevHash);
        if (actualPredecessor !== undefined) {
          problems.push({
            entryId: row.id,
            problem: 'reordered',
            message: `entry #${row.id} is out of order: it was written after entry #${actualPredecessor}`,
          });
        } else {
          const after = i === 0 ? 'the start of the log' : `entry #${rows[i - 1]?.id}`;
          problems.push({
            entryId: row.id,
            problem: 'deleted',
            message: `one or more entries between ${after} and entry #${row.id} were deleted`,
          });
        }
      });
      const hashById = new Map(rows.map((r) => [r.id, r.hash]));
      for (const { by, head } of recorded) {
        const now = hashById.get(head.id);
        if (now === head.hash) continue;
        const found = now === undefined ? `the log no longer holds entry #${head.id}` : `entry #${head.id} now has SHA-256 ${now}`;
        problems.push({
          entryId: by.id,
          problem: 'rewritten',
          message: `entry #${by.id} (${by.action}) recorded entry #${head.id} as the chain head with SHA-256 ${head.hash}, but ${found}: the log was rewritten after that export`,
        });
      }
      const highest = highestAuditId(db);
      const last = rows.at(-1);
      const lastId = last?.id ?? 0;
      if (highest > lastId) {
        problems.push({
          entryId: null,
          problem: 'truncated',
          message: `entries after #${lastId} (up to #${highest}) were deleted from the end of the log`,
        });
      }
      problems.push(...ledgerProblems(db));
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
      if (options.token?.isCancellationRequested)
        throw new CancelledError('The audit check', 'Nothing was concluded about the chain: run it again to check.');
    }
  }
  options.onProgress?.({ checked, total: checked });
  return checker.finish(db);
}
