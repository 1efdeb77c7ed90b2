/**
 * Sweep jobs for the app: each a whole-scope scan in a worker thread (main/jobs/worker.ts), its
 * progress sent as `sweeps.progress` and its end as `sweeps.finished`, cancelled like every other job
 * (the worker's signal, checked between chunks). The complete list stays here, in the main process;
 * the window fetches it a slice at a time and applies hits by index, so "apply" always acts on a list
 * the service knows is complete (sweep.ts refuses one that is not, or is stale).
 */
import type { Emit } from '../context';
import { startJob as startWorkerJob, type JobHandle } from '../jobs/runner';
import type { JobData } from '../jobs/protocol';
import type { SweepHit, SweepRequest, SweepStatus } from '../../preload/channels/redaction';
import { SweepNotFoundError } from './errors';
import type { SweepProgress, SweepResult, SweepState } from './sweep';

export interface SweepJobs {
  /** Starts a sweep; a sweep of the same kind still running is cancelled (its list would be replaced anyway). */
  start(casePath: string, request: SweepRequest): string;
  cancel(jobId: string): void;
  /** Cancels every sweep and forgets every list: the case is closing. */
  cancelAll(): void;
  status(jobId: string): SweepStatus;
  hits(jobId: string, offset: number, limit: number): SweepHit[];
  /** What applySweep needs: the state, and the result once complete. */
  state(jobId: string): SweepState;
}

export type StartJob = (data: JobData, onProgress: (progress: SweepProgress) => void) => JobHandle<SweepResult>;

/** Ids in the contract's `job-N` form, from a range import, index and export jobs never reach in one session. */
const FIRST_SWEEP_JOB = 3_000_000;
/** Lists kept for a window: the Suggestions and Every occurrence tools' latest, and a little slack. */
const KEPT = 4;

interface Entry {
  readonly jobId: string;
  readonly kind: SweepRequest['kind'];
  readonly handle: JobHandle<SweepResult>;
  state: SweepState['state'];
  progress: SweepProgress;
  result: SweepResult | null;
  error: { readonly name: string; readonly message: string } | null;
}

/** `isStale` says whether the open case has moved on since a result was read (sweep.ts isStale). */
export function sweepJobs(emit: Emit, isStale: (result: SweepResult) => boolean, startJob: StartJob = startWorkerJob): SweepJobs {
  let counter = FIRST_SWEEP_JOB;
  const entries = new Map<string, Entry>();

  const entry = (jobId: string): Entry => {
    const found = entries.get(jobId);
    if (!found) throw new SweepNotFoundError(jobId);
    return found;
  };
  const statusOf = (e: Entry): SweepStatus => ({
    jobId: e.jobId,
    state: e.state,
    scanned: e.progress.scanned,
    total: e.progress.total,
    hits: e.progress.hits,
    alreadyRedacted: e.result ? e.result.hits.filter((h) => h.alreadyRedacted).length : 0,
    groups: e.result ? [...e.result.groups] : [],
    stale: e.result !== null && isStale(e.result),
    error: e.error,
  });
  const forgetOldest = (): void => {
    const finished = [...entries.values()].filter((e) => e.state !== 'running');
    for (const old of finished.slice(0, Math.max(0, entries.size - KEPT))) entries.delete(old.jobId);
  };

  return {
    start(casePath, request) {
      for (const other of entries.values()) {
        if (other.kind === request.kind && other.state === 'running') other.handle.cancel();
      }
      const jobId = `job-${++counter}`;
      const handle = startJob({ kind: 'sweep', casePath, request }, (progress) => {
        const e = entries.get(jobId);
        if (e) e.progress = progress;
        emit('sweeps.progress', { jobId, ...progress });
      });
      const e: Entry = { jobId, kind: request.kind, handle, state: 'running', progress: { scanned: 0, total: 0, hits: 0 }, result: null, error: null };
      entries.set(jobId, e);
      forgetOldest();
      void (async () => {
        try {
          e.result = await handle.done;
          e.progress = { scanned: e.result.scanned, total: e.result.total, hits: e.result.hits.length };
          e.state = 'complete';
        } catch (err) {
          const error = err instanceof Error ? err : new Error(String(err));
          e.state = error.name === 'SweepCancelledError' ? 'cancelled' : 'failed';
          e.error = { name: error.name, message: error.message };
        }
        if (entries.get(jobId) === e) emit('sweeps.finished', statusOf(e));
      })();
      return jobId;
    },
    cancel(jobId) {
      const e = entries.get(jobId);
      if (e?.state === 'running') e.handle.cancel();
    },
    cancelAll() {
      for (const e of entries.values()) if (e.state === 'running') e.handle.cancel();
      entries.clear();
    },
    status: (jobId) => statusOf(entry(jobId)),
    hits(jobId, offset, limit) {
      const { result } = entry(jobId);
      return result ? result.hits.slice(offset, offset + limit) : [];
    },
    state(jobId) {
      const e = entry(jobId);
      return e.result && e.state === 'complete' ? { state: 'complete', result: e.result } : { state: e.state === 'complete' ? 'failed' : e.state, ...e.progress };
    },
  };
}
