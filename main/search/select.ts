/**
 * "Apply to a search result": every message a query and filters match, for services that act on a
 * whole result (bulk review, redaction by search, export scope) rather than a page of it.
 */
import type { ReadableDB } from '../../db/connection';
import type { SearchFilters } from '../../common/domain/search';
import { matchingIds } from './engine';

/**
 * All matching message ids in chronological order (undated last, then by id). An empty query selects
 * by the filters alone. Throws QuerySyntaxError for a query that does not parse and
 * SearchIndexStaleError when messages were added since the index was last brought up to date — a
 * bulk action must never silently skip the newest messages.
 */
export function selectMessageIds(db: ReadableDB, query: string, filters: SearchFilters): number[] {
  return matchingIds(db, query, filters);
}
