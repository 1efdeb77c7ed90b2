import { useState } from 'react';
import type { ReasonCodeInfo, SweepStatus } from '../../../common/contract/channels/redaction';
import { desk, errorMessage } from '../../api';
import { Button } from '../../components/Button';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ProgressBar } from '../../components/ProgressBar';
import { SelectField } from '../../components/SelectField';
import { formatCount, plural } from '../../format';
import { SweepList } from './SweepList';
import { acceptAll, acceptedCount, acceptNone, isAccepted, toArgs, toggle, type SweepChoiceState } from './sweepChoice';
import type { SweepJob } from './useSweepJob';

interface SweepResultsProps {
  readonly id: string;
  /** What the scan looks for, in a few words ("Suggestions", "Occurrences"). */
  readonly label: string;
  readonly job: SweepJob;
  readonly onCancel: () => void;
  /** Every occurrence starts with all accepted; suggestions with none. */
  readonly acceptAllAtFirst: boolean;
  readonly reasons: readonly ReasonCodeInfo[];
  readonly defaultReason: string;
  readonly timeZone: string;
  readonly disabledReason: string | null;
  readonly kindLabel?: (kind: string) => string;
  readonly onApplied: (text: string) => void;
}

const progressText = (sweep: SweepStatus): string =>
  sweep.total > 0
    ? `${formatCount(sweep.scanned)} of ${formatCount(sweep.total)} messages scanned · ${plural(sweep.hits, 'hit')} so far`
    : 'Starting the scan…';

/**
 * A sweep's progress while it reads the scope, then its complete list, the reason, and "Redact": enabled
 * only once the list is complete and current.
 */
export function SweepResults({
  id,
  label,
  job,
  onCancel,
  acceptAllAtFirst,
  reasons,
  defaultReason,
  timeZone,
  disabledReason,
  kindLabel,
  onApplied,
}: SweepResultsProps) {
  if (job.status === 'idle' || job.status === 'starting') return null;
  if (job.status === 'failed') return <ErrorAlert title="The scan did not start" message={job.message} />;
  const { sweep } = job;
  if (job.status === 'running') {
    return (
      <div className="sweep__progress">
        <ProgressBar
          label={`${label} scan`}
          fraction={sweep.total > 0 ? sweep.scanned / sweep.total : null}
          valueText={progressText(sweep)}
        />
        <div className="sweep__progress-bar">
          <p role="status" className="sweep__progress-text">
            {progressText(sweep)}
          </p>
          <Button small onClick={onCancel} disabled={job.cancelling}>
            {job.cancelling ? 'Cancelling…' : 'Cancel scan'}
          </Button>
        </div>
        <div className="hit-review__apply">
          <Button variant="primary" disabled aria-describedby={`${id}-apply-note`}>
            Redact accepted hits
          </Button>
          <p id={`${id}-apply-note`} className="sweep__note">
            Redacting is possible once every message has been scanned.
          </p>
        </div>
      </div>
    );
  }
  if (sweep.state === 'cancelled') {
    return (
      <p role="status" className="redaction-tool__none">
        Scan cancelled after {formatCount(sweep.scanned)} of {formatCount(sweep.total)} messages. Nothing was changed; run it again to
        redact from a complete list.
      </p>
    );
  }
  if (sweep.state === 'failed')
    return <ErrorAlert title="The scan stopped" message={sweep.error?.message ?? 'The scan stopped without saying why.'} />;
  if (sweep.hits === 0) {
    return (
      <p className="redaction-tool__none" role="status">
        Nothing found in {plural(sweep.scanned, 'message')}.
      </p>
    );
  }
  return (
    <CompleteSweep
      key={sweep.jobId}
      id={id}
      label={label}
      sweep={sweep}
      acceptAllAtFirst={acceptAllAtFirst}
      reasons={reasons}
      defaultReason={defaultReason}
      timeZone={timeZone}
      disabledReason={disabledReason}
      kindLabel={kindLabel}
      onApplied={onApplied}
    />
  );
}

