import { useState } from 'react';
import { desk, errorMessage } from '../../api';
import { useLoaded } from '../../app/useLoaded';
import { Button } from '../../components/Button';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../format';

/** The case's redacted sender names and conversation titles, each removable (removal is kept in the audit log). */
export function LabelRedactionsPanel({ caseKey, disabledReason }: { readonly caseKey: string; readonly disabledReason: string | null }) {
  const [revision, setRevision] = useState(0);
  const redactions = useLoaded(() => desk().listLabelRedactions(), `${caseKey}:${revision}`);
  const [error, setError] = useState<string | null>(null);

  const remove = async (id: number): Promise<void> => {
    try {
      await desk().removeLabelRedaction({ id });
      setError(null);
      setRevision((value) => value + 1);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <div className="redaction-tool">
      <p className="redaction-tool__intro">
        The bundle prints these as a box with the reason, wherever the name or title would appear: message headings, the extract’s header, the index and the
        schedule. To add one, use “Redact this sender’s name…” or “Redact title…” on the Review screen.
      </p>
      <ErrorAlert title="The redaction was not removed" message={error ?? (redactions.status === 'failed' ? redactions.message : null)} />
      {redactions.status === 'ready' &&
        (redactions.value.length === 0 ? (
          <p className="redaction-tool__none">No sender names or titles are redacted.</p>
        ) : (
          <table className="data-table">
            <caption className="visually-hidden">Redacted sender names and conversation titles</caption>
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
                <tr key={entry.id}>
                  <th scope="row">{entry.text}</th>
                  <td>{entry.participantId !== null ? 'Sender name' : 'Conversation title'}</td>
                  <td>{entry.label}</td>
                  <td>{entry.note}</td>
                  <td>
                    {formatDateTime(entry.createdAt)} · {entry.createdBy}
                  </td>
                  <td>
                    <Button small aria-label={`Remove the redaction of ${entry.text}`} disabled={disabledReason !== null} onClick={() => void remove(entry.id)}>
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
