/**
 * Import jobs as the window knows them, kept outside React: a job runs in main while the reviewer
 * moves between screens or brings up the start screen, so its progress and outcome must outlive
 * whichever component started it.
 */
import type { JobFinished, JobProgress } from '../../common/contract';
import { desk } from '../api';
import { fileNameOf } from '../fileName';

export type JobPhase = JobProgress['phase'];
export type ImportSummary = Extract<JobFinished, { ok: true }>['summary'];

export type JobOutcome =
  | { readonly status: 'running' }
  | { readonly status: 'succeeded'; readonly summary: ImportSummary }
  | { readonly status: 'failed'; readonly message: string }
  | { readonly status: 'cancelled'; readonly message: string };

export interface ImportJob {
  readonly jobId: string;
  /** The case it imports into; null for the moment between main's first event and startImport's reply. */
  readonly caseId: string | null;
  readonly label: string;
  readonly path: string | null;
  readonly custodian: string | null;
  readonly progress: Omit<JobProgress, 'jobId' | 'kind' | 'label'>;
  readonly outcome: JobOutcome;
  readonly cancelRequested: boolean;
}

export interface ImportJobsSnapshot {
  /** Oldest first, as they were started. */
  readonly jobs: readonly ImportJob[];
  /** Goes up each time an import adds to a case, so lists and counts know to read again. */
  readonly revision: number;
}

export interface StartedJob {
  readonly caseId: string;
  readonly path: string;
  readonly custodian: string;
}

const QUEUED: ImportJob['progress'] = { phase: 'queued', bytesRead: 0, bytesTotal: 0, messages: 0 };

export class ImportJobStore {
  private snapshot: ImportJobsSnapshot = { jobs: [], revision: 0 };
  private readonly listeners = new Set<() => void>();

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): ImportJobsSnapshot => this.snapshot;

  /** Listens to main's job events until the returned function is called. */
  connect(): () => void {
    const offProgress = desk().onJobProgress((event) => this.progressed(event));
    const offFinished = desk().onJobFinished((event) => this.finished(event));
    return () => {
      offProgress();
      offFinished();
    };
  }

  /** Records what the window asked for; main's events may already have created the job. */
  started(jobId: string, job: StartedJob): void {
    this.upsert(jobId, fileNameOf(job.path), (current) => ({ ...current, ...job }));
  }

  async cancel(jobId: string): Promise<void> {
    this.update(jobId, (job) => ({ ...job, cancelRequested: true }));
    await desk().cancelJob({ jobId });
  }

  /** Forgets the finished jobs of a case: their outcomes stay in the case's sources and audit log. */
  clearFinished(caseId: string): void {
    const jobs = this.snapshot.jobs.filter((job) => job.caseId !== caseId || job.outcome.status === 'running');
    this.publish({ ...this.snapshot, jobs });
  }

  private progressed(event: JobProgress): void {
    const { jobId, kind: _kind, label, ...progress } = event;
    this.upsert(jobId, label, (job) => (job.outcome.status === 'running' ? { ...job, progress } : job));
  }

  private finished(event: JobFinished): void {
    const outcome: JobOutcome = event.ok
      ? { status: 'succeeded', summary: event.summary }
      : { status: event.cancelled ? 'cancelled' : 'failed', message: event.error.message };
    this.upsert(event.jobId, event.label, (job) => ({ ...job, outcome }));
    if (event.ok) this.publish({ ...this.snapshot, revision: this.snapshot.revision + 1 });
  }

  private upsert(jobId: string, label: string, change: (job: ImportJob) => ImportJob): void {
    const exists = this.snapshot.jobs.some((job) => job.jobId === jobId);
    if (!exists) {
      const fresh: ImportJob = {
        jobId,
        caseId: null,
        label,
        path: null,
        custodian: null,
        progress: QUEUED,
        outcome: { status: 'running' },
        cancelRequested: false,
      };
      this.publish({ ...this.snapshot, jobs: [...this.snapshot.jobs, change(fresh)] });
      return;
    }
    this.update(jobId, change);
  }

  private update(jobId: string, change: (job: ImportJob) => ImportJob): void {
    this.publish({ ...this.snapshot, jobs: this.snapshot.jobs.map((job) => (job.jobId === jobId ? change(job) : job)) });
  }

  private publish(next: ImportJobsSnapshot): void {
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }
}
