import type { AppInfo } from '../../../common/contract';
import { desk, errorMessage } from '../../api';
import { Button } from '../../components/Button';
import { CheckboxField } from '../../components/CheckboxField';
import { SegmentedRadio } from '../../components/SegmentedRadio';
import { TextField } from '../../components/TextField';
import { type BundleForm, type ProducedOutcome } from './bundleSettings';

interface BundleSettingsFormProps {
  readonly app: AppInfo;
  readonly form: BundleForm;
  readonly timeZone: string;
  readonly custodians: readonly { readonly id: number; readonly name: string }[];
  readonly onChange: (form: BundleForm) => void;
  readonly onError: (message: string) => void;
  readonly disabled: boolean;
  /** The references the bundle would get ("INQ000000004–INQ000000009"), once the case has said; empty: none. */
  readonly references: string | null;
}

const toggled = <T,>(list: readonly T[], value: T, on: boolean): T[] =>
  on ? [...list.filter((v) => v !== value), value] : list.filter((v) => v !== value);

/** The bundle's numbering, document unit, scope and output folder (docs/spec.md §7). */
export function BundleSettingsForm({ app, form, timeZone, custodians, onChange, onError, disabled, references }: BundleSettingsFormProps) {
  const set = (patch: Partial<BundleForm>): void => onChange({ ...form, ...patch });
  const chooseFolder = async (): Promise<void> => {
    try {
      const { path } = await desk().chooseFolder({ purpose: 'bundle' });
      if (path) set({ outputDir: path });
    } catch (err) {
      onError(errorMessage(err));
    }
  };
  const outcome = (value: ProducedOutcome, label: string) => (
    <CheckboxField
      id={`bundle-outcome-${value}`}
      label={label}
      checked={form.outcomes.includes(value)}
      onCheckedChange={(on) => set({ outcomes: toggled(form.outcomes, value, on) })}
      disabled={disabled}
    />
  );
  return (
    <div className="bundle-settings">
      {form.reissue ? (
        <fieldset className="bundle-settings__group bundle-settings__reissue" disabled={disabled}>
          <legend className="bundle-settings__legend">Re-issue of {form.reissue.references}</legend>
          <p className="bundle-settings__example">
            A new version of that bundle, with the same references. The reason is printed on its cover and recorded in its manifest and the
            audit log.
          </p>
          <TextField
            id="bundle-reissue-reason"
            label="Why it is re-issued"
            className="bundle-settings__folder"
            value={form.reissue.reason}
            autoFocus
            onChange={(event) => form.reissue && set({ reissue: { ...form.reissue, reason: event.target.value } })}
          />
          <Button onClick={() => set({ reissue: null })}>Stop re-issuing</Button>
        </fieldset>
      ) : (
        <fieldset className="bundle-settings__group" disabled={disabled}>
          <legend className="bundle-settings__legend">Numbering</legend>
          <TextField
            id="bundle-prefix"
            label="Reference prefix"
            mono
            value={form.prefix}
            onChange={(event) => set({ prefix: event.target.value.toUpperCase() })}
          />
          <TextField
            id="bundle-first"
            label="First number"
            mono
            inputMode="numeric"
            placeholder="next free"
            value={form.firstNumber}
            onChange={(event) => set({ firstNumber: event.target.value })}
          />
          <TextField
            id="bundle-width"
            label="Digits"
            mono
            inputMode="numeric"
            value={form.width}
            onChange={(event) => set({ width: event.target.value })}
          />
          <div className="bundle-settings__checks">
            <CheckboxField
              id="bundle-draft"
              label="Draft — not for disclosure"
              checked={form.draft}
              onCheckedChange={(draft) => set({ draft })}
              disabled={disabled}
            />
          </div>
        </fieldset>
      )}
      <p className="bundle-settings__example" role="status">
        {references === null ? (
          'Numbering the bundle…'
        ) : references === '' ? (
          'No references yet: nothing to produce with these settings.'
        ) : (
          <>
            References: <span className="mono">{references}</span>
          </>
        )}
      </p>
      <SegmentedRadio
        id="bundle-unit"
        label="One reference per"
        value={form.unit}
        disabled={disabled}
        onChange={(unit) => set({ unit })}
        options={[
          { value: 'conversation', label: 'Conversation extract' },
          { value: 'day', label: '24-hour slice' },
        ]}
      />
      <fieldset className="bundle-settings__group" disabled={disabled}>
        <legend className="bundle-settings__legend">What to produce (days in {timeZone})</legend>
        <div className="bundle-settings__checks">
          {outcome('disclose', 'Disclose')}
          {outcome('disclose_redacted', 'Disclose with redactions')}
          <CheckboxField
            id="bundle-pending"
            label="Undecided messages too (draft)"
            checked={form.includePending}
            onCheckedChange={(includePending) => set({ includePending })}
            disabled={disabled}
          />
        </div>
        {custodians.length > 1 && (
          <div className="bundle-settings__checks" role="group" aria-label="Custodians (none ticked: all)">
            {custodians.map((custodian) => (
              <CheckboxField
                key={custodian.id}
                id={`bundle-custodian-${custodian.id}`}
                label={custodian.name}
                checked={form.custodianIds.includes(custodian.id)}
                onCheckedChange={(on) => set({ custodianIds: toggled(form.custodianIds, custodian.id, on) })}
                disabled={disabled}
              />
            ))}
          </div>
        )}
        <TextField
          id="bundle-from"
          label="First day"
          optional
          type="date"
          value={form.from}
          onChange={(event) => set({ from: event.target.value })}
        />
        <TextField
          id="bundle-to"
          label="Last day"
          optional
          type="date"
          value={form.to}
          onChange={(event) => set({ to: event.target.value })}
        />
      </fieldset>
      <fieldset className="bundle-settings__group bundle-settings__group--output" disabled={disabled}>
        <legend className="bundle-settings__legend">Output</legend>
        <CheckboxField
          id="bundle-xlsx"
          label="Schedule as XLSX as well as CSV"
          checked={form.xlsx}
          onCheckedChange={(xlsx) => set({ xlsx })}
          disabled={disabled}
        />
        <TextField
          id="bundle-folder"
          label="Output folder"
          mono
          className="bundle-settings__folder"
          value={form.outputDir}
          placeholder="/home/…/Bundles/M2-R9-044"
          hint="The PDF, schedule and manifest are written into this folder."
          onChange={(event) => set({ outputDir: event.target.value })}
          action={app.nativeDialogs ? <Button onClick={() => void chooseFolder()}>Choose…</Button> : undefined}
        />
      </fieldset>
    </div>
  );
}
