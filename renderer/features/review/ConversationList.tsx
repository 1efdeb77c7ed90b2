import type { KeyboardEvent } from 'react';
import type { ConversationInfo, SourceInfo } from '../../../common/contract';
import type { ConversationProgress } from '../../../common/contract/channels/review';
import { SelectField } from '../../components/SelectField';
import { formatCount, plural } from '../../format';
import { dateRange, platformName } from './conversationText';

interface ConversationListProps {
  readonly conversations: readonly ConversationInfo[];
  readonly sources: readonly SourceInfo[];
  /** Review progress per conversation (`review.progress`); a conversation missing from it shows none. */
  readonly progress: readonly ConversationProgress[];
  readonly sourceId: number | null;
  readonly selectedId: number | null;
  readonly timeZone: string;
  readonly onSourceChange: (sourceId: number | null) => void;
  readonly onSelect: (conversationId: number) => void;
}

const OPEN_SELECTOR = '[data-conversation-open]';

/** How far each key moves: Up and Down one, Page Down and Page Up a screenful, Home and End to either end. */
const STEPS: Readonly<Record<string, (index: number, page: number, length: number) => number>> = {
  ArrowDown: (index) => index + 1,
  ArrowUp: (index) => index - 1,
  PageDown: (index, page) => index + page,
  PageUp: (index, page) => index - page,
  Home: () => 0,
  End: (_index, _page, length) => length - 1,
};

/** The keys move between conversations, as in any list; the timeline's paging keys stay out of it while it has focus. */
function moveFocus(event: KeyboardEvent<HTMLUListElement>): void {
  const step = STEPS[event.key];
  if (!step || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
  const buttons = Array.from(event.currentTarget.querySelectorAll<HTMLButtonElement>(OPEN_SELECTOR));
  const index = buttons.findIndex((button) => button === document.activeElement);
  if (index === -1) return;
  event.preventDefault();
  const list = Math.min(event.currentTarget.getBoundingClientRect().height, window.innerHeight);
  const row = buttons[index]?.getBoundingClientRect().height || list;
  const page = Math.max(1, Math.floor(list / row) - 1);
  buttons[clampIndex(step(index, page, buttons.length), buttons.length)]?.focus();
}

const clampIndex = (index: number, length: number): number => Math.min(Math.max(index, 0), length - 1);

export function ConversationList({
  conversations,
  sources,
  progress,
  sourceId,
  selectedId,
  timeZone,
  onSourceChange,
  onSelect,
}: ConversationListProps) {
  const progressOf = new Map(progress.map((entry) => [entry.conversationId, entry]));
  return (
    <section className="conversations" aria-labelledby="conversations-title">
      <h3 id="conversations-title" className="conversations__title">
        Conversations <span className="conversations__count">({conversations.length})</span>
      </h3>
      <SelectField
        id="conversations-source"
        label="Source"
        value={sourceId === null ? '' : String(sourceId)}
        onChange={(event) => onSourceChange(event.target.value === '' ? null : Number(event.target.value))}
      >
        <option value="">All sources</option>
        {sources.map((source) => (
          <option key={source.id} value={source.id}>
            {source.custodian} — {source.fileName}
          </option>
        ))}
      </SelectField>
      {conversations.length === 0 ? (
        <p className="conversations__empty">No conversations in {sourceId === null ? 'this case' : 'this source'}.</p>
      ) : (
        <ul className="conversations__list" onKeyDown={moveFocus}>
          {conversations.map((conversation) => (
            <li key={conversation.id}>
              <button
                type="button"
                className="conversation"
                data-conversation-open=""
                aria-current={conversation.id === selectedId ? 'true' : undefined}
                onClick={() => onSelect(conversation.id)}
              >
                <span className="conversation__title">{conversation.title || 'Untitled conversation'}</span>
                <span className="conversation__meta">
                  {platformName(conversation.platform, conversation.application)} · {conversation.custodian}
                </span>
                <span className="conversation__meta">
                  {plural(conversation.messages, 'message')} · {dateRange(conversation, timeZone)}
                </span>
                <ReviewedBar progress={progressOf.get(conversation.id)} />
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** "12 of 57 reviewed" with a bar: how far the conversation's review has got. */
function ReviewedBar({ progress }: { readonly progress: ConversationProgress | undefined }) {
  if (!progress) return null;
  const fraction = progress.total === 0 ? 1 : progress.reviewed / progress.total;
  return (
    <span className="conversation__progress">
      <span className="conversation__bar" aria-hidden="true">
        <span className="conversation__bar-fill" style={{ width: `${Math.round(fraction * 100)}%` }} />
      </span>
      <span className="conversation__meta">
        {formatCount(progress.reviewed)} of {formatCount(progress.total)} reviewed
      </span>
    </span>
  );
}
