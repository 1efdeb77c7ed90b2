import type { SourceInfo } from '../../../common/contract';
import { formatCount, formatDateTimeBare } from '../../format';

interface SourcesTableProps {
  readonly sources: readonly SourceInfo[];
  readonly selectedId: number | null;
  readonly timeZone: string;
  readonly onSelect: (sourceId: number) => void;
}

/** Every imported source, newest first; choosing one's file name shows its details below. */
export function SourcesTable({ sources, selectedId, timeZone, onSelect }: SourcesTableProps) {
  return (
    <div className="table-scroll">
      <table className="data-table sources-table" aria-labelledby="sources-title">
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Custodian</th>
            <th scope="col">Device</th>
            <th scope="col">Format</th>
            <th scope="col" className="data-table__number">
              Messages
            </th>
            <th scope="col" className="data-table__number">
              Conversations
            </th>
            <th scope="col">
              Imported<span className="visually-hidden"> ({timeZone})</span>
            </th>
            <th scope="col" className="data-table__number">
              Warnings
            </th>
            <th scope="col" className="data-table__number">
              Repairs
            </th>
            <th scope="col" className="data-table__number">
              Assumptions
            </th>
          </tr>
        </thead>
        <tbody>
          {sources.map((source) => {
            const selected = source.id === selectedId;
            return (
              <tr
                key={source.id}
                className={selected ? 'data-table__row--selected' : undefined}
                // A click anywhere on the row chooses it; the file name's button is the keyboard's way in.
                onClick={(event) => {
                  if (!(event.target as HTMLElement).closest('button')) onSelect(source.id);
                }}
              >
                <th scope="row" className="sources-table__file">
                  <button
                    type="button"
                    className="sources-table__select"
                    aria-current={selected ? 'true' : undefined}
                    onClick={() => onSelect(source.id)}
                  >
                    {source.fileName}
                  </button>
                </th>
                <td>{source.custodian}</td>
                <td className={source.deviceLabel ? undefined : 'data-table__muted'}>{source.deviceLabel || 'Not recorded'}</td>
                <td>{source.formatLabel}</td>
                <td className="data-table__number">{formatCount(source.messages)}</td>
                <td className="data-table__number">{formatCount(source.conversations)}</td>
                <td className="sources-table__when">
                  <time dateTime={new Date(source.importedAt).toISOString()}>{formatDateTimeBare(source.importedAt, timeZone)}</time>
                </td>
                <NoteCount value={source.warnings} tone="warning" />
                <NoteCount value={source.repairs} />
                <NoteCount value={source.assumptions} />
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="sources-table__zone">Import times are in {timeZone}, the case’s time zone.</p>
    </div>
  );
}

function NoteCount({ value, tone }: { readonly value: number; readonly tone?: 'warning' }) {
  const className = ['data-table__number', value === 0 ? 'data-table__muted' : tone === 'warning' ? 'sources-table__warnings' : null]
    .filter(Boolean)
    .join(' ');
  return <td className={className}>{formatCount(value)}</td>;
}
