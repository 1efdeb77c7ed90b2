import * as Popover from '@radix-ui/react-popover';
import { createContext, useContext, useState, type FormEvent } from 'react';
import type { LabelRedaction, ReasonCodeInfo, RedactLabelArgs } from '../../../common/contract/channels/redaction';
import { desk, errorMessage } from '../../api';
import { Button } from '../../components/Button';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/TextField';
import { ReasonPicker } from './ReasonPicker';
import { startingReason } from './startingReason';

/** What the timeline's sender names and title need to offer redaction (provided by ConversationReview). */
export interface LabelMenu {
  readonly reasons: readonly ReasonCodeInfo[];
  /** The reason the case's newest redaction gave, which the picker starts on; null: none preselected. */
  readonly lastReason: string | null;
  readonly disabledReason: string | null;
  /** The live redaction of the open conversation's title, if any. */
  readonly titleRedaction: LabelRedaction | null;
  readonly onChanged: (announcement: string) => void;
}

export const LabelMenuContext = createContext<LabelMenu | null>(null);

type Target = { readonly participantId: number } | { readonly conversationId: number };

/**
 * A redacted label as the reviewer sees it: a dark badge with the reason the bundle prints. The real
 * name stays in reach (shown on hover, and read out) so the reviewer knows who it is. Not focusable:
 * it sits inside a timeline option, where a control of its own would be a nested interactive.
 */
export function RedactedLabel({ name, reason }: { readonly name: string; readonly reason: string }) {
  return (
    <span className="label-redacted" title={name}>
      <span className="label-redacted__reason">
        <span className="visually-hidden">Redacted in the bundle: </span>
        {reason}
      </span>
      <span className="label-redacted__name"> {name}</span>
    </span>
  );
}

interface RedactLabelButtonProps {
  readonly target: Target;
  /** The label or title as imported. */
  readonly name: string;
  /** "Redact this sender's name…" or "Redact title…". */
  readonly action: string;
  /** The live redaction of this label, if any: the popover then offers to remove it. */
  readonly current: { readonly id: number; readonly label: string } | null;
}

/** A button opening a small panel to redact a participant's label or a conversation's title, or remove that redaction. */
export function RedactLabelButton({ target, name, action, current }: RedactLabelButtonProps) {
  const menu = useContext(LabelMenuContext);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (!menu) return null;
  const what = 'participantId' in target ? 'name' : 'title';
  const chosen = reason || startingReason(menu.reasons, menu.lastReason);

  const run = async (change: () => Promise<unknown>, announcement: string): Promise<void> => {
    try {
      await change();
      setError(null);
      setOpen(false);
      menu.onChanged(announcement);
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const submit = (event?: FormEvent): void => {
    event?.preventDefault();
    if (!chosen) return;
    const args: RedactLabelArgs = { ...target, reasonCode: chosen, note: note.trim() };
    void run(
      () => desk().redactLabel(args),
      `The ${what} is redacted in the bundle: ${menu.reasons.find((r) => r.code === chosen)?.label ?? chosen}.`,
    );
  };

  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger asChild>
        <Button
          small
          variant="quiet"
          className="label-redact-button"
          disabled={menu.disabledReason !== null}
          title={menu.disabledReason ?? undefined}
        >
          {current ? `Change ${what} redaction…` : action}
        </Button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          className="popover redact-popover"
          side="bottom"
          align="start"
          sideOffset={6}
          collisionPadding={8}
          aria-label={action}
        >
          <form className="redact-form" aria-label={`Redact the ${what}`} noValidate onSubmit={submit}>
            <p className="popover__title">Hide “{name}” wherever the bundle prints it</p>
            {current && (
              <p className="redact-form__hint">
                Now redacted: {current.label}.{' '}
                <Button
                  small
                  onClick={() => void run(() => desk().removeLabelRedaction({ id: current.id }), `The ${what} is no longer redacted.`)}
                >
                  Remove redaction
                </Button>
              </p>
            )}
            <ReasonPicker
              id="label-reason"
              label="Reason"
              reasons={menu.reasons}
              value={chosen}
              onChange={setReason}
              onEnter={() => submit()}
            />
            <TextField
              id="label-note"
              label="Note"
              optional
              value={note}
              onChange={(event) => setNote(event.target.value)}
              maxLength={2000}
            />
            <div className="popover__actions">
              <Popover.Close asChild>
                <Button small>Cancel</Button>
              </Popover.Close>
              <Button small type="submit" variant="primary" disabled={!chosen}>
                {current ? 'Replace' : 'Redact'}
              </Button>
            </div>
            <ErrorAlert title="Not redacted" message={error} />
          </form>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
