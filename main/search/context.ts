/** Opening a hit in context: where the message sits in its conversation, for the timeline to scroll to. */
import type { ReadableDB } from '../../db/connection';
import { messageContext as contextRow, senderFacets as senderRows } from '../../db/queries/search';
import type { MessageContext } from '../../common/domain/search';

export class MessageNotFoundError extends Error {
  constructor(id: number) {
    super(`Message #${id} is not in this case.`);
    this.name = 'MessageNotFoundError';
  }
}

export function messageContext(db: ReadableDB, messageId: number): MessageContext {
  const row = contextRow(db, messageId);
  if (!row) throw new MessageNotFoundError(messageId);
  return row;
}

export const senderFacets = (db: ReadableDB): { label: string; participantIds: number[] }[] =>
  senderRows(db).map((row) => ({ label: row.label, participantIds: JSON.parse(row.participantIds) as number[] }));
