import { useState } from 'react';
import type { ReasonCodeInfo } from '../../../preload/channels/redaction';
import { desk, errorMessage } from '../../api';
import { Button } from '../../components/Button';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField } from '../../components/SelectField';
import { formatCount, plural } from '../../format';
import { HitList, type ListedHit } from './HitList';
import { acceptedHits, redactableKeys } from './hits';

interface HitReviewProps {
  readonly id: string;
  readonly label: string;
  readonly hits: readonly ListedHit[];
  /** Accepted to start with: every occurrence asked for, or none of a list of suggestions. */
  readonly initiallyAccepted: ReadonlySet<string>;
  readonly reasons: readonly ReasonCodeInfo[];
  /** The reason to start on ('' for none: "Redact" waits until one is chosen). */
  readonly defaultReason: string;
  readonly more: boolean;
  readonly onMore: () => void;
  readonly disabledReason: string | null;
  readonly kindLabel?: (kind: string) => string;
  readonly onApplied: (text: string) => void;
}

/** A list of hits to accept or skip, a reason, and "Redact accepted": one `occurrences.apply`. */
export function HitReview({ id, label, hits, initiallyAccepted, reasons, defaultReason, more, onMore, disabledReason, kindLabel, onApplied }: HitReviewProps) {
  const [accepted, setAccepted] = useState<ReadonlySet<string>>(initiallyAccepted);
  const [reason, setReason] = useState(defaultReason);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const chosen = acceptedHits(hits, accepted);
  const open = hits.filter((hit) => !hit.alreadyRedacted).length;

  const apply = async (): Promise<void> => {
    setBusy(true);
    try {
      const result = await desk().applyOccurrences({ hits: chosen, reasonCode: reason });
      setError(null);
      setAccepted(new Set());
      onApplied(`${plural(result.added, 'redaction')} added in ${plural(result.messages, 'message')}${result.alreadyRedacted ? `; ${formatCount(result.alreadyRedacted)} already hidden` : ''}.`);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="hit-review">
      <div className="hit-review__bar">
        <p className="hit-review__count">
          {plural(hits.length, 'hit')}
          {more ? ' so far' : ''} · {formatCount(chosen.length)} of {formatCount(open)} accepted
        </p>
        <Button small onClick={() => setAccepted(redactableKeys(hits))} disabled={disabledReason !== null || open === 0}>
          Accept all
        </Button>
        <Button small onClick={() => setAccepted(new Set())} disabled={chosen.length === 0}>
          Skip all
        </Button>
        {more && (
          <Button small variant="quiet" onClick={onMore}>
            Load more
          </Button>
        )}
      </div>
      <HitList
        label={label}
        hits={hits}
        accepted={accepted}
        kindLabel={kindLabel}
        disabled={disabledReason !== null}
        onToggle={(key, accept) =>
          setAccepted((current) => {
            const next = new Set(current);
            if (accept) next.add(key);
            else next.delete(key);
            return next;
          })
        }
      />
      <div className="hit-review__apply">
        <SelectField id={`${id}-reason`} label="Reason" value={reason} onChange={(event) => setReason(event.target.value)}>
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
        <Button variant="primary" onClick={() => void apply()} disabled={busy || disabledReason !== null || chosen.length === 0 || !reason}>
          {busy ? 'Redacting…' : `Redact ${plural(chosen.length, 'accepted hit')}`}
        </Button>
      </div>
      <ErrorAlert title="Nothing was redacted" message={error} />
    </div>
  );
}
