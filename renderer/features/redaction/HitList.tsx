import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { z } from 'zod';
import type { HitContextSchema } from '../../../preload/channels/redaction';
import { Badge } from '../../components/Badge';
import { CheckboxField } from '../../components/CheckboxField';
import { hitKey, type HitLike } from './hits';

export interface ListedHit extends HitLike {
  readonly text: string;
  readonly context: z.output<typeof HitContextSchema>;
  /** What kind of suggestion (phone, email…), absent for "every occurrence". */
  readonly kind?: string;
}

interface HitListProps {
  readonly label: string;
  readonly hits: readonly ListedHit[];
  readonly accepted: ReadonlySet<string>;
  readonly onToggle: (key: string, accept: boolean) => void;
  readonly kindLabel?: (kind: string) => string;
  readonly disabled: boolean;
}

const ROW_HEIGHT = 52;

/** Hits with a few words either side, virtualised (a case-wide search finds thousands), each accepted or skipped. */
export function HitList({ label, hits, accepted, onToggle, kindLabel, disabled }: HitListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the app does not use the React Compiler; this list re-renders with the virtualizer
  const virtualizer = useVirtualizer({ count: hits.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });
  return (
    <div ref={scroller} className="hit-list" role="region" aria-label={label} tabIndex={0}>
      <ul className="hit-list__canvas" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const hit = hits[item.index];
          if (!hit) return null;
          const key = hitKey(hit);
          return (
            <li key={key} ref={virtualizer.measureElement} data-index={item.index} className="hit" style={{ top: item.start }}>
              <CheckboxField
                id={`hit-${key.replaceAll(':', '-')}`}
                checked={!hit.alreadyRedacted && accepted.has(key)}
                disabled={disabled || hit.alreadyRedacted}
                onCheckedChange={(accept) => onToggle(key, accept)}
                label={
                  <span className="hit__text">
                    <span className="visually-hidden">Redact </span>
                    {hit.kind && kindLabel && <Badge tone="info">{kindLabel(hit.kind)}</Badge>}{' '}
                    <span className="hit__context">
                      {hit.context.before}
                      <mark className="hit__match">{hit.context.match}</mark>
                      {hit.context.after}
                    </span>{' '}
                    <span className="hit__where">message {hit.messageId}</span>
                    {hit.alreadyRedacted && (
                      <>
                        {' '}
                        <Badge tone="neutral">Already redacted</Badge>
                      </>
                    )}
                  </span>
                }
              />
            </li>
          );
        })}
      </ul>
    </div>
  );
}
