import * as Tabs from '@radix-ui/react-tabs';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ConversationInfo, TimelineAttachment } from '../../../common/contract';
import type { OwnFields } from '../../../common/contract/channels/attachment-review';
import type { ReviewChange, ReviewSelector } from '../../../common/contract/channels/review';
import { desk, errorMessage } from '../../api';
import { useLoaded } from '../../app/useLoaded';
import { MessageRedactions } from '../redaction/MessageRedactions';
import { LabelMenuContext, RedactLabelButton, RedactedLabel } from '../redaction/LabelRedaction';
import { BoxMenuContext } from '../redaction/RedactableBody';
import { RedactPopover } from '../redaction/RedactPopover';
import { useLastReason, useReasonCodes } from '../redaction/useReasonCodes';
import { useRedactInPlace } from '../redaction/useRedactInPlace';
import { formatCount } from '../../format';
import { AttachmentViewer } from './AttachmentViewer';
import { ImageRegionsOverlay } from './ImageRegionsOverlay';
import { useBulkPreview } from './BulkPreview';
import { ARTICLE8_FORM_ID, CodingPanel, ReviewHistory, type ApplyScope, type CodingTarget } from './CodingPanel';
import type { ReviewAction } from './reviewKeys';
import { OUTCOME_LABELS } from './reviewLabels';
import { single, size, type Selection } from './selection';
import { selectorFor } from './selectionSelector';
import { Timeline, type TimelineHandle } from './Timeline';
import type { ReviewActions } from './useReviewActions';
import { useReviewKeys } from './useReviewKeys';
import { useTimelinePager } from './useTimelinePager';

interface ConversationReviewProps {
  readonly conversation: ConversationInfo;
  readonly timeZone: string;
  readonly initialPosition: number;
  readonly actions: ReviewActions;
  readonly defaultObjective: string;
  /** Why decisions cannot be recorded here (read-only case or custodian check pack), or null. */
  readonly disabledReason: string | null;
  readonly flagged: ReadonlySet<number>;
  /** The side panel: the coding form by default; in a pack, the flag form instead. */
  readonly renderSide: (side: SideProps) => ReactNode;
}

export interface SideProps {
  readonly coding: ReactNode;
  readonly title: string;
  readonly messageId: number | null;
}

