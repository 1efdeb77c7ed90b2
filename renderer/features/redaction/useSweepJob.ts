import { useEffect, useRef, useState } from 'react';
import type { SweepStatus } from '../../../common/contract/channels/redaction';
import type { ArgsInputOf, PayloadOf } from '../../../common/contract';
import { desk, errorMessage } from '../../api';

export type SweepJob =
  | { readonly status: 'idle' }
  | { readonly status: 'starting' }
  | { readonly status: 'failed'; readonly message: string }
  | { readonly status: 'running' | 'done'; readonly sweep: SweepStatus; readonly cancelling: boolean };

const runningStatus = (jobId: string): SweepStatus => ({
  jobId,
  state: 'running',
  scanned: 0,
  total: 0,
  hits: 0,
  alreadyRedacted: 0,
  groups: [],
  stale: false,
  error: null,
});

/**
 * One sweep at a time per tool (suggestions, every occurrence): started, followed through its
 * progress, cancelled, finished. Events of a job not yet known here (a small scope can finish before
 * `startSweep` returns) are kept and caught up with.
 */
export function useSweepJob() {
  const [job, setJob] = useState<SweepJob>({ status: 'idle' });
  const jobId = useRef<string | null>(null);
  const early = useRef(new Map<string, SweepStatus>());
  const earlyProgress = useRef(new Map<string, PayloadOf<'sweeps.progress'>>());

  useEffect(() => {
    const offProgress = desk().onSweepProgress((progress: PayloadOf<'sweeps.progress'>) => {
      if (progress.jobId !== jobId.current) {
        earlyProgress.current.set(progress.jobId, progress);
        return;
      }
      setJob((current) => (current.status === 'running' ? { ...current, sweep: { ...current.sweep, ...progress } } : current));
    });
    const offFinished = desk().onSweepFinished((finished) => {
      if (finished.jobId !== jobId.current) {
        early.current.set(finished.jobId, finished);
        return;
      }
      setJob({ status: 'done', sweep: finished, cancelling: false });
    });
    return () => {
      offProgress();
      offFinished();
      if (jobId.current)
        void desk()
          .cancelSweep({ jobId: jobId.current })
          .catch(() => undefined);
    };
  }, []);

  return {
    job,
    async start(request: ArgsInputOf<'sweeps.start'>): Promise<void> {
      setJob({ status: 'starting' });
      try {
        const started = await desk().startSweep(request);
        jobId.current = started.jobId;
        const done = early.current.get(started.jobId);
        const progress = earlyProgress.current.get(started.jobId);
        const running = { ...runningStatus(started.jobId), total: started.total, ...progress };
        setJob(done ? { status: 'done', sweep: done, cancelling: false } : { status: 'running', sweep: running, cancelling: false });
      } catch (err) {
        setJob({ status: 'failed', message: errorMessage(err) });
      }
    },
    async cancel(): Promise<void> {
      if (job.status !== 'running') return;
      setJob({ ...job, cancelling: true });
      try {
        await desk().cancelSweep({ jobId: job.sweep.jobId });
      } catch (err) {
        setJob({ status: 'failed', message: errorMessage(err) });
      }
    },
    /** The list is out of date (redactions were just applied from it): the tool runs the sweep again. */
    async refresh(): Promise<void> {
      if (job.status !== 'done') return;
      setJob({ ...job, sweep: await desk().sweepStatus({ jobId: job.sweep.jobId }) });
    },
  };
}
