import { useState, type FormEvent } from 'react';
import type { OccurrenceTarget, ReasonCodeInfo } from '../../../common/contract/channels/redaction';
import { Button } from '../../components/Button';
import { CheckboxField } from '../../components/CheckboxField';
import { SegmentedRadio } from '../../components/SegmentedRadio';
import { TextField } from '../../components/TextField';
import { ScopeFields } from './ScopeFields';
import { SweepResults } from './SweepResults';
import { useSweepJob } from './useSweepJob';
import type { TextScopeState } from './useTextScope';
import { startingReason } from './startingReason';

interface OccurrencesPanelProps {
  readonly scope: TextScopeState;
  readonly reasons: readonly ReasonCodeInfo[];
  /** The reason the case's newest redaction gave, which the reason starts on; null: none chosen. */
  readonly lastReason: string | null;
  readonly timeZone: string;
  readonly disabledReason: string | null;
  readonly onApplied: (text: string) => void;
}

type Mode = 'text' | 'pattern';

/**
 * "Redact every occurrence" (docs/spec.md §6): a text (a phone number in any spelling) or a pattern; the whole
 * scope is scanned (progress, cancel), every hit listed with its context, then the accepted ones applied.
 */
export function OccurrencesPanel({ scope, reasons, lastReason, timeZone, disabledReason, onApplied }: OccurrencesPanelProps) {
  const [mode, setMode] = useState<Mode>('text');
  const [text, setText] = useState('');
  const [caseSensitive, setCaseSensitive] = useState(false);
  const [wholeWord, setWholeWord] = useState(true);
  const [ignoreCase, setIgnoreCase] = useState(true);
  const sweep = useSweepJob();
  const busy = sweep.job.status === 'starting' || sweep.job.status === 'running';
  const [target, setTarget] = useState<OccurrenceTarget | null>(null);
  const load = async (looked: OccurrenceTarget): Promise<void> => {
    setTarget(looked);
    if (scope.scope) await sweep.start({ kind: 'occurrences', scope: scope.scope, target: looked });
  };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const looked: OccurrenceTarget =
      mode === 'text'
        ? { kind: 'text', text: text.trim(), caseSensitive, wholeWord }
        : { kind: 'pattern', pattern: text, flags: ignoreCase ? 'i' : '' };
    void load(looked);
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
          hint={
            mode === 'text'
              ? 'Any case, accents, ligatures and hidden characters; also found in sender names, titles and file names. A phone number matches in any spelling.'
              : 'JavaScript syntax, e.g. \\b07\\d{3} ?\\d{6}\\b'
          }
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
            {busy ? 'Scanning…' : 'Preview every occurrence'}
          </Button>
        </div>
      </form>
      <SweepResults
        id="occurrence"
        label="Occurrences"
        job={sweep.job}
        onCancel={() => void sweep.cancel()}
        acceptAllAtFirst
        reasons={reasons}
        defaultReason={startingReason(reasons, lastReason)}
        timeZone={timeZone}
        disabledReason={disabledReason}
        onApplied={(done) => {
          onApplied(done);
          if (target) void load(target);
        }}
      />
    </div>
  );
}
