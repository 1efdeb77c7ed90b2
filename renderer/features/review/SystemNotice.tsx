import type { TimelineMessage } from '../../../common/contract';
import { RedactedLabel } from '../redaction/LabelRedaction';

/** RSMF's membership events (docs/formats/rsmf.md §3): the participant is who joined or left. */
const MEMBERSHIP: Readonly<Record<string, string>> = { join: 'joined', leave: 'left' };

/** What a system line's heading says: "Morag Campbell joined", or "System notice" where the source says no more. */
export function SystemNotice({ message }: { readonly message: TimelineMessage }) {
  const verb = message.systemKind === null ? undefined : MEMBERSHIP[message.systemKind];
  if (verb === undefined || message.sender === null) return <>System notice</>;
  return (
    <>
      {message.senderRedaction ? <RedactedLabel name={message.sender} reason={message.senderRedaction.label} /> : message.sender} {verb}
    </>
  );
}
