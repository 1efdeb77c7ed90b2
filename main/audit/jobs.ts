/**
 * "Verify chain" for the app: the `audit --verify` check in a worker thread (main/jobs/worker.ts),
 * with progress as `audit.verifyProgress` and the outcome as `audit.verifyFinished`. One at a time;
 * it only reads, so a cancel just stops it.
 */
import type { Emit } from '../context';
import { startJob, type JobHandle } from '../jobs/runner';
import type { AuditVerification, AuditVerifyProgress } from './log';

export interface AuditVerifyJobs {
  /** Starts a check of the case's chain; the check already under way for it, if any. */
  start(casePath: string): string;
  cancel(jobId: string): void;
  cancelAll(): void;
}

/** Ids in the contract's `job-N` form, from a range import, index and export jobs never reach in one session. */
const FIRST_AUDIT_JOB = 3_000_000;

export function auditVerifyJobs(emit: Emit): AuditVerifyJobs {
  let counter = FIRST_AUDIT_JOB;
  let current: { readonly jobId: string; readonly casePath: string; readonly handle: JobHandle<AuditVerification> } | null = null;
  return {
    start(casePath) {
      if (current) {
        if (current.casePath === casePath) return current.jobId;
        current.handle.cancel();
      }
      const jobId = `job-${++counter}`;
      const handle = startJob<AuditVerifyProgress, AuditVerification>({ kind: 'audit-verify', casePath }, ({ checked, total }) =>
        emit('audit.verifyProgress', { jobId, checked, total }),
      );
      const job = { jobId, casePath, handle };
      current = job;
      void (async () => {
        try {
          const result = await handle.done;
          emit('audit.verifyFinished', { jobId, cancelled: false, result: { ...result, problems: [...result.problems] }, error: null });
        } catch (err) {
          const error = err instanceof Error ? err : new Error(String(err));
          emit('audit.verifyFinished', { jobId, cancelled: error.name === 'AuditVerifyCancelledError', result: null, error: { name: error.name, message: error.message } });
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
