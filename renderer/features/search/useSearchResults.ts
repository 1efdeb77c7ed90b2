import { useEffect, useRef, useState } from 'react';
import type { SearchHit, SearchOrder } from '../../../common/domain/search';
import { desk, errorMessage } from '../../api';
import type { SearchFilters } from './filters';

export interface SearchRequest {
  readonly query: string;
  readonly filters: SearchFilters;
  readonly order: SearchOrder;
  /** Changes on every submit, so the same search can be run again (after a decision, say). */
  readonly seq: number;
}

export interface SearchResults {
  readonly status: 'idle' | 'loading' | 'ready' | 'failed';
  readonly total: number;
  readonly hits: readonly SearchHit[];
  readonly error: string | null;
  /** Fetches the next page, if there is one and none is on its way. */
  loadMore(): void;
}

const PAGE = 100;

/** A search's hits, a page at a time as the list is scrolled. */
export function useSearchResults(request: SearchRequest | null): SearchResults {
  // The results of one request: while a newer one runs, the screen says it is searching.
  const [state, setState] = useState<Omit<SearchResults, 'loadMore'> & { readonly for: SearchRequest | null }>({
    for: null,
    status: 'idle',
    total: 0,
    hits: [],
    error: null,
  });
  const loading = useRef(false);
  const requestRef = useRef(request);

  const fetchPage = async (offset: number): Promise<void> => {
    const current = requestRef.current;
    if (!current) return;
    loading.current = true;
    try {
      const page = await desk().searchMessages({
        query: current.query,
        filters: current.filters,
        order: current.order,
        limit: PAGE,
        offset,
      });
      if (requestRef.current !== current) return;
      setState((previous) => ({
        for: current,
        status: 'ready',
        total: page.total,
        hits: offset === 0 ? page.hits : [...previous.hits, ...page.hits],
        error: null,
      }));
    } catch (err) {
      if (requestRef.current === current) setState({ for: current, status: 'failed', total: 0, hits: [], error: errorMessage(err) });
    } finally {
      if (requestRef.current === current) loading.current = false;
    }
  };

  useEffect(() => {
    requestRef.current = request;
    loading.current = false;
    if (request) void fetchPage(0);
  }, [request]);

  const status = state.for === request ? state.status : request ? 'loading' : 'idle';
  return {
    status,
    total: state.total,
    hits: state.hits,
    error: status === 'loading' ? null : state.error,
    loadMore: () => {
      if (loading.current || status !== 'ready' || state.hits.length >= state.total) return;
      void fetchPage(state.hits.length);
    },
  };
}
