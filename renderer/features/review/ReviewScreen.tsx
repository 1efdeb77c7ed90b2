import { desk } from '../../api';
import { useCaseRevision } from '../../app/ImportJobsProvider';
import type { ScreenProps } from '../../app/screens';
import { useLoaded } from '../../app/useLoaded';
import { Button } from '../../components/Button';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ScreenHeader } from '../../components/ScreenHeader';
import { ConversationList } from './ConversationList';
import type { ReviewPlace } from './reviewPlace';
import { Timeline } from './Timeline';
import { usableZone } from './timeFormat';
import './review.css';

interface ReviewScreenProps extends ScreenProps {
  readonly place: ReviewPlace;
  readonly onPlaceChange: (place: ReviewPlace) => void;
}

export function ReviewScreen({ info, goTo, place, onPlaceChange }: ReviewScreenProps) {
  const revision = useCaseRevision();
  const timeZone = usableZone(info.defaultTimeZone);
  const sources = useLoaded(() => desk().listSources(), `${info.caseId}:${revision}`);
  const listKey = `${info.caseId}:${revision}:${place.sourceId ?? 'all'}`;
  const conversations = useLoaded(
    async () => ({ key: listKey, list: await desk().listConversations(place.sourceId === null ? {} : { sourceId: place.sourceId }) }),
    listKey,
  );
  // While a new filter's list is read, the old list is not shown as if it were the new one.
  const list = conversations.status === 'ready' && conversations.value.key === listKey ? conversations.value.list : null;
  const selected = list ? (list.find((conversation) => conversation.id === place.conversationId) ?? list[0] ?? null) : null;

  const hasSources = sources.status !== 'ready' || sources.value.length > 0;

  return (
    <div className="review">
      <ScreenHeader title="Review" description="Read each conversation as it was exported. Coding decisions arrive with the review feature." />
      {sources.status === 'failed' && <ErrorAlert title="The sources could not be read" message={sources.message} />}
      {conversations.status === 'failed' && <ErrorAlert title="The conversations could not be read" message={conversations.message} />}
      {!hasSources ? (
        <section className="review__nothing" aria-labelledby="review-nothing-title">
          <h3 id="review-nothing-title" className="review__nothing-title">
            Nothing to review yet
          </h3>
          <p>This case holds no messages. Import the custodians’ exports on the Sources screen; their conversations appear here.</p>
          <div>
            <Button variant="primary" onClick={() => goTo('sources')}>
              Go to Sources
            </Button>
          </div>
        </section>
      ) : (
        <div className="review__body">
          <ConversationList
            conversations={list ?? []}
            sources={sources.status === 'ready' ? sources.value : []}
            sourceId={place.sourceId}
            selectedId={selected?.id ?? null}
            timeZone={timeZone}
            onSourceChange={(sourceId) => onPlaceChange({ sourceId, conversationId: null })}
            onSelect={(conversationId) => onPlaceChange({ ...place, conversationId })}
          />
          {selected ? (
            <Timeline key={selected.id} conversation={selected} timeZone={timeZone} />
          ) : (
            <p className="review__no-selection">{list === null ? 'Reading the conversations…' : 'Choose a conversation to read it.'}</p>
          )}
        </div>
      )}
    </div>
  );
}
