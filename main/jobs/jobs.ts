/**
 * The one job manager of a window: one sequence of ids (`job-N`, the contract's JobId) for every
 * kind, each job's handle kept until it settles, and a queue for the jobs that must not overlap
 * (imports: SQLite has one writer, and each import is committed before the next reads the case).
 * Features relay their own events (main/<feature>/jobs.ts); this knows no feature.
 */
import type { JobKind } from './kind';
import { createWorkerPool } from './pool';
import { JobFailedError, type JobHandle, type Launch } from './runner';

export interface StartedJob<Result> {
  readonly jobId: string;
  /** Settles with the result, or rejects with a JobFailedError (`cancelled` when it was cancelled). */
  readonly done: Promise<Result>;
}

export interface Jobs {
  /** Starts a job now. */
  start<Data, Progress, Result>(
    kind: JobKind<Data, Progress, Result>,
    casePath: string,
    data: Data,
    onProgress: (progress: Progress) => void,
  ): StartedJob<Result>;
  /**
   * Starts a job once every job queued before it has settled. `what` names it ("Import of chat.zip")
   * for the message when it is cancelled while it waits.
   */
  enqueue<Data, Progress, Result>(
    kind: JobKind<Data, Progress, Result>,
    casePath: string,
    data: Data,
    onProgress: (progress: Progress) => void,
    what: string,
  ): StartedJob<Result>;
  cancel(jobId: string): void;
  /** Cancels every job, running or queued: the case is closing, and no job may outlive it. */
  cancelAll(): void;
  /** Gets a worker thread ready for the next job (the reviewer is choosing files to import). */
  warm(): void;
  /** Ends the idle worker threads: the window is going away. */
  dispose(): void;
}

type Entry = { readonly state: 'queued'; cancel(): void } | { readonly state: 'running'; readonly handle: JobHandle<unknown> };

/** Jobs in worker threads kept warm between jobs (pool.ts), or through `launch` (a test's stand-in). */
export function createJobs(given?: Launch): Jobs {
  const pool = given ? null : createWorkerPool();
  const launch: Launch = pool ? pool.launch : (given as Launch);
  let counter = 0;
  let queue: Promise<unknown> = Promise.resolve();
  const entries = new Map<string, Entry>();

  const track = <Result>(jobId: string, handle: JobHandle<Result>): Promise<Result> => {
    entries.set(jobId, { state: 'running', handle });
    const forget = (): void => {
      entries.delete(jobId);
    };
    return handle.done.finally(forget);
  };

  return {
    start(kind, casePath, data, onProgress) {
      const jobId = `job-${++counter}`;
      return { jobId, done: track(jobId, launch(kind, casePath, data, onProgress)) };
    },
    enqueue<Data, Progress, Result>(
      kind: JobKind<Data, Progress, Result>,
      casePath: string,
      data: Data,
      onProgress: (progress: Progress) => void,
      what: string,
    ) {
      const jobId = `job-${++counter}`;
      const previous = queue;
      const done = new Promise<Result>((resolve, reject) => {
        let cancelledWhileQueued = false;
        entries.set(jobId, { state: 'queued', cancel: () => (cancelledWhileQueued = true) });
        void (async () => {
          await previous.catch(() => undefined);
          if (cancelledWhileQueued) {
            entries.delete(jobId);
            reject(
              new JobFailedError({
                name: 'CancelledError',
                message: `${what} was cancelled before it started. Nothing was changed.`,
                cancelled: true,
              }),
            );
            return;
          }
          try {
            resolve(await track(jobId, launch(kind, casePath, data, onProgress)));
          } catch (err) {
            reject(err instanceof Error ? err : new Error(String(err)));
          }
        })();
      });
      queue = done.catch(() => undefined);
      return { jobId, done };
    },
    cancel(jobId) {
      const entry = entries.get(jobId);
      if (entry?.state === 'queued') entry.cancel();
      else entry?.handle.cancel();
    },
    cancelAll() {
      for (const jobId of [...entries.keys()]) this.cancel(jobId);
    },
    warm: () => pool?.warm(),
    dispose: () => pool?.dispose(),
  };
}
