import * as Tabs from '@radix-ui/react-tabs';
import { useMemo, useRef, useState, type FormEvent } from 'react';
import type { SearchHit, SearchOrder } from '../../../common/domain/search';
import { desk, errorMessage } from '../../api';
import { useCaseRevision } from '../../app/ImportJobsProvider';
import type { ScreenProps } from '../../app/screens';
import { Button } from '../../components/Button';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ScreenHeader } from '../../components/ScreenHeader';
import { SegmentedRadio } from '../../components/SegmentedRadio';
import { formatCount } from '../../format';
import type { ReviewPlace } from '../review/reviewPlace';
import { usableZone } from '../review/timeFormat';
import { ClassifyResultsDialog } from './ClassifyResultsDialog';
import { activeFilters, NO_FILTERS, toFilters, type FilterDraft } from './filters';
import { IndexStatusBar } from './IndexStatusBar';
import { KeywordReport } from './KeywordReport';
import { QuerySyntaxHelp } from './QuerySyntaxHelp';
import { SearchFiltersPanel } from './SearchFiltersPanel';
import { SearchResults } from './SearchResults';
import { useSearchFocus } from './searchFocus';
import { useIndexStatus } from './useIndexStatus';
import { useSearchResults, type SearchRequest } from './useSearchResults';
import './search.css';

interface SearchScreenProps extends ScreenProps {
  /** Opens a hit in context: its conversation on the Review screen, at the message. */
  readonly onOpenInReview: (place: ReviewPlace) => void;
}

const ORDER_OPTIONS = [
  { value: 'relevance', label: 'Best match' },
  { value: 'chronological', label: 'Oldest first' },
] as const;

export function SearchScreen({ app, info, onOpenInReview }: SearchScreenProps) {
  const revision = useCaseRevision();
  const timeZone = usableZone(info.defaultTimeZone);
  const index = useIndexStatus(info.caseId);
  const queryRef = useRef<HTMLInputElement>(null);
  useSearchFocus(queryRef);

  const [query, setQuery] = useState('');
  const [draft, setDraft] = useState<FilterDraft>(NO_FILTERS);
  const [order, setOrder] = useState<SearchOrder>('relevance');
  const [request, setRequest] = useState<SearchRequest | null>(null);
  const [notice, setNotice] = useState('');
  const [openError, setOpenError] = useState<string | null>(null);
  const filters = useMemo(() => toFilters(draft, timeZone), [draft, timeZone]);
  const results = useSearchResults(request);

  const search = (next: { query?: string; filters?: FilterDraft; order?: SearchOrder } = {}): void => {
    setRequest((previous) => ({
      query: next.query ?? query,
      filters: next.filters ? toFilters(next.filters, timeZone) : filters,
      order: next.order ?? order,
      seq: (previous?.seq ?? 0) + 1,
    }));
  };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    search();
  };

  const open = async (hit: SearchHit): Promise<void> => {
    try {
      const context = await desk().messageContext({ messageId: hit.id });
      onOpenInReview({ sourceId: null, conversationId: context.conversationId, position: context.position });
    } catch (err) {
      setOpenError(errorMessage(err));
    }
  };

  const readOnlyReason = info.readOnly
    ? 'This case is read-only: decisions cannot be recorded.'
    : info.mode === 'custodian_check'
      ? 'A custodian check pack takes flags only.'
      : null;

  return (
    <div className="search">
      <ScreenHeader
        title="Search"
        description="Find messages by their words, senders and conversations, and report on a request’s keywords."
      />
      <IndexStatusBar index={index} readOnly={info.readOnly} key={`${revision}:${index.finished}`} />
      <Tabs.Root className="search__tabs" defaultValue="search">
        <Tabs.List className="side-tabs__list search__tab-list" aria-label="Search tools">
          <Tabs.Trigger className="side-tabs__tab" value="search">
            Search
          </Tabs.Trigger>
          <Tabs.Trigger className="side-tabs__tab" value="keywords">
            Keyword lists
          </Tabs.Trigger>
        </Tabs.List>
        <Tabs.Content value="search" className="search__panel">
          <form className="search__form" role="search" aria-label="Search messages" onSubmit={submit}>
            <label htmlFor="search-query" className="visually-hidden">
              Search query
            </label>
            <input
              ref={queryRef}
              id="search-query"
              className="field__input search__query"
              type="search"
              placeholder='Words, "phrases", prefix*, fuzzy~, OR, -exclude'
              value={query}
              aria-keyshortcuts="/"
              spellCheck={false}
              onChange={(event) => setQuery(event.target.value)}
            />
            <Button type="submit" variant="primary">
              Search
            </Button>
            <QuerySyntaxHelp />
          </form>
          <div className="search__body">
            <SearchFiltersPanel
              caseKey={`${info.caseId}:${revision}`}
              draft={draft}
              timeZone={timeZone}
              onChange={(next) => {
                setDraft(next);
                if (request) search({ filters: next });
              }}
            />
            <section className="search__results" aria-labelledby="search-results-title">
              <div className="search__results-head">
                <h3 id="search-results-title" className="search__count" aria-live="polite">
                  {results.status === 'idle'
                    ? 'Results'
                    : results.status === 'loading'
                      ? 'Searching…'
                      : results.status === 'failed'
                        ? 'No results'
                        : `${formatCount(results.total)} ${results.total === 1 ? 'result' : 'results'}`}
                </h3>
                <SegmentedRadio
                  id="search-order"
                  label="Order"
                  options={ORDER_OPTIONS}
                  value={order}
                  onChange={(value) => {
                    setOrder(value);
                    if (request) search({ order: value });
                  }}
                />
                {request && results.status === 'ready' && (
                  <ClassifyResultsDialog
                    timeZone={timeZone}
                    query={request.query}
                    filters={request.filters}
                    total={results.total}
                    disabledReason={readOnlyReason}
                    onDone={(message) => {
                      setNotice(message);
                      search();
                    }}
                  />
                )}
              </div>
              <p role="status" className="search__notice">
                {notice}
              </p>
              <ErrorAlert title="The search did not run" message={results.error} />
              <ErrorAlert title="The message could not be opened" message={openError} />
              {results.status === 'idle' ? (
                <p className="search__hint">
                  Type a query and press Enter, or set filters and choose Search.{' '}
                  {activeFilters(draft) > 0 ? '' : 'An empty query with no filters lists every message.'}
                </p>
              ) : results.status === 'ready' && results.total === 0 ? (
                <p className="search__hint">Nothing matches. Loosen the query (prefix*, fuzzy~) or clear some filters.</p>
              ) : (
                results.hits.length > 0 && (
                  <SearchResults
                    hits={results.hits}
                    total={results.total}
                    timeZone={timeZone}
                    onNearEnd={() => results.loadMore()}
                    onOpen={(hit) => void open(hit)}
                  />
                )
              )}
              <p id="search-results-keys" className="timeline__keys">
                ↑ ↓: move through the results · Enter or double-click: open in its conversation
              </p>
            </section>
          </div>
        </Tabs.Content>
        <Tabs.Content value="keywords" className="search__panel">
          <KeywordReport app={app} filters={filters} filtered={activeFilters(draft) > 0} />
        </Tabs.Content>
      </Tabs.Root>
    </div>
  );
}
