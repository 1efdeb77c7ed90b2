/**
 * A kind of job that runs one at a time in a window (an index update, an audit check, an export),
 * relaying its progress and its outcome as the feature's events.
 */
import type { Jobs } from './jobs';
import type { JobKind } from './kind';
import { outcomeOf, type Outcome } from './outcome';

export interface SingleJob<Data> {
  /**
   * Starts the job. While one is under way: for the same case, `busy` says what happens — 'reuse'
   * returns its id, or 'refuse' throws `busyError()`; for another case it is cancelled first.
   */
  start(casePath: string, data: Data): string;
  /** The job under way for this case, or null. */
  running(casePath: string): string | null;
}

export interface SingleJobRelay<Progress, Result> {
  readonly busy: 'reuse' | { readonly refuse: () => Error };
  progress(jobId: string, progress: Progress): void;
  finished(jobId: string, outcome: Outcome<Result>): void;
}

export function singleJob<Data, Progress, Result>(
  jobs: Jobs,
  kind: JobKind<Data, Progress, Result>,
  relay: SingleJobRelay<Progress, Result>,
): SingleJob<Data> {
  let current: { readonly jobId: string; readonly casePath: string } | null = null;
  return {
    start(casePath, data) {
      if (current) {
        if (relay.busy !== 'reuse') throw relay.busy.refuse();
        if (current.casePath === casePath) return current.jobId;
        jobs.cancel(current.jobId);
      }
      let jobId = '';
      const started = jobs.start(kind, casePath, data, (progress) => relay.progress(jobId, progress));
      jobId = started.jobId;
      const job = { jobId, casePath };
      current = job;
      void (async () => {
        const outcome = await outcomeOf(started.done);
        if (current === job) current = null;
        relay.finished(jobId, outcome);
      })();
      return jobId;
    },
    running(casePath) {
      return current?.casePath === casePath ? current.jobId : null;
    },
  };
}
