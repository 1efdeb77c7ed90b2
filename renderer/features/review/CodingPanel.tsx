import * as Popover from '@radix-ui/react-popover';
import { useState, type FormEvent } from 'react';
import {
  ARTICLE8_ENGAGED,
  ARTICLE8_WHOSE,
  CLASSIFICATIONS,
  LESS_INTRUSIVE_STEPS,
  OUTCOMES,
  RELEVANCES,
} from '../../../common/domain/model';
import type { CurrentReview, ReviewChange, ReviewEvent } from '../../../common/contract/channels/review';
import { Button } from '../../components/Button';
import { CheckboxField } from '../../components/CheckboxField';
import { SegmentedRadio, type SegmentOption } from '../../components/SegmentedRadio';
import { SelectField } from '../../components/SelectField';
import { TextAreaField } from '../../components/TextAreaField';
import { TextField } from '../../components/TextField';
import { formatCount, formatDateTime } from '../../format';
import { endOfDay, startOfDay } from '../search/zonedDate';
import { draftChange, initialDraft, type Article8Draft, type Article8Field, type CodingDraft } from './codingDraft';
import { REVIEW_BINDINGS } from './reviewKeys';
import '../../components/popover.css';
import { CLASSIFICATION_LABELS, ENGAGED_LABELS, OUTCOME_LABELS, RELEVANCE_LABELS, STEP_LABELS, WHOSE_LABELS } from './reviewLabels';

export const ARTICLE8_FORM_ID = 'article8-form';

/** Where "Apply" sends the change. */
export type ApplyScope =
  | { readonly kind: 'target' }
  | { readonly kind: 'conversation' }
  | { readonly kind: 'dateRange'; readonly from: number; readonly to: number };

export interface CodingTarget {
  /** Names what the panel codes: "Message 4 of 57" or "12 selected messages". */
  readonly title: string;
  /** How many messages "Apply" changes (1 for the current message). */
  readonly count: number;
  /** Its decision, for one message; null for a selection (nothing is chosen until the reviewer chooses). */
  readonly current: CurrentReview | null;
  /** False while the decision is being read: the form starts again once it arrives. */
  readonly loaded: boolean;
  /**
   * Set when the panel codes one attachment of the message: whether its decision is its own or its
   * message's, in words. An attachment is coded on its own; the wider scopes are the messages'.
   */
  readonly attachment?: { readonly note: string };
}

interface CodingPanelProps {
  readonly target: CodingTarget;
  readonly conversationMessages: number;
  readonly defaultObjective: string;
  readonly timeZone: string;
  /** Why nothing can be recorded (a read-only case), or null. */
  readonly disabledReason: string | null;
  readonly onApply: (scope: ApplyScope, change: ReviewChange, propagate: boolean) => Promise<boolean>;
}

/** The shortcut letter of a choice, from the one key map. */
const keyOf = (description: string): string | undefined =>
  REVIEW_BINDINGS.coding.find((binding) => binding.description === description)?.key.toUpperCase();

function options<V extends string>(values: readonly V[], labels: Readonly<Record<V, string>>, withKeys: boolean): SegmentOption<V>[] {
  return values.map((value) => {
    const shortcut = withKeys ? keyOf(labels[value]) : undefined;
    return shortcut ? { value, label: labels[value], shortcut } : { value, label: labels[value] };
  });
}

/**
 * The decision for the current message or the selection (docs/spec.md §5): classification, relevance,
 * outcome, a rationale and the Article 8 assessment. Only what the reviewer changes is applied.
 */
export function CodingPanel(props: CodingPanelProps) {
  // A new target (or its decision recorded) starts the form again from what is now recorded.
  const key = `${props.target.title}:${props.target.loaded ? (props.target.current?.updatedAt ?? 'none') : 'loading'}`;
  return <CodingForm key={key} {...props} />;
}

