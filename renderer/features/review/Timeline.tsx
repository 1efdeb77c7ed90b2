import * as Tooltip from '@radix-ui/react-tooltip';
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore, type KeyboardEvent } from 'react';
import type { ConversationInfo } from '../../../preload/contract';
import { desk } from '../../api';
import { Button } from '../../components/Button';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatCount } from '../../format';
import { conversationSummary } from './conversationText';
import { MessageDetails } from './MessageDetails';
import { MessageRow } from './MessageRow';
import { dayKey } from './timeFormat';
import { PAGE_SIZE, TimelinePager } from './timelinePager';
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

/** The first position of a span centred on `position`. */
const spanAround = (position: number, total: number): number => clamp(position - SPAN / 2, 0, Math.max(total - SPAN, 0));

type Align = 'start' | 'end' | 'auto';

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

interface TimelineProps {
  readonly conversation: ConversationInfo;
  readonly timeZone: string;
}

/** A conversation's messages, oldest first, read-only; only what is near the screen is in memory. */
export function Timeline({ conversation, timeZone }: TimelineProps) {
  const [pager] = useState(
    () => new TimelinePager((from, count) => desk().timelineWindow({ conversationId: conversation.id, from, count }), conversation.messages),
  );
  useEffect(() => {
    pager.start();
    return () => pager.stop();
  }, [pager]);
  useSyncExternalStore(pager.subscribe, pager.getVersion);

  const total = pager.total;
  const [base, setBase] = useState(0);
  const count = Math.min(total, SPAN);
  const [active, setActive] = useState(0);
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

  // eslint-disable-next-line react-hooks/incompatible-library -- the app does not use the React Compiler; this component re-renders whenever the virtualizer says its rows changed
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
    if (event.altKey || event.ctrlKey || event.metaKey || !(event.target instanceof HTMLElement) || event.target.tagName !== 'ARTICLE') return;
    const shown = rowsOnScreen();
    const first = shown[0] ?? active;
    const last = shown[shown.length - 1] ?? active;
    const jump = pendingJump.current;
    // While the last key's scroll is still landing, the selected row counts as on screen.
    const settling = jump !== null && (jump.landedAt === null || performance.now() - jump.landedAt < LANDING_MS);
    const fromActive = settling || shown.includes(active);
    const page = Math.max(1, shown.length - 1);
    const focus = { focus: true };
    const moves: Record<string, () => void> = {
      ArrowDown: () => jumpTo(fromActive ? active + 1 : first, 'auto', focus),
      j: () => jumpTo(fromActive ? active + 1 : first, 'auto', focus),
      ArrowUp: () => jumpTo(fromActive ? active - 1 : last, 'auto', focus),
      k: () => jumpTo(fromActive ? active - 1 : last, 'auto', focus),
      PageDown: () => jumpTo(active + page, 'start', focus),
      PageUp: () => jumpTo(active - page, 'end', focus),
      Home: () => jumpTo(0, 'start', focus),
      End: () => jumpTo(total - 1, 'end', focus),
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    move();
  };

  const waiting = items.some((item) => pager.messageAt(base + item.index) === undefined);

  return (
    <section className="timeline" aria-labelledby="timeline-title">
      <header className="timeline__header">
        <div className="timeline__heading">
          <h3 id="timeline-title" className="timeline__title">
            {conversation.title || 'Untitled conversation'}
          </h3>
          <p className="timeline__meta">
            {conversationSummary(conversation, timeZone)} · Times in {timeZone}
          </p>
        </div>
        <div className="timeline__actions">
          <Button small variant="quiet" onClick={() => jumpTo(0, 'start')} disabled={total === 0}>
            First message
          </Button>
          <Button small variant="quiet" onClick={() => jumpTo(total - 1, 'end')} disabled={total === 0}>
            Last message
          </Button>
        </div>
      </header>
      {total > SPAN && (
        // One line whatever the numbers: a change in its height would move the rows under the reader.
        <p className="timeline__span">
          Scroll bar: messages {formatCount(base + 1)}–{formatCount(base + count)} of {formatCount(total)}; it moves on as you scroll, and Home and End reach
          either end.
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
            role="feed"
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
                const startsDay =
                  message?.sentAt != null &&
                  (position === 0 || (previous?.sentAt != null && dayKey(previous.sentAt, timeZone) !== dayKey(message.sentAt, timeZone)));
                return (
                  <article
                    key={item.key}
                    ref={virtualizer.measureElement}
                    data-index={item.index}
                    data-position={position}
                    className={position === active ? 'timeline__row timeline__row--active' : 'timeline__row'}
                    style={{ top: item.start }}
                    tabIndex={position === active ? 0 : -1}
                    aria-posinset={position + 1}
                    aria-setsize={total}
                    aria-labelledby={`message-${position}-head`}
                    aria-busy={message === undefined || undefined}
                    onFocus={() => setActive(position)}
                  >
                    <MessageRow message={message} position={position} startsDay={startsDay} timeZone={timeZone} headingId={`message-${position}-head`} />
                  </article>
                );
              })}
            </div>
          </div>
        </Tooltip.Provider>
      )}
      <p id="timeline-keys" className="timeline__keys">
        ↑ ↓ or J K: previous and next message · Page Up, Page Down · Home, End: first and last
      </p>
      <MessageDetails message={pager.messageAt(active)} position={active} total={total} timeZone={timeZone} />
    </section>
  );
}
