import { useState, type FormEvent } from 'react';
import { desk, errorMessage } from '../../api';
import { useLoaded } from '../../app/useLoaded';
import { Button } from '../../components/Button';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/TextField';
import { formatDateTime } from '../../format';

/** The case's list of names to suggest for redaction (family, friends, third parties). */
export function NamesPanel({ caseKey, disabledReason }: { readonly caseKey: string; readonly disabledReason: string | null }) {
  const [revision, setRevision] = useState(0);
  const names = useLoaded(() => desk().listRedactionNames(), `${caseKey}:${revision}`);
  const [name, setName] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);

  const run = async (action: () => Promise<unknown>): Promise<boolean> => {
    try {
      await action();
      setError(null);
      setRevision((value) => value + 1);
      return true;
    } catch (err) {
      setError(errorMessage(err));
      return false;
    }
  };

  const add = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (await run(() => desk().addRedactionName({ name, note }))) {
      setName('');
      setNote('');
    }
  };

  return (
    <div className="redaction-tool">
      <p className="redaction-tool__intro">Names on this list are suggested wherever they appear, under “Names on the case list”.</p>
      <form className="redaction-tool__inline" aria-label="Add a name" noValidate onSubmit={(event) => void add(event)}>
        <TextField
          id="name-add"
          label="Name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          disabled={disabledReason !== null}
        />
        <TextField
          id="name-note"
          label="Note"
          optional
          value={note}
          onChange={(event) => setNote(event.target.value)}
          disabled={disabledReason !== null}
        />
        <Button type="submit" disabled={disabledReason !== null || name.trim() === ''}>
          Add name
        </Button>
      </form>
      <ErrorAlert title="The list was not changed" message={error ?? (names.status === 'failed' ? names.message : null)} />
      {names.status === 'ready' &&
        (names.value.length === 0 ? (
          <p className="redaction-tool__none">No names yet.</p>
        ) : (
          <table className="data-table">
            <caption className="visually-hidden">Names to suggest</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Note</th>
                <th scope="col">Added</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {names.value.map((entry) => (
                <tr key={entry.id}>
                  <th scope="row">{entry.name}</th>
                  <td>{entry.note}</td>
                  <td>
                    {formatDateTime(entry.addedAt)} · {entry.addedBy}
                  </td>
                  <td>
                    <Button
                      small
                      aria-label={`Remove ${entry.name}`}
                      disabled={disabledReason !== null}
                      onClick={() => void run(() => desk().removeRedactionName({ id: entry.id }))}
                    >
                      Remove
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </div>
  );
}
