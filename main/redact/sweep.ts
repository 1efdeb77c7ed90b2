/**
 * Sweeps (docs/spec.md §6): suggestions or every occurrence over a whole scope, read to the end before
 * anything is applied. Every occurrence looks in the bodies and in the labels and names the bundle
 * prints with them (printedNameHits). The scan yields between chunks so a job (main/jobs) can report progress and
 * take a cancel; its list is complete, ordered by conversation, then time; and applying refuses a
 * list that is not complete, or that the case has moved on from since it was read.
 */
import { CancelledError, type CancellationToken } from '../../common/domain/cancellation';
import type { ReadableDB, WritableDB } from '../../db/connection';
import {
  conversationLabels,
  countMessagesInScope,
  datedTextsInScope,
  liveNames,
  printedNamesInScope,
  sweepBasis,
} from '../../db/queries/redaction';
import type { ApplyOccurrencesResult, SweepChoice, SweepGroup, SweepHit, SweepRequest } from '../../common/domain/sweep';
import type { Span } from '../../common/domain/redaction';
import { contextAround } from './context';
import { detectAll } from './detectors';
import { SweepChoiceError, SweepIncompleteError, SweepStaleError, SweepTooLargeError } from './errors';
import { applyOccurrences, finderFor } from './occurrences';
import { assertReasonCode } from './redactions';
import { coveredBy, type Finder } from './scan';

const CHUNK = 1000;
/** Progress at most this often: a 200k-message scan would otherwise post hundreds of messages a second. */
const PROGRESS_EVERY_MS = 100;
/** More hits than a reviewer can go through one by one (and than a window should hold). */
export const MAX_SWEEP_HITS = 200_000;

export interface SweepProgress {
  readonly scanned: number;
  readonly total: number;
  readonly hits: number;
}

/** A scan read to the end: every hit in list order, its conversation groups, and the basis it read. */
export interface SweepResult {
  readonly hits: readonly SweepHit[];
  readonly groups: readonly SweepGroup[];
  readonly scanned: number;
  readonly total: number;
  /** sweepBasis before the scan; null when the case changed while it ran (the result is then stale at once). */
  readonly basis: string | null;
}

export interface SweepOptions {
  readonly token?: CancellationToken;
  readonly onProgress?: (progress: SweepProgress) => void;
}

type Found = Span & { readonly kind: SweepHit['kind'] };

function finderOf(db: ReadableDB, request: SweepRequest): Finder<Found> {
  if (request.kind === 'occurrences') {
    const find = finderFor(request.target);
    return (chunk) => new Map([...find(chunk)].map(([id, spans]) => [id, spans.map((s) => ({ start: s.start, end: s.end, kind: null }))]));
  }
  const names = request.kinds.includes('name') ? liveNames(db).map((n) => n.name) : [];
  return (chunk) => new Map(chunk.map((m) => [m.id, detectAll(m.body, request.kinds, names)]));
}

/**
 * The text or pattern in the labels and names a bundle of the scope prints with its messages: sender
 * labels, conversation titles, source file names and attachment names (each looked at once, where it
 * first prints). A hit there redacts the whole label or name: it then prints as the reason.
 */
