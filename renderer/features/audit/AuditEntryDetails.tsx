import type { AuditListEntry, AuditTarget } from '../../../common/contract/channels/audit';
import { Button } from '../../components/Button';
import { CopyButton } from '../../components/CopyButton';
import { formatCount, formatDateTimeIn } from '../../format';

/** What the Open button says for each kind of target. */
export function openLabel(target: AuditTarget): string {
  switch (target.kind) {
    case 'message':
      return target.messages > 1 ? `Open the first of ${formatCount(target.messages)} messages in Review` : 'Open the message in Review';
    case 'conversation':
      return 'Open the conversation in Review';
    case 'bundle':
      return 'Open Bundles';
    case 'source':
      return 'Open the source in Sources';
    case 'screen':
      return { overview: 'Open Overview', sources: 'Open Sources', redaction: 'Open Redaction' }[target.screen];
  }
}

interface AuditEntryDetailsProps {
  readonly entry: AuditListEntry | undefined;
  readonly timeZone: string;
  readonly onOpen: (entry: AuditListEntry) => void;
}

/** The selected entry in full: the row truncates its summary; the hash is the one the chain check verifies. */
export function AuditEntryDetails({ entry, timeZone, onOpen }: AuditEntryDetailsProps) {
  return (
    <section className="audit-entry" aria-labelledby="audit-entry-title">
      <h3 id="audit-entry-title" className="visually-hidden">
        Selected entry
      </h3>
      {entry ? (
        <>
          <p className="audit-entry__head">
            <strong>
              #{entry.id} {entry.actionLabel}
            </strong>
            <span>{formatDateTimeIn(entry.at, timeZone)}</span>
            <span className="audit-entry__actor">by {entry.actor}</span>
            <span className="mono" title={entry.subject}>
              {entry.subject}
            </span>
          </p>
          <div className="audit-entry__row">
            <p className="audit-entry__summary">{entry.summary || 'No details recorded.'}</p>
            <p className="audit-entry__hash">
              <span>Hash</span>{' '}
              <span className="mono" title={entry.hash}>
                {entry.hash}
              </span>
              <CopyButton text={entry.hash} what={`the hash of entry #${entry.id}`} />
            </p>
            {entry.target ? (
              <Button small variant="primary" className="audit-entry__open" onClick={() => onOpen(entry)}>
                {openLabel(entry.target)}
              </Button>
            ) : (
              <p className="audit-entry__none">Nothing in the case to open for this entry.</p>
            )}
          </div>
        </>
      ) : (
        <p className="audit-entry__none">Select an entry to see it in full.</p>
      )}
    </section>
  );
}
