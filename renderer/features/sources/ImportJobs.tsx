import { useEffect, useRef } from 'react';
import { moreWarnings, noteHeadline, notesSentence, WARNINGS_QUOTED } from '../../../common/domain/import-notes';
import { desk } from '../../api';
import { useImportJobStore, useImportJobs } from '../../app/ImportJobsProvider';
import type { ImportJob, JobPhase } from '../../app/importJobs';
import { useLoaded } from '../../app/useLoaded';
import { Button } from '../../components/Button';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Panel } from '../../components/Panel';
import { ProgressBar } from '../../components/ProgressBar';
import { formatBytes, formatLocator, plural } from '../../format';

const PHASE_WORDS: Readonly<Record<JobPhase, string>> = {
  queued: 'Starting',
  hashing: 'Checking file',
  reading: 'Reading messages',
  finishing: 'Saving to the case',
  indexing: 'Making it searchable',
};

/** Imports run one at a time: a queued one behind another says so, one that is next is starting. */
const WAITING = 'Waiting for the import before it';

const phaseWords = (job: ImportJob, waiting: boolean): string =>
  job.cancelRequested ? 'Cancelling' : job.progress.phase === 'queued' && waiting ? WAITING : PHASE_WORDS[job.progress.phase];

interface ImportJobsProps {
  readonly caseId: string;
  readonly onShowSource: (sourceId: number) => void;
}

/** This session's imports into the case: progress while they run, then what came of each. */
export function ImportJobs({ caseId, onShowSource }: ImportJobsProps) {
  const store = useImportJobStore();
  const { jobs } = useImportJobs();
  const shown = jobs.filter((job) => job.caseId === caseId || job.caseId === null);
  const listed = useRef(shown.length);
  const panel = useRef<HTMLDivElement>(null);

  // A new import brings its progress into view, wherever the window's width put this panel.
  useEffect(() => {
    if (shown.length > listed.current) panel.current?.scrollIntoView({ block: 'nearest' });
    listed.current = shown.length;
  }, [shown.length]);

  if (shown.length === 0) return null;
  const anyFinished = shown.some((job) => job.outcome.status !== 'running');
  return (
    <div ref={panel}>
      <Panel id="import-jobs-title" title="Imports" className="import-jobs">
        <ul className="import-jobs__list">
          {shown.map((job, index) => (
            <ImportJobRow
              key={job.jobId}
              job={job}
              waiting={shown.slice(0, index).some((earlier) => earlier.outcome.status === 'running')}
              onCancel={() => void store.cancel(job.jobId)}
              onShowSource={onShowSource}
            />
          ))}
        </ul>
        {anyFinished && (
          <div className="import-jobs__footer">
            <Button small variant="quiet" onClick={() => store.clearFinished(caseId)}>
              Clear finished imports
            </Button>
          </div>
        )}
      </Panel>
    </div>
  );
}

function fractionOf(job: ImportJob): number | null {
  const { phase, bytesRead, bytesTotal } = job.progress;
  if (phase === 'queued' || phase === 'finishing' || phase === 'indexing' || bytesTotal <= 0) return null;
  return bytesRead / bytesTotal;
}

function progressWords(job: ImportJob, waiting: boolean): string {
  const { phase, bytesRead, bytesTotal, messages } = job.progress;
  const parts = [phaseWords(job, waiting)];
  if (phase !== 'queued' && phase !== 'indexing' && bytesTotal > 0) parts.push(`${formatBytes(bytesRead)} of ${formatBytes(bytesTotal)}`);
  if (phase === 'reading' || phase === 'finishing' || phase === 'indexing') parts.push(plural(messages, 'message'));
  return parts.join(' · ');
}

interface ImportJobRowProps {
  readonly job: ImportJob;
  /** An earlier import is still running, so this one waits its turn. */
  readonly waiting: boolean;
  readonly onCancel: () => void;
  readonly onShowSource: (sourceId: number) => void;
}

function ImportJobRow({ job, waiting, onCancel, onShowSource }: ImportJobRowProps) {
  const { outcome } = job;
  const titleId = `${job.jobId}-title`;
  return (
    <li className={`import-job import-job--${outcome.status}`} aria-labelledby={titleId}>
      <div className="import-job__heading">
        <p id={titleId} className="import-job__title">
          <span className="import-job__name">{job.label}</span>
          {job.custodian && <span className="import-job__custodian"> for {job.custodian}</span>}
        </p>
        {outcome.status === 'running' && (
          <Button small onClick={onCancel} disabled={job.cancelRequested} aria-label={`Cancel import of ${job.label}`}>
            {job.cancelRequested ? 'Cancelling…' : 'Cancel'}
          </Button>
        )}
      </div>
      {outcome.status === 'running' && (
        <>
          <ProgressBar label={`Import of ${job.label}`} fraction={fractionOf(job)} valueText={progressWords(job, waiting)} />
          <p className="import-job__progress" aria-hidden="true">
            {progressWords(job, waiting)}
          </p>
        </>
      )}
      {/* Phase changes are announced, the byte counts (which change constantly) are not; the status bar announces the end. */}
      <p className="visually-hidden" role="status">
        {outcome.status === 'running' ? `${job.label}: ${phaseWords(job, waiting).toLowerCase()}` : ''}
      </p>
      {outcome.status === 'succeeded' && (
        <>
          <div className="import-job__outcome import-job__outcome--succeeded">
            <p>
              <strong>Imported.</strong> {plural(outcome.summary.messages, 'message')} in{' '}
              {plural(outcome.summary.conversations, 'conversation')}, {plural(outcome.summary.participants, 'participant')},{' '}
              {plural(outcome.summary.attachments, 'attachment')}. {outcomeNotes(outcome.summary.notes)}
            </p>
            <Button small variant="quiet" onClick={() => onShowSource(outcome.summary.sourceId)}>
              Show source
            </Button>
          </div>
          {outcome.summary.notes.warnings > 0 && (
            <FirstWarnings sourceId={outcome.summary.sourceId} total={outcome.summary.notes.warnings} />
          )}
        </>
      )}
      {outcome.status === 'failed' && <ErrorAlert title={`${job.label} was not imported`} message={outcome.message} />}
      {outcome.status === 'cancelled' && <p className="import-job__outcome import-job__outcome--cancelled">{outcome.message}</p>}
    </li>
  );
}

function outcomeNotes(notes: { readonly warnings: number; readonly repairs: number; readonly assumptions: number }): string {
  const sentence = notesSentence(notes);
  return sentence === null
    ? 'Nothing needed noting.'
    : `${sentence[0]?.toUpperCase() ?? ''}${sentence.slice(1)} — see the source’s details.`;
}

/** The first warnings in their own words: what was kept aside as a note, or may be misread. */
function FirstWarnings({ sourceId, total }: { readonly sourceId: number; readonly total: number }) {
  const loaded = useLoaded(() => desk().sourceNotes({ sourceId, limit: WARNINGS_QUOTED }), String(sourceId));
  if (loaded.status !== 'ready') return null;
  const warnings = loaded.value.notes.filter((note) => note.kind === 'warning');
  const more = moreWarnings(total, warnings.length);
  return (
    <div className="import-job__warnings">
      <ul aria-label="Warnings from the import">
        {warnings.map((note, index) => (
          <li key={index}>
            {noteHeadline(note.message)}
            {note.locator && <span className="import-job__warning-where mono"> ({formatLocator(note.locator)})</span>}
          </li>
        ))}
      </ul>
      {more && <p>{more}</p>}
    </div>
  );
}
