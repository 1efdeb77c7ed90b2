import * as AlertDialog from '@radix-ui/react-alert-dialog';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { DecideArgs, DecidePreview, KeptMessage } from '../../../common/contract/channels/review';
import { desk } from '../../api';
import { useLoaded } from '../../app/useLoaded';
import { Button } from '../../components/Button';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatCount, formatDateTimeIn, plural } from '../../format';
import { changeSentence, keptRowReason, keptSentence } from './bulkPreviewText';
import '../../app/shortcuts-dialog.css';
import './bulk-preview.css';

/** What the reviewer chose: apply keeping the individual decisions, or overwrite them too. */
export interface BulkChoice {
  readonly overwrite: boolean;
}

export type PreviewArgs = Omit<DecideArgs, 'propagate' | 'overwrite'> & { readonly propagate?: boolean };

const ROW_HEIGHT = 52;

/** The kept messages, virtualised: a conversation-wide action can keep thousands. */
function KeptList({ kept, total, timeZone }: { readonly kept: readonly KeptMessage[]; readonly total: number; readonly timeZone: string }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the app does not use the React Compiler
  const virtualizer = useVirtualizer({
    count: kept.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  return (
    <div className="bulk-preview__kept">
      <p className="bulk-preview__kept-title" id="bulk-preview-kept-title">
        {kept.length < total
          ? `The first ${formatCount(kept.length)} of ${formatCount(total)} kept messages`
          : `The ${plural(total, 'kept message')}`}
      </p>
      {/* Focusable so the list scrolls from the keyboard. */}
      <div ref={scrollRef} className="bulk-preview__scroll" tabIndex={0} role="region" aria-labelledby="bulk-preview-kept-title">
        <ul className="bulk-preview__canvas" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const message = kept[item.index];
            if (!message) return null;
            return (
              <li key={message.messageId} className="bulk-preview__row" style={{ top: item.start, height: ROW_HEIGHT }}>
                <span className="bulk-preview__meta">
                  <span className="bulk-preview__why">{keptRowReason(message)}</span> · #{message.messageId} · {message.conversation} ·{' '}
                  {message.sender ?? 'no sender'} · {message.sentAt === null ? 'time unknown' : formatDateTimeIn(message.sentAt, timeZone)}
                </span>
                <span className="bulk-preview__snippet">{message.snippet}</span>
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}

interface BulkPreviewProps {
  readonly args: PreviewArgs;
  readonly timeZone: string;
  readonly onChoose: (choice: BulkChoice) => void;
  /** The cancel control, from the dialog that hosts the preview (its own Close or Cancel). */
  readonly cancel: ReactNode;
}

/**
 * What a bulk decision will do, from main's `review.preview` (the service that applies it): how many
 * messages change and, per current value, which are kept. The reviewer then applies keeping them, or
 * overwrites the individual decisions too after listing them.
 */
export function BulkPreview({ args, timeZone, onChoose, cancel }: BulkPreviewProps) {
  const preview = useLoaded<DecidePreview>(() => desk().reviewPreview(args), JSON.stringify(args));
  const [listing, setListing] = useState(false);
  const applyRef = useRef<HTMLButtonElement>(null);
  const ready = preview.status === 'ready';
  // Keyboard first: once the counts are in, Enter applies the safe way (keeping individual decisions).
  useEffect(() => {
    if (ready) applyRef.current?.focus();
  }, [ready]);
  if (preview.status === 'loading')
    return (
      <p className="bulk-preview__loading" role="status">
        Working out what this would change…
      </p>
    );
  if (preview.status === 'failed') {
    return (
      <>
        <ErrorAlert title="Nothing can be applied" message={preview.message} />
        <div className="dialog__footer bulk-preview__actions">{cancel}</div>
      </>
    );
  }
  const p = preview.value;
  const kept = keptSentence(p);
  const keptTotal = p.individual + p.heldByRedactions;
  return (
    <>
      <div className="bulk-preview__summary" role="status">
        <p className="bulk-preview__change">{changeSentence(p)}</p>
        {kept && <p className="bulk-preview__kept-line">{kept}</p>}
        {p.heldByRedactions > 0 && (
          <p className="bulk-preview__note">
            Messages whose redactions forbid the new outcome stay as they are whatever you choose; remove the redactions first to change
            them.
          </p>
        )}
      </div>
      {listing && keptTotal > 0 && <KeptList kept={p.kept} total={keptTotal} timeZone={timeZone} />}
      <div className="dialog__footer bulk-preview__actions">
        {keptTotal > 0 && (
          <Button aria-expanded={listing} onClick={() => setListing((value) => !value)}>
            {listing ? 'Hide them' : 'Review them'}
          </Button>
        )}
        <span className="bulk-preview__spacer" />
        {cancel}
        {p.individual > 0 && (
          <Button onClick={() => onChoose({ overwrite: true })} disabled={!listing} title={listing ? undefined : 'Review them first'}>
            Overwrite {plural(p.individual, 'individual decision')} too
          </Button>
        )}
        <Button ref={applyRef} variant="primary" disabled={p.willChange === 0} onClick={() => onChoose({ overwrite: false })}>
          {keptTotal > 0 ? `Apply, keep ${formatCount(keptTotal)}` : `Apply to ${plural(p.willChange, 'message')}`}
        </Button>
      </div>
    </>
  );
}

interface Pending {
  readonly args: PreviewArgs;
  readonly title: string;
  readonly resolve: (choice: BulkChoice | null) => void;
}

/**
 * The preview before every bulk decision, as an alert dialog: `ask` opens it and resolves with the
 * reviewer's choice, or null when they cancel.
 */
export function useBulkPreview(timeZone: string): {
  ask: (args: PreviewArgs, title: string) => Promise<BulkChoice | null>;
  dialog: ReactNode;
} {
  const [pending, setPending] = useState<Pending | null>(null);
  const close = (choice: BulkChoice | null): void => {
    pending?.resolve(choice);
    setPending(null);
  };
  const dialog = (
    <AlertDialog.Root open={pending !== null} onOpenChange={(open) => !open && close(null)}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="dialog-overlay" />
        <AlertDialog.Content className="dialog bulk-preview">
          <div className="dialog__header">
            <AlertDialog.Title className="dialog__title">{pending?.title}</AlertDialog.Title>
            <AlertDialog.Description className="dialog__description">
              A bulk decision never changes a message decided on its own unless you choose to overwrite it.
            </AlertDialog.Description>
          </div>
          {pending && (
            <BulkPreview
              key={JSON.stringify(pending.args)}
              args={pending.args}
              timeZone={timeZone}
              onChoose={close}
              cancel={
                <AlertDialog.Cancel asChild>
                  <Button>Cancel</Button>
                </AlertDialog.Cancel>
              }
            />
          )}
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
  return { ask: (args, title) => new Promise((resolve) => setPending({ args, title, resolve })), dialog };
}
