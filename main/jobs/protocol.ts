/** Messages between the main process and a job's worker thread. */
import type { ImportProgress, ImportRequest, ImportSummary } from '../import/run';
import type { ExportProgress, ExportResult, ExportSettings } from '../export/run';
import type { IndexOutcome, IndexProgress } from '../search/indexer';

export interface ImportJobData {
  readonly kind: 'import';
  readonly casePath: string;
  readonly actor: string;
  readonly request: ImportRequest;
}

/** Brings the case's search index up to date (or rebuilds it). */
export interface IndexJobData {
  readonly kind: 'index';
  readonly casePath: string;
  readonly rebuild: boolean;
}

/** Writes and verifies a bundle (main/export/run.ts). */
export interface ExportJobData {
  readonly kind: 'export';
  readonly casePath: string;
  readonly actor: string;
  readonly appVersion: string;
  readonly settings: ExportSettings;
  /** The fingerprint of the consistency report the reviewer acknowledged, or null. */
  readonly acknowledged: string | null;
}

export type JobData = ImportJobData | IndexJobData | ExportJobData;

export type ToWorker = { readonly type: 'cancel' };

export type FromWorker<Progress = ImportProgress | IndexProgress | ExportProgress, Result = ImportSummary | IndexOutcome | ExportResult> =
  | { readonly type: 'progress'; readonly progress: Progress }
  | { readonly type: 'done'; readonly result: Result }
  | { readonly type: 'failed'; readonly error: { readonly name: string; readonly message: string } };
