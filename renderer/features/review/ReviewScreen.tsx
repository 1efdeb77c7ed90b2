import { useState } from 'react';
import type { ReviewPlace } from './reviewPlace';
import { desk, errorMessage } from '../../api';
import { useCaseRevision } from '../../app/ImportJobsProvider';
import type { ScreenProps } from '../../app/screens';
import { useLoaded } from '../../app/useLoaded';
import { Button } from '../../components/Button';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ScreenHeader } from '../../components/ScreenHeader';
import { ConversationList } from './ConversationList';
import { ConversationReview, SideTabs } from './ConversationReview';
import { CustodianCheckBanner } from './CustodianCheckBanner';
import { CustodianFlagPanel } from './CustodianFlagPanel';
import { FlagsPanel } from './FlagsPanel';
import { usableZone } from './timeFormat';
import { UndoBar } from './UndoBar';
import { useReviewActions } from './useReviewActions';
import { ThumbnailContext, thumbnailStoreFor } from './useThumbnails';
import './review.css';

interface ReviewScreenProps extends ScreenProps {
  readonly place: ReviewPlace;
  readonly onPlaceChange: (place: ReviewPlace) => void;
}

const READ_ONLY_REASON = 'This case is read-only: decisions cannot be recorded.';
const PACK_REASON = 'This is a custodian check pack: items can only be flagged, not decided.';

export function ReviewScreen({ app, info, goTo, place, onPlaceChange }: ReviewScreenProps) {
  const revision = useCaseRevision();
  const actions = useReviewActions(info.caseId);
  const [flagsRevision, setFlagsRevision] = useState(0);
  const [flagError, setFlagError] = useState<string | null>(null);
  const timeZone = usableZone(info.defaultTimeZone);
  const packMode = info.mode === 'custodian_check';

  const sources = useLoaded(() => desk().listSources(), `${info.caseId}:${revision}`);
  const listKey = `${info.caseId}:${revision}:${place.sourceId ?? 'all'}`;
  const conversations = useLoaded(
    async () => ({ key: listKey, list: await desk().listConversations(place.sourceId === null ? {} : { sourceId: place.sourceId }) }),
    listKey,
  );
  const progress = useLoaded(() => desk().reviewProgress({}), `${info.caseId}:${revision}:${actions.revision}:${flagsRevision}`);
  const objective = useLoaded(() => desk().reviewArticle8Defaults(), info.caseId);
  const pack = useLoaded(() => (packMode ? desk().packInfo() : Promise.resolve(null)), info.caseId);
  const flags = useLoaded(() => desk().listCustodianFlags({ status: 'all' }), `${info.caseId}:${actions.revision}:${flagsRevision}`);

  // While a new filter's list is read, the old list is not shown as if it were the new one.
  const list = conversations.status === 'ready' && conversations.value.key === listKey ? conversations.value.list : null;
  const selected = list ? (list.find((conversation) => conversation.id === place.conversationId) ?? list[0] ?? null) : null;
  const hasSources = sources.status !== 'ready' || sources.value.length > 0;
  const flagList = flags.status === 'ready' ? flags.value : [];
  const disabledReason = info.readOnly ? READ_ONLY_REASON : packMode ? PACK_REASON : null;
  const writeBlocked = info.readOnly ? READ_ONLY_REASON : null;

  const showMessage = async (messageId: number): Promise<void> => {
    try {
      const context = await desk().messageContext({ messageId });
      onPlaceChange({ sourceId: null, conversationId: context.conversationId, position: context.position });
    } catch (err) {
      setFlagError(errorMessage(err));
    }
  };

  const flag = async (messageId: number, reason: string): Promise<boolean> => {
    try {
      await desk().createCustodianFlag({ messageId, reason });
      setFlagError(null);
      setFlagsRevision((value) => value + 1);
      actions.announce('Flagged as personal — please withhold.');
      return true;
    } catch (err) {
      setFlagError(errorMessage(err));
      return false;
    }
  };

  const titleOf = (conversationId: number): string => list?.find((c) => c.id === conversationId)?.title || `conversation ${conversationId}`;

  return (
    <div className="review">
      <div className="review__top">
        <ScreenHeader
          title="Review"
          description={
            packMode ? 'Read each item and flag what is personal.' : 'Code each message: classification, relevance, outcome and Article 8.'
          }
        />
        {!packMode && (
          <UndoBar
            state={actions.undoState}
            disabledReason={writeBlocked}
            onUndo={() => void actions.undo()}
            onRedo={() => void actions.redo()}
          />
        )}
      </div>
      {packMode && pack.status === 'ready' && pack.value && <CustodianCheckBanner pack={pack.value} />}
      {sources.status === 'failed' && <ErrorAlert title="The sources could not be read" message={sources.message} />}
      {conversations.status === 'failed' && <ErrorAlert title="The conversations could not be read" message={conversations.message} />}
      <ErrorAlert title="The decision was not recorded" message={actions.error} />
      <ErrorAlert title="That did not work" message={flagError} />
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
            progress={progress.status === 'ready' ? progress.value.conversations : []}
            sourceId={place.sourceId}
            selectedId={selected?.id ?? null}
            timeZone={timeZone}
            onSourceChange={(sourceId) => onPlaceChange({ sourceId, conversationId: null })}
            onSelect={(conversationId) => onPlaceChange({ sourceId: place.sourceId, conversationId })}
          />
          {selected ? (
            <ThumbnailContext.Provider value={thumbnailStoreFor(info.caseId)}>
              <ConversationReview
                // The position is read once, on opening: "open in context" from Search or a flag opens afresh.
                key={`${selected.id}:${place.position ?? 0}:${place.conversationId === selected.id ? 'placed' : 'first'}`}
                conversation={selected}
                timeZone={timeZone}
                initialPosition={place.conversationId === selected.id ? (place.position ?? 0) : 0}
                actions={actions}
                defaultObjective={objective.status === 'ready' ? objective.value.objective : ''}
                disabledReason={disabledReason}
                flagged={new Set(flagList.filter((f) => f.status === 'open' || packMode).map((f) => f.messageId))}
                renderSide={({ coding, title, messageId }) =>
                  packMode ? (
                    <CustodianFlagPanel title={title} messageId={messageId} flags={flagList} disabledReason={writeBlocked} onFlag={flag} />
                  ) : (
                    <SideTabs
                      coding={coding}
                      openFlags={flagList.filter((f) => f.status === 'open').length}
                      flags={
                        <FlagsPanel
                          app={app}
                          caseId={info.caseId}
                          flags={flagList}
                          conversationTitle={titleOf}
                          disabledReason={writeBlocked}
                          onChanged={() => setFlagsRevision((value) => value + 1)}
                          onShow={(messageId) => void showMessage(messageId)}
                        />
                      }
                    />
                  )
                }
              />
            </ThumbnailContext.Provider>
          ) : (
            <p className="review__no-selection">{list === null ? 'Reading the conversations…' : 'Choose a conversation to read it.'}</p>
          )}
        </div>
      )}
      <p className="visually-hidden" role="status" aria-live="polite">
        {actions.announcement}
      </p>
    </div>
  );
}