function CodingForm({ target, conversationMessages, defaultObjective, timeZone, disabledReason, onApply }: CodingPanelProps) {
  const [initial] = useState(() => initialDraft(target.current, defaultObjective));
  const [draft, setDraft] = useState<CodingDraft>(initial);
  const [propagate, setPropagate] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<Article8Field, string>>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const disabled = disabledReason !== null || busy;

  const set = <K extends keyof CodingDraft>(field: K, value: CodingDraft[K]): void => {
    setDraft((current) => ({ ...current, [field]: value }));
    setNotice(null);
  };
  const setA8 = <K extends keyof Article8Draft>(field: K, value: Article8Draft[K]): void => {
    setDraft((current) => ({ ...current, article8: { ...current.article8, [field]: value } }));
    setErrors((current) => ({ ...current, [field]: undefined }));
    setNotice(null);
  };

  const apply = async (scope: ApplyScope): Promise<void> => {
    const result = draftChange(initial, draft);
    if (!result.ok) {
      if (result.nothing) {
        setNotice('Nothing to apply: change a value above first.');
      } else {
        setErrors(result.errors);
        setNotice('The Article 8 assessment is incomplete: see the questions marked below.');
        const first = Object.keys(result.errors)[0] ?? 'engaged';
        document.querySelector<HTMLElement>(`#${ARTICLE8_FORM_ID} :is(button, textarea)[id^="a8-${first}"]`)?.focus();
      }
      return;
    }
    setBusy(true);
    const ok = await onApply(scope, result.change, propagate);
    setBusy(false);
    if (ok && scope.kind !== 'target') setNotice('Applied.');
  };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    void apply({ kind: 'target' });
  };

  const a8 = draft.article8;
  return (
    <form className="coding" aria-labelledby="coding-title" noValidate onSubmit={submit}>
      <div className="coding__head">
        <h3 id="coding-title" className="coding__title">
          Coding
        </h3>
        <p className="coding__target">{target.title}</p>
        {target.attachment && <p className="coding__inherits">{target.attachment.note}</p>}
      </div>
      {disabledReason && <p className="coding__disabled">{disabledReason}</p>}
      <SegmentedRadio
        id="coding-classification"
        label="Classification"
        options={options(CLASSIFICATIONS, CLASSIFICATION_LABELS, true)}
        value={draft.classification}
        onChange={(value) => set('classification', value)}
        disabled={disabled}
        changed={draft.classification !== initial.classification}
      />
      <SegmentedRadio
        id="coding-relevance"
        label="Relevance to the request"
        options={options(RELEVANCES, RELEVANCE_LABELS, true)}
        value={draft.relevance}
        onChange={(value) => set('relevance', value)}
        disabled={disabled}
        changed={draft.relevance !== initial.relevance}
      />
      <SegmentedRadio
        id="coding-outcome"
        label="Outcome"
        options={options(OUTCOMES, OUTCOME_LABELS, true)}
        value={draft.outcome}
        onChange={(value) => set('outcome', value)}
        disabled={disabled}
        changed={draft.outcome !== initial.outcome}
      />
      <TextAreaField
        id="coding-rationale"
        label="Rationale"
        value={draft.rationale}
        onChange={(event) => set('rationale', event.target.value)}
        disabled={disabled}
      />

      <fieldset id={ARTICLE8_FORM_ID} className="article8" disabled={disabled}>
        <legend className="article8__legend">
          Article 8 assessment <span className="article8__key">(A)</span>
        </legend>
        <SegmentedRadio
          id="a8-engaged"
          label="Is private or family life engaged?"
          options={options(ARTICLE8_ENGAGED, ENGAGED_LABELS, false)}
          value={a8.engaged}
          onChange={(value) => {
            setA8('engaged', value);
            if (value === 'no') setA8('whose', '');
          }}
          disabled={disabled}
          error={errors.engaged}
        />
        <SegmentedRadio
          id="a8-whose"
          label="Whose?"
          options={options(ARTICLE8_WHOSE, WHOSE_LABELS, false)}
          value={a8.whose}
          onChange={(value) => setA8('whose', value)}
          disabled={disabled || a8.engaged === 'no' || a8.engaged === ''}
          error={errors.whose}
        />
        {a8.engaged !== '' && a8.engaged !== 'no' && (
          <>
            <TextAreaField
              id="a8-objective"
              label="1. Is the objective important enough?"
              hint="Prefilled with the inquiry’s terms of reference and the request."
              value={a8.objective}
              onChange={(event) => setA8('objective', event.target.value)}
              error={errors.objective}
            />
            <TextAreaField
              id="a8-rationalConnection"
              label="2. How is disclosing it connected to the objective?"
              value={a8.rationalConnection}
              onChange={(event) => setA8('rationalConnection', event.target.value)}
              error={errors.rationalConnection}
            />
            <SelectField
              id="a8-step"
              label="3. Could a less intrusive step serve?"
              value={a8.lessIntrusiveStep}
              onChange={(event) => setA8('lessIntrusiveStep', event.target.value as Article8Draft['lessIntrusiveStep'])}
            >
              {LESS_INTRUSIVE_STEPS.map((step) => (
                <option key={step} value={step}>
                  {STEP_LABELS[step]}
                </option>
              ))}
            </SelectField>
            <TextAreaField
              id="a8-lessIntrusiveReasoning"
              label="Why that step would or would not serve"
              value={a8.lessIntrusiveReasoning}
              onChange={(event) => setA8('lessIntrusiveReasoning', event.target.value)}
              error={errors.lessIntrusiveReasoning}
            />
            <TextAreaField
              id="a8-fairBalance"
              label="4. Does the benefit outweigh the intrusion?"
              value={a8.fairBalance}
              onChange={(event) => setA8('fairBalance', event.target.value)}
              error={errors.fairBalance}
            />
          </>
        )}
      </fieldset>

      {!target.attachment && (
        <CheckboxField
          id="coding-propagate"
          label="Propagate to duplicates on other custodians’ devices"
          checked={propagate}
          onCheckedChange={setPropagate}
          disabled={disabled}
        />
      )}
      <p className="coding__notice" role="status">
        {notice}
      </p>
      <div className="coding__actions">
        <Button type="submit" variant="primary" disabled={disabled}>
          {target.attachment
            ? 'Apply to this attachment'
            : target.count === 1
              ? 'Apply to this message'
              : `Apply to ${formatCount(target.count)} selected`}
        </Button>
        {!target.attachment && (
          <>
            <Button disabled={disabled} onClick={() => void apply({ kind: 'conversation' })}>
              Apply to conversation ({formatCount(conversationMessages)})
            </Button>
            <DateRangeApply disabled={disabled} timeZone={timeZone} onApply={(from, to) => void apply({ kind: 'dateRange', from, to })} />
          </>
        )}
      </div>
    </form>
  );
}

