/** Messages between the main process and a job's worker thread: kind-neutral, typed at each end by the kind. */

export interface JobRequest {
  readonly kind: string;
  readonly casePath: string;
  readonly data: unknown;
}

/** A worker runs one job at a time and then waits for the next (see pool.ts): `run` starts one, `cancel` asks it to stop. */
export type ToWorker = { readonly type: 'run'; readonly request: JobRequest } | { readonly type: 'cancel' };

export interface JobFailure {
  readonly name: string;
  readonly message: string;
  /** The job stopped because it was asked to: its work is rolled back. */
  readonly cancelled: boolean;
  /** What the kind adds for the screen (see JobKind.details). */
  readonly details?: unknown;
}

export type FromWorker =
  | { readonly type: 'progress'; readonly progress: unknown }
  | { readonly type: 'done'; readonly result: unknown }
  | { readonly type: 'failed'; readonly error: JobFailure };
