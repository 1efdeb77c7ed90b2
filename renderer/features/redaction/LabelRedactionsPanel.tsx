import { useState } from 'react';
import { desk, errorMessage } from '../../api';
import { useLoaded } from '../../app/useLoaded';
import { Button } from '../../components/Button';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../format';

interface Row {
  readonly key: string;
  readonly id: number;
  readonly text: string;
  readonly kind: string;
  readonly label: string;
  readonly note: string;
  readonly createdAt: number;
  readonly createdBy: string;
  /** A source file's or attachment's name (its own list and removal), not a label or title. */
  readonly fileName: boolean;
}

/** The case's redacted sender names, conversation titles and file names, each removable (removal is kept in the audit log). */
export function LabelRedactionsPanel({ caseKey, disabledReason }: { readonly caseKey: string; readonly disabledReason: string | null }) {
  const [revision, setRevision] = useState(0);
  const redactions = useLoaded(async (): Promise<Row[]> => {
    const [labels, fileNames] = await Promise.all([desk().listLabelRedactions(), desk().listFileNameRedactions()]);
    return [
      ...labels.map((r) => ({
        ...r,
        key: `l${r.id}`,
        kind: r.participantId !== null ? 'Sender name' : 'Conversation title',
        fileName: false,
      })),
      ...fileNames.map((r) => ({
        ...r,
        key: `f${r.id}`,
        kind: r.sourceId !== null ? 'Source file name' : 'Attachment name',
        fileName: true,
      })),
    ];
  }, `${caseKey}:${revision}`);
  const [error, setError] = useState<string | null>(null);

  const remove = async (entry: Row): Promise<void> => {
    try {
      await (entry.fileName ? desk().removeFileNameRedaction({ id: entry.id }) : desk().removeLabelRedaction({ id: entry.id }));
      setError(null);
      setRevision((value) => value + 1);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <div className="redaction-tool">
      <p className="redaction-tool__intro">
        The bundle prints these as a box with the reason, wherever the name or title would appear: message headings, the extract’s header,
        the index, the schedule and the manifest. To add one, use “Redact this sender’s name…” or “Redact title…” on the Review screen;
        Every occurrence also finds a text in names, titles and file names.
      </p>
      <ErrorAlert title="The redaction was not removed" message={error ?? (redactions.status === 'failed' ? redactions.message : null)} />
      {redactions.status === 'ready' &&
        (redactions.value.length === 0 ? (
          <p className="redaction-tool__none">No sender names, titles or file names are redacted.</p>
        ) : (
          <table className="data-table">
            <caption className="visually-hidden">Redacted sender names, conversation titles and file names</caption>
            <thead>
              <tr>
                <th scope="col">Name or title</th>
                <th scope="col">Kind</th>
                <th scope="col">Reason</th>
                <th scope="col">Note</th>
                <th scope="col">Added</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {redactions.value.map((entry) => (
                <tr key={entry.key}>
                  <th scope="row">{entry.text}</th>
                  <td>{entry.kind}</td>
                  <td>{entry.label}</td>
                  <td>{entry.note}</td>
                  <td>
                    {formatDateTime(entry.createdAt)} · {entry.createdBy}
                  </td>
                  <td>
                    <Button
                      small
                      aria-label={`Remove the redaction of ${entry.text}`}
                      disabled={disabledReason !== null}
                      onClick={() => void remove(entry)}
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
