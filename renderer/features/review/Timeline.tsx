import * as Tooltip from '@radix-ui/react-tooltip';
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import {
  useCallback,
  useContext,
  useEffect,
  useEffectEvent,
  useImperativeHandle,
  useLayoutEffect,
  useRef,
  useState,
  useSyncExternalStore,
  type KeyboardEvent,
  type MouseEvent,
  type Ref,
} from 'react';
import type { ConversationInfo } from '../../../common/contract';
import { Button } from '../../components/Button';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatCount } from '../../format';
import { LabelMenuContext, RedactLabelButton, RedactedLabel } from '../redaction/LabelRedaction';
import { conversationSummary } from './conversationText';
import { MessageDetails } from './MessageDetails';
import { wantsThumbnail } from './AttachmentThumb';
import { MessageRow } from './MessageRow';
import { dayMark } from './dayMarks';
import { all, extend, includes, single, size, toggle, type Selection } from './selection';
import type { PagingKey } from './reviewKeys';
import { PAGE_SIZE, type TimelinePager } from './timelinePager';
import { ThumbnailContext } from './useThumbnails';
import './timeline.css';

const ESTIMATED_ROW_HEIGHT = 60;
/**
 * Rows the scroll bar spans at once. A browser lays out nothing taller than about 33 million pixels,
 * which a million messages would pass; a span of 50,000 stays far below it however long the messages
 * are, and moves along the conversation as the reviewer scrolls near either end.
 */
const SPAN = 50_000;
const SPAN_EDGE = 2_500;

const clamp = (value: number, low: number, high: number): number => Math.min(Math.max(value, low), high);

const rowClass = (current: boolean, selected: boolean): string =>
  ['timeline__row', current && 'timeline__row--active', selected && 'timeline__row--selected'].filter(Boolean).join(' ');

const selectionSummary = (selection: Selection, total: number): string => {
  const n = size(selection);
  return n === total && n > 1 ? 'whole conversation selected' : `${formatCount(n)} selected`;
};

/** The first position of a span centred on `position`. */
const spanAround = (position: number, total: number): number => clamp(position - SPAN / 2, 0, Math.max(total - SPAN, 0));

type Align = 'start' | 'end' | 'center' | 'auto';

/** A jump to a row (Home, End, arrow keys), from the key press until the row is on screen. */
interface PendingJump {
  readonly position: number;
  readonly align: Align;
  /** Scrolled to while its rows were still loading. */
  approached: boolean;
  /** Scrolled to with its rows loaded, at this time: it ends when the row shows, or soon after. */
  landedAt: number | null;
}

/** How long a landed jump may take to show its row before the timeline stops waiting for it. */
const LANDING_MS = 1000;

/** What the Review screen can ask of the timeline: moves that keep focus where the reviewer is. */
export interface TimelineHandle {
  /** To the next or previous message; keyboard focus follows if it was in the timeline. */
  move(delta: number): void;
  /** Page Down, Page Up, Home or End pressed elsewhere on the screen: as in the timeline, focus staying put. */
  page(key: PagingKey): void;
  /** To this message, selected alone, with keyboard focus on it (the viewer closed on one of its attachments). */
  show(position: number): void;
}

interface TimelineProps {
  readonly conversation: ConversationInfo;
  readonly timeZone: string;
  /** The conversation's messages in memory (see useTimelinePager); read again after each decision. */
  readonly pager: TimelinePager;
  /** The message to open at (a search hit, or where the reviewer was). */
  readonly initialPosition: number;
  readonly selection: Selection;
  readonly onSelectionChange: (selection: Selection) => void;
  /** The current message moved: the coding panel follows it. */
  readonly onActiveChange: (position: number) => void;
  /** Messages a custodian flagged "personal — please withhold". */
  readonly flagged: ReadonlySet<number>;
  /** The attachment the coding panel codes (the message's position and the attachment's index), or null. */
  readonly codingAttachment: { readonly position: number; readonly index: number } | null;
  readonly onAttachmentClick: (position: number, index: number) => void;
  /** Enter on a message, or a click on an attachment's thumbnail (index) or View: the attachment viewer opens. */
  readonly onViewAttachment: (position: number, index: number | null) => void;
  readonly handle: Ref<TimelineHandle>;
}

/**
 * A conversation's messages, oldest first, with a current message and a selection to code; only
 * what is near the screen is in memory.
 */
