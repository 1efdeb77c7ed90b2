import { useEffect, useState } from 'react';
import type { z } from 'zod';
import type { IndexStatusSchema } from '../../../common/contract/channels/search';
import { desk, errorMessage } from '../../api';

type IndexStatus = z.output<typeof IndexStatusSchema>;

export interface IndexState {
  readonly status: IndexStatus | null;
  /** Messages indexed and to index by the job under way, once it has reported. */
  readonly progress: { readonly indexed: number; readonly total: number } | null;
  readonly error: string | null;
  /** Changes when an index job finishes: a search refused as stale can be run again. */
  readonly finished: number;
  update(): Promise<void>;
}

/** The search index's state, and its update job's progress from the `search.index*` events. */
export function useIndexStatus(caseId: string): IndexState {
  const [status, setStatus] = useState<IndexStatus | null>(null);
  const [progress, setProgress] = useState<IndexState['progress']>(null);
  const [error, setError] = useState<string | null>(null);
  const [finished, setFinished] = useState(0);

  useEffect(() => {
    let current = true;
    const read = async (): Promise<void> => {
      try {
        const value = await desk().searchIndexStatus();
        if (current) setStatus(value);
      } catch (err) {
        if (current) setError(errorMessage(err));
      }
    };
    void read();
    const offProgress = desk().onSearchIndexProgress(({ indexed, total }) => setProgress({ indexed, total }));
    const offFinished = desk().onSearchIndexFinished((event) => {
      setProgress(null);
      setError(event.ok || event.cancelled ? null : (event.error?.message ?? 'The index could not be updated.'));
      setFinished((value) => value + 1);
      void read();
    });
    return () => {
      current = false;
      offProgress();
      offFinished();
    };
  }, [caseId]);

  return {
    status,
    progress,
    error,
    finished,
    update: async () => {
      try {
        const { jobId } = await desk().updateSearchIndex({});
        setError(null);
        setProgress({ indexed: 0, total: status?.pending ?? 0 });
        setStatus((value) => (value ? { ...value, jobId } : value));
      } catch (err) {
        setError(errorMessage(err));
      }
    },
  };
}
