/**
 * What a kind of job is: a name, and what its worker thread runs on the case with the data it was
 * started with. Each feature defines its kinds beside its service (main/<feature>/jobs.ts); the worker
 * thread's entry point (main/worker.ts) registers them, so the runner itself knows no feature.
 */
import type { ReadableDB, WritableDB } from '../../db/connection';
import type { CancellationToken } from '../../common/domain/cancellation';

/** The case as a job's worker opened it: `writable` is null when the case is read-only. */
export interface JobCase {
  readonly path: string;
  readonly db: ReadableDB;
  readonly writable: WritableDB | null;
}

export interface JobContext<Progress> {
  readonly token: CancellationToken;
  progress(progress: Progress): void;
}

export interface JobKind<Data, Progress, Result> {
  readonly kind: string;
  run(job: JobCase, data: Data, context: JobContext<Progress>): Promise<Result>;
  /** Structured details of a failure for the screen to show in full (an export's verification report). */
  details?(error: Error): unknown;
}

/** Declares a kind with its types inferred, so starting it is type-checked against its data. */
export const defineJob = <Data, Progress, Result>(kind: JobKind<Data, Progress, Result>): JobKind<Data, Progress, Result> => kind;

/** The types of a kind, for the code that starts it and relays its events. */
export type DataOf<K> = K extends JobKind<infer D, unknown, unknown> ? D : never;
export type ProgressOf<K> = K extends JobKind<never, infer P, unknown> ? P : never;
export type ResultOf<K> = K extends JobKind<never, unknown, infer R> ? R : never;
