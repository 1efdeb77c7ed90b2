import { EmptyState } from '../../components/EmptyState';
import { ScreenHeader } from '../../components/ScreenHeader';

export function ReviewScreen() {
  return (
    <>
      <ScreenHeader title="Review" description="Decide, message by message, what is relevant and what is disclosed." />
      <EmptyState
        title="Nothing to review yet"
        arrivesWith="Reviewing arrives with the review feature, once sources can be imported."
        capabilities={[
          'Conversations with their review progress; each opens as a timeline of messages with day dividers and the surrounding context.',
          'A coding panel for classification (business, personal, mixed), relevance, the Article 8 assessment and the disclosure outcome — each one key.',
          'Bulk decisions over a selection, a search result or a date range, propagated to duplicates held by other custodians.',
        ]}
      >
        There are no messages in this case. Once sources are imported, their conversations appear here for review.
      </EmptyState>
    </>
  );
}
