/**
 * Import jobs for the app: queued one at a time (SQLite has one writer), each in a worker thread,
 * with progress and the outcome sent to the renderer as events. The 'queued' event is sent before
 * `start` returns the job id, so a renderer must accept events for a job it has not heard of yet.
 */
import type { ImportArgs } from '../../preload/contract';
import type { Emit } from '../context';
import { startJob, type JobHandle } from '../jobs/runner';
import { basename } from 'node:path';

export interface ImportJobs {
  start(casePath: string, actor: string, args: ImportArgs & { timeZone: string }): string;
  cancel(jobId: string): void;
  cancelAll(): void;
}

export function importJobs(emit: Emit): ImportJobs {
  let counter = 0;
  let queue: Promise<void> = Promise.resolve();
  const running = new Map<string, JobHandle | 'queued'>();
  const cancelledBeforeStart = new Set<string>();

  return {
    start(casePath, actor, args) {
      const jobId = `job-${++counter}`;
      const label = basename(args.path);
      running.set(jobId, 'queued');
      emit('job.progress', { jobId, kind: 'import', label, phase: 'queued', bytesRead: 0, bytesTotal: 0, messages: 0 });
      const run = async (): Promise<void> => {
        try {
          if (cancelledBeforeStart.delete(jobId)) {
            const message = `Import of ${label} was cancelled before it started. Nothing was changed.`;
            emit('job.finished', { jobId, kind: 'import', label, ok: false, cancelled: true, error: { name: 'ImportCancelledError', message } });
            return;
          }
          const handle = startJob({ kind: 'import', casePath, actor, request: args }, (progress) =>
            emit('job.progress', { jobId, kind: 'import', label, ...progress }),
          );
          running.set(jobId, handle);
          emit('job.finished', { jobId, kind: 'import', label, ok: true, summary: await handle.done });
        } catch (err) {
          const error = err instanceof Error ? err : new Error(String(err));
          const cancelled = error.name === 'ImportCancelledError';
          emit('job.finished', { jobId, kind: 'import', label, ok: false, cancelled, error: { name: error.name, message: error.message } });
        } finally {
          running.delete(jobId);
        }
      };
      const previous = queue;
      // run() never rejects (it reports failures as events), so the queue never stalls.
      queue = (async () => {
        await previous;
        await run();
      })();
      return jobId;
    },
    cancel(jobId) {
      const job = running.get(jobId);
      if (job === 'queued') cancelledBeforeStart.add(jobId);
      else job?.cancel();
    },
    cancelAll() {
      for (const jobId of running.keys()) this.cancel(jobId);
    },
  };
}
