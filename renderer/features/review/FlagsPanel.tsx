import { useState } from 'react';
import type { AppInfo } from '../../../common/contract';
import type { CustodianFlag } from '../../../common/contract/channels/review';
import { desk, errorMessage } from '../../api';
import { useLoaded } from '../../app/useLoaded';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { formatDateTime, plural } from '../../format';

interface FlagsPanelProps {
  readonly app: AppInfo;
  readonly caseId: string;
  readonly flags: readonly CustodianFlag[];
  readonly conversationTitle: (conversationId: number) => string;
  readonly disabledReason: string | null;
  /** Flags were imported or resolved: everything showing them reads again. */
  readonly onChanged: () => void;
  readonly onShow: (messageId: number) => void;
}

type StatusFilter = 'open' | 'all';

const STATUS_TONES = { open: 'warning', accepted: 'success', rejected: 'neutral' } as const;

/** Flags raised in custodian check packs: the reviewer accepts (withholds as personal) or rejects each. */
export function FlagsPanel({ app, caseId, flags, conversationTitle, disabledReason, onChanged, onShow }: FlagsPanelProps) {
  const [filter, setFilter] = useState<StatusFilter>('open');
  const [error, setError] = useState<string | null>(null);
  const shown = filter === 'all' ? flags : flags.filter((flag) => flag.status === 'open');

  // A flag whose message was decided on its own stays open until the reviewer chooses to overwrite that decision.
  const [kept, setKept] = useState<CustodianFlag | null>(null);

  const resolve = async (flag: CustodianFlag, decision: 'accept' | 'reject', overwrite = false): Promise<void> => {
    try {
      const result = await desk().resolveCustodianFlags({ flagIds: [flag.id], decision, overwrite });
      setError(null);
      setKept(result.kept.includes(flag.id) ? flag : null);
      onChanged();
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <section className="flags" aria-labelledby="flags-title">
      <h3 id="flags-title" className="coding__title">
        Custodian flags
      </h3>
      {disabledReason && <p className="coding__disabled">{disabledReason}</p>}
      <PackActions app={app} caseId={caseId} disabledReason={disabledReason} onImported={onChanged} />
      <ErrorAlert title="The flag was not resolved" message={error} />
      {kept && (
        <div role="alert" className="alert alert--warning">
          <p className="alert__title">Flag left open</p>
          <p className="alert__message">
            Message #{kept.messageId} was decided on its own; accepting the flag would change that decision. Open it to compare, or accept
            the flag anyway.
          </p>
          <Button small onClick={() => void resolve(kept, 'accept', true)}>
            Accept and overwrite the decision
          </Button>
        </div>
      )}
      <SelectField id="flags-filter" label="Show" value={filter} onChange={(event) => setFilter(event.target.value as StatusFilter)}>
        <option value="open">Open flags</option>
        <option value="all">All flags</option>
      </SelectField>
      {shown.length === 0 ? (
        <p className="flags__empty">
          {flags.length === 0 ? 'No flags imported. Import them from a custodian check pack.' : 'No open flags.'}
        </p>
      ) : (
        <ul className="flag-list" aria-label="Flags">
          {shown.map((flag) => (
            <li key={flag.id} className="flag-list__item">
              <p className="flag-list__head">
                <Badge tone={STATUS_TONES[flag.status]}>
                  {flag.status === 'open' ? 'Open' : flag.status === 'accepted' ? 'Accepted' : 'Rejected'}
                </Badge>
                <span>
                  Message {flag.messageId} in {conversationTitle(flag.conversationId)}
                </span>
              </p>
              <p className="flag-list__reason">“{flag.reason}”</p>
              <p className="review-history__when">
                {flag.flaggedBy}, {formatDateTime(flag.flaggedAt)}
              </p>
              <div className="flag-list__actions">
                <Button small variant="quiet" onClick={() => onShow(flag.messageId)} aria-label={`Show message ${flag.messageId}`}>
                  Show
                </Button>
                {flag.status === 'open' && (
                  <>
                    <Button
                      small
                      disabled={disabledReason !== null}
                      onClick={() => void resolve(flag, 'accept')}
                      aria-label={`Accept flag on message ${flag.messageId}`}
                    >
                      Accept
                    </Button>
                    <Button
                      small
                      disabled={disabledReason !== null}
                      onClick={() => void resolve(flag, 'reject')}
                      aria-label={`Reject flag on message ${flag.messageId}`}
                    >
                      Reject
                    </Button>
                  </>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

interface PackActionsProps {
  readonly app: AppInfo;
  readonly caseId: string;
  readonly disabledReason: string | null;
  readonly onImported: () => void;
}

/** Export a custodian's material as a pack for their private office; import the flags they return. */
function PackActions({ app, caseId, disabledReason, onImported }: PackActionsProps) {
  const custodians = useLoaded(() => desk().listCustodians(), caseId);
  const list = custodians.status === 'ready' ? custodians.value : [];
  const [custodianId, setCustodianId] = useState<number | null>(null);
  const [importPath, setImportPath] = useState('');
  const [exportPath, setExportPath] = useState('');
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);
  const chosen = list.find((custodian) => custodian.id === custodianId) ?? list[0] ?? null;
  const disabled = disabledReason !== null;

  const run = async (action: () => Promise<string | null>): Promise<void> => {
    try {
      const done = await action();
      if (done !== null) setStatus(done);
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
      setStatus('');
    }
  };

  const importFrom = async (path: string | null): Promise<string | null> => {
    if (!path) return null;
    const result = await desk().importPackFlags({ path });
    onImported();
    return `Imported ${plural(result.flags, 'flag')} from ${result.custodian}’s pack.`;
  };

  const exportTo = async (path: string | null): Promise<string | null> => {
    if (!path || !chosen) return null;
    const result = await desk().exportCustodianPack({ custodianId: chosen.id, path });
    return `Exported ${plural(result.messages, 'message')} of ${result.custodian} to ${result.path}.`;
  };

  return (
    <div className="pack-actions">
      {app.nativeDialogs ? (
        <Button
          small
          disabled={disabled}
          onClick={() => void run(async () => importFrom((await desk().chooseCasePath({ purpose: 'open' })).path))}
        >
          Import flags from pack…
        </Button>
      ) : (
        <TextField
          id="pack-import-path"
          label="Pack to import flags from"
          mono
          value={importPath}
          disabled={disabled}
          onChange={(event) => setImportPath(event.target.value)}
          action={
            <Button small disabled={disabled} onClick={() => void run(() => importFrom(importPath.trim() || null))}>
              Import flags
            </Button>
          }
        />
      )}
      <SelectField
        id="pack-custodian"
        label="Custodian to send a pack to"
        value={chosen ? String(chosen.id) : ''}
        disabled={disabled || list.length === 0}
        onChange={(event) => setCustodianId(Number(event.target.value))}
      >
        {list.map((custodian) => (
          <option key={custodian.id} value={custodian.id}>
            {custodian.name}
          </option>
        ))}
      </SelectField>
      {app.nativeDialogs ? (
        <Button
          small
          disabled={disabled || !chosen}
          onClick={() =>
            void run(async () =>
              exportTo(
                (await desk().chooseCasePath({ purpose: 'create', suggestedName: `${chosen?.name ?? 'custodian'} check pack` })).path,
              ),
            )
          }
        >
          Export custodian pack…
        </Button>
      ) : (
        <TextField
          id="pack-export-path"
          label="Save the pack as"
          mono
          placeholder="…/pack.ddcase"
          value={exportPath}
          disabled={disabled || !chosen}
          onChange={(event) => setExportPath(event.target.value)}
          action={
            <Button small disabled={disabled || !chosen} onClick={() => void run(() => exportTo(exportPath.trim() || null))}>
              Export pack
            </Button>
          }
        />
      )}
      <ErrorAlert title="That did not work" message={error} />
      <p role="status" className="pack-actions__status">
        {status}
      </p>
    </div>
  );
}
