/**
 * Index jobs: the kind a worker thread runs, and the app's relay of it — one at a time per window,
 * progress and the outcome sent as `search.indexProgress` / `search.indexFinished`. Imports index
 * their own messages before they report done; these jobs serve a rebuild, a case migrated from
 * before the index existed, or an update an import could not finish.
 */
import { ReadOnlyCaseError } from '../../db/errors';
import type { Emit } from '../context';
import type { Jobs } from '../jobs/jobs';
import { defineJob, type JobContext } from '../jobs/kind';
import { singleJob, type SingleJob } from '../jobs/single';
import { updateIndex, type IndexOutcome, type IndexProgress } from './indexer';

export const indexJob = defineJob({
  kind: 'index',
  async run(job, data: { readonly rebuild: boolean }, context: JobContext<IndexProgress>): Promise<IndexOutcome> {
    if (!job.writable) throw new ReadOnlyCaseError(job.path, 'its search index cannot be updated');
    return updateIndex(job.writable, { token: context.token, rebuild: data.rebuild, onProgress: (p) => context.progress(p) });
  },
});

export function indexJobs(emit: Emit, jobs: Jobs): SingleJob<{ readonly rebuild: boolean }> {
  return singleJob(jobs, indexJob, {
    busy: 'reuse',
    progress: (jobId, { indexed, total }) => emit('search.indexProgress', { jobId, indexed, total: Math.max(total, indexed) }),
    finished: (jobId, outcome) =>
      emit(
        'search.indexFinished',
        outcome.ok
          ? { jobId, ok: true, indexed: outcome.result.indexed, cancelled: false, error: null }
          : { jobId, ok: false, indexed: 0, cancelled: outcome.cancelled, error: outcome.error },
      ),
  });
}
