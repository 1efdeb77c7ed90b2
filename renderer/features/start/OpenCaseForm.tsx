import { useState, type FormEvent } from 'react';
import type { CaseInfo } from '../../../common/domain/model';
import { CasePath, type AppInfo } from '../../../common/contract';
import { desk } from '../../api';
import { Button } from '../../components/Button';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/TextField';
import { asSentence } from '../../format';
import { folderSeparator } from './casePath';
import { FIRST_FIELD_ID } from './startRequest';
import { useCaseAction } from './useCaseAction';

interface OpenCaseFormProps {
  readonly app: AppInfo;
  readonly onOpened: (info: CaseInfo) => void;
}

export function OpenCaseForm({ app, onOpened }: OpenCaseFormProps) {
  const folder = app.defaultCaseFolder;
  const [path, setPath] = useState(folder.endsWith(folderSeparator(folder)) ? folder : folder + folderSeparator(folder));
  const [error, setError] = useState<string | null>(null);
  const action = useCaseAction(onOpened);

  const open = async (candidate: string): Promise<void> => {
    const parsed = CasePath.safeParse(candidate);
    if (!parsed.success) {
      setError(asSentence(parsed.error.issues[0]?.message ?? 'choose a case file'));
      document.getElementById(FIRST_FIELD_ID.open)?.focus();
      return;
    }
    setError(null);
    await action.run(() => desk().openCase({ path: parsed.data }));
  };

  // A file picked in the native dialog is opened straight away: choosing it was the decision.
  const choose = async (): Promise<void> => {
    await action.run(async () => {
      const { path: chosen } = await desk().chooseCasePath({ purpose: 'open' });
      if (!chosen) return null;
      setPath(chosen);
      return desk().openCase({ path: chosen });
    });
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    await open(path);
  };

  return (
    <form className="case-form" noValidate onSubmit={(event) => void submit(event)} aria-label="Open case">
      <ErrorAlert title="The case was not opened" message={action.error} />
      <TextField
        id={FIRST_FIELD_ID.open}
        label="Case file"
        mono
        value={path}
        error={error ?? undefined}
        onChange={(event) => {
          setPath(event.target.value);
          setError(null);
        }}
        hint="The full path of a .ddcase file. A case whose file is not writable opens read-only."
        action={
          app.nativeDialogs && (
            <Button onClick={() => void choose()} disabled={action.pending} aria-label="Choose a case file to open">
              Choose…
            </Button>
          )
        }
      />
      <div className="case-form__actions">
        <Button type="submit" variant="primary" disabled={action.pending}>
          {action.pending ? 'Opening…' : 'Open case'}
        </Button>
      </div>
    </form>
  );
}