interface ApplyBarProps {
  readonly id: string;
  readonly reasons: readonly ReasonCodeInfo[];
  readonly reason: string;
  readonly onReason: (code: string) => void;
  readonly disabled: boolean;
  readonly note: string | null;
  readonly label: string;
  readonly onApply: () => void;
}

function ApplyBar({ id, reasons, reason, onReason, disabled, note, label, onApply }: ApplyBarProps) {
  return (
    <div className="hit-review__apply">
      <SelectField id={`${id}-reason`} label="Reason" value={reason} onChange={(event) => onReason(event.target.value)}>
        {reason === '' && (
          <option value="" disabled>
            Choose a reason…
          </option>
        )}
        {reasons.map((r) => (
          <option key={r.code} value={r.code}>
            {r.label}
          </option>
        ))}
      </SelectField>
      <Button variant="primary" onClick={onApply} disabled={disabled} aria-describedby={note ? `${id}-apply-note` : undefined}>
        {label}
      </Button>
      {note && (
        <p id={`${id}-apply-note`} className="sweep__note">
          {note}
        </p>
      )}
    </div>
  );
}

type CompleteSweepProps = Omit<SweepResultsProps, 'job' | 'onCancel'> & { readonly sweep: SweepStatus };

function CompleteSweep({
  id,
  label,
  sweep,
  acceptAllAtFirst,
  reasons,
  defaultReason,
  timeZone,
  disabledReason,
  kindLabel,
  onApplied,
}: CompleteSweepProps) {
  const [choice, setChoice] = useState<SweepChoiceState>(acceptAllAtFirst ? acceptAll() : acceptNone());
  const [reason, setReason] = useState(defaultReason);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const redactable = sweep.hits - sweep.alreadyRedacted;
  const chosen = acceptedCount(choice, redactable);

  const apply = async (): Promise<void> => {
    setBusy(true);
    try {
      const result = await desk().applySweep({ jobId: sweep.jobId, choice: toArgs(choice), reasonCode: reason });
      setError(null);
      const names = result.names ? ` and ${plural(result.names, 'name')} redacted whole` : '';
      onApplied(
        `${plural(result.added, 'redaction')} added in ${plural(result.messages, 'message')}${names}${result.alreadyRedacted ? `; ${formatCount(result.alreadyRedacted)} already hidden` : ''}.`,
      );
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const note = sweep.stale ? 'The case changed after this scan: run it again before redacting.' : disabledReason;
  return (
    <div className="hit-review">
      <div className="hit-review__bar">
        <p className="hit-review__count" role="status">
          {plural(sweep.hits, 'hit')} in {plural(sweep.groups.length, 'conversation')} · all {plural(sweep.scanned, 'message')} scanned ·{' '}
          {formatCount(chosen)} of {formatCount(redactable)} accepted
        </p>
        <Button small onClick={() => setChoice(acceptAll())} disabled={disabledReason !== null || redactable === 0}>
          Accept all
        </Button>
        <Button small onClick={() => setChoice(acceptNone())} disabled={chosen === 0}>
          Skip all
        </Button>
      </div>
      <SweepList
        jobId={sweep.jobId}
        label={label}
        groups={sweep.groups}
        timeZone={timeZone}
        isAccepted={(index) => isAccepted(choice, index)}
        onToggle={(index, accept) => setChoice((current) => toggle(current, index, accept))}
        kindLabel={kindLabel}
        disabled={disabledReason !== null}
      />
      <ApplyBar
        id={id}
        reasons={reasons}
        reason={reason}
        onReason={setReason}
        disabled={busy || sweep.stale || disabledReason !== null || chosen === 0 || !reason}
        note={note}
        label={busy ? 'Redacting…' : `Redact ${plural(chosen, 'accepted hit')}`}
        onApply={() => void apply()}
      />
      <ErrorAlert title="Nothing was redacted" message={error} />
    </div>
  );
}
