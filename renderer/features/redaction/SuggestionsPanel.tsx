import { useState, type FormEvent } from 'react';
import { SUGGESTION_KINDS, type SuggestionKind } from '../../../main/domain/redaction';
import type { ReasonCodeInfo } from '../../../preload/channels/redaction';
import { desk } from '../../api';
import { Button } from '../../components/Button';
import { CheckboxField } from '../../components/CheckboxField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { HitReview } from './HitReview';
import { ScopeFields } from './ScopeFields';
import { usePagedHits } from './usePagedHits';
import type { TextScopeState } from './useTextScope';
import { startingReason } from './startingReason';

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
  /** The reason the case's newest redaction gave, which the reason starts on; null: none chosen. */
  readonly lastReason: string | null;
  readonly disabledReason: string | null;
  readonly onApplied: (text: string) => void;
}

/** Personal data the app can spot (SPEC §6): found in a scope, each hit accepted or skipped, then redacted together. */
export function SuggestionsPanel({ scope, reasons, lastReason, disabledReason, onApplied }: SuggestionsPanelProps) {
  const [kinds, setKinds] = useState<ReadonlySet<SuggestionKind>>(new Set(SUGGESTION_KINDS));
  // The scope and kinds as they stand when a page is asked for, a later page included.
  const { listing: found, error, busy, load } = usePagedHits(async (_query: null, after: number) => {
    const page = await desk().findSuggestions({ scope: scope.scope!, kinds: SUGGESTION_KINDS.filter((k) => kinds.has(k)), after });
    return { hits: page.suggestions, next: page.next };
  });
  const find = async (after: number): Promise<void> => {
    if (scope.scope) await load(null, after);
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
        (found.hits.length === 0 ? (
          <p className="redaction-tool__none" role="status">
            Nothing found.
          </p>
        ) : (
          <HitReview
            key={found.run}
            id="suggest"
            label="Suggestions"
            hits={found.hits}
            initiallyAccepted={new Set()}
            reasons={reasons}
            defaultReason={startingReason(reasons, lastReason)}
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
