import { Button } from '../../components/Button';
import { ProgressBar } from '../../components/ProgressBar';
import { formatCount, plural } from '../../format';
import type { IndexState } from './useIndexStatus';

/** Whether every message can be found, and the way to make it so when not. */
export function IndexStatusBar({ index, readOnly }: { readonly index: IndexState; readonly readOnly: boolean }) {
  const { status, progress, error } = index;
  if (!status) return null;
  const running = status.jobId !== null || progress !== null;
  if (status.state === 'current' && !running && !error) {
    return <p className="index-status index-status--current">Search index up to date.</p>;
  }
  return (
    <section className="index-status" aria-label="Search index">
      <p>
        {running
          ? 'Updating the search index…'
          : status.state === 'missing'
            ? `The search index has not been built: ${plural(status.pending, 'message')} cannot be found yet.`
            : `The search index is behind: the ${plural(status.pending, 'newest message')} cannot be found yet.`}
        {readOnly && !running && ' This case is read-only, so the index cannot be updated here.'}
      </p>
      {running && progress && (
        <ProgressBar
          label="Search index update"
          fraction={progress.total > 0 ? progress.indexed / progress.total : null}
          valueText={`${formatCount(progress.indexed)} of ${formatCount(progress.total)} messages indexed`}
        />
      )}
      {error && <p className="field__error">{error}</p>}
      {!running && !readOnly && status.state !== 'current' && (
        <Button small variant="primary" onClick={() => void index.update()}>
          Update index
        </Button>
      )}
    </section>
  );
}
