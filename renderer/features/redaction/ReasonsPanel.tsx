import { useState, type FormEvent } from 'react';
import type { ReasonCodeInfo } from '../../../common/contract/channels/redaction';
import { desk, errorMessage } from '../../api';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/TextField';

interface ReasonsPanelProps {
  readonly reasons: readonly ReasonCodeInfo[];
  readonly disabledReason: string | null;
  /** A label changed or a reason was added: everything showing labels reads them again. */
  readonly onChanged: (text: string) => void;
}

/** Reason codes (docs/spec.md §6): codes are stable, labels are this case's wording, drawn on every box. */
export function ReasonsPanel({ reasons, disabledReason, onChanged }: ReasonsPanelProps) {
  const [error, setError] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [label, setLabel] = useState('');

  const run = async (action: () => Promise<unknown>, done: string): Promise<boolean> => {
    try {
      await action();
      setError(null);
      onChanged(done);
      return true;
    } catch (err) {
      setError(errorMessage(err));
      return false;
    }
  };

  const add = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (await run(() => desk().addReasonCode({ code, label }), `Reason ${code} added.`)) {
      setCode('');
      setLabel('');
    }
  };

  return (
    <div className="redaction-tool">
      <ErrorAlert title="The reasons were not changed" message={error} />
      <ul className="reason-list" aria-label="Reason codes">
        {reasons.map((reason) => (
          <ReasonRow
            key={`${reason.code}:${reason.label}`}
            reason={reason}
            disabled={disabledReason !== null}
            onSave={(next) =>
              void run(() => desk().updateReasonCode({ code: reason.code, label: next }), `Label of ${reason.code} changed.`)
            }
          />
        ))}
      </ul>
      <form className="redaction-tool__inline" aria-label="Add a reason" noValidate onSubmit={(event) => void add(event)}>
        <TextField
          id="reason-code"
          label="New code"
          mono
          value={code}
          onChange={(event) => setCode(event.target.value)}
          placeholder="personal-health"
          disabled={disabledReason !== null}
        />
        <TextField
          id="reason-label"
          label="Label"
          value={label}
          onChange={(event) => setLabel(event.target.value)}
          disabled={disabledReason !== null}
        />
        <Button type="submit" disabled={disabledReason !== null || code.trim() === '' || label.trim() === ''}>
          Add reason
        </Button>
      </form>
    </div>
  );
}

function ReasonRow({
  reason,
  disabled,
  onSave,
}: {
  readonly reason: ReasonCodeInfo;
  readonly disabled: boolean;
  readonly onSave: (label: string) => void;
}) {
  const [label, setLabel] = useState(reason.label);
  const changed = label.trim() !== reason.label && label.trim() !== '';
  return (
    <li className="reason-row">
      <form
        className="reason-row__form"
        aria-label={`Reason ${reason.code}`}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (changed) onSave(label.trim());
        }}
      >
        <TextField
          id={`reason-${reason.code}`}
          label={reason.code}
          mono={false}
          value={label}
          disabled={disabled}
          onChange={(event) => setLabel(event.target.value)}
          hint={reason.description || undefined}
          action={
            <Button type="submit" small disabled={!changed}>
              Save label
            </Button>
          }
        />
        {reason.builtin && <Badge tone="neutral">Default</Badge>}
      </form>
    </li>
  );
}
