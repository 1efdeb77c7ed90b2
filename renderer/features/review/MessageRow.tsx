import * as Tooltip from '@radix-ui/react-tooltip';
import { memo } from 'react';
import type { TimelineMessage } from '../../../common/contract';
import { Badge } from '../../components/Badge';
import { formatBytes, formatLocator } from '../../format';
import { RedactedLabel } from '../redaction/LabelRedaction';
import { RedactableBody } from '../redaction/RedactableBody';
import { AttachmentThumb, wantsThumbnail } from './AttachmentThumb';
import { CLASSIFICATION_LABELS, OUTCOME_LABELS, RELEVANCE_LABELS } from './reviewLabels';
import type { DayMark } from './dayMarks';
import './day-marks.css';
import { SystemNotice } from './SystemNotice';
import { dayHeading, describeTzBasis, timeOfDay } from './timeFormat';

interface MessageRowProps {
  readonly message: TimelineMessage | undefined;
  readonly position: number;
  /** A day divider, or a note that the message is dated before the one above (dayMarks.ts). */
  readonly dayMark: DayMark;
  readonly timeZone: string;
  readonly headingId: string;
  readonly bodyId: string;
  /** A custodian asked for it to be withheld as personal. */
  readonly flagged: boolean;
  /** The attachment the coding panel codes (its index), or null when it codes the message. */
  readonly codingAttachment: number | null;
  /** An attachment was clicked: the coding panel codes it. */
  readonly onAttachmentClick: (position: number, index: number) => void;
  /** An attachment's thumbnail or View was clicked: the viewer opens on it. */
  readonly onViewAttachment: (position: number, index: number) => void;
}

const isSystemLine = (message: TimelineMessage): boolean => message.kind === 'system' || message.direction === 'system';

/** One message as the export recorded it. The body is shown exactly, line breaks and all, its redactions drawn in place. */
export const MessageRow = memo(function MessageRow({
  message,
  position,
  dayMark,
  timeZone,
  headingId,
  bodyId,
  flagged,
  codingAttachment,
  onAttachmentClick,
  onViewAttachment,
}: MessageRowProps) {
  if (!message) {
    return (
      <div className="message message--loading">
        <p id={headingId} className="message__loading">
          Loading message {position + 1}…
        </p>
      </div>
    );
  }
  const system = isSystemLine(message);
  const classes = [
    'message',
    system && 'message--system',
    message.senderIsOwner && 'message--owner',
    message.deleted !== 'none' && 'message--deleted',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <>
      {dayMark === 'day' && message.sentAt !== null && (
        <p className="message__day">
          <span>{dayHeading(message.sentAt, timeZone)}</span>
        </p>
      )}
      {dayMark === 'earlier' && message.sentAt !== null && (
        <p className="message__earlier">Dated before the message above, in the export’s order: {dayHeading(message.sentAt, timeZone)}</p>
      )}
      <div className={classes}>
        <p id={headingId} className="message__head">
          <span className="message__sender">
            {system ? (
              <SystemNotice message={message} />
            ) : message.senderRedaction && message.sender !== null ? (
              <RedactedLabel name={message.sender} reason={message.senderRedaction.label} />
            ) : (
              (message.sender ?? 'Unknown sender')
            )}
            {!system && message.senderIsOwner && <span className="visually-hidden"> (custodian)</span>}
          </span>
          {!system && message.senderIsOwner && (
            <span aria-hidden="true">
              <Badge tone="info">Custodian</Badge>
            </span>
          )}
          <MessageTime message={message} timeZone={timeZone} />
          <MessageMarks message={message} />
          <span className="message__codes">
            {flagged && <Badge tone="warning">Flagged personal</Badge>}
            <DecisionBadges message={message} />
          </span>
          <span className="message__where">{formatLocator(message.locator, { withFile: false }) || message.locator.file}</span>
        </p>
        {message.replyToMessageId !== null && <p className="message__reply">Reply to an earlier message (ID {message.replyToMessageId})</p>}
        <RedactableBody message={message} bodyId={bodyId} />
        {message.attachments.length > 0 && (
          <ul className="message__attachments" aria-label="Attachments">
            {message.attachments.map((attachment, index) => (
              <li
                key={attachment.id}
                className={['attachment', !attachment.present && 'attachment--missing', codingAttachment === index && 'attachment--coding']
                  .filter(Boolean)
                  .join(' ')}
                data-attachment-id={attachment.id}
                // The keyboard way is ] and [ (reviewKeys.ts): a control inside the row's option would be a nested one.
                onClick={() => onAttachmentClick(position, index)}
              >
                {wantsThumbnail(attachment) && <AttachmentThumb attachment={attachment} onView={() => onViewAttachment(position, index)} />}
                <span className="attachment__name">{attachment.fileName ?? 'Unnamed attachment'}</span>
                {codingAttachment === index && <span className="visually-hidden"> (in the coding panel)</span>}
                {attachment.decision.outcome !== message.outcome && (
                  <Badge tone={OUTCOME_TONES[attachment.decision.outcome]}>{OUTCOME_LABELS[attachment.decision.outcome]}</Badge>
                )}
                <span className="attachment__meta">
                  {[attachment.detectedMime ?? attachment.mime, attachment.size !== null && formatBytes(attachment.size)]
                    .filter(Boolean)
                    .join(', ')}
                </span>
                {attachment.present ? (
                  <Badge tone="success">In the export</Badge>
                ) : (
                  <span className="attachment__missing">
                    <Badge tone="warning">Not in the export</Badge> {attachment.missingReason}
                  </span>
                )}
                {attachment.notes.map((note) => (
                  <span key={note} className="attachment__note">
                    <Badge tone="warning">Note</Badge> {note}
                  </span>
                ))}
                {/* Mouse only, as the coding click is: Enter on the row is the keyboard's way (a button would be a nested control). */}
                <span className="attachment__view" aria-hidden="true" onClick={() => onViewAttachment(position, index)}>
                  View
                </span>
              </li>
            ))}
          </ul>
        )}
        {message.reactions.length > 0 && (
          <p className="message__reactions">
            <span className="message__reactions-label">Reactions:</span>{' '}
            {message.reactions.map((reaction, index) => (
              <span key={index} className="reaction">
                {reaction.reaction} <span className="reaction__actor">{reaction.actor}</span>
              </span>
            ))}
          </p>
        )}
      </div>
    </>
  );
});

