import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { z } from 'zod';
import { CONSISTENCY_WARNING_LABELS } from '../../../common/domain/model';
import type { ConsistencyWarningSchema } from '../../../common/contract/channels/export';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { CheckboxField } from '../../components/CheckboxField';
import { plural } from '../../format';

export type ConsistencyWarning = z.output<typeof ConsistencyWarningSchema>;

interface ConsistencyReportProps {
  readonly warnings: readonly ConsistencyWarning[];
  readonly acknowledged: boolean;
  readonly onAcknowledge: (acknowledged: boolean) => void;
  readonly onOpen: (warning: ConsistencyWarning) => void;
  readonly disabled: boolean;
}

const ROW_HEIGHT = 58;

/**
 * The consistency report before export (docs/spec.md §12): produced items the reviewer should look at again,
 * each with the reference it will get and a way to open it in Review. Export waits for the tick; a
 * change to the list (the case changed) clears it, because the tick names this list.
 */
export function ConsistencyReport({ warnings, acknowledged, onAcknowledge, onOpen, disabled }: ConsistencyReportProps) {
  const scroller = useRef<HTMLDivElement>(null);
  // The app does not use the React Compiler; this list re-renders with the virtualizer
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: warnings.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  if (warnings.length === 0) {
    return (
      <p className="consistency__clear" role="status">
        Nothing to check first: no item to be produced is classified personal or not relevant, has an open custodian flag, or engages
        Article 8 without an assessment.
      </p>
    );
  }
  return (
    <section className="consistency" aria-labelledby="consistency-title">
      <h3 id="consistency-title" className="consistency__title">
        <Badge tone="warning">Check first</Badge> {plural(warnings.length, 'item')} to be produced{' '}
        {warnings.length === 1 ? 'needs' : 'need'} a second look
      </h3>
      <div ref={scroller} className="consistency__list" role="region" aria-label="Items to check before export" tabIndex={0}>
        <ul className="consistency__canvas" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const warning = warnings[item.index];
            if (!warning) return null;
            return (
              <li
                key={warning.messageId}
                ref={virtualizer.measureElement}
                data-index={item.index}
                className="consistency__item"
                style={{ top: item.start }}
              >
                <div className="consistency__head">
                  <span className="mono">{warning.reference}</span>
                  {warning.kinds.map((kind) => (
                    <Badge key={kind} tone="warning">
                      {CONSISTENCY_WARNING_LABELS[kind]}
                    </Badge>
                  ))}
                  <Button
                    small
                    className="consistency__open"
                    onClick={() => onOpen(warning)}
                    aria-label={`Open in Review: message ${warning.messageId}, ${warning.reference}`}
                  >
                    Open in Review
                  </Button>
                </div>
                <p className="consistency__message">
                  <span className="consistency__where">{warning.conversation}:</span> {warning.snippet}
                  {warning.flagReason && <span className="consistency__flag"> — custodian: “{warning.flagReason}”</span>}
                </p>
              </li>
            );
          })}
        </ul>
      </div>
      <CheckboxField
        id="bundle-acknowledge"
        label={`I have looked at ${warnings.length === 1 ? 'this item' : `these ${warnings.length} items`}: produce ${warnings.length === 1 ? 'it' : 'them'} in this bundle`}
        checked={acknowledged}
        onCheckedChange={onAcknowledge}
        disabled={disabled}
      />
    </section>
  );
}
