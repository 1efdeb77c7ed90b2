/**
 * Export jobs for the app: one at a time, in a worker thread (main/jobs/worker.ts), with progress in
 * pages sent as `export.progress` and the outcome as `export.finished`. Cancelling stops the worker at
 * its next page; the export then deletes its temporary folder, so nothing is left behind.
 */
import type { Emit } from '../context';
import { JobFailedError, startJob, type JobHandle } from '../jobs/runner';
import type { ExportProgress, ExportResult, ExportSettings } from './run';

export interface ExportJobs {
  start(casePath: string, actor: string, appVersion: string, settings: ExportSettings, acknowledged: string | null): string;
  cancel(jobId: string): void;
  cancelAll(): void;
}

/** Ids in the contract's `job-N` form, from a range import and index jobs never reach in one session. */
const FIRST_EXPORT_JOB = 2_000_000;

export class ExportBusyError extends Error {
  constructor() {
    super('An export is already running; wait for it to finish or cancel it first.');
    this.name = 'ExportBusyError';
  }
}

export function exportJobs(emit: Emit): ExportJobs {
  let counter = FIRST_EXPORT_JOB;
  let current: { readonly jobId: string; readonly handle: JobHandle<ExportResult> } | null = null;
  return {
    start(casePath, actor, appVersion, settings, acknowledged) {
      if (current) throw new ExportBusyError();
      const jobId = `job-${++counter}`;
      const handle = startJob<ExportProgress, ExportResult>({ kind: 'export', casePath, actor, appVersion, settings, acknowledged }, (p) =>
        emit('export.progress', { jobId, phase: p.phase, pages: p.pages, totalPages: p.totalPages }),
      );
      const job = { jobId, handle };
      current = job;
      void (async () => {
        try {
          const result = await handle.done;
          emit('export.finished', { jobId, ok: true, cancelled: false, result: { ...result, warnings: result.warnings.map((w) => ({ ...w, kinds: [...w.kinds] })), files: [...result.files], verification: { ...result.verification, problems: [...result.verification.problems] }, leftoversRemoved: [...result.leftoversRemoved] }, error: null });
        } catch (err) {
          const error = err instanceof Error ? err : new Error(String(err));
          const verification = err instanceof JobFailedError ? err.verification : undefined;
          emit('export.finished', { jobId, ok: false, cancelled: error.name === 'ExportCancelledError', result: null, error: { name: error.name, message: error.message, ...(verification ? { verification } : {}) } });
        } finally {
          if (current === job) current = null;
        }
      })();
      return jobId;
    },
    cancel(jobId) {
      if (current?.jobId === jobId) current.handle.cancel();
    },
    cancelAll() {
      current?.handle.cancel();
    },
  };
}
