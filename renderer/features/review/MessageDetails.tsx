import type { ReactNode } from 'react';
import type { TimelineMessage } from '../../../common/contract';
import { formatCount, formatLocator } from '../../format';
import { describeTzBasis, fullDateTime, utcText } from './timeFormat';

interface MessageDetailsProps {
  readonly message: TimelineMessage | undefined;
  readonly position: number;
  readonly total: number;
  readonly timeZone: string;
}

/**
 * Where the selected message came from and what its time rests on: what a reviewer quotes when asked
 * "how do you know it was sent then?".
 */
export function MessageDetails({ message, position, total, timeZone }: MessageDetailsProps) {
  return (
    <section className="message-details" aria-labelledby="message-details-title">
      <h4 id="message-details-title" className="visually-hidden">
        Selected message
      </h4>
      {!message ? (
        <p className="message-details__empty">
          Message {formatCount(position + 1)} of {formatCount(total)}
        </p>
      ) : (
        <dl>
          <Item label="Message">
            {formatCount(position + 1)} of {formatCount(total)} · ID {message.id}
          </Item>
          <Item label="Sent">
            {message.sentAt === null ? 'No time recorded' : `${fullDateTime(message.sentAt, timeZone)} (${utcText(message.sentAt)})`}
          </Item>
          <Item label="As written" mono>
            {message.sentAtRaw ?? 'Nothing'}
          </Item>
          <Item label="Time zone" warn={describeTzBasis(message.tzBasis).kind === 'unknown'}>
            {describeTzBasis(message.tzBasis).text}
          </Item>
          <Item label="Found at" mono>
            {formatLocator(message.locator)}
          </Item>
        </dl>
      )}
    </section>
  );
}

function Item({
  label,
  mono = false,
  warn = false,
  children,
}: {
  readonly label: string;
  readonly mono?: boolean;
  readonly warn?: boolean;
  readonly children: ReactNode;
}) {
  return (
    <div className={warn ? 'message-details__item message-details__item--warn' : 'message-details__item'}>
      <dt>{label}</dt>
      <dd className={mono ? 'mono' : undefined}>{children}</dd>
    </div>
  );
}
