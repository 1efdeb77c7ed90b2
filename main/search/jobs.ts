/**
 * Index jobs for the app: one at a time per window, in a worker thread (main/jobs/worker.ts), with
 * progress and the outcome sent as `search.indexProgress` / `search.indexFinished`. Imports index
 * their own messages in their worker before they report done; these jobs serve a rebuild, a case
 * migrated from before the index existed, or an update an import could not finish.
 */
import type { Emit } from '../context';
import { startJob, type JobHandle } from '../jobs/runner';
import type { IndexOutcome, IndexProgress } from './indexer';

export interface IndexJobs {
  /** Starts an update (or rebuild) of the case's index; the job already under way for it, if any. */
  start(casePath: string, rebuild: boolean): string;
  /** The job under way for this case, or null. */
  running(casePath: string): string | null;
  cancel(jobId: string): void;
  /** Cancels whatever is under way: the case is closing, and a job must not outlive it. */
  cancelAll(): void;
}

/**
 * Ids share the `job-N` form of import jobs (the contract's JobId) but count from a range imports
 * never reach in one session, so the renderer can key both kinds of job by id.
 */
const FIRST_INDEX_JOB = 1_000_000;

export function indexJobs(emit: Emit): IndexJobs {
  let counter = FIRST_INDEX_JOB;
  let current: { readonly jobId: string; readonly casePath: string; readonly handle: JobHandle<IndexOutcome> } | null = null;

  return {
    start(casePath, rebuild) {
      if (current) {
        if (current.casePath === casePath) return current.jobId;
        current.handle.cancel();
      }
      const jobId = `job-${++counter}`;
      const handle = startJob<IndexProgress, IndexOutcome>({ kind: 'index', casePath, rebuild }, ({ indexed, total }) =>
        emit('search.indexProgress', { jobId, indexed, total: Math.max(total, indexed) }),
      );
      const job = { jobId, casePath, handle };
      current = job;
      void (async () => {
        try {
          const outcome = await handle.done;
          emit('search.indexFinished', { jobId, ok: true, indexed: outcome.indexed, cancelled: false, error: null });
        } catch (err) {
          const error = err instanceof Error ? err : new Error(String(err));
          const cancelled = error.name === 'SearchIndexCancelledError';
          emit('search.indexFinished', { jobId, ok: false, indexed: 0, cancelled, error: { name: error.name, message: error.message } });
        } finally {
          if (current === job) current = null;
        }
      })();
      return jobId;
    },
    running(casePath) {
      return current?.casePath === casePath ? current.jobId : null;
    },
    cancel(jobId) {
      if (current?.jobId === jobId) current.handle.cancel();
    },
    cancelAll() {
      current?.handle.cancel();
    },
  };
}
