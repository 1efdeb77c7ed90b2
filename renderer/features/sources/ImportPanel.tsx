import { useEffect, useState, type FormEvent } from 'react';
import type { CaseInfo } from '../../../common/domain/model';
import { ImportArgs, type AppInfo } from '../../../common/contract';
import { desk, errorMessage } from '../../api';
import { useImportJobStore } from '../../app/ImportJobsProvider';
import { Button } from '../../components/Button';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Panel } from '../../components/Panel';
import { TextField } from '../../components/TextField';
import { fieldErrors } from '../../fieldErrors';
import { asSentence, plural } from '../../format';
import { FilePicker, PATH_FIELD_ID } from './FilePicker';
import { ImportOptions, type ImportOptionsValue } from './ImportOptions';
import { ImportQueue } from './ImportQueue';
import { useImportQueue, type QueuedPath } from './useImportQueue';

interface ImportPanelProps {
  readonly app: AppInfo;
  readonly info: CaseInfo;
  readonly custodianNames: readonly string[];
}

const FIELDS = ['custodian', 'device', 'timeZone'] as const;
type Field = (typeof FIELDS)[number] | 'files';

/** A file main could not recognise is left out, unless the reviewer has said what format it is. */
const importableOf = (items: readonly QueuedPath[], options: ImportOptionsValue): readonly QueuedPath[] =>
  items.filter((item) => options.format !== null || item.detection.status !== 'problem');

const FIELD_IDS: Readonly<Record<Field, string>> = {
  custodian: 'import-custodian',
  device: 'import-device',
  timeZone: 'import-time-zone',
  files: PATH_FIELD_ID,
};

export function ImportPanel({ app, info, custodianNames }: ImportPanelProps) {
  const store = useImportJobStore();
  const queue = useImportQueue();
  const [custodian, setCustodian] = useState('');
  const [device, setDevice] = useState('');
  const [options, setOptions] = useState<ImportOptionsValue>({
    format: null,
    timeZone: info.defaultTimeZone,
    dateOrder: 'auto',
    strict: false,
  });
  const [optionsOpen, setOptionsOpen] = useState(false);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [startError, setStartError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [announcement, setAnnouncement] = useState('');

  // Loading a job worker takes seconds; started now, it is ready by the time files are chosen. If this
  // fails, the import only starts more slowly: it loads its own worker.
  useEffect(() => {
    if (!info.readOnly)
      void desk()
        .prepareImport()
        .catch(() => undefined);
  }, [info.caseId, info.readOnly]);

  const clearError = (field: Field): void => setErrors(({ [field]: _fixed, ...rest }) => rest);

  const showErrors = (found: Partial<Record<Field, string>>): void => {
    setErrors(found);
    if (found.timeZone) setOptionsOpen(true);
    const first = (['custodian', 'device', 'files', 'timeZone'] as const).find((field) => found[field]);
    // The time zone field sits in the folded options: let them open before moving focus there.
    if (first) window.requestAnimationFrame(() => document.getElementById(FIELD_IDS[first])?.focus());
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const importable = importableOf(queue.items, options);
    const base = {
      custodian,
      device: device.trim() === '' ? undefined : device,
      format: options.format ?? undefined,
      timeZone: options.timeZone,
      dateOrder: options.dateOrder === 'auto' ? undefined : options.dateOrder,
      strict: options.strict || undefined,
    };
    const checked = ImportArgs.safeParse({ ...base, path: importable[0]?.path ?? 'not yet chosen' });
    const found: Partial<Record<Field, string>> = checked.success ? {} : fieldErrors(checked.error, FIELDS);
    if (queue.items.length === 0) found.files = 'Add at least one file or folder to import.';
    else if (importable.length === 0) {
      found.files =
        'None of the files in the list can be imported as they are. Remove them, or choose their format under Advanced options.';
    }
    if (Object.keys(found).length > 0) {
      showErrors(Object.fromEntries(Object.entries(found).map(([field, message]) => [field, asSentence(message)])));
      return;
    }
    setErrors({});
    setStartError(null);
    setStarting(true);
    const started: string[] = [];
    try {
      // One at a time, so the jobs queue in main in the order they are listed.
      for (const item of importable) {
        const args = ImportArgs.parse({ ...base, path: item.path });
        const { jobId } = await desk().startImport(args);
        store.started(jobId, { caseId: info.caseId, path: item.path, custodian: args.custodian });
        started.push(item.path);
      }
    } catch (err) {
      setStartError(errorMessage(err));
    } finally {
      queue.removeAll(started);
      setStarting(false);
      if (started.length > 0) setAnnouncement(`Started importing ${plural(started.length, 'file')}. Progress is shown under Imports.`);
    }
  };

  if (info.readOnly) {
    return (
      <Panel id="import-title" title="Import">
        <p className="import-panel__read-only">
          This case file is read-only, so nothing can be imported into it. Copy the file somewhere writable and open the copy to import.
        </p>
      </Panel>
    );
  }

  const importable = importableOf(queue.items, options).length;

  return (
    <Panel id="import-title" title="Import" className="import-panel">
      <form className="import-panel__form" noValidate aria-labelledby="import-title" onSubmit={(event) => void submit(event)}>
        <div className="import-panel__who">
          <TextField
            id={FIELD_IDS.custodian}
            label="Custodian"
            value={custodian}
            list="import-custodian-names"
            autoComplete="off"
            error={errors.custodian}
            hint="Whose device the files came from: choose one or type a new name."
            onChange={(event) => {
              setCustodian(event.target.value);
              clearError('custodian');
            }}
          />
          <datalist id="import-custodian-names">
            {custodianNames.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
          <TextField
            id={FIELD_IDS.device}
            label="Device"
            optional
            value={device}
            error={errors.device}
            hint="As the collection log names it, e.g. iPhone 12 (work)."
            onChange={(event) => {
              setDevice(event.target.value);
              clearError('device');
            }}
          />
        </div>
        <FilePicker
          nativeDialogs={app.nativeDialogs}
          error={errors.files}
          onAdd={(paths) => {
            clearError('files');
            return queue.add(paths);
          }}
        />
        <ImportQueue items={queue.items} formatOverride={options.format} onRemove={queue.remove} />
        <ImportOptions
          value={options}
          caseTimeZone={info.defaultTimeZone}
          timeZoneError={errors.timeZone}
          open={optionsOpen}
          onOpenChange={setOptionsOpen}
          onChange={(next) => {
            setOptions(next);
            clearError('timeZone');
            if (next.format !== null) clearError('files');
          }}
        />
        <ErrorAlert title="The import did not start" message={startError} />
        <div className="import-panel__actions">
          <p className="visually-hidden" role="status">
            {announcement}
          </p>
          <Button type="submit" variant="primary" disabled={starting}>
            {starting ? 'Starting…' : importable > 1 ? `Import ${importable} files` : 'Import'}
          </Button>
        </div>
      </form>
    </Panel>
  );
}
