import { useState, type FormEvent } from 'react';
import type { CustodianFlag } from '../../../common/contract/channels/review';
import { Button } from '../../components/Button';
import { TextAreaField } from '../../components/TextAreaField';
import { asSentence, formatDateTime } from '../../format';

interface CustodianFlagPanelProps {
  /** "Message 4 of 57", or null while it loads. */
  readonly title: string;
  readonly messageId: number | null;
  readonly flags: readonly CustodianFlag[];
  readonly disabledReason: string | null;
  readonly onFlag: (messageId: number, reason: string) => Promise<boolean>;
}

/** In a custodian check pack, the one thing a private office can do: ask for an item to be withheld. */
export function CustodianFlagPanel({ title, messageId, flags, disabledReason, onFlag }: CustodianFlagPanelProps) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const mine = flags.filter((flag) => flag.messageId === messageId);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (messageId === null) return;
    if (reason.trim() === '') {
      setError(asSentence('say why the item is personal, so the reviewer can weigh it'));
      document.getElementById('flag-reason')?.focus();
      return;
    }
    setBusy(true);
    if (await onFlag(messageId, reason.trim())) setReason('');
    setBusy(false);
  };

  return (
    <form className="coding" aria-labelledby="flag-title" noValidate onSubmit={(event) => void submit(event)}>
      <div className="coding__head">
        <h3 id="flag-title" className="coding__title">
          Flag for the reviewer
        </h3>
        <p className="coding__target">{title}</p>
      </div>
      {disabledReason && <p className="coding__disabled">{disabledReason}</p>}
      <TextAreaField
        id="flag-reason"
        label="Why is this personal?"
        hint="The reviewer sees this reason beside the item and decides whether to withhold it."
        rows={3}
        value={reason}
        error={error}
        disabled={disabledReason !== null || busy}
        onChange={(event) => {
          setReason(event.target.value);
          setError(undefined);
        }}
      />
      <div className="coding__actions">
        <Button type="submit" variant="primary" disabled={disabledReason !== null || busy || messageId === null}>
          Flag as personal — please withhold
        </Button>
      </div>
      <section aria-labelledby="flag-list-title">
        <h4 id="flag-list-title" className="review-history__title">
          Flags on this message ({mine.length})
        </h4>
        <ul className="flag-list">
          {mine.map((flag) => (
            <li key={flag.id} className="flag-list__item">
              <span className="review-history__when">
                {formatDateTime(flag.flaggedAt)} · {flag.flaggedBy}
              </span>
              <span>{flag.reason}</span>
            </li>
          ))}
        </ul>
      </section>
    </form>
  );
}
