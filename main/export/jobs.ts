/**
 * Export jobs: the kind a worker thread runs (write and verify a bundle), and the app's relay of it —
 * one at a time, progress in pages as `export.progress`, the outcome as `export.finished`. Cancelling
 * stops the worker at its next page; the export then deletes its temporary folder, so nothing is
 * left behind.
 */
import { getCaseMeta } from '../../db/queries/case-meta';
import { ReadOnlyCaseError } from '../../db/errors';
import type { VerifyReport } from '../../common/domain/verification';
import type { Emit } from '../context';
import type { Jobs } from '../jobs/jobs';
import { defineJob, type JobContext } from '../jobs/kind';
import { singleJob, type SingleJob } from '../jobs/single';
import { exportBundle, type ExportProgress, type ExportResult, type ExportSettings } from './run';
import { BundleVerificationError } from './verify';

export interface ExportJobData {
  readonly actor: string;
  readonly appVersion: string;
  readonly settings: ExportSettings;
  /** The fingerprint of the consistency report the reviewer acknowledged, or null. */
  readonly acknowledged: string | null;
}

export const exportJob = defineJob({
  kind: 'export',
  async run(job, data: ExportJobData, context: JobContext<ExportProgress>): Promise<ExportResult> {
    const meta = getCaseMeta(job.db);
    if (!job.writable || !meta) throw new ReadOnlyCaseError(job.path, 'a bundle cannot be recorded in it');
    return exportBundle(job.writable, meta, data.settings, {
      actor: data.actor,
      appVersion: data.appVersion,
      casePath: job.path,
      token: context.token,
      onProgress: (p) => context.progress(p),
      ...(data.acknowledged === null ? {} : { acknowledged: { fingerprint: data.acknowledged } }),
    });
  },
  /** The report of an export refused by verification, for the screen to show in full. */
  details: (error) => (error instanceof BundleVerificationError ? error.report : undefined),
});

export class ExportBusyError extends Error {
  constructor() {
    super('An export is already running; wait for it to finish or cancel it first.');
    this.name = 'ExportBusyError';
  }
}

export function exportJobs(emit: Emit, jobs: Jobs): SingleJob<ExportJobData> {
  return singleJob(jobs, exportJob, {
    busy: { refuse: () => new ExportBusyError() },
    progress: (jobId, p) => emit('export.progress', { jobId, phase: p.phase, pages: p.pages, totalPages: p.totalPages }),
    finished: (jobId, outcome) => {
      if (outcome.ok) {
        const { result } = outcome;
        emit('export.finished', {
          jobId,
          ok: true,
          cancelled: false,
          result: {
            ...result,
            warnings: result.warnings.map((w) => ({ ...w, kinds: [...w.kinds] })),
            files: [...result.files],
            verification: { ...result.verification, problems: [...result.verification.problems] },
            leftoversRemoved: [...result.leftoversRemoved],
          },
          error: null,
        });
        return;
      }
      const verification = outcome.details as VerifyReport | undefined;
      emit('export.finished', {
        jobId,
        ok: false,
        cancelled: outcome.cancelled,
        result: null,
        error: { ...outcome.error, ...(verification ? { verification } : {}) },
      });
    },
  });
}
