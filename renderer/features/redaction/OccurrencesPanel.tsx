import { useState, type FormEvent } from 'react';
import type { OccurrenceTarget, ReasonCodeInfo } from '../../../preload/channels/redaction';
import { desk } from '../../api';
import { Button } from '../../components/Button';
import { CheckboxField } from '../../components/CheckboxField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SegmentedRadio } from '../../components/SegmentedRadio';
import { TextField } from '../../components/TextField';
import { redactableKeys } from './hits';
import { HitReview } from './HitReview';
import { ScopeFields } from './ScopeFields';
import { usePagedHits } from './usePagedHits';
import type { TextScopeState } from './useTextScope';
import { startingReason } from './startingReason';

interface OccurrencesPanelProps {
  readonly scope: TextScopeState;
  readonly reasons: readonly ReasonCodeInfo[];
  /** The reason the case's newest redaction gave, which the reason starts on; null: none chosen. */
  readonly lastReason: string | null;
  readonly disabledReason: string | null;
  readonly onApplied: (text: string) => void;
}

type Mode = 'text' | 'pattern';

/** "Redact every occurrence" (SPEC §6): a text or pattern, a preview of every hit with its context, then apply. */
export function OccurrencesPanel({ scope, reasons, lastReason, disabledReason, onApplied }: OccurrencesPanelProps) {
  const [mode, setMode] = useState<Mode>('text');
  const [text, setText] = useState('');
  const [caseSensitive, setCaseSensitive] = useState(false);
  const [wholeWord, setWholeWord] = useState(true);
  const [ignoreCase, setIgnoreCase] = useState(true);
  const { listing: preview, error, busy, load: loadPage } = usePagedHits((target: OccurrenceTarget, after: number) =>
    desk().previewOccurrences({ target, scope: scope.scope!, after }),
  );
  const load = async (target: OccurrenceTarget, after: number): Promise<void> => {
    if (scope.scope) await loadPage(target, after);
  };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const target: OccurrenceTarget =
      mode === 'text' ? { kind: 'text', text: text.trim(), caseSensitive, wholeWord } : { kind: 'pattern', pattern: text, flags: ignoreCase ? 'i' : '' };
    void load(target, 0);
  };

  return (
    <div className="redaction-tool">
      <form className="redaction-tool__form" aria-label="Redact every occurrence" noValidate onSubmit={submit}>
        <SegmentedRadio
          id="occurrence-mode"
          label="Look for"
          value={mode}
          onChange={setMode}
          options={[
            { value: 'text', label: 'Text' },
            { value: 'pattern', label: 'Pattern (regular expression)' },
          ]}
        />
        <TextField
          id="occurrence-text"
          label={mode === 'text' ? 'Text to redact' : 'Pattern'}
          mono={mode === 'pattern'}
          value={text}
          onChange={(event) => setText(event.target.value)}
          hint={mode === 'text' ? 'Apostrophes and accents match however they were typed.' : 'JavaScript syntax, e.g. \\b07\\d{3} ?\\d{6}\\b'}
        />
        {mode === 'text' ? (
          <div className="redaction-tool__options">
            <CheckboxField id="occurrence-whole-word" label="Whole words only" checked={wholeWord} onCheckedChange={setWholeWord} />
            <CheckboxField id="occurrence-case" label="Match case" checked={caseSensitive} onCheckedChange={setCaseSensitive} />
          </div>
        ) : (
          <CheckboxField id="occurrence-ignore-case" label="Ignore case" checked={ignoreCase} onCheckedChange={setIgnoreCase} />
        )}
        <ScopeFields id="occurrence-scope" state={scope} />
        <div>
          <Button type="submit" variant="primary" disabled={busy || text.trim() === '' || scope.scope === null}>
            {busy ? 'Looking…' : 'Preview every occurrence'}
          </Button>
        </div>
      </form>
      <ErrorAlert title="The occurrences could not be listed" message={error} />
      {preview &&
        (preview.hits.length === 0 ? (
          <p className="redaction-tool__none" role="status">
            No occurrences found.
          </p>
        ) : (
          <HitReview
            key={preview.run}
            id="occurrence"
            label="Occurrences"
            hits={preview.hits}
            initiallyAccepted={redactableKeys(preview.hits)}
            reasons={reasons}
            defaultReason={startingReason(reasons, lastReason)}
            more={preview.next !== null}
            onMore={() => void load(preview.query, preview.next ?? 0)}
            disabledReason={disabledReason}
            onApplied={(done) => {
              onApplied(done);
              void load(preview.query, 0);
            }}
          />
        ))}
    </div>
  );
}
