/**
 * "Verify chain": the `audit --verify` check as a job kind a worker thread runs, and the app's relay
 * of it — progress as `audit.verifyProgress`, the outcome as `audit.verifyFinished`. One at a time;
 * it only reads, so a cancel just stops it.
 */
import type { Emit } from '../context';
import type { Jobs } from '../jobs/jobs';
import { defineJob, type JobContext } from '../jobs/kind';
import { singleJob, type SingleJob } from '../jobs/single';
import { verifyAuditInSteps, type AuditVerification, type AuditVerifyProgress } from './log';

export const auditVerifyJob = defineJob({
  kind: 'audit-verify',
  async run(job, _data: null, context: JobContext<AuditVerifyProgress>): Promise<AuditVerification> {
    return verifyAuditInSteps(job.db, { token: context.token, onProgress: (p) => context.progress(p) });
  },
});

export function auditVerifyJobs(emit: Emit, jobs: Jobs): SingleJob<null> {
  return singleJob(jobs, auditVerifyJob, {
    busy: 'reuse',
    progress: (jobId, { checked, total }) => emit('audit.verifyProgress', { jobId, checked, total }),
    finished: (jobId, outcome) =>
      emit(
        'audit.verifyFinished',
        outcome.ok
          ? { jobId, cancelled: false, result: { ...outcome.result, problems: [...outcome.result.problems] }, error: null }
          : { jobId, cancelled: outcome.cancelled, result: null, error: outcome.error },
      ),
  });
}
