import { useState, type FormEvent } from 'react';
import { SUGGESTION_KINDS, type SuggestionKind } from '../../../main/domain/redaction';
import type { ReasonCodeInfo, Suggestion } from '../../../preload/channels/redaction';
import { desk, errorMessage } from '../../api';
import { Button } from '../../components/Button';
import { CheckboxField } from '../../components/CheckboxField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { appendHits } from './hits';
import { HitReview } from './HitReview';
import { ScopeFields } from './ScopeFields';
import type { TextScopeState } from './useTextScope';

export const SUGGESTION_LABELS: Readonly<Record<SuggestionKind, string>> = {
  phone: 'Phone numbers',
  email: 'Email addresses',
  postcode: 'UK postcodes',
  ni_number: 'National Insurance numbers',
  name: 'Names on the case list',
};

const SHORT_LABELS: Readonly<Record<string, string>> = { phone: 'Phone', email: 'Email', postcode: 'Postcode', ni_number: 'NI number', name: 'Name' };

interface SuggestionsPanelProps {
  readonly scope: TextScopeState;
  readonly reasons: readonly ReasonCodeInfo[];
  readonly disabledReason: string | null;
  readonly onApplied: (text: string) => void;
}

interface Found {
  readonly run: number;
  readonly suggestions: readonly Suggestion[];
  readonly next: number | null;
}

/** Personal data the app can spot (SPEC §6): found in a scope, each hit accepted or skipped, then redacted together. */
export function SuggestionsPanel({ scope, reasons, disabledReason, onApplied }: SuggestionsPanelProps) {
  const [kinds, setKinds] = useState<ReadonlySet<SuggestionKind>>(new Set(SUGGESTION_KINDS));
  const [found, setFound] = useState<Found | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const find = async (after: number): Promise<void> => {
    if (!scope.scope) return;
    setBusy(true);
    try {
      const page = await desk().findSuggestions({ scope: scope.scope, kinds: SUGGESTION_KINDS.filter((k) => kinds.has(k)), after });
      setFound((current) =>
        after === 0 || !current
          ? { run: (current?.run ?? 0) + 1, suggestions: page.suggestions, next: page.next }
          : { ...current, suggestions: appendHits(current.suggestions, page.suggestions), next: page.next },
      );
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    void find(0);
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
            {busy ? 'Looking…' : 'Find suggestions'}
          </Button>
        </div>
      </form>
      <ErrorAlert title="The suggestions could not be found" message={error} />
      {found &&
        (found.suggestions.length === 0 ? (
          <p className="redaction-tool__none" role="status">
            Nothing found.
          </p>
        ) : (
          <HitReview
            key={found.run}
            id="suggest"
            label="Suggestions"
            hits={found.suggestions}
            initiallyAccepted={new Set()}
            reasons={reasons}
            defaultReason={reasons.find((r) => r.code === 'personal-contact')?.code ?? reasons[0]?.code ?? ''}
            more={found.next !== null}
            onMore={() => void find(found.next ?? 0)}
            disabledReason={disabledReason}
            kindLabel={(kind) => SHORT_LABELS[kind] ?? kind}
            onApplied={(text) => {
              onApplied(text);
              void find(0);
            }}
          />
        ))}
    </div>
  );
}
