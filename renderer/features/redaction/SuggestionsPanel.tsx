import { useState, type FormEvent } from 'react';
import { SUGGESTION_KINDS, type SuggestionKind } from '../../../common/domain/redaction';
import type { ReasonCodeInfo } from '../../../common/contract/channels/redaction';
import { Button } from '../../components/Button';
import { CheckboxField } from '../../components/CheckboxField';
import { ScopeFields } from './ScopeFields';
import { SweepResults } from './SweepResults';
import { useSweepJob } from './useSweepJob';
import type { TextScopeState } from './useTextScope';
import { startingReason } from './startingReason';

export const SUGGESTION_LABELS: Readonly<Record<SuggestionKind, string>> = {
  phone: 'Phone numbers',
  email: 'Email addresses',
  postcode: 'UK postcodes',
  ni_number: 'National Insurance numbers',
  name: 'Names on the case list',
};

const SHORT_LABELS: Readonly<Record<string, string>> = {
  phone: 'Phone',
  email: 'Email',
  postcode: 'Postcode',
  ni_number: 'NI number',
  name: 'Name',
};

interface SuggestionsPanelProps {
  readonly scope: TextScopeState;
  readonly reasons: readonly ReasonCodeInfo[];
  /** The reason the case's newest redaction gave, which the reason starts on; null: none chosen. */
  readonly lastReason: string | null;
  readonly timeZone: string;
  readonly disabledReason: string | null;
  readonly onApplied: (text: string) => void;
}

/**
 * Personal data the app can spot (docs/spec.md §6): the whole scope is scanned (progress, cancel), then every
 * hit is listed by conversation, accepted or skipped, and the accepted ones redacted together.
 */
export function SuggestionsPanel({ scope, reasons, lastReason, timeZone, disabledReason, onApplied }: SuggestionsPanelProps) {
  const [kinds, setKinds] = useState<ReadonlySet<SuggestionKind>>(new Set(SUGGESTION_KINDS));
  const sweep = useSweepJob();
  const busy = sweep.job.status === 'starting' || sweep.job.status === 'running';
  const find = async (): Promise<void> => {
    if (scope.scope) await sweep.start({ kind: 'suggestions', scope: scope.scope, kinds: SUGGESTION_KINDS.filter((k) => kinds.has(k)) });
  };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    void find();
  };

  return (
    <div className="redaction-tool">
      <form className="redaction-tool__form" aria-label="Find suggestions" noValidate onSubmit={submit}>
        <ScopeFields id="suggest-scope" state={scope} />
        <fieldset className="redaction-tool__kinds">
          <legend className="field__label">Look for</legend>
          {SUGGESTION_KINDS.map((kind) => (
            <CheckboxField
              key={kind}
              id={`suggest-${kind}`}
              label={SUGGESTION_LABELS[kind]}
              checked={kinds.has(kind)}
              onCheckedChange={(checked) =>
                setKinds((current) => {
                  const next = new Set(current);
                  if (checked) next.add(kind);
                  else next.delete(kind);
                  return next;
                })
              }
            />
          ))}
        </fieldset>
        <div>
          <Button type="submit" variant="primary" disabled={busy || kinds.size === 0 || scope.scope === null}>
            {busy ? 'Scanning…' : 'Find suggestions'}
          </Button>
        </div>
      </form>
      <SweepResults
        id="suggest"
        label="Suggestions"
        job={sweep.job}
        onCancel={() => void sweep.cancel()}
        acceptAllAtFirst={false}
        reasons={reasons}
        defaultReason={startingReason(reasons, lastReason)}
        timeZone={timeZone}
        disabledReason={disabledReason}
        kindLabel={(kind) => SHORT_LABELS[kind] ?? kind}
        onApplied={(text) => {
          onApplied(text);
          void find();
        }}
      />
    </div>
  );
}
