/**
 * Starts a job in a worker thread and relays its messages. A cancelled or failed job rolls its own
 * transaction back, so the case is as it was.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { JobKind } from './kind';
import type { FromWorker, JobFailure, JobRequest, ToWorker } from './protocol';

/** A job that did not finish: its name and message as the worker reported them. */
export class JobFailedError extends Error {
  readonly cancelled: boolean;
  readonly details: unknown;

  constructor(failure: JobFailure) {
    super(failure.message);
    this.name = failure.name;
    this.cancelled = failure.cancelled;
    this.details = failure.details;
  }
}

export interface JobHandle<Result> {
  /** Settles with the result, or rejects with a JobFailedError. */
  readonly done: Promise<Result>;
  cancel(): void;
}

/** How a job is run: in a worker thread (the app), or in-process by a test's stand-in. */
export type Launch = <Data, Progress, Result>(
  kind: JobKind<Data, Progress, Result>,
  casePath: string,
  data: Data,
  onProgress: (progress: Progress) => void,
) => JobHandle<Result>;

/**
 * A bundled worker script (dist/main/<name>) sits next to the bundle that starts it. When the
 * services run from TypeScript source (tests), the built copy is used: `npm test` builds first.
 */
export function builtScript(name: string): string {
  const beside = join(__dirname, name);
  if (existsSync(beside)) return beside;
  const built = join(__dirname, '..', '..', 'dist', 'main', name);
  if (existsSync(built)) return built;
  throw new Error(`A worker script is not built (dist/main/${name}). Run \`npm run build\`.`);
}

export const launchWorker: Launch = <Data, Progress, Result>(
  kind: JobKind<Data, Progress, Result>,
  casePath: string,
  data: Data,
  onProgress: (progress: Progress) => void,
): JobHandle<Result> => {
  const request: JobRequest = { kind: kind.kind, casePath, data };
  const worker = new Worker(builtScript('worker.cjs'), { workerData: request });
  const done = new Promise<Result>((resolve, reject) => {
    let settled = false;
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'progress') onProgress(message.progress as Progress);
      else if (message.type === 'done') {
        settled = true;
        resolve(message.result as Result);
      } else {
        settled = true;
        reject(new JobFailedError(message.error));
      }
    });
    worker.on('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.on('exit', (code) => {
      if (!settled) {
        const message = `the job stopped unexpectedly (exit code ${code}); nothing was changed`;
        reject(new JobFailedError({ name: 'JobFailedError', message, cancelled: false }));
      }
    });
  });
  return { done, cancel: () => worker.postMessage({ type: 'cancel' } satisfies ToWorker) };
};
