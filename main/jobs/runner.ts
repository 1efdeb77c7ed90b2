/**
 * Starts jobs in worker threads, relays their progress, and cancels them. A cancelled or failed job
 * rolls its own transaction back, so the case is as it was.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { VerifyReport } from '../domain/verification';
import type { ImportProgress, ImportSummary } from '../import/run';
import type { FromWorker, JobData, ToWorker } from './protocol';

export class JobFailedError extends Error {
  constructor(
    name: string,
    message: string,
    /** The report of an export refused by verification, as the worker sent it. */
    readonly verification?: VerifyReport,
  ) {
    super(message);
    this.name = name;
  }
}

export interface JobHandle<Result = ImportSummary> {
  readonly done: Promise<Result>;
  cancel(): void;
}

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

/** Progress and Result follow the job's kind: ImportProgress/ImportSummary, or IndexProgress/IndexOutcome. */
export function startJob<Progress = ImportProgress, Result = ImportSummary>(
  data: JobData,
  onProgress: (progress: Progress) => void,
): JobHandle<Result> {
  const worker = new Worker(builtScript('worker.cjs'), { workerData: data });
  const done = new Promise<Result>((resolve, reject) => {
    let settled = false;
    worker.on('message', (message: FromWorker<Progress, Result>) => {
      if (message.type === 'progress') onProgress(message.progress);
      else if (message.type === 'done') {
        settled = true;
        resolve(message.result);
      } else {
        settled = true;
        reject(new JobFailedError(message.error.name, message.error.message, message.error.verification));
      }
    });
    worker.on('error', (err) => {
      settled = true;
      reject(err);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new JobFailedError('JobFailedError', `the job stopped unexpectedly (exit code ${code}); nothing was changed`));
    });
  });
  return {
    done,
    cancel: () => worker.postMessage({ type: 'cancel' } satisfies ToWorker),
  };
}
