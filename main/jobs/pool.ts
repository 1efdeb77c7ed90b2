/**
 * Worker threads kept warm between jobs. Loading the worker bundle (every job kind, with the PDF,
 * spreadsheet and image libraries) takes a thread about two seconds on a busy machine: longer than
 * importing a small export. A thread that finished its job waits for the next instead of exiting,
 * and `warm()` starts one before it is needed (when the reviewer picks a file to import), so an
 * import starts at once. Each thread still runs one job at a time, opening and closing the case
 * for that job; jobs that overlap (an export while an import runs) get a thread each.
 */
import { Worker } from 'node:worker_threads';
import type { JobKind } from './kind';
import type { FromWorker, ToWorker } from './protocol';
import { JobFailedError, builtScript, type JobHandle, type Launch } from './runner';

/** Idle threads kept beyond this are ended: one covers the common case, one import after another. */
export const MAX_IDLE_WORKERS = 1;

export interface WorkerPool {
  readonly launch: Launch;
  /** Starts a thread now unless one is idle, so the next job need not wait for one. */
  warm(): void;
  /** Ends the idle threads, and each busy one when its job settles. */
  dispose(): void;
}

interface Running {
  onMessage(message: FromWorker): void;
  onGone(error: Error): void;
}

const spawnJobWorker = (): Worker => new Worker(builtScript('worker.cjs'));

export function createWorkerPool(spawn: () => Worker = spawnJobWorker): WorkerPool {
  const idle: Worker[] = [];
  const running = new Map<Worker, Running>();
  let disposed = false;

  const start = (): Worker => {
    const worker = spawn();
    const forget = (error: Error): void => {
      const at = idle.indexOf(worker);
      if (at >= 0) idle.splice(at, 1);
      const job = running.get(worker);
      running.delete(worker);
      job?.onGone(error);
    };
    worker.on('message', (message: FromWorker) => running.get(worker)?.onMessage(message));
    worker.on('error', (err) => forget(err));
    worker.on('exit', (code) => forget(new JobFailedError(stoppedUnexpectedly(code))));
    return worker;
  };

  /** An idle thread neither keeps the process alive (the CLI, a test run) nor stays past the limit. */
  const release = (worker: Worker): void => {
    running.delete(worker);
    if (disposed || idle.length >= MAX_IDLE_WORKERS) {
      void worker.terminate();
      return;
    }
    worker.unref();
    idle.push(worker);
  };

  const launch: Launch = <Data, Progress, Result>(
    kind: JobKind<Data, Progress, Result>,
    casePath: string,
    data: Data,
    onProgress: (progress: Progress) => void,
  ): JobHandle<Result> => {
    const worker = idle.pop() ?? start();
    worker.ref();
    let job: Running | undefined;
    const done = new Promise<Result>((resolve, reject) => {
      job = {
        onMessage(message) {
          if (message.type === 'progress') {
            onProgress(message.progress as Progress);
            return;
          }
          release(worker);
          if (message.type === 'done') resolve(message.result as Result);
          else reject(new JobFailedError(message.error));
        },
        onGone: reject,
      };
      running.set(worker, job);
    });
    worker.postMessage({ type: 'run', request: { kind: kind.kind, casePath, data } } satisfies ToWorker);
    // Only while this job runs: the thread may since have gone back to the pool and taken another.
    const cancel = (): void => {
      if (running.get(worker) === job) worker.postMessage({ type: 'cancel' } satisfies ToWorker);
    };
    return { done, cancel };
  };

  return {
    launch,
    warm() {
      if (disposed || idle.length > 0) return;
      const worker = start();
      worker.unref();
      idle.push(worker);
    },
    dispose() {
      disposed = true;
      for (const worker of idle.splice(0)) void worker.terminate();
    },
  };
}

const stoppedUnexpectedly = (code: number) => ({
  name: 'JobFailedError',
  message: `the job stopped unexpectedly (exit code ${code}); nothing was changed`,
  cancelled: false,
});
