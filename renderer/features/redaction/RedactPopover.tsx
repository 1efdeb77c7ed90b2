import * as Popover from '@radix-ui/react-popover';
import { useMemo, useState, type FormEvent } from 'react';
import type { ReasonCodeInfo } from '../../../common/contract/channels/redaction';
import { Button } from '../../components/Button';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/TextField';
import { ReasonPicker } from './ReasonPicker';
import { startingReason } from './startingReason';
import type { RedactTarget } from './useRedactInPlace';

interface RedactPopoverProps {
  readonly target: RedactTarget | null;
  readonly reasons: readonly ReasonCodeInfo[];
  /** The reason the case's newest redaction gave (a run of phone numbers needs it chosen once), or null: none preselected. */
  readonly lastReason: string | null;
  readonly error: string | null;
  readonly onClose: () => void;
  readonly onClosed: () => void;
  readonly onRedact: (kind: 'span' | 'whole', reasonCode: string, note: string) => void;
  readonly onRemove: (ids: readonly number[]) => void;
}

const quoted = (text: string): string => (text.length > 60 ? `“${text.slice(0, 57)}…”` : `“${text}”`);

/** The small panel at a selection or a box: choose a reason and redact, or remove what a box holds. */
export function RedactPopover({ target, reasons, lastReason, error, onClose, onClosed, onRedact, onRemove }: RedactPopoverProps) {
  // A virtual anchor: the selection's rectangle, not an element.
  const anchor = useMemo(() => ({ current: target ? { getBoundingClientRect: () => target.at } : null }), [target]);
  return (
    <Popover.Root open={target !== null} onOpenChange={(open) => !open && onClose()}>
      <Popover.Anchor virtualRef={anchor} />
      <Popover.Portal>
        {target && (
          <Popover.Content
            className="popover redact-popover"
            side="bottom"
            align="start"
            sideOffset={6}
            collisionPadding={8}
            onCloseAutoFocus={(event) => {
              event.preventDefault();
              onClosed();
            }}
            aria-label={target.kind === 'box' ? 'Redactions here' : 'Redact'}
          >
            {target.kind === 'box' ? (
              <BoxRedactions labels={target.box.redactions} text={target.box.text} onRemove={onRemove} />
            ) : (
              <RedactForm
                key={`${target.message.id}:${target.kind}:${target.kind === 'span' ? target.span.start : ''}`}
                target={target}
                reasons={reasons}
                lastReason={lastReason}
                onRedact={onRedact}
              />
            )}
            <ErrorAlert title="Not redacted" message={error} />
          </Popover.Content>
        )}
      </Popover.Portal>
    </Popover.Root>
  );
}

function RedactForm({
  target,
  reasons,
  lastReason,
  onRedact,
}: {
  readonly target: Exclude<RedactTarget, { kind: 'box' }>;
  readonly reasons: readonly ReasonCodeInfo[];
  readonly lastReason: string | null;
  readonly onRedact: RedactPopoverProps['onRedact'];
}) {
  const [reason, setReason] = useState(startingReason(reasons, lastReason));
  const [note, setNote] = useState('');
  const span = target.kind === 'span';
  const submit = (event?: FormEvent): void => {
    event?.preventDefault();
    if (reason) onRedact(target.kind, reason, note.trim());
  };
  return (
    <form className="redact-form" aria-label="Redaction" noValidate onSubmit={submit}>
      <p className="popover__title">
        {span ? (
          <>Hide {quoted(target.message.body.slice(target.span.start, target.span.end))} in the bundle</>
        ) : (
          'Withhold the whole message from the bundle'
        )}
      </p>
      {!span && <p className="redact-form__hint">To hide only part of it, select the words in the message first, then press H.</p>}
      <ReasonPicker id="redact-reason" label="Reason" reasons={reasons} value={reason} onChange={setReason} onEnter={() => submit()} />
      <TextField id="redact-note" label="Note" optional value={note} onChange={(event) => setNote(event.target.value)} maxLength={2000} />
      <div className="popover__actions">
        {span && (
          <Button small variant="quiet" onClick={() => reason && onRedact('whole', reason, note.trim())} disabled={!reason}>
            Withhold whole message
          </Button>
        )}
        <Popover.Close asChild>
          <Button small>Cancel</Button>
        </Popover.Close>
        <Button small type="submit" variant="primary" disabled={!reason}>
          {span ? 'Redact' : 'Withhold'}
        </Button>
      </div>
    </form>
  );
}

function BoxRedactions({
  labels,
  text,
  onRemove,
}: {
  readonly labels: Extract<RedactTarget, { kind: 'box' }>['box']['redactions'];
  readonly text: string;
  readonly onRemove: (ids: readonly number[]) => void;
}) {
  return (
    <>
      <p className="popover__title">Hidden in the bundle: {quoted(text)}</p>
      <ul className="redact-box-list">
        {labels.map((redaction) => (
          <li key={redaction.id}>
            <span>{redaction.label}</span>
            <Button small onClick={() => onRemove([redaction.id])}>
              Remove
            </Button>
          </li>
        ))}
      </ul>
      <div className="popover__actions">
        <Popover.Close asChild>
          <Button small>Close</Button>
        </Popover.Close>
      </div>
    </>
  );
}
