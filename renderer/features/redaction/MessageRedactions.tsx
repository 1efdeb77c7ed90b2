import type { Redaction } from '../../../common/contract/channels/redaction';
import { desk } from '../../api';
import { useLoaded } from '../../app/useLoaded';
import { Button } from '../../components/Button';
import { formatDateTime } from '../../format';

interface MessageRedactionsProps {
  readonly messageId: number;
  readonly body: string;
  /** Changes whenever a redaction or decision was recorded: the list is read again. */
  readonly revision: number;
  readonly disabledReason: string | null;
  readonly onRemove: (ids: readonly number[]) => void;
  readonly onWithhold: (at: DOMRect) => void;
}

const hidden = (redaction: Redaction, body: string): string =>
  redaction.kind === 'whole' || redaction.start === null || redaction.end === null
    ? 'Whole message'
    : `“${body.slice(redaction.start, redaction.end)}”`;

/**
 * The current message's redactions, live and removed: each with its reason, who and when, and a
 * Remove button; a removed one stays listed with who removed it, since nothing is ever deleted.
 */
export function MessageRedactions({ messageId, body, revision, disabledReason, onRemove, onWithhold }: MessageRedactionsProps) {
  const history = useLoaded(
    async () => ({ for: messageId, list: await desk().listRedactions({ kind: 'message', messageId, includeRemoved: true }) }),
    `${messageId}:${revision}`,
  );
  const list = history.status === 'ready' && history.value.for === messageId ? history.value.list : null;
  return (
    <section className="message-redactions" aria-labelledby="message-redactions-title">
      <div className="message-redactions__head">
        <h4 id="message-redactions-title" className="review-history__title">
          Redactions{list ? ` (${list.filter((r) => r.removedAt === null).length})` : ''}
        </h4>
        <Button
          small
          variant="quiet"
          disabled={disabledReason !== null}
          onClick={(event) => onWithhold(event.currentTarget.getBoundingClientRect())}
        >
          Withhold whole message…
        </Button>
      </div>
      {list === null ? null : list.length === 0 ? (
        <p className="review-history__empty">None. Select words in the message and choose a reason, or press H.</p>
      ) : (
        <ol className="message-redactions__list">
          {list.map((redaction) => (
            <li key={redaction.id} className={redaction.removedAt === null ? undefined : 'message-redactions__removed'}>
              <span className="message-redactions__what">
                {hidden(redaction, body)} — {redaction.label}
                {redaction.note && <span className="message-redactions__note"> ({redaction.note})</span>}
              </span>
              <span className="review-history__when">
                Added {formatDateTime(redaction.createdAt)} · {redaction.createdBy}
                {redaction.removedAt !== null && ` · removed ${formatDateTime(redaction.removedAt)} · ${redaction.removedBy ?? ''}`}
                {redaction.supersededBy !== null && ' · replaced'}
              </span>
              {redaction.removedAt === null && disabledReason === null && (
                <Button
                  small
                  aria-label={`Remove redaction: ${hidden(redaction, body)}, ${redaction.label}`}
                  onClick={() => onRemove([redaction.id])}
                >
                  Remove
                </Button>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
