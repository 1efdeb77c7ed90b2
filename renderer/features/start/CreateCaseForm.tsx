import { useState, type FormEvent } from 'react';
import type { CaseInfo } from '../../../common/domain/model';
import { CreateCaseArgs, type AppInfo } from '../../../common/contract';
import { desk, errorMessage } from '../../api';
import { Button } from '../../components/Button';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/TextField';
import { TimeZoneField } from '../../components/TimeZoneField';
import { asSentence } from '../../format';
import { suggestCasePath } from './casePath';
import { fieldErrors } from '../../fieldErrors';
import { MARKING_SUGGESTIONS, NEW_CASE_DEFAULTS } from './newCaseDefaults';
import { FIRST_FIELD_ID } from './startRequest';
import { useCaseAction } from './useCaseAction';

/** In the order they appear, so the first invalid one can take focus. */
const FIELDS = ['name', 'inquiry', 'requestReference', 'referencePrefix', 'protectiveMarking', 'defaultTimeZone', 'path'] as const;
type FieldName = (typeof FIELDS)[number];

const fieldId = (field: FieldName): string => (field === 'name' ? FIRST_FIELD_ID.create : `new-case-${field}`);

interface CreateCaseFormProps {
  readonly app: AppInfo;
  readonly onCreated: (info: CaseInfo) => void;
}

export function CreateCaseForm({ app, onCreated }: CreateCaseFormProps) {
  const [values, setValues] = useState<Record<Exclude<FieldName, 'path'>, string>>({
    name: '',
    inquiry: '',
    requestReference: '',
    ...NEW_CASE_DEFAULTS,
  });
  // Until the reviewer picks or types a location, it follows the case name.
  const [chosenPath, setChosenPath] = useState<string | null>(null);
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const action = useCaseAction(onCreated);
  const path = chosenPath ?? suggestCasePath(app.defaultCaseFolder, values.name);

  const change = (field: FieldName, value: string): void => {
    if (field === 'path') setChosenPath(value);
    else setValues((current) => ({ ...current, [field]: value }));
    setErrors(({ [field]: _fixed, ...rest }) => rest);
  };

  const choosePath = async (): Promise<void> => {
    try {
      const suggestedName = values.name.trim().slice(0, 200) || undefined;
      const { path: chosen } = await desk().chooseCasePath({ purpose: 'create', suggestedName });
      if (chosen) change('path', chosen);
    } catch (err) {
      setErrors((current) => ({ ...current, path: errorMessage(err) }));
    }
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const parsed = CreateCaseArgs.safeParse({ ...values, path });
    if (!parsed.success) {
      const found = fieldErrors(parsed.error, FIELDS);
      setErrors(found);
      const first = FIELDS.find((field) => found[field]);
      if (first) document.getElementById(fieldId(first))?.focus();
      return;
    }
    setErrors({});
    await action.run(() => desk().createCase(parsed.data));
  };

  const fieldProps = (field: Exclude<FieldName, 'path'>) => ({
    id: fieldId(field),
    value: values[field],
    error: errors[field] && asSentence(errors[field]),
    onChange: (event: { target: { value: string } }) => change(field, event.target.value),
  });

  return (
    <form className="case-form" noValidate onSubmit={(event) => void submit(event)} aria-label="New case">
      <ErrorAlert title="The case was not created" message={action.error} />
      <div className="case-form__grid">
        <TextField {...fieldProps('name')} label="Case name" className="case-form__wide" autoComplete="off" />
        <TextField {...fieldProps('inquiry')} label="Inquiry" optional className="case-form__wide" placeholder="e.g. UK Covid-19 Inquiry" />
        <TextField {...fieldProps('requestReference')} label="Request reference" optional placeholder="e.g. M2/CO/R9/01" />
        <TextField
          {...fieldProps('referencePrefix')}
          label="Reference prefix"
          mono
          hint="Starts every item reference in a bundle, as in INQ000236371."
        />
        <TextField
          {...fieldProps('protectiveMarking')}
          label="Protective marking"
          list="marking-suggestions"
          hint="Shown on every screen and every bundle page."
        />
        <TimeZoneField
          {...fieldProps('defaultTimeZone')}
          label="Default time zone"
          hint="Used to read times that an export gives without a zone."
        />
        <TextField
          id={fieldId('path')}
          label="Case file location"
          className="case-form__wide"
          mono
          value={path}
          readOnly={app.nativeDialogs}
          error={errors.path && asSentence(errors.path)}
          onChange={(event) => change('path', event.target.value)}
          hint="The whole case is this one file. Keep it where only the review team can reach it."
          action={
            app.nativeDialogs && (
              <Button onClick={() => void choosePath()} aria-label="Choose case file location">
                Choose…
              </Button>
            )
          }
        />
      </div>
      <datalist id="marking-suggestions">
        {MARKING_SUGGESTIONS.map((marking) => (
          <option key={marking} value={marking} />
        ))}
      </datalist>
      <div className="case-form__actions">
        <Button type="submit" variant="primary" disabled={action.pending}>
          {action.pending ? 'Creating…' : 'Create case'}
        </Button>
      </div>
    </form>
  );
}