function DateRangeApply({
  disabled,
  timeZone,
  onApply,
}: {
  readonly disabled: boolean;
  readonly timeZone: string;
  readonly onApply: (from: number, to: number) => void;
}) {
  const [open, setOpen] = useState(false);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);

  const confirm = (): void => {
    const start = startOfDay(from, timeZone);
    const end = endOfDay(to, timeZone);
    if (start === null || end === null) return setError('Give both dates.');
    if (start >= end) return setError('The first day must not be after the last.');
    setOpen(false);
    onApply(start, end);
  };

  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger asChild>
        <Button disabled={disabled}>Apply to date range…</Button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content className="popover date-range" side="top" align="end" sideOffset={6} aria-label="Apply to a date range">
          <p className="popover__title">Apply to this conversation’s messages sent on these days ({timeZone})</p>
          <TextField
            id="range-from"
            label="First day"
            type="date"
            value={from}
            onChange={(event) => setFrom(event.target.value)}
            error={error}
          />
          <TextField id="range-to" label="Last day" type="date" value={to} onChange={(event) => setTo(event.target.value)} />
          <div className="popover__actions">
            <Popover.Close asChild>
              <Button small>Cancel</Button>
            </Popover.Close>
            <Button small variant="primary" onClick={confirm}>
              Apply to these days
            </Button>
          </div>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}

const ORIGIN_LABELS: Readonly<Record<ReviewEvent['origin'], string>> = {
  decision: 'Decided',
  bulk: 'Bulk decision',
  propagation: 'Propagated from a duplicate',
  undo: 'Undone',
  redo: 'Redone',
  custodian_flag: 'Custodian flag accepted',
};

/** Every recorded change to the current message, newest first. */
export function ReviewHistory({ events }: { readonly events: readonly ReviewEvent[] | null }) {
  return (
    <section className="review-history" aria-labelledby="review-history-title">
      <h4 id="review-history-title" className="review-history__title">
        History{events ? ` (${events.length})` : ''}
      </h4>
      {events === null ? null : events.length === 0 ? (
        <p className="review-history__empty">Not reviewed yet.</p>
      ) : (
        <ol className="review-history__list">
          {[...events].reverse().map((event) => (
            <li key={event.id}>
              <span className="review-history__when">
                {formatDateTime(event.at)} · {event.actor}
              </span>
              <span>
                {ORIGIN_LABELS[event.origin]}: {CLASSIFICATION_LABELS[event.classification]}, {RELEVANCE_LABELS[event.relevance]},{' '}
                {OUTCOME_LABELS[event.outcome]}
                {event.article8Id !== null && ', Article 8 assessed'}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
