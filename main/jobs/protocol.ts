/** Messages between the main process and a job's worker thread. */
import type { ImportProgress, ImportRequest, ImportSummary } from '../import/run';
import type { ExportProgress, ExportResult, ExportSettings } from '../export/run';
import type { VerifyReport } from '../domain/verification';
import type { IndexOutcome, IndexProgress } from '../search/indexer';
import type { AuditVerification, AuditVerifyProgress } from '../audit/log';
import type { SweepProgress, SweepResult } from '../redact/sweep';
import type { SweepRequest } from '../../preload/channels/redaction';

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

/** Re-checks the audit log's hash chain (main/audit/log.ts); reads only. */
export interface AuditVerifyJobData {
  readonly kind: 'audit-verify';
  readonly casePath: string;
}

/** Reads a whole scope for suggestions or every occurrence (main/redact/sweep.ts); writes nothing. */
export interface SweepJobData {
  readonly kind: 'sweep';
  readonly casePath: string;
  readonly request: SweepRequest;
}

export type JobData = ImportJobData | IndexJobData | ExportJobData | AuditVerifyJobData | SweepJobData;

export type ToWorker = { readonly type: 'cancel' };

export type FromWorker<
  Progress = ImportProgress | IndexProgress | ExportProgress | AuditVerifyProgress | SweepProgress,
  Result = ImportSummary | IndexOutcome | ExportResult | AuditVerification | SweepResult,
> =
  | { readonly type: 'progress'; readonly progress: Progress }
  | { readonly type: 'done'; readonly result: Result }
  /** `verification`: the report of an export verification refused (BundleVerificationError), for the screen to show in full. */
  | { readonly type: 'failed'; readonly error: { readonly name: string; readonly message: string; readonly verification?: VerifyReport } };
