import { SOURCE_FORMATS, type SourceFormat } from '../../../common/domain/model';
import { CheckboxField } from '../../components/CheckboxField';
import { SelectField } from '../../components/SelectField';
import { TimeZoneField } from '../../components/TimeZoneField';
import { SOURCE_FORMAT_LABELS } from '../../../common/domain/model';

export type DateOrderChoice = 'auto' | 'dmy' | 'mdy';

export interface ImportOptionsValue {
  readonly format: SourceFormat | null;
  readonly timeZone: string;
  readonly dateOrder: DateOrderChoice;
  /** Refuse a file with a defect the import could work around (ImportArgs.strict). */
  readonly strict: boolean;
}

const DATE_ORDER_CHOICES: readonly { readonly value: DateOrderChoice; readonly label: string; readonly example: string }[] = [
  { value: 'auto', label: 'Work it out from the dates', example: 'recommended; the source records how it was decided' },
  { value: 'dmy', label: 'Day first', example: '03/04/2021 is 3 April' },
  { value: 'mdy', label: 'Month first', example: '03/04/2021 is 4 March' },
];

interface ImportOptionsProps {
  readonly value: ImportOptionsValue;
  readonly caseTimeZone: string;
  readonly timeZoneError: string | undefined;
  readonly open: boolean;
  readonly onOpenChange: (open: boolean) => void;
  readonly onChange: (value: ImportOptionsValue) => void;
}

const isFormat = (value: string): value is SourceFormat => (SOURCE_FORMATS as readonly string[]).includes(value);

/** The choices most imports never need, folded away until asked for. */
export function ImportOptions({ value, caseTimeZone, timeZoneError, open, onOpenChange, onChange }: ImportOptionsProps) {
  const changed = [
    value.format && 'format',
    value.timeZone !== caseTimeZone && 'time zone',
    value.dateOrder !== 'auto' && 'date order',
    value.strict && 'refuse damaged files',
  ].filter(Boolean);
  return (
    <details className="import-options" open={open} onToggle={(event) => onOpenChange(event.currentTarget.open)}>
      <summary className="import-options__summary">
        Advanced options
        <span className="import-options__state">
          {changed.length > 0 ? ` — changed: ${changed.join(', ')}` : ' — format, time zone, date order, damaged files'}
        </span>
      </summary>
      <div className="import-options__body">
        <SelectField
          id="import-format"
          label="Format"
          value={value.format ?? ''}
          onChange={(event) => onChange({ ...value, format: isFormat(event.target.value) ? event.target.value : null })}
          hint="Applies to every file in the list. Choose a format only when detection is wrong."
        >
          <option value="">Detect from each file’s content (recommended)</option>
          {SOURCE_FORMATS.map((format) => (
            <option key={format} value={format}>
              {SOURCE_FORMAT_LABELS[format]}
            </option>
          ))}
        </SelectField>
        <TimeZoneField
          id="import-time-zone"
          label="Time zone"
          value={value.timeZone}
          error={timeZoneError}
          onChange={(event) => onChange({ ...value, timeZone: event.target.value })}
          hint={`For times an export writes without a zone (WhatsApp, some SMS backups). The case’s default is ${caseTimeZone}.`}
        />
        <fieldset className="import-options__date-order">
          <legend className="field__label">Date order</legend>
          {DATE_ORDER_CHOICES.map((choice) => (
            <label key={choice.value} className="radio">
              <input
                type="radio"
                name="import-date-order"
                value={choice.value}
                checked={value.dateOrder === choice.value}
                onChange={() => onChange({ ...value, dateOrder: choice.value })}
              />
              <span>
                {choice.label} <span className="radio__hint">({choice.example})</span>
              </span>
            </label>
          ))}
        </fieldset>
        <div className="import-options__strict">
          <CheckboxField
            id="import-strict"
            label="Refuse a file with any defect (strict)"
            checked={value.strict}
            onCheckedChange={(strict) => onChange({ ...value, strict })}
            hint="Otherwise a file with stray lines before its first message, NUL bytes or a record cut off at its end is imported: what is whole becomes messages, and everything else is kept as a note on the source, with where it was."
          />
        </div>
      </div>
    </details>
  );
}
