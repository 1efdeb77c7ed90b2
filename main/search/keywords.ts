/**
 * Keyword lists (docs/spec.md §4): the request's search terms, one per line, each a query in the search
 * syntax; the hit report counts per term the items, conversations and custodians it reaches, and the
 * items no other term in the list matched ("unique"), plus a total over the whole list.
 */
import type { ReadableDB } from '../../db/connection';
import { allMatches, coverage, hasFilters, matchingRowids } from '../../db/queries/search';
import type { KeywordReport, KeywordTermReport, SearchFilters } from '../../common/domain/search';
import { csvDocument } from './csv';
import { compileQuery } from './engine';
import { QuerySyntaxError } from './errors';
import { assertIndexCurrent } from './status';

/** The terms in a pasted or saved list: one per line, trimmed, blank lines skipped. */
export const termsOf = (text: string): string[] =>
  text
    .split(/\r\n|\r|\n/u)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);

type Compiled = { readonly term: string; readonly match: string } | { readonly term: string; readonly error: string };

function compileTerm(db: ReadableDB, term: string): Compiled {
  try {
    const match = compileQuery(db, term);
    return match === null ? { term, error: 'nothing to search for' } : { term, match };
  } catch (err) {
    if (err instanceof QuerySyntaxError) return { term, error: err.message };
    throw err;
  }
}

export function keywordReport(db: ReadableDB, rawTerms: readonly string[], filters: SearchFilters = {}): KeywordReport {
  assertIndexCurrent(db);
  const compiled = rawTerms
    .map((t) => t.trim())
    .filter(Boolean)
    .map((term) => compileTerm(db, term));
  const ids = (match: string): number[] => (hasFilters(filters) ? allMatches(db, match, filters) : matchingRowids(db, match));

  // Which term matched each item: its index, or -1 once a second term matched it too.
  const matchedBy = new Map<number, number>();
  compiled.forEach((entry, index) => {
    if (!('match' in entry)) return;
    for (const id of new Set(ids(entry.match))) {
      const seen = matchedBy.get(id);
      matchedBy.set(id, seen === undefined ? index : seen === index ? index : -1);
    }
  });
  const unique = new Map<number, number>();
  for (const index of matchedBy.values()) if (index >= 0) unique.set(index, (unique.get(index) ?? 0) + 1);

  const terms = compiled.map((entry, index): KeywordTermReport => {
    if (!('match' in entry)) return { term: entry.term, items: 0, conversations: 0, custodians: 0, uniqueItems: 0, error: entry.error };
    return { term: entry.term, ...coverage(db, entry.match, filters), uniqueItems: unique.get(index) ?? 0, error: null };
  });
  const matches = compiled.flatMap((entry) => ('match' in entry ? [entry.match] : []));
  const total = matches.length
    ? coverage(db, matches.map((m) => `(${m})`).join(' OR '), filters)
    : { items: 0, conversations: 0, custodians: 0 };
  return { terms, total };
}

export const KEYWORD_CSV_HEADER = ['Term', 'Items', 'Conversations', 'Custodians', 'Unique items', 'Problem'] as const;

/** The report as CSV rows: a header, one row per term, and the total (unique is per term, so blank there). */
export function keywordCsv(report: KeywordReport): string {
  return csvDocument([
    KEYWORD_CSV_HEADER,
    ...report.terms.map((t) => [t.term, t.items, t.conversations, t.custodians, t.uniqueItems, t.error ?? '']),
    ['Total (any term)', report.total.items, report.total.conversations, report.total.custodians, '', ''],
  ]);
}
