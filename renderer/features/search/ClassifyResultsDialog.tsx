import * as Dialog from '@radix-ui/react-dialog';
import { useState } from 'react';
import { CLASSIFICATIONS, OUTCOMES, RELEVANCES, type Classification, type Outcome, type Relevance } from '../../../common/domain/model';
import type { ReviewChange } from '../../../common/contract/channels/review';
import { desk, errorMessage } from '../../api';
import type { SearchFilters } from './filters';
import { Button } from '../../components/Button';
import { CheckboxField } from '../../components/CheckboxField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField } from '../../components/SelectField';
import { formatCount, plural } from '../../format';
import { BulkPreview, type BulkChoice } from '../review/BulkPreview';
import { CLASSIFICATION_LABELS, OUTCOME_LABELS, RELEVANCE_LABELS } from '../review/reviewLabels';

interface ClassifyResultsDialogProps {
  readonly query: string;
  readonly filters: SearchFilters;
  readonly total: number;
  readonly timeZone: string;
  readonly disabledReason: string | null;
  readonly onDone: (message: string) => void;
}

/** "Classify all N results…": one decision for every message the search found (selector `search`). */
export function ClassifyResultsDialog({ query, filters, total, timeZone, disabledReason, onDone }: ClassifyResultsDialogProps) {
  const [open, setOpen] = useState(false);
  // The values are chosen first; then the preview (main's count of what changes and what is kept).
  const [previewing, setPreviewing] = useState(false);
  const [classification, setClassification] = useState<Classification | ''>('');
  const [relevance, setRelevance] = useState<Relevance | ''>('');
  const [outcome, setOutcome] = useState<Outcome | ''>('');
  const [propagate, setPropagate] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const change: ReviewChange = {
    ...(classification && { classification }),
    ...(relevance && { relevance }),
    ...(outcome && { outcome }),
  };
  const nothing = Object.keys(change).length === 0;

  const selector = { kind: 'search', query, filters } as const;

  const apply = async ({ overwrite }: BulkChoice): Promise<void> => {
    setBusy(true);
    try {
      const result = await desk().reviewDecide({ selector, change, propagate, overwrite });
      setOpen(false);
      setPreviewing(false);
      setError(null);
      const kept = result.kept + result.heldByRedactions;
      onDone(
        `${plural(result.changed, 'message')} of ${plural(result.matched, 'result')} changed${result.propagated ? `, ${plural(result.propagated, 'duplicate')} too` : ''}` +
          `${kept ? `; ${formatCount(kept)} kept as ${kept === 1 ? 'it was' : 'they were'}` : ''}.`,
      );
    } catch (err) {
      setError(errorMessage(err));
      setPreviewing(false);
    } finally {
      setBusy(false);
    }
  };

  const onOpenChange = (next: boolean): void => {
    setOpen(next);
    if (!next) setPreviewing(false);
  };

  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Trigger asChild>
        <Button disabled={total === 0 || disabledReason !== null} title={disabledReason ?? undefined}>
          Classify all {formatCount(total)} results…
        </Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog classify-dialog">
          <div className="dialog__header">
            <Dialog.Title className="dialog__title">Classify all {formatCount(total)} results</Dialog.Title>
            <Dialog.Description className="dialog__description">
              Every message this search finds gets the values you choose; values left at “No change” stay as they are. Messages decided on
              their own are kept unless you choose to overwrite them. Undo reverses it in one step.
            </Dialog.Description>
          </div>
          {previewing ? (
            <BulkPreview
              args={{ selector, change, propagate }}
              timeZone={timeZone}
              onChoose={(choice) => !busy && void apply(choice)}
              cancel={<Button onClick={() => setPreviewing(false)}>Back</Button>}
            />
          ) : (
            <>
              <div className="classify-dialog__fields">
                <ErrorAlert title="Nothing was changed" message={error} />
                <SelectField
                  id="bulk-classification"
                  label="Classification"
                  value={classification}
                  onChange={(e) => setClassification(e.target.value as Classification | '')}
                >
                  <option value="">No change</option>
                  {CLASSIFICATIONS.map((v) => (
                    <option key={v} value={v}>
                      {CLASSIFICATION_LABELS[v]}
                    </option>
                  ))}
                </SelectField>
                <SelectField
                  id="bulk-relevance"
                  label="Relevance"
                  value={relevance}
                  onChange={(e) => setRelevance(e.target.value as Relevance | '')}
                >
                  <option value="">No change</option>
                  {RELEVANCES.map((v) => (
                    <option key={v} value={v}>
                      {RELEVANCE_LABELS[v]}
                    </option>
                  ))}
                </SelectField>
                <SelectField id="bulk-outcome" label="Outcome" value={outcome} onChange={(e) => setOutcome(e.target.value as Outcome | '')}>
                  <option value="">No change</option>
                  {OUTCOMES.map((v) => (
                    <option key={v} value={v}>
                      {OUTCOME_LABELS[v]}
                    </option>
                  ))}
                </SelectField>
                <CheckboxField
                  id="bulk-propagate"
                  label="Propagate to duplicates on other custodians’ devices"
                  checked={propagate}
                  onCheckedChange={setPropagate}
                />
              </div>
              <div className="dialog__footer">
                <Dialog.Close asChild>
                  <Button>Cancel</Button>
                </Dialog.Close>
                <Button variant="primary" disabled={nothing || busy} onClick={() => setPreviewing(true)}>
                  Preview…
                </Button>
              </div>
            </>
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
