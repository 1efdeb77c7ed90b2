import * as RadioGroup from '@radix-ui/react-radio-group';
import { FieldNotes, fieldNoteIds } from './FieldNotes';
import './segmented-radio.css';

export interface SegmentOption<V extends string> {
  readonly value: V;
  readonly label: string;
  /** The one-key shortcut for this choice, shown on it and announced with it. */
  readonly shortcut?: string;
}

interface SegmentedRadioProps<V extends string> {
  readonly id: string;
  readonly label: string;
  readonly options: readonly SegmentOption<V>[];
  /** '' when nothing is chosen (several messages with different values, or none recorded yet). */
  readonly value: V | '';
  readonly onChange: (value: V) => void;
  readonly disabled?: boolean;
  readonly error?: string | undefined;
  /** A changed value is marked, so the reviewer sees what "Apply" will change. */
  readonly changed?: boolean;
}

/** One choice of a few, drawn as a row of buttons: a Radix radio group (arrow keys move and choose). */
export function SegmentedRadio<V extends string>({
  id,
  label,
  options,
  value,
  onChange,
  disabled,
  error,
  changed,
}: SegmentedRadioProps<V>) {
  const { describedBy } = fieldNoteIds(id, undefined, error);
  return (
    <div className={['segmented', changed && 'segmented--changed', error && 'segmented--invalid'].filter(Boolean).join(' ')}>
      <span id={`${id}-label`} className="field__label">
        {label}
        {changed && <span className="segmented__changed"> (changed)</span>}
      </span>
      <RadioGroup.Root
        className="segmented__group"
        aria-labelledby={`${id}-label`}
        aria-describedby={describedBy}
        value={value}
        onValueChange={(next) => onChange(next as V)}
        disabled={disabled}
        orientation="horizontal"
      >
        {options.map((option) => (
          <RadioGroup.Item
            key={option.value}
            id={`${id}-${option.value}`}
            value={option.value}
            className="segmented__item"
            aria-keyshortcuts={option.shortcut}
            // Radix follows WAI-ARIA, where Enter does nothing on a radio; reviewers press it to choose, as Space does.
            onKeyDown={(event) => {
              if (event.key !== 'Enter' || disabled) return;
              event.preventDefault();
              onChange(option.value);
            }}
          >
            {option.label}
            {option.shortcut && (
              <kbd className="segmented__key" aria-hidden="true">
                {option.shortcut}
              </kbd>
            )}
          </RadioGroup.Item>
        ))}
      </RadioGroup.Root>
      <FieldNotes id={id} error={error} />
    </div>
  );
}
