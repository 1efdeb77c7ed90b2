import { useState, type FormEvent } from 'react';
import type { ResultOf } from '../../../common/contract';
import { desk, errorMessage } from '../../api';
import type { Loaded } from '../../app/useLoaded';
import { Button } from '../../components/Button';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Panel } from '../../components/Panel';
import { TextField } from '../../components/TextField';
import { formatCount } from '../../format';

export type Custodian = ResultOf<'custodians.list'>[number];

interface CustodiansPanelProps {
  readonly custodians: Loaded<readonly Custodian[]>;
  readonly readOnly: boolean;
  readonly onAdded: () => void;
}

/** The people whose devices were collected, and a way to add one before their files arrive. */
export function CustodiansPanel({ custodians, readOnly, onAdded }: CustodiansPanelProps) {
  return (
    <Panel id="custodians-title" title="Custodians" className="custodians">
      {custodians.status === 'failed' && <ErrorAlert title="The custodians could not be read" message={custodians.message} />}
      {custodians.status === 'ready' && custodians.value.length === 0 && (
        <p className="custodians__empty">{readOnly ? 'No custodians.' : 'No custodians yet. Add one here, or name one when you import.'}</p>
      )}
      {custodians.status === 'ready' && custodians.value.length > 0 && (
        <div className="table-scroll">
          <table className="data-table" aria-labelledby="custodians-title">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col" className="data-table__number">
                  Sources
                </th>
                <th scope="col" className="data-table__number">
                  Messages
                </th>
              </tr>
            </thead>
            <tbody>
              {custodians.value.map((custodian) => (
                <tr key={custodian.id}>
                  <th scope="row">{custodian.name}</th>
                  <td className={custodian.role ? undefined : 'data-table__muted'}>{custodian.role || 'Not recorded'}</td>
                  <td className="data-table__number">{formatCount(custodian.sources)}</td>
                  <td className="data-table__number">{formatCount(custodian.messages)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {readOnly ? (
        <p className="custodians__read-only">Custodians cannot be added: this case file is read-only.</p>
      ) : (
        <AddCustodianForm onAdded={onAdded} />
      )}
    </Panel>
  );
}

function AddCustodianForm({ onAdded }: { readonly onAdded: () => void }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [added, setAdded] = useState('');

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (name.trim() === '') {
      setNameError('Give the custodian a name.');
      document.getElementById('custodian-name')?.focus();
      return;
    }
    setPending(true);
    setFailure(null);
    try {
      const custodian = await desk().addCustodian({ name, role });
      setName('');
      setRole('');
      setAdded(`${custodian.name} added as a custodian.`);
      onAdded();
    } catch (err) {
      setFailure(errorMessage(err));
    } finally {
      setPending(false);
    }
  };

  return (
    <form className="custodians__form" noValidate aria-label="Add a custodian" onSubmit={(event) => void submit(event)}>
      <TextField
        id="custodian-name"
        label="Name"
        value={name}
        autoComplete="off"
        error={nameError ?? undefined}
        onChange={(event) => {
          setName(event.target.value);
          setNameError(null);
          setAdded('');
        }}
      />
      <TextField
        id="custodian-role"
        label="Role"
        optional
        value={role}
        placeholder="e.g. Cabinet Secretary"
        onChange={(event) => setRole(event.target.value)}
      />
      <div className="custodians__actions">
        <Button type="submit" disabled={pending}>
          {pending ? 'Adding…' : 'Add custodian'}
        </Button>
      </div>
      <ErrorAlert title="The custodian was not added" message={failure} />
      <p className="custodians__added" role="status">
        {added}
      </p>
    </form>
  );
}
