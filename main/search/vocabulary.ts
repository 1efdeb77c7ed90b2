/**
 * Typo tolerance: minisearch's radix tree (SearchableMap, the structure MiniSearch itself searches)
 * over the index's distinct words — a few hundred thousand keys, not a million documents — finds
 * the words within an edit distance of a query word; FTS5 then searches for them exactly.
 * Built lazily on the first fuzzy query and kept per connection until the index changes.
 */
import SearchableMap from 'minisearch/SearchableMap';
import type { ReadableDB } from '../../db/connection';
import { indexVocabulary, searchState } from '../../db/queries/search';
import type { FuzzyExpander } from './compile';

/** More alternatives than this add noise (and MATCH cost) rather than recall. */
export const MAX_EXPANSIONS = 32;

/**
 * Edits allowed for a word of this length: none for very short words (every 3-letter word is one
 * edit from dozens of others), one up to five letters, two beyond — as MiniSearch's `fuzzy: 0.2`.
 */
export const maxEdits = (length: number): number => (length <= 3 ? 0 : length <= 5 ? 1 : 2);

/** Expansions of `token` from a set of index words: nearest first, then alphabetical; never the token itself. */
export function expandFrom(words: SearchableMap<true>, token: string): string[] {
  const edits = maxEdits([...token].length);
  if (edits === 0) return [];
  return [...words.fuzzyGet(token, edits)]
    .filter(([word]) => word !== token)
    .sort(([a, [, da]], [b, [, db]]) => da - db || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, MAX_EXPANSIONS)
    .map(([word]) => word);
}

export const vocabularyOf = (words: Iterable<string>): SearchableMap<true> => {
  const map = new SearchableMap<true>();
  for (const word of words) map.set(word, true);
  return map;
};

const cache = new WeakMap<ReadableDB, { readonly key: string; readonly words: SearchableMap<true> }>();

/** The expander for the case's current index; rebuilt when the index has moved on since. */
export function fuzzyExpander(db: ReadableDB): FuzzyExpander {
  const state = searchState(db);
  const key = `${state?.indexVersion ?? 0}:${state?.indexedUpTo ?? 0}`;
  let entry = cache.get(db);
  if (entry?.key !== key) {
    entry = { key, words: vocabularyOf(indexVocabulary(db)) };
    cache.set(db, entry);
  }
  const { words } = entry;
  return (token) => expandFrom(words, token);
}
