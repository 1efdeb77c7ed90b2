import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { AuditListEntry } from '../../../common/contract/channels/audit';
import { formatCount, formatDateTimeBare } from '../../format';
import type { AuditLog } from './useAuditLog';

interface AuditListProps {
  readonly log: AuditLog;
  readonly timeZone: string;
  readonly active: number;
  readonly onActiveChange: (index: number) => void;
  readonly onOpen: (entry: AuditListEntry) => void;
}

const ROW_HEIGHT = 30;
/** Rows a Page Up / Page Down moves. */
const PAGE_STEP = 10;

/** The log newest first, virtualised and paged from main: a 100,000-entry log scrolls as a short one does. */
export function AuditList({ log, timeZone, active, onActiveChange, onOpen }: AuditListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const total = log.total ?? 0;
  // eslint-disable-next-line react-hooks/incompatible-library -- the app does not use the React Compiler
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  const { want } = log;

  useEffect(() => {
    if (total > 0) want(first, last);
  }, [first, last, total, want]);

  const moveTo = (index: number): void => {
    if (total === 0) return;
    const target = Math.min(Math.max(index, 0), total - 1);
    onActiveChange(target);
    virtualizer.scrollToIndex(target, { align: 'auto' });
    // The row is rendered once scrolled to; focus follows on the next frame.
    requestAnimationFrame(() => scrollRef.current?.querySelector<HTMLElement>(`[data-index="${target}"]`)?.focus());
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const entry = log.entryAt(active);
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(active + 1),
      ArrowUp: () => moveTo(active - 1),
      PageDown: () => moveTo(active + PAGE_STEP),
      PageUp: () => moveTo(active - PAGE_STEP),
      Home: () => moveTo(0),
      End: () => moveTo(total - 1),
      Enter: () => entry && onOpen(entry),
    };
    const run = keys[event.key];
    if (!run || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    run();
  };

  return (
    <div className="audit-list">
      <div className="audit-row audit-row--head" aria-hidden="true">
        <span>Time</span>
        <span>Reviewer</span>
        <span>Action</span>
        <span>Summary</span>
      </div>
      {log.total === 0 && <p className="audit-list__empty">No entries match these filters.</p>}
      <div
        ref={scrollRef}
        className="audit-list__scroll"
        role="listbox"
        aria-label={`Audit entries: ${formatCount(total)}`}
        aria-describedby="audit-list-keys"
        tabIndex={total === 0 ? 0 : -1}
        onKeyDown={onKeyDown}
      >
        <div className="audit-list__canvas" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const entry = log.entryAt(item.index);
            return (
              <div
                key={item.index}
                data-index={item.index}
                className="audit-row"
                style={{ top: item.start, height: ROW_HEIGHT }}
                role="option"
                aria-selected={item.index === active}
                aria-posinset={item.index + 1}
                aria-setsize={total}
                tabIndex={item.index === active ? 0 : -1}
                onFocus={() => onActiveChange(item.index)}
                onClick={() => onActiveChange(item.index)}
                onDoubleClick={() => entry && onOpen(entry)}
              >
                {entry ? (
                  <>
                    <span className="audit-row__time">{formatDateTimeBare(entry.at, timeZone)}</span>
                    <span className="audit-row__actor" title={entry.actor}>
                      {entry.actor}
                    </span>
                    <span className="audit-row__action">{entry.actionLabel}</span>
                    <span className="audit-row__summary" title={entry.summary}>
                      {entry.summary}
                    </span>
                  </>
                ) : (
                  <span className="audit-row__loading">Loading entry {formatCount(item.index + 1)}</span>
                )}
              </div>
            );
          })}
        </div>
      </div>
      <p id="audit-list-keys" className="visually-hidden">
        Up and down arrows move through the entries; Enter opens what the entry concerns.
      </p>
    </div>
  );
}
