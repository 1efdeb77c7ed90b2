import { plural } from '../format';
import { useImportJobs } from './ImportJobsProvider';

/**
 * Imports carry on while the reviewer works on other screens: the status bar says how many are
 * running, and announces each one's end wherever the reviewer is.
 */
export function ImportStatus({ caseId }: { readonly caseId: string }) {
  const { jobs } = useImportJobs();
  const mine = jobs.filter((job) => job.caseId === caseId || job.caseId === null);
  const running = mine.filter((job) => job.outcome.status === 'running').length;
  const last = mine.findLast((job) => job.outcome.status !== 'running');
  const ended =
    last?.outcome.status === 'succeeded'
      ? `Last import: ${last.label}, ${plural(last.outcome.summary.messages, 'message')}`
      : last?.outcome.status === 'failed'
        ? `Last import: ${last.label} was not imported`
        : last?.outcome.status === 'cancelled'
          ? `Last import: ${last.label} was cancelled`
          : '';
  return <p role="status">{running > 0 ? `Importing ${plural(running, 'file')}…` : ended}</p>;
}