/** One conversation under review: its timeline, the current message and selection, and the panel coding them. */
export function ConversationReview(props: ConversationReviewProps) {
  const { conversation, timeZone, initialPosition, actions, defaultObjective, disabledReason, flagged, renderSide } = props;
  const pager = useTimelinePager(conversation);
  const timeline = useRef<TimelineHandle>(null);
  const [active, setActive] = useState(initialPosition);
  const [selection, setSelection] = useState<Selection>(() => single(initialPosition));
  const openedAt = useRef(actions.revision);

  // A recorded decision may change any row's badges: the rows in memory are read again.
  useEffect(() => {
    if (actions.revision !== openedAt.current) pager.refresh();
  }, [pager, actions.revision]);

  const message = pager.messageAt(active);
  const count = size(selection);
  // The attachment coded instead of its message: reached with ] and [ or a click, left by moving to another message.
  const [codingAt, setCodingAt] = useState<{ position: number; index: number } | null>(null);
  const codingAttachment = count <= 1 && codingAt !== null && codingAt.position === active ? codingAt : null;
  const attachment = codingAttachment === null ? null : (message?.attachments[codingAttachment.index] ?? null);
  const onAttachmentClick = useCallback((position: number, index: number) => setCodingAt({ position, index }), [setCodingAt]);
  // The attachment in the viewer: opened by Enter on a message (the attachment being coded, else its first) or a click on one.
  const [viewing, setViewing] = useState<number | null>(null);
  const onViewAttachment = useCallback(
    (position: number, index: number | null) => {
      const attachments = pager.messageAt(position)?.attachments ?? [];
      const at = index ?? (codingAt?.position === position ? codingAt.index : 0);
      const chosen = attachments[at] ?? attachments[0];
      if (chosen) setViewing(chosen.id);
      else actions.announce('This message has no attachments to view.');
    },
    [pager, codingAt, actions, setViewing],
  );
  const attachmentCurrent = useLoaded(
    async () => ({
      for: attachment?.id ?? null,
      decision: attachment === null ? null : ((await desk().attachmentReviewGet({ attachmentIds: [attachment.id] }))[0] ?? null),
    }),
    `${attachment?.id}:${actions.revision}`,
  );
  const attachmentDecision =
    attachment !== null && attachmentCurrent.status === 'ready' && attachmentCurrent.value.for === attachment.id
      ? attachmentCurrent.value.decision
      : null;
  const coded = count > 1 ? null : (message?.id ?? null);
  const current = useLoaded(
    async () => ({ for: coded, review: coded === null ? null : ((await desk().reviewGet({ messageIds: [coded] }))[0] ?? null) }),
    `${coded}:${actions.revision}`,
  );
  // useLoaded keeps the last value while reading the next: another message's decision must not fill the form.
  const decision = current.status === 'ready' && current.value.for === coded ? current.value : null;
  const history = useLoaded(
    async () => (coded === null ? null : desk().reviewHistory({ messageId: coded })),
    `${coded}:${actions.revision}`,
  );
  const reasons = useReasonCodes(String(actions.revision));
  const lastReason = useLastReason(String(actions.revision));
  const labelRedactions = useLoaded(() => desk().listLabelRedactions(), `${conversation.id}:${actions.revision}`);
  const labelMenu = useMemo(
    () => ({
      reasons,
      lastReason,
      disabledReason,
      titleRedaction:
        (labelRedactions.status === 'ready' && labelRedactions.value.find((r) => r.conversationId === conversation.id)) || null,
      onChanged: (text: string) => actions.changed(text),
    }),
    [reasons, lastReason, disabledReason, labelRedactions, conversation.id, actions],
  );
  const bulkPreview = useBulkPreview(timeZone);
  const redact = useRedactInPlace({
    disabledReason,
    messageAt: (position) => pager.messageAt(position),
    onChanged: (text) => actions.changed(text),
    announce: (text) => actions.announce(text),
  });

  const place = `Message ${formatCount(active + 1)} of ${formatCount(pager.total)}`;
  const title = count > 1 ? `${formatCount(count)} selected messages` : place;

  const selectorOf = async (scope: ApplyScope): Promise<ReviewSelector> => {
    if (scope.kind === 'conversation') return { kind: 'conversation', conversationId: conversation.id };
    if (scope.kind === 'dateRange') return { kind: 'dateRange', from: scope.from, to: scope.to, conversationId: conversation.id };
    if (count > 1) {
      return selectorFor(selection, {
        conversationId: conversation.id,
        total: pager.total,
        idAt: (position) => pager.messageAt(position)?.id,
        readIds: async (from, n) =>
          (await desk().timelineWindow({ conversationId: conversation.id, from, count: n })).messages.map((m) => m.id),
      });
    }
    if (!message) throw new Error('The message is still loading; try again in a moment.');
    return { kind: 'ids', ids: [message.id] };
  };

  const apply = async (scope: ApplyScope, change: ReviewChange, propagate: boolean, what: string): Promise<boolean> => {
    if (attachment !== null && scope.kind === 'target')
      return actions.decideAttachments(
        { attachmentIds: [attachment.id], change, overwrite: false },
        `${attachmentName(attachment)}: ${describe(change)}`,
      );
    let selector: ReviewSelector;
    try {
      selector = await selectorOf(scope);
    } catch (err) {
      actions.announce(errorMessage(err));
      return false;
    }
    // One message decided on its own needs no preview; anything wider shows what it would change and keep.
    const single = selector.kind === 'ids' && selector.ids.length === 1 && !propagate;
    if (single) return actions.decide({ selector, change, propagate }, what);
    const choice = await bulkPreview.ask({ selector, change, propagate }, what);
    if (choice === null) return false;
    return actions.decide({ selector, change, propagate, overwrite: choice.overwrite }, what);
  };

  const scopeName = (scope: ApplyScope): string =>
    scope.kind === 'conversation'
      ? 'Conversation'
      : scope.kind === 'dateRange'
        ? 'Date range'
        : count > 1
          ? `${formatCount(count)} selected`
          : place;

  const onKey = (action: ReviewAction): void => {
    switch (action.kind) {
      case 'move':
        timeline.current?.move(action.delta);
        return;
      case 'page':
        timeline.current?.page(action.key);
        return;
      case 'undo':
        if (disabledReason) actions.announce(disabledReason);
        else void actions.undo();
        return;
      case 'redo':
        if (disabledReason) actions.announce(disabledReason);
        else void actions.redo();
        return;
      case 'redact':
        redact.fromKey(message, document.querySelector<HTMLElement>(`.timeline [data-position="${active}"]`));
        return;
      case 'attachment': {
        const n = message?.attachments.length ?? 0;
        if (count > 1 || !message || n === 0) {
          actions.announce(count > 1 ? 'Select one message to code its attachments.' : 'This message has no attachments.');
          return;
        }
        const index = codingAttachment === null ? (action.delta === 1 ? 0 : n - 1) : codingAttachment.index + action.delta;
        const next = index >= 0 && index < n ? message.attachments[index] : undefined;
        setCodingAt(next ? { position: active, index } : null);
        actions.announce(next ? `Coding ${attachmentName(next)}.` : `Coding the message.`);
        return;
      }
      case 'article8':
        document.querySelector<HTMLElement>(`#${ARTICLE8_FORM_ID} button:not(:disabled)`)?.focus();
        return;
      case 'decide': {
        if (disabledReason) {
          actions.announce(disabledReason);
          return;
        }
        const what = `${scopeName({ kind: 'target' })}: ${action.label}`;
        void apply({ kind: 'target' }, action.change, false, what);
        // One message coded, the reviewer reads on; a selection stays selected to code it further, and an
        // attachment stays in the panel so its other fields can be coded too.
        if (count <= 1 && attachment === null) timeline.current?.move(1);
        return;
      }
    }
  };
  useReviewKeys(onKey);

  const codingTarget: CodingTarget =
    attachment !== null
      ? {
          title: attachmentName(attachment),
          count: 1,
          current: attachmentDecision,
          loaded: attachmentDecision !== null,
          attachment: { note: attachmentDecision === null ? 'Reading its decision…' : ownWords(attachmentDecision.own) },
        }
      : { title, count: Math.max(count, 1), current: decision?.review ?? null, loaded: decision !== null };
  const coding = (
    <CodingPanel
      target={codingTarget}
      conversationMessages={pager.total}
      defaultObjective={defaultObjective}
      timeZone={timeZone}
      disabledReason={disabledReason}
      onApply={(scope, change, propagate) => apply(scope, change, propagate, `${scopeName(scope)}: ${describe(change)}`)}
    />
  );

  return (
    <>
      <BoxMenuContext.Provider value={redact.boxMenu}>
        <LabelMenuContext.Provider value={labelMenu}>
          <Timeline
            conversation={conversation}
            timeZone={timeZone}
            pager={pager}
            initialPosition={initialPosition}
            selection={selection}
            onSelectionChange={setSelection}
            onActiveChange={setActive}
            flagged={flagged}
            codingAttachment={attachment === null ? null : codingAttachment}
            onAttachmentClick={onAttachmentClick}
            onViewAttachment={onViewAttachment}
            handle={timeline}
          />
        </LabelMenuContext.Provider>
      </BoxMenuContext.Provider>
      <RedactPopover
        target={redact.target}
        reasons={reasons}
        lastReason={lastReason}
        error={redact.error}
        onClose={redact.close}
        onClosed={() => redact.restoreFocus()}
        onRedact={(kind, reasonCode, note) => void redact.redact(kind, reasonCode, note)}
        onRemove={(ids) => void redact.remove(ids)}
      />
      {bulkPreview.dialog}
      <AttachmentViewer
        attachmentId={viewing}
        revision={actions.revision}
        onNavigate={setViewing}
        renderOverlay={(shown, view) => (
          <ImageRegionsOverlay
            attachmentId={view.record.attachmentId}
            naturalWidth={shown.naturalWidth}
            naturalHeight={shown.naturalHeight}
            displayedWidth={shown.displayedWidth}
            displayedHeight={shown.displayedHeight}
            revision={actions.revision}
            onChanged={(text) => actions.changed(text)}
          />
        )}
        onClose={(last) => {
          setViewing(null);
          // Back to the row the reviewer came from, or to the message whose attachment the viewer ended on.
          timeline.current?.show(last && last.conversationId === conversation.id ? last.position : active);
        }}
      />
      <aside className="review__side" aria-label="Coding panel">
        {renderSide({
          coding: (
            <>
              {coding}
              {count <= 1 && message && (
                <MessageRedactions
                  messageId={message.id}
                  body={message.body}
                  revision={actions.revision}
                  disabledReason={disabledReason}
                  onRemove={(ids) => void redact.remove(ids)}
                  onWithhold={(at) => redact.withhold(message, at)}
                />
              )}
              {count <= 1 && message && message.kind !== 'system' && message.senderParticipantId !== null && message.sender !== null && (
                // Here rather than in the timeline row: a button inside a listbox option is a nested control.
                <LabelMenuContext.Provider value={labelMenu}>
                  <p className="message-redactions__sender">
                    Sender in the bundle:{' '}
                    {message.senderRedaction ? (
                      <RedactedLabel name={message.sender} reason={message.senderRedaction.label} />
                    ) : (
                      message.sender
                    )}{' '}
                    <RedactLabelButton
                      target={{ participantId: message.senderParticipantId }}
                      name={message.sender}
                      action="Redact this sender's name…"
                      current={message.senderRedaction}
                    />
                  </p>
                </LabelMenuContext.Provider>
              )}
              {count <= 1 && attachment === null && <ReviewHistory events={history.status === 'ready' ? history.value : null} />}
            </>
          ),
          title,
          messageId: count > 1 ? null : (message?.id ?? null),
        })}
      </aside>
    </>
  );
}

