/**
 * Duplicate groups across sources (docs/spec.md §2): the same group chat collected from several custodians'
 * phones holds the same messages. Conversations are matched first by fingerprint; only messages of
 * conversations that another source also holds get content keys, so an import of chats nobody else
 * holds pays nothing for this.
 */
import type { WritableDB } from '../../db/connection';
import { groupEqualMessages, setContentKey, sharedConversations, unkeyedMessages } from '../../db/queries/duplicates';
import { contentKey } from './content-key';
import { senderKey } from './people';

function keyConversation(db: WritableDB, conversationId: number): void {
  for (const row of unkeyedMessages(db, conversationId))
    setContentKey(db, row.id, contentKey(row.sentAt, senderKey(row.personId, row.label), row.body));
}

/** Groups this source's messages with equal messages held by other sources; returns how many were grouped. */
export function groupDuplicates(db: WritableDB, sourceId: number): number {
  const shared = sharedConversations(db, sourceId);
  if (shared.length === 0) return 0;
  for (const id of new Set(shared.flatMap((pair) => [pair.mine, pair.theirs]))) keyConversation(db, id);
  let grouped = 0;
  for (const pair of shared) grouped += groupEqualMessages(db, pair);
  return grouped;
}
