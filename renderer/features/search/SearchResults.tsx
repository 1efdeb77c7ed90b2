import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { SearchHit } from '../../../common/domain/search';
import { Badge } from '../../components/Badge';
import { formatCount } from '../../format';
import { CLASSIFICATION_LABELS, OUTCOME_LABELS, RELEVANCE_LABELS } from '../review/reviewLabels';
import { fullDateTime } from '../review/timeFormat';

interface SearchResultsProps {
  readonly hits: readonly SearchHit[];
  readonly total: number;
  readonly timeZone: string;
  readonly onNearEnd: () => void;
  readonly onOpen: (hit: SearchHit) => void;
}

const ROW_HEIGHT = 76;

/** The hits, virtualised: a search over a million messages lists as smoothly as one over fifty. */
export function SearchResults({ hits, total, timeZone, onNearEnd, onOpen }: SearchResultsProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  // eslint-disable-next-line react-hooks/incompatible-library -- the app does not use the React Compiler
  const virtualizer = useVirtualizer({
    count: hits.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
  });
  const items = virtualizer.getVirtualItems();
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    if (hits.length > 0 && last >= hits.length - 20) onNearEnd();
  }, [last, hits.length, onNearEnd]);

  const moveTo = (index: number): void => {
    const target = Math.min(Math.max(index, 0), hits.length - 1);
    setActive(target);
    virtualizer.scrollToIndex(target, { align: 'auto' });
    // The row is rendered once scrolled to; focus follows on the next frame.
    requestAnimationFrame(() => scrollRef.current?.querySelector<HTMLElement>(`[data-index="${target}"]`)?.focus());
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const hit = hits[active];
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(active + 1),
      ArrowUp: () => moveTo(active - 1),
      Home: () => moveTo(0),
      End: () => moveTo(hits.length - 1),
      Enter: () => hit && onOpen(hit),
    };
    const run = keys[event.key];
    if (!run || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    run();
  };

  return (
    <div
      ref={scrollRef}
      className="search-results"
      role="listbox"
      aria-label={`Results: ${formatCount(total)}`}
      aria-describedby="search-results-keys"
      onKeyDown={onKeyDown}
    >
      <div className="search-results__canvas" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const hit = hits[item.index];
          if (!hit) return null;
          return (
            <div
              key={hit.id}
              ref={virtualizer.measureElement}
              data-index={item.index}
              className="hit"
              style={{ top: item.start }}
              role="option"
              aria-selected={item.index === active}
              aria-posinset={item.index + 1}
              aria-setsize={total}
              tabIndex={item.index === active ? 0 : -1}
              onFocus={() => setActive(item.index)}
              onDoubleClick={() => onOpen(hit)}
            >
              <p className="hit__head">
                <span className="hit__sender">{hit.sender ?? 'System notice'}</span>
                <span className="hit__meta">
                  {hit.conversation} · {hit.custodian} · {hit.sentAt === null ? 'no time recorded' : fullDateTime(hit.sentAt, timeZone)}
                </span>
                <span className="hit__codes">
                  {hit.classification !== 'unclassified' && <Badge tone="info">{CLASSIFICATION_LABELS[hit.classification]}</Badge>}
                  {hit.relevance !== 'unassessed' && <Badge>{RELEVANCE_LABELS[hit.relevance]}</Badge>}
                  {hit.outcome !== 'pending' && <Badge tone="success">{OUTCOME_LABELS[hit.outcome]}</Badge>}
                  {hit.redacted && <Badge tone="warning">Redacted</Badge>}
                </span>
              </p>
              <p className="hit__snippet">
                {hit.snippet.map((segment, index) =>
                  segment.hit ? <mark key={index}>{segment.text}</mark> : <span key={index}>{segment.text}</span>,
                )}
              </p>
            </div>
          );
        })}
      </div>
    </div>
  );
}