function MessageTime({ message, timeZone }: { readonly message: TimelineMessage; readonly timeZone: string }) {
  const basis = describeTzBasis(message.tzBasis);
  const shown = message.sentAt === null ? 'No time recorded' : timeOfDay(message.sentAt, timeZone);
  return (
    <Tooltip.Root>
      <Tooltip.Trigger asChild>
        <time className="message__time" dateTime={message.sentAt === null ? undefined : new Date(message.sentAt).toISOString()}>
          {shown}
        </time>
      </Tooltip.Trigger>
      <Tooltip.Portal>
        <Tooltip.Content className="tooltip" side="top" align="start" sideOffset={4}>
          <span className="tooltip__line">As written in the export: {message.sentAtRaw ?? 'nothing'}</span>
          <span className="tooltip__line">Time zone: {basis.text}</span>
        </Tooltip.Content>
      </Tooltip.Portal>
    </Tooltip.Root>
  );
}

function MessageMarks({ message }: { readonly message: TimelineMessage }) {
  const basis = describeTzBasis(message.tzBasis).kind;
  return (
    <>
      {basis === 'unknown' && <Badge tone="warning">Time zone unknown</Badge>}
      {message.deleted === 'placeholder' && <Badge tone="neutral">Deleted — placeholder</Badge>}
      {message.deleted === 'recovered' && <Badge tone="warning">Deleted — recovered</Badge>}
      {message.edited !== 'none' && (
        <Badge tone="neutral">{message.edited === 'edited_history_known' ? 'Edited — earlier text kept' : 'Edited'}</Badge>
      )}
      {message.kind === 'call' && <Badge tone="neutral">Call</Badge>}
      {message.confidence === 'low' && <Badge tone="warning">Read with low confidence</Badge>}
    </>
  );
}

const CLASSIFICATION_TONES = { business: 'info', personal: 'warning', mixed: 'neutral', unclassified: 'neutral' } as const;
const OUTCOME_TONES = { disclose: 'success', disclose_redacted: 'success', withhold: 'warning', pending: 'neutral' } as const;

/** The decision so far, only where one was made: an unreviewed message shows no badges. */
function DecisionBadges({ message }: { readonly message: TimelineMessage }) {
  return (
    <>
      {message.classification !== 'unclassified' && (
        <Badge tone={CLASSIFICATION_TONES[message.classification]}>{CLASSIFICATION_LABELS[message.classification]}</Badge>
      )}
      {message.relevance !== 'unassessed' && <Badge tone="neutral">{RELEVANCE_LABELS[message.relevance]}</Badge>}
      {message.outcome !== 'pending' && <Badge tone={OUTCOME_TONES[message.outcome]}>{OUTCOME_LABELS[message.outcome]}</Badge>}
    </>
  );
}
