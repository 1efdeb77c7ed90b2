/**
 * Turns a selector ("these ids", "this conversation", "these dates", "this search result", "all")
 * into one SQL query yielding message ids, so the decision service can INSERT … SELECT from it
 * without ever holding the ids in JavaScript (except where the caller sent them, or search found them).
 */
import type { ReadableDB } from '../../db/connection';
import { missingMessageIds } from '../../db/queries/review';
import {
  conversationExists,
  conversationMessageIds,
  custodianExists,
  everyMessageId,
  listedIds,
  messageIdsSentBetween,
} from '../../db/queries/selection';
import type { SqlQuery } from '../../db/sql';
import type { ReviewSelector } from '../../common/domain/review';
import { ConversationNotFoundError } from '../browse/timeline';
import { selectMessageIds } from '../search/select';
import { CustodianNotFoundError, MessagesNotFoundError } from './errors';

function assertConversation(db: ReadableDB, id: number): void {
  if (!conversationExists(db, id)) throw new ConversationNotFoundError(id);
}

function assertCustodian(db: ReadableDB, id: number): void {
  if (!custodianExists(db, id)) throw new CustodianNotFoundError(id);
}

/**
 * The messages a selector names. Throws when it names something that is not there (an unknown
 * message, conversation or custodian), rather than quietly deciding fewer messages than asked.
 */
export function selectorIds(db: ReadableDB, selector: ReviewSelector): SqlQuery {
  switch (selector.kind) {
    case 'ids': {
      const missing = missingMessageIds(db, selector.ids);
      if (missing.length) throw new MessagesNotFoundError(missing);
      return listedIds(selector.ids);
    }
    case 'conversation':
      assertConversation(db, selector.conversationId);
      return conversationMessageIds(selector.conversationId);
    case 'dateRange': {
      const { from, to, conversationId = null, custodianId = null } = selector;
      if (conversationId !== null) assertConversation(db, conversationId);
      if (custodianId !== null) assertCustodian(db, custodianId);
      // A message with no known time is never inside a date range: it cannot be shown to be.
      return messageIdsSentBetween(from, to, conversationId, custodianId);
    }
    case 'search':
      return listedIds(selectMessageIds(db, selector.query, selector.filters));
    case 'all':
      return everyMessageId();
  }
}

/** The selector in words, for the undo button and the audit log ("conversation #4"). */
export function describeSelector(selector: ReviewSelector): string {
  switch (selector.kind) {
    case 'ids':
      return selector.ids.length === 1 ? `message #${selector.ids[0]}` : `${selector.ids.length} selected messages`;
    case 'conversation':
      return `conversation #${selector.conversationId}`;
    case 'dateRange': {
      const where = [
        selector.conversationId !== undefined ? `conversation #${selector.conversationId}` : '',
        selector.custodianId !== undefined ? `custodian #${selector.custodianId}` : '',
      ].filter(Boolean);
      const range = `${new Date(selector.from).toISOString()} to ${new Date(selector.to).toISOString()}`;
      return `messages sent ${range}${where.length ? ` in ${where.join(', ')}` : ''}`;
    }
    case 'search':
      return `search result for ${JSON.stringify(selector.query)}${Object.keys(selector.filters).length ? ' (filtered)' : ''}`;
    case 'all':
      return 'every message in the case';
  }
}

/** What the audit entry records of the selector: enough to reproduce it, without a 100k-id list. */
export function auditableSelector(selector: ReviewSelector): Record<string, unknown> {
  if (selector.kind === 'ids')
    return { kind: 'ids', count: selector.ids.length, ...(selector.ids.length <= 20 ? { ids: selector.ids } : {}) };
  return { ...selector };
}
