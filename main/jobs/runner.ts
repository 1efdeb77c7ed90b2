/**
 * What running a job means to its starter: a handle that settles, and a cancel. A cancelled or failed
 * job rolls its own transaction back, so the case is as it was. Worker threads run them (pool.ts).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { JobKind } from './kind';
import type { JobFailure } from './protocol';

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
