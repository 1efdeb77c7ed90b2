/**
 * Runs a search: parse → compile (expanding fuzzy words from the vocabulary) → FTS5 MATCH joined with
 * the filters → a page of hits with snippets. Refuses to run on an incomplete index (status.ts).
 */
import type { ReadableDB } from '../../db/connection';
import {
  allMatches,
  countMatches,
  hasFilters,
  hitRows,
  pageAndTotal,
  pageOfMatches,
  snippetsOf,
  type HitRow,
} from '../../db/queries/search';
import type { SearchFilters, SearchHit, SearchOrder, SearchPage } from '../../common/domain/search';
import { compileMatch, phoneKeys, usesFuzzy, type FuzzyExpander } from './compile';
import { parseQuery } from './parse';
import { phoneExpander } from './phones';
import { ELLIPSIS, HIT_CLOSE, HIT_OPEN, SNIPPET_TOKENS, plainSnippet, segmentsOf } from './snippet';
import { assertIndexCurrent } from './status';
import { fuzzyExpander } from './vocabulary';

const noExpansion: FuzzyExpander = () => [];

/** The query as an FTS5 MATCH expression, or null for an empty query (filters alone). */
export function compileQuery(db: ReadableDB, query: string): string | null {
  const ast = parseQuery(query);
  if (ast === null) return null;
  const phones = phoneKeys(ast);
  return compileMatch(ast, usesFuzzy(ast) ? fuzzyExpander(db) : noExpansion, phones.length > 0 ? phoneExpander(db, phones) : undefined);
}

export interface SearchRequest {
  readonly query: string;
  readonly filters: SearchFilters;
  readonly order: SearchOrder;
  readonly limit: number;
  readonly offset: number;
}

function toHit(row: HitRow, snippet: SearchHit['snippet']): SearchHit {
  return {
    id: row.id,
    conversationId: row.conversationId,
    conversation: row.conversation,
    sourceId: row.sourceId,
    custodianId: row.custodianId,
    custodian: row.custodian,
    senderId: row.senderId,
    sender: row.sender,
    sentAt: row.sentAt,
    kind: row.kind,
    position: row.position,
    snippet,
    classification: row.classification,
    relevance: row.relevance,
    outcome: row.outcome,
    reviewed: row.reviewed === 1,
    redacted: row.redacted === 1,
  };
}

/**
 * The page's ids and the count of every match. FTS5 alone counts and ranks fastest when nothing joins
 * the messages; with no MATCH the messages' own indexes page without reading every row; otherwise
 * the page joins the messages for every match anyway, and counts them in the same pass.
 */
function pageOf(db: ReadableDB, match: string | null, request: SearchRequest): { ids: number[]; total: number } {
  const { filters, order, limit, offset } = request;
  if (match === null || (order === 'relevance' && !hasFilters(filters))) {
    return { total: countMatches(db, match, filters), ids: pageOfMatches(db, match, filters, order, limit, offset) };
  }
  const page = pageAndTotal(db, match, filters, order, limit, offset);
  return { ids: page.ids, total: page.total ?? countMatches(db, match, filters) };
}

export function search(db: ReadableDB, request: SearchRequest): SearchPage {
  assertIndexCurrent(db);
  const match = compileQuery(db, request.query);
  const { ids, total } = pageOf(db, match, request);
  // Details and snippets for the page only: snippet() in the ranked query would run for every match.
  const rows = new Map(hitRows(db, ids).map((row) => [row.id, row]));
  const marked = match === null ? new Map<number, string>() : snippetsOf(db, match, ids, HIT_OPEN, HIT_CLOSE, ELLIPSIS, SNIPPET_TOKENS);
  const hits = ids.flatMap((id) => {
    const row = rows.get(id);
    if (!row) return [];
    const snippet = marked.get(id);
    return [toHit(row, snippet === undefined ? plainSnippet(row.body) : segmentsOf(snippet))];
  });
  return { total, hits };
}

/** Every matching id, chronological. See select.ts. */
export function matchingIds(db: ReadableDB, query: string, filters: SearchFilters): number[] {
  assertIndexCurrent(db);
  return allMatches(db, compileQuery(db, query), filters);
}