function printedNameHits(db: ReadableDB, request: Extract<SweepRequest, { kind: 'occurrences' }>): Omit<SweepHit, 'index'>[] {
  const seen = new Set<string>();
  const names = printedNamesInScope(db, request.scope).filter((n) => {
    const key = `${n.field}:${n.targetId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const spans = finderFor(request.target)(names.map((n, i) => ({ id: i, conversationId: n.conversationId, body: n.text })));
  return names.flatMap((n, i) =>
    (spans.get(i) ?? []).map((span) => ({
      messageId: n.messageId,
      conversationId: n.conversationId,
      sentAt: n.sentAt,
      field: n.field,
      targetId: n.targetId,
      kind: null,
      start: span.start,
      end: span.end,
      text: n.text.slice(span.start, span.end),
      context: contextAround(n.text, span.start, span.end),
      alreadyRedacted: n.redacted === 1,
    })),
  );
}

/** Where in a message's list a hit sits: the names printed in its heading before its body. */
const FIELD_ORDER: readonly SweepHit['field'][] = ['title', 'source-file', 'sender', 'attachment', 'body'];

const yieldToEvents = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Hits in list order: conversations by title (then id), each by time (undated last), message and offset. */
function order(db: ReadableDB, hits: Omit<SweepHit, 'index'>[]): { hits: SweepHit[]; groups: SweepGroup[] } {
  const labels = new Map(conversationLabels(db, [...new Set(hits.map((h) => h.conversationId))]).map((c) => [c.id, c]));
  const title = (id: number): string => labels.get(id)?.title ?? '';
  const collator = new Intl.Collator('en-GB');
  const rank = new Map(
    [...new Set(hits.map((h) => h.conversationId))].sort((a, b) => collator.compare(title(a), title(b)) || a - b).map((id, i) => [id, i]),
  );
  hits.sort(
    (a, b) =>
      rank.get(a.conversationId)! - rank.get(b.conversationId)! ||
      (a.sentAt ?? Infinity) - (b.sentAt ?? Infinity) ||
      a.messageId - b.messageId ||
      FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field) ||
      (a.targetId ?? 0) - (b.targetId ?? 0) ||
      a.start - b.start ||
      a.end - b.end,
  );
  const groups: SweepGroup[] = [];
  const ordered = hits.map((hit, index) => {
    const last = groups.at(-1);
    if (last?.conversationId === hit.conversationId) groups[groups.length - 1] = { ...last, count: last.count + 1 };
    else
      groups.push({
        conversationId: hit.conversationId,
        title: title(hit.conversationId),
        custodian: labels.get(hit.conversationId)?.custodian ?? '',
        first: index,
        count: 1,
      });
    return { ...hit, index };
  });
  return { hits: ordered, groups };
}

/** Reads every message of the request's scope. Throws CancelledError when `token` is cancelled between chunks. */
export async function runSweep(db: ReadableDB, request: SweepRequest, options: SweepOptions = {}): Promise<SweepResult> {
  const basis = sweepBasis(db);
  const total = countMessagesInScope(db, request.scope);
  const find = finderOf(db, request);
  const found: Omit<SweepHit, 'index'>[] = [];
  let scanned = 0;
  let after = 0;
  let reported = 0;
  options.onProgress?.({ scanned, total, hits: 0 });
  for (;;) {
    if (options.token?.isCancellationRequested)
      throw new CancelledError(
        'The scan',
        `It had read ${scanned.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')} messages. Nothing was changed.`,
      );
    const chunk = datedTextsInScope(db, request.scope, after, CHUNK);
    if (chunk.length === 0) break;
    const spans = find(chunk.filter((m) => m.body !== ''));
    const covered = coveredBy(db, [...spans.keys()]);
    for (const message of chunk) {
      for (const span of spans.get(message.id) ?? []) {
        found.push({
          messageId: message.id,
          conversationId: message.conversationId,
          sentAt: message.sentAt,
          field: 'body',
          targetId: null,
          kind: span.kind,
          start: span.start,
          end: span.end,
          text: message.body.slice(span.start, span.end),
          context: contextAround(message.body, span.start, span.end),
          alreadyRedacted: covered(message.id, span),
        });
      }
    }
    if (found.length > MAX_SWEEP_HITS) throw new SweepTooLargeError(MAX_SWEEP_HITS);
    scanned += chunk.length;
    after = chunk.at(-1)!.id;
    if (Date.now() - reported >= PROGRESS_EVERY_MS) {
      reported = Date.now();
      options.onProgress?.({ scanned, total: Math.max(total, scanned), hits: found.length });
    }
    await yieldToEvents();
  }
  if (request.kind === 'occurrences') found.push(...printedNameHits(db, request));
  if (found.length > MAX_SWEEP_HITS) throw new SweepTooLargeError(MAX_SWEEP_HITS);
  options.onProgress?.({ scanned, total: Math.max(total, scanned), hits: found.length });
  const { hits, groups } = order(db, found);
  return { hits, groups, scanned, total: Math.max(total, scanned), basis: sweepBasis(db) === basis ? basis : null };
}

/** A sweep as the apply step sees it: its state, and its result once complete. */
export type SweepState =
  | { readonly state: 'running' | 'cancelled' | 'failed'; readonly scanned: number; readonly total: number }
  | { readonly state: 'complete'; readonly result: SweepResult };

/** Whether the case has changed since the sweep read it. */
export const isStale = (db: ReadableDB, result: SweepResult): boolean => result.basis === null || sweepBasis(db) !== result.basis;

function chosenHits(result: SweepResult, choice: SweepChoice): readonly SweepHit[] {
  const picked = choice.kind === 'all' ? choice.except : choice.indices;
  for (const index of picked) if (index >= result.hits.length) throw new SweepChoiceError(index, result.hits.length);
  if (choice.kind === 'only') return choice.indices.map((i) => result.hits[i]!);
  const except = new Set(choice.except);
  return result.hits.filter((h) => !except.has(h.index));
}

/**
 * Redacts the chosen hits of a complete, current sweep as one batch (occurrences.ts: one transaction,
 * one audit entry). Refuses a sweep still running, cancelled or failed (SweepIncompleteError), and one
 * the case has changed since (SweepStaleError): either list could miss occurrences or be wrong.
 */
export function applySweep(
  db: WritableDB,
  sweep: SweepState,
  choice: SweepChoice,
  reasonCode: string,
  note: string,
  actor: string,
): ApplyOccurrencesResult {
  if (sweep.state !== 'complete') throw new SweepIncompleteError(sweep.state, sweep.scanned, sweep.total);
  if (isStale(db, sweep.result)) throw new SweepStaleError();
  assertReasonCode(db, reasonCode);
  const hits = chosenHits(sweep.result, choice);
  const fresh = hits.filter((h) => !h.alreadyRedacted);
  const skipped = hits.length - fresh.length;
  if (fresh.length === 0) return { added: 0, alreadyRedacted: skipped, messages: 0, names: 0, outcomeMoves: [] };
  const bodies = fresh.filter((h) => h.field === 'body').map(({ messageId, start, end }) => ({ messageId, start, end }));
  const names = fresh.flatMap((h) => (h.field === 'body' || h.targetId === null ? [] : [{ field: h.field, targetId: h.targetId }]));
  const result = applyOccurrences(db, { hits: bodies, reasonCode, note }, actor, Date.now(), names);
  return { ...result, alreadyRedacted: result.alreadyRedacted + skipped };
}
