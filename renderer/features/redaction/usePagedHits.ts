import { useState } from 'react';
import { errorMessage } from '../../api';
import { appendHits, type HitLike } from './hits';

/** One listing of hits: `run` changes with each fresh search, so the review list starts over. */
export interface PagedHits<H, Q> {
  readonly run: number;
  readonly query: Q;
  readonly hits: readonly H[];
  readonly next: number | null;
}

/**
 * Hits fetched a page at a time (suggestions, occurrences): a fresh search (`after` 0) replaces the
 * listing, a later page is appended to it; the error and the busy flag of the last request.
 */
export function usePagedHits<H extends HitLike, Q>(fetchPage: (query: Q, after: number) => Promise<{ readonly hits: readonly H[]; readonly next: number | null }>) {
  const [listing, setListing] = useState<PagedHits<H, Q> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = async (query: Q, after: number): Promise<void> => {
    setBusy(true);
    try {
      const page = await fetchPage(query, after);
      setListing((current) =>
        after === 0 || !current
          ? { run: (current?.run ?? 0) + 1, query, hits: page.hits, next: page.next }
          : { ...current, hits: appendHits(current.hits, page.hits), next: page.next },
      );
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return { listing, error, busy, load };
}
