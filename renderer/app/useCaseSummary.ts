import { useEffect, useState } from 'react';
import type { CaseCounts } from '../../common/domain/model';
import { desk, errorMessage } from '../api';
import { useCaseRevision } from './ImportJobsProvider';

export type SummaryState =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly counts: CaseCounts }
  | { readonly status: 'failed'; readonly message: string };

/** The open case's counts, fetched when a screen showing them mounts and again after each import. */
export function useCaseSummary(caseId: string): SummaryState {
  const [state, setState] = useState<SummaryState>({ status: 'loading' });
  const revision = useCaseRevision();
  useEffect(() => {
    let current = true;
    const load = async (): Promise<void> => {
      try {
        const { counts } = await desk().caseSummary();
        if (current) setState({ status: 'ready', counts });
      } catch (err) {
        if (current) setState({ status: 'failed', message: errorMessage(err) });
      }
    };
    void load();
    return () => {
      current = false;
    };
  }, [caseId, revision]);
  return state;
}
