/**
 * Import jobs: the kind a worker thread runs (import, then index), and the app's relay of it. Imports
 * are queued one at a time (SQLite has one writer), with progress and the outcome sent to the
 * renderer as events. The 'queued' event is sent before `start` returns the job id, so a renderer
 * must accept events for a job it has not heard of yet.
 */
import { basename } from 'node:path';
import { ReadOnlyCaseError } from '../../db/errors';
import type { ImportArgs } from '../../common/domain/import-request';
import type { Emit } from '../context';
import type { Jobs } from '../jobs/jobs';
import { defineJob, type JobContext } from '../jobs/kind';
import { JobFailedError } from '../jobs/runner';
import { indexAfterImport } from './index-after';
import { importSource, type ImportProgress, type ImportRequest, type ImportSummary } from './run';

/** The import's own progress, then the index update that makes its messages searchable. */
export type ImportJobProgress =
  ImportProgress | { readonly phase: 'indexing'; readonly bytesRead: number; readonly bytesTotal: number; readonly messages: number };

export const importJob = defineJob({
  kind: 'import',
  async run(
    job,
    data: { readonly actor: string; readonly request: ImportRequest },
    context: JobContext<ImportJobProgress>,
  ): Promise<ImportSummary> {
    if (!job.writable) throw new ReadOnlyCaseError(job.path, 'nothing can be imported into it');
    const summary = await importSource(job.writable, data.request, {
      actor: data.actor,
      token: context.token,
      onProgress: (p) => context.progress(p),
    });
    context.progress({ phase: 'indexing', bytesRead: 0, bytesTotal: 0, messages: summary.messages });
    // Indexed before reporting done, so the messages the Sources screen announces are searchable,
    // and the next queued import cannot hold the lock meanwhile.
    await indexAfterImport(job.writable, context.token);
    return summary;
  },
});

export interface ImportJobs {
  start(casePath: string, actor: string, args: ImportArgs & { timeZone: string }): string;
}

export function importJobs(emit: Emit, jobs: Jobs): ImportJobs {
  return {
    start(casePath, actor, args) {
      const label = basename(args.path);
      let jobId = '';
      const started = jobs.enqueue(
        importJob,
        casePath,
        { actor, request: args },
        (progress) => emit('job.progress', { jobId, kind: 'import', label, ...progress }),
        `Import of ${label}`,
      );
      jobId = started.jobId;
      emit('job.progress', { jobId, kind: 'import', label, phase: 'queued', bytesRead: 0, bytesTotal: 0, messages: 0 });
      void (async () => {
        try {
          emit('job.finished', { jobId, kind: 'import', label, ok: true, summary: await started.done });
        } catch (err) {
          const error = err instanceof Error ? err : new Error(String(err));
          const cancelled = err instanceof JobFailedError && err.cancelled;
          emit('job.finished', { jobId, kind: 'import', label, ok: false, cancelled, error: { name: error.name, message: error.message } });
        }
      })();
      return jobId;
    },
  };
}
