import { EmptyState } from '../../components/EmptyState';
import { ScreenHeader } from '../../components/ScreenHeader';

export function SearchScreen() {
  return (
    <>
      <ScreenHeader title="Search" description="Find messages by their words, senders and conversations." />
      <EmptyState
        title="Nothing to search yet"
        arrivesWith="Searching arrives with the search feature."
        capabilities={[
          'Queries with words, "exact phrases", prefix*, fuzzy~, OR and -exclusions over message text, senders and conversation titles.',
          'Filters by custodian, source, conversation, date range, kind and review status; results open in their conversation.',
          'Keyword lists: paste the request’s search terms and get a hit report per term, exportable as CSV.',
        ]}
      >
        The case holds no messages to search. The search index is built from imported sources.
      </EmptyState>
    </>
  );
}
