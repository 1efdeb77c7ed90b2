/** Messages between the main process and a job's worker thread. */
import type { ImportProgress, ImportRequest, ImportSummary } from '../import/run';

export interface ImportJobData {
  readonly kind: 'import';
  readonly casePath: string;
  readonly actor: string;
  readonly request: ImportRequest;
}

export type JobData = ImportJobData;

export type ToWorker = { readonly type: 'cancel' };

export type FromWorker =
  | { readonly type: 'progress'; readonly progress: ImportProgress }
  | { readonly type: 'done'; readonly result: ImportSummary }
  | { readonly type: 'failed'; readonly error: { readonly name: string; readonly message: string } };
