/**
 * Sweep jobs: the kind a worker thread runs (a whole-scope scan), and the app's relay of it — its
 * progress sent as `sweeps.progress` and its end as `sweeps.finished`, cancelled like every other job
 * (the job's token, checked between chunks). The complete list stays here, in the main process;
 * the window fetches it a slice at a time and applies hits by index, so "apply" always acts on a list
 * the service knows is complete (sweep.ts refuses one that is not, or is stale).
 */
import type { Emit } from '../context';
import type { Jobs } from '../jobs/jobs';
import { defineJob, type JobContext } from '../jobs/kind';
import { outcomeOf } from '../jobs/outcome';
import type { SweepHit, SweepRequest, SweepStatus } from '../../common/domain/sweep';
import { SweepNotFoundError } from './errors';
import { runSweep, type SweepProgress, type SweepResult, type SweepState } from './sweep';

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

export const sweepJob = defineJob({
  kind: 'sweep',
  async run(job, request: SweepRequest, context: JobContext<SweepProgress>): Promise<SweepResult> {
    return runSweep(job.db, request, { token: context.token, onProgress: (p) => context.progress(p) });
  },
});

/** Lists kept for a window: the Suggestions and Every occurrence tools' latest, and a little slack. */
const KEPT = 4;

interface Entry {
  readonly jobId: string;
  readonly kind: SweepRequest['kind'];
  state: SweepState['state'];
  progress: SweepProgress;
  result: SweepResult | null;
  error: { readonly name: string; readonly message: string } | null;
}

/** `isStale` says whether the open case has moved on since a result was read (sweep.ts isStale). */
export function sweepJobs(emit: Emit, isStale: (result: SweepResult) => boolean, jobs: Jobs): SweepJobs {
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
        if (other.kind === request.kind && other.state === 'running') jobs.cancel(other.jobId);
      }
      let jobId = '';
      const started = jobs.start(sweepJob, casePath, request, (progress) => {
        const e = entries.get(jobId);
        if (e) e.progress = progress;
        emit('sweeps.progress', { jobId, ...progress });
      });
      jobId = started.jobId;
      const e: Entry = {
        jobId,
        kind: request.kind,
        state: 'running',
        progress: { scanned: 0, total: 0, hits: 0 },
        result: null,
        error: null,
      };
      entries.set(jobId, e);
      forgetOldest();
      void (async () => {
        const outcome = await outcomeOf(started.done);
        if (outcome.ok) {
          e.result = outcome.result;
          e.progress = { scanned: e.result.scanned, total: e.result.total, hits: e.result.hits.length };
          e.state = 'complete';
        } else {
          e.state = outcome.cancelled ? 'cancelled' : 'failed';
          e.error = outcome.error;
        }
        if (entries.get(jobId) === e) emit('sweeps.finished', statusOf(e));
      })();
      return jobId;
    },
    cancel(jobId) {
      if (entries.get(jobId)?.state === 'running') jobs.cancel(jobId);
    },
    cancelAll() {
      for (const e of entries.values()) if (e.state === 'running') jobs.cancel(e.jobId);
      entries.clear();
    },
    status: (jobId) => statusOf(entry(jobId)),
    hits(jobId, offset, limit) {
      const { result } = entry(jobId);
      return result ? result.hits.slice(offset, offset + limit) : [];
    },
    state(jobId) {
      const e = entry(jobId);
      return e.result && e.state === 'complete'
        ? { state: 'complete', result: e.result }
        : { state: e.state === 'complete' ? 'failed' : e.state, ...e.progress };
    },
  };
}
