import { useEffect, useState } from 'react';
import type { RecentCase } from '../../../common/domain/model';
import { desk, errorMessage } from '../../api';

export type RecentCasesState =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly cases: readonly RecentCase[] }
  | { readonly status: 'failed'; readonly message: string };

export interface RecentCases {
  readonly state: RecentCasesState;
  forget(path: string): Promise<void>;
  refresh(): Promise<void>;
}

async function fetchList(request: () => Promise<readonly RecentCase[]>): Promise<RecentCasesState> {
  try {
    return { status: 'ready', cases: await request() };
  } catch (err) {
    return { status: 'failed', message: errorMessage(err) };
  }
}

export function useRecentCases(): RecentCases {
  const [state, setState] = useState<RecentCasesState>({ status: 'loading' });

  useEffect(() => {
    let current = true;
    const loadFirst = async (): Promise<void> => {
      const next = await fetchList(() => desk().recentCases());
      if (current) setState(next);
    };
    void loadFirst();
    return () => {
      current = false;
    };
  }, []);

  return {
    state,
    forget: async (path) => setState(await fetchList(() => desk().forgetRecentCase({ path }))),
    refresh: async () => setState(await fetchList(() => desk().recentCases())),
  };
}