export function Timeline({
  conversation,
  timeZone,
  pager,
  initialPosition,
  selection,
  onSelectionChange,
  onActiveChange,
  flagged,
  codingAttachment,
  onAttachmentClick,
  onViewAttachment,
  handle,
}: TimelineProps) {
  useSyncExternalStore(pager.subscribe, pager.getVersion);
  const labelMenu = useContext(LabelMenuContext);
  const thumbnails = useContext(ThumbnailContext);
  const total = pager.total;
  const [base, setBase] = useState(() => spanAround(initialPosition, total));
  const count = Math.min(total, SPAN);
  const [active, setActive] = useState(() => clamp(initialPosition, 0, Math.max(total - 1, 0)));
  const pendingJump = useRef<PendingJump | null>(null);
  const pendingFocus = useRef(false);
  const scrollRef = useRef<HTMLDivElement>(null);

  // Keys are positions in the conversation, so a row keeps its measured height when the span moves.
  const getItemKey = useCallback((index: number) => base + index, [base]);
  // The selected row stays rendered while it is scrolled away, so keyboard focus is never lost.
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      const selected = active - base;
      if (selected < 0 || selected >= range.count || indexes.includes(selected)) return indexes;
      return [...indexes, selected].sort((a, b) => a - b);
    },
    [active, base],
  );
  const estimateSize = useCallback(() => ESTIMATED_ROW_HEIGHT, []);

  // The app does not use the React Compiler; this component re-renders whenever the virtualizer says its rows changed
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    getItemKey,
    rangeExtractor,
    overscan: 8,
    // Keeps the row at the top of the screen in place when the span moves or rows above it are measured.
    anchorTo: 'end',
    onChange: (instance) => {
      const range = instance.range;
      // During a jump the scroll position read here is the one being left: the span must not follow it.
      const jump = pendingJump.current;
      if (jump) {
        const shown = range !== null && jump.position >= base + range.startIndex && jump.position <= base + range.endIndex;
        if (jump.landedAt !== null && (shown || performance.now() - jump.landedAt > LANDING_MS)) pendingJump.current = null;
        return;
      }
      if (!range || total <= SPAN) return;
      const nearStart = range.startIndex < SPAN_EDGE && base > 0;
      const nearEnd = range.endIndex > count - SPAN_EDGE && base + count < total;
      if (nearStart || nearEnd) setBase(spanAround(base + range.startIndex, total));
    },
  });

  const items = virtualizer.getVirtualItems();
  const range = virtualizer.range;
  const firstShown = base + (range?.startIndex ?? 0);
  const lastShown = base + (range?.endIndex ?? Math.min(count - 1, 30));

  useEffect(() => {
    pager.show(firstShown - PAGE_SIZE / 2, lastShown + PAGE_SIZE / 2, active);
  }, [pager, firstShown, lastShown, active]);

  // The thumbnails of the rows on screen, asked for once the rows settle; the store never makes scrolling wait.
  const shownImages: number[] = [];
  for (let position = firstShown; position <= lastShown; position++) {
    for (const attachment of pager.messageAt(position)?.attachments ?? []) if (wantsThumbnail(attachment)) shownImages.push(attachment.id);
  }
  const shownImagesKey = shownImages.join(',');
  useEffect(() => {
    if (shownImagesKey !== '') thumbnails?.want(shownImagesKey.split(',').map(Number));
  }, [thumbnails, shownImagesKey]);

  // A jump scrolls as soon as the span covers its row, and again once the rows around it have
  // arrived: the placeholders it first lands on are shorter than the rows that replace them.
  const finishJump = (): void => {
    const jump = pendingJump.current;
    if (!jump || jump.landedAt !== null || jump.position < base || jump.position >= base + count) return;
    const ready = pager.hasAround(jump.position) || pager.error !== null;
    if (!ready && jump.approached) return;
    if (ready) jump.landedAt = performance.now();
    else jump.approached = true;
    const index = jump.position - base;
    if (index === count - 1 && jump.align === 'end') virtualizer.scrollToEnd();
    else virtualizer.scrollToIndex(index, { align: jump.align });
  };
  useLayoutEffect(finishJump);

  // Keyboard focus follows the selected message once its row is on the page: the row that had focus
  // may be gone by then, when the span moved.
  useEffect(() => {
    if (!pendingFocus.current) return;
    const row = scrollRef.current?.querySelector<HTMLElement>(`[data-position="${active}"]`);
    if (!row) return;
    pendingFocus.current = false;
    row.focus({ preventScroll: true });
  }, [active, base]);

  const jumpTo = (position: number, align: Align, { focus = false } = {}): void => {
    if (total === 0) return;
    const target = clamp(position, 0, total - 1);
    pendingFocus.current = focus;
    pendingJump.current = { position: target, align, approached: false, landedAt: null };
    setActive(target);
    if (target < base || target >= base + count) setBase(spanAround(target, total));
    else finishJump();
  };

  useImperativeHandle(handle, () => ({
    move: (delta) => {
      const focus = scrollRef.current?.contains(document.activeElement) ?? false;
      const target = clamp(active + delta, 0, Math.max(total - 1, 0));
      onSelectionChange(single(target));
      jumpTo(target, 'auto', { focus });
    },
    page: (key) => void moveByKey(key, false),
    show: (position) => {
      onSelectionChange(single(clamp(position, 0, Math.max(total - 1, 0))));
      if (position === active) scrollRef.current?.querySelector<HTMLElement>(`[data-position="${position}"]`)?.focus();
      else jumpTo(position, 'center', { focus: true });
    },
  }));

  const report = useEffectEvent(onActiveChange);
  useEffect(() => report(active), [active]);

  // Opened at a message other than the first (a search hit): scroll it to the middle once.
  const opened = useRef(false);
  useEffect(() => {
    if (opened.current) return;
    opened.current = true;
    if (active > 0) jumpTo(active, 'center');
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, on opening
  }, []);

  /** The positions of the rows inside the scroller's box now, read from the page rather than from state that trails a scroll. */
  const rowsOnScreen = (): number[] => {
    const scroller = scrollRef.current;
    if (!scroller) return [];
    const box = scroller.getBoundingClientRect();
    return Array.from(scroller.querySelectorAll<HTMLElement>('[data-position]'))
      .filter((row) => {
        const rect = row.getBoundingClientRect();
        return rect.bottom > box.top + 1 && rect.top < box.bottom - 1;
      })
      .map((row) => Number(row.dataset.position));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (!(event.target instanceof HTMLElement) || event.target.dataset.position === undefined) return;
    const mod = event.ctrlKey || event.metaKey;
    if (mod && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'a') {
      event.preventDefault();
      onSelectionChange(all(total));
      return;
    }
    if (event.altKey || mod) return;
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      onViewAttachment(active, null);
      return;
    }
    if (event.shiftKey && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      event.preventDefault();
      const target = clamp(active + (event.key === 'ArrowDown' ? 1 : -1), 0, total - 1);
      onSelectionChange(extend(selection, target));
      jumpTo(target, 'auto', { focus: true });
      return;
    }
    if (event.shiftKey) return;
    if (moveByKey(event.key, true)) event.preventDefault();
  };

  /** The selection moved by a key (arrows, J, K, paging): false when the key moves nothing. */
  const moveByKey = (key: string, focus: boolean): boolean => {
    const shown = rowsOnScreen();
    const first = shown[0] ?? active;
    const last = shown[shown.length - 1] ?? active;
    const jump = pendingJump.current;
    // While the last key's scroll is still landing, the selected row counts as on screen.
    const settling = jump !== null && (jump.landedAt === null || performance.now() - jump.landedAt < LANDING_MS);
    const fromActive = settling || shown.includes(active);
    const page = Math.max(1, shown.length - 1);
    const targets: Record<string, readonly [number, Align]> = {
      ArrowDown: [fromActive ? active + 1 : first, 'auto'],
      j: [fromActive ? active + 1 : first, 'auto'],
      ArrowUp: [fromActive ? active - 1 : last, 'auto'],
      k: [fromActive ? active - 1 : last, 'auto'],
      PageDown: [active + page, 'start'],
      PageUp: [active - page, 'end'],
      Home: [0, 'start'],
      End: [total - 1, 'end'],
    };
    const move = targets[key];
    if (!move || total === 0) return false;
    const [position, align] = move;
    onSelectionChange(single(clamp(position, 0, total - 1)));
    jumpTo(position, align, { focus });
    return true;
  };

  /** Click picks one message; Shift+click extends from the last one picked; Ctrl/Cmd+click adds or removes one. */
  const onRowClick = (event: MouseEvent<HTMLElement>, position: number): void => {
    event.currentTarget.focus({ preventScroll: true });
    if (event.shiftKey) onSelectionChange(extend(selection, position));
    else if (event.ctrlKey || event.metaKey) onSelectionChange(toggle(selection, position));
    else onSelectionChange(single(position));
  };

  const waiting = items.some((item) => pager.messageAt(base + item.index) === undefined);

  return (
    <section className="timeline" aria-labelledby="timeline-title">
      <header className="timeline__header">
        <div className="timeline__heading">
          <h3 id="timeline-title" className="timeline__title">
            {labelMenu?.titleRedaction && conversation.title ? (
              <RedactedLabel name={conversation.title} reason={labelMenu.titleRedaction.label} />
            ) : (
              conversation.title || 'Untitled conversation'
            )}
          </h3>
          <p className="timeline__meta">
            {conversationSummary(conversation, timeZone)} · Times in {timeZone}
          </p>
        </div>
        <div className="timeline__actions">
          {conversation.title && (
            <RedactLabelButton
              target={{ conversationId: conversation.id }}
              name={conversation.title}
              action="Redact title…"
              current={labelMenu?.titleRedaction ?? null}
            />
          )}
          <Button small variant="quiet" onClick={() => jumpTo(0, 'start')} disabled={total === 0}>
            First
          </Button>
          <Button small variant="quiet" onClick={() => jumpTo(total - 1, 'end')} disabled={total === 0}>
            Last
          </Button>
        </div>
      </header>
      {total > SPAN && (
        // One line whatever the numbers: a change in its height would move the rows under the reader.
        <p className="timeline__span">
          Scroll bar: messages {formatCount(base + 1)}–{formatCount(base + count)} of {formatCount(total)}; it moves on as you scroll, and
          Home and End reach either end.
        </p>
      )}
      {pager.error && (
        <div className="timeline__error">
          <ErrorAlert title="Some messages could not be read" message={pager.error} />
          <Button small onClick={() => pager.retry()}>
            Try again
          </Button>
        </div>
      )}
      {total === 0 ? (
        <p className="timeline__empty">This conversation holds no messages.</p>
      ) : (
        <Tooltip.Provider delayDuration={350}>
          <div
            ref={scrollRef}
            className="timeline__scroller"
            role="listbox"
            aria-multiselectable="true"
            aria-labelledby="timeline-title"
            aria-describedby="timeline-keys"
            aria-busy={waiting || undefined}
            onKeyDown={onKeyDown}
          >
            <div className="timeline__canvas" style={{ height: virtualizer.getTotalSize() }}>
              {items.map((item) => {
                const position = base + item.index;
                const message = pager.messageAt(position);
                const previous = position > 0 ? pager.messageAt(position - 1) : undefined;
                const mark = message === undefined ? null : dayMark(message.sentAt, previous?.sentAt, position, timeZone);
                return (
                  <div
                    key={item.key}
                    ref={virtualizer.measureElement}
                    data-index={item.index}
                    data-position={position}
                    className={rowClass(position === active, includes(selection, position))}
                    style={{ top: item.start }}
                    role="option"
                    aria-selected={includes(selection, position)}
                    tabIndex={position === active ? 0 : -1}
                    aria-posinset={position + 1}
                    aria-setsize={total}
                    aria-labelledby={`message-${position}-head`}
                    aria-describedby={message?.body ? `message-${position}-body` : undefined}
                    aria-busy={message === undefined || undefined}
                    onFocus={() => setActive(position)}
                    // Shift+click extends the selection of messages, not the browser's selection of text.
                    onMouseDown={(event) => event.shiftKey && event.preventDefault()}
                    onClick={(event) => onRowClick(event, position)}
                  >
                    <MessageRow
                      message={message}
                      position={position}
                      dayMark={mark}
                      timeZone={timeZone}
                      headingId={`message-${position}-head`}
                      bodyId={`message-${position}-body`}
                      flagged={message !== undefined && flagged.has(message.id)}
                      codingAttachment={codingAttachment?.position === position ? codingAttachment.index : null}
                      onAttachmentClick={onAttachmentClick}
                      onViewAttachment={onViewAttachment}
                    />
                  </div>
                );
              })}
            </div>
          </div>
        </Tooltip.Provider>
      )}
      <p id="timeline-keys" className="timeline__keys">
        ↑ ↓ or J K: previous and next · Enter: view attachments · Shift+↑ ↓ or Shift+click: extend the selection ·{' '}
        {selectionSummary(selection, total)} · ? all keys
      </p>
      <MessageDetails message={pager.messageAt(active)} position={active} total={total} timeZone={timeZone} />
    </section>
  );
}
