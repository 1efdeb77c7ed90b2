import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { SweepGroup, SweepHit } from '../../../common/contract/channels/redaction';
import { desk } from '../../api';
import { Badge } from '../../components/Badge';
import { CheckboxField } from '../../components/CheckboxField';
import { formatDateTimeBare, plural } from '../../format';

type Row = { readonly kind: 'group'; readonly group: SweepGroup } | { readonly kind: 'hit'; readonly index: number };

interface SweepListProps {
  readonly jobId: string;
  readonly label: string;
  readonly groups: readonly SweepGroup[];
  readonly timeZone: string;
  readonly isAccepted: (index: number) => boolean;
  readonly onToggle: (index: number, accept: boolean) => void;
  readonly kindLabel?: (kind: string) => string;
  readonly disabled: boolean;
}

const ROW_HEIGHT = 52;

/** Hits outside a body: the whole label or name is redacted, and prints as the reason. */
const FIELD_LABELS: Readonly<Record<Exclude<SweepHit['field'], 'body'>, string>> = {
  sender: 'Sender name',
  title: 'Conversation title',
  'source-file': 'Source file name',
  attachment: 'Attachment name',
};
const PAGE = 500;

/** The slices of a sweep's list fetched so far, by page; the ones the viewport needs are fetched as it scrolls. */
function useSweepPages(jobId: string, wanted: readonly number[]) {
  const [pages, setPages] = useState<ReadonlyMap<number, readonly SweepHit[]>>(new Map());
  const asked = useRef(new Set<number>());
  const key = wanted.join(',');
  useEffect(() => {
    const fetchPage = async (page: number): Promise<void> => {
      asked.current.add(page);
      try {
        const hits = await desk().sweepHits({ jobId, offset: page * PAGE, limit: PAGE });
        setPages((current) => new Map(current).set(page, hits));
      } catch {
        // Asked again when the row comes back into view.
        asked.current.delete(page);
      }
    };
    for (const page of key.split(',').filter(Boolean).map(Number)) if (!asked.current.has(page)) void fetchPage(page);
  }, [jobId, key]);
  return (index: number): SweepHit | undefined => pages.get(Math.floor(index / PAGE))?.[index % PAGE];
}

/**
 * A complete sweep's hits, virtualised (a case-wide sweep finds thousands), under a heading per
 * conversation; each hit with its time, a few words either side, accepted or skipped.
 */
export function SweepList({ jobId, label, groups, timeZone, isAccepted, onToggle, kindLabel, disabled }: SweepListProps) {
  const rows = useMemo<Row[]>(
    () =>
      groups.flatMap((group) => [
        { kind: 'group', group } as const,
        ...Array.from({ length: group.count }, (_, i) => ({ kind: 'hit', index: group.first + i }) as const),
      ]),
    [groups],
  );
  const scroller = useRef<HTMLDivElement>(null);
  // The app does not use the React Compiler; this list re-renders with the virtualizer
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const visible = virtualizer.getVirtualItems();
  const wanted = [
    ...new Set(
      visible.flatMap((item) => {
        const row = rows[item.index];
        return row?.kind === 'hit' ? [Math.floor(row.index / PAGE)] : [];
      }),
    ),
  ];
  const hitAt = useSweepPages(jobId, wanted);

  return (
    <div ref={scroller} className="hit-list sweep-list" role="region" aria-label={label} tabIndex={0}>
      <ul className="hit-list__canvas" style={{ height: virtualizer.getTotalSize() }}>
        {visible.map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          if (row.kind === 'group') {
            return (
              <li
                key={`g${row.group.conversationId}`}
                ref={virtualizer.measureElement}
                data-index={item.index}
                className="hit sweep-list__group"
                style={{ top: item.start }}
              >
                <span className="sweep-list__title">{row.group.title || 'Untitled conversation'}</span>
                {row.group.custodian && <span className="hit__where"> · {row.group.custodian}</span>}
                <span className="hit__where"> · {plural(row.group.count, 'hit')}</span>
              </li>
            );
          }
          const hit = hitAt(row.index);
          return (
            <li key={row.index} ref={virtualizer.measureElement} data-index={item.index} className="hit" style={{ top: item.start }}>
              {hit ? (
                <CheckboxField
                  id={`sweep-${jobId}-${row.index}`}
                  checked={!hit.alreadyRedacted && isAccepted(row.index)}
                  disabled={disabled || hit.alreadyRedacted}
                  onCheckedChange={(accept) => onToggle(row.index, accept)}
                  label={
                    <span className="hit__text">
                      <span className="visually-hidden">Redact </span>
                      {hit.kind && kindLabel && <Badge tone="info">{kindLabel(hit.kind)}</Badge>}
                      {hit.field !== 'body' && <Badge tone="info">{FIELD_LABELS[hit.field]}</Badge>}{' '}
                      <span className="hit__context">
                        {hit.context.before}
                        <mark className="hit__match">{hit.context.match}</mark>
                        {hit.context.after}
                      </span>{' '}
                      <span className="hit__where">
                        {hit.field === 'body'
                          ? `${hit.sentAt === null ? 'undated' : formatDateTimeBare(hit.sentAt, timeZone)} · message ${hit.messageId}`
                          : `redacts the whole name · printed with message ${hit.messageId}`}
                      </span>
                      {hit.alreadyRedacted && (
                        <>
                          {' '}
                          <Badge tone="neutral">Already redacted</Badge>
                        </>
                      )}
                    </span>
                  }
                />
              ) : (
                <span className="hit__where">Loading…</span>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
