/**
 * Is the index complete? O(1) reads (the newest message id and the watermark), so every search can
 * afford to ask before it runs and never silently miss the newest messages.
 */
import type { ReadableDB } from '../../db/connection';
import { countMessagesAfter, lastMessageId, searchState } from '../../db/queries/search';
import type { IndexStatus } from '../../common/domain/search';
import { SearchIndexStaleError } from './errors';

/** Bump when what is indexed, or how, changes: every case's index is then rebuilt on next update. */
export const INDEX_VERSION = 1;

export function indexStatus(db: ReadableDB): IndexStatus {
  const last = lastMessageId(db);
  const state = searchState(db);
  // An index from another version, or one claiming messages that do not exist, cannot be trusted.
  const usable = state !== undefined && state.indexVersion === INDEX_VERSION && state.indexedUpTo <= last;
  const indexedUpTo = usable ? state.indexedUpTo : 0;
  if (last === 0) return { state: 'current', indexedUpTo, pending: 0 };
  if (!usable) return { state: 'missing', indexedUpTo, pending: countMessagesAfter(db, 0) };
  if (indexedUpTo === last) return { state: 'current', indexedUpTo, pending: 0 };
  return { state: 'stale', indexedUpTo, pending: countMessagesAfter(db, indexedUpTo) };
}

/** Throws SearchIndexStaleError unless every message is in the index. */
export function assertIndexCurrent(db: ReadableDB): void {
  const status = indexStatus(db);
  if (status.state !== 'current') throw new SearchIndexStaleError(status.pending, status.state === 'missing');
}