const attachmentName = (a: TimelineAttachment): string => `Attachment ${a.fileName ?? '(unnamed)'}`;

const OWN_FIELD_WORDS: Readonly<Record<keyof OwnFields, string>> = {
  classification: 'classification',
  relevance: 'relevance',
  outcome: 'outcome',
  article8: 'Article 8 assessment',
  rationale: 'rationale',
};

/** Which of an attachment's fields are its own, in words: "inherits the message's decision" until one is. */
function ownWords(own: OwnFields): string {
  const fields = (Object.keys(OWN_FIELD_WORDS) as (keyof OwnFields)[]).filter((field) => own[field]);
  if (fields.length === 0) return '— inherits the message’s decision';
  const words = fields.map((field) => OWN_FIELD_WORDS[field]).join(', ');
  return fields.length === Object.keys(OWN_FIELD_WORDS).length ? '— its own decision' : `— its own ${words}; the rest is the message’s`;
}

/** A change in words for the announcement: "business, withhold". */
function describe(change: ReviewChange): string {
  return [
    change.classification,
    change.relevance?.replace('_', ' '),
    change.outcome && OUTCOME_LABELS[change.outcome].toLowerCase(),
    change.article8 !== undefined && 'Article 8 assessment',
    change.rationale !== undefined && 'rationale',
  ]
    .filter(Boolean)
    .join(', ');
}

/** Tabs for the side panel of a full case: coding, and the flags custodians raised. */
export function SideTabs({
  coding,
  flags,
  openFlags,
}: {
  readonly coding: ReactNode;
  readonly flags: ReactNode;
  readonly openFlags: number;
}) {
  return (
    <Tabs.Root className="side-tabs" defaultValue="coding">
      <Tabs.List className="side-tabs__list" aria-label="Side panel">
        <Tabs.Trigger className="side-tabs__tab" value="coding">
          Coding
        </Tabs.Trigger>
        <Tabs.Trigger className="side-tabs__tab" value="flags">
          Flags{openFlags > 0 ? ` (${formatCount(openFlags)} open)` : ''}
        </Tabs.Trigger>
      </Tabs.List>
      <Tabs.Content className="side-tabs__panel" value="coding">
        {coding}
      </Tabs.Content>
      <Tabs.Content className="side-tabs__panel" value="flags">
        {flags}
      </Tabs.Content>
    </Tabs.Root>
  );
}
