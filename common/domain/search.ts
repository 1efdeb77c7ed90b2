/**
 * The search vocabulary shared by the search service, the contract, the CLI and the review service
 * ("apply to a search result"). Pure TypeScript: no node:, no DOM, no electron.
 */
import type { Classification, MessageKind, Outcome, Relevance } from './model';

/** `relevance`: best bm25 match first; `chronological`: by sent time (undated last), then id. */
export const SEARCH_ORDERS = ['relevance', 'chronological'] as const;
export type SearchOrder = (typeof SEARCH_ORDERS)[number];

/**
 * Narrows a search (docs/spec.md §4). Every field is optional; a list matches any of its values (OR within a
 * filter), and filters combine with AND. An empty list is the same as an absent filter.
 * A message with no review row counts as unclassified / unassessed / pending, i.e. unreviewed.
 */
export interface SearchFilters {
  readonly custodianIds?: number[];
  readonly sourceIds?: number[];
  readonly conversationIds?: number[];
  /** Sender participant ids (participants are per source; `search.facets` groups them by label). */
  readonly senderIds?: number[];
  /** Sent at or after, UTC epoch ms. A message with no known time never matches a date bound. */
  readonly sentFrom?: number;
  /** Sent before (exclusive), UTC epoch ms. */
  readonly sentTo?: number;
  readonly kinds?: MessageKind[];
  readonly classifications?: Classification[];
  readonly relevances?: Relevance[];
  readonly outcomes?: Outcome[];
  /** true: has at least one live (not removed) redaction; false: has none. */
  readonly hasRedactions?: boolean;
  /** true: a review row exists; false: never reviewed. */
  readonly reviewed?: boolean;
}

/** A piece of a snippet: the UI renders `hit` pieces highlighted. Data, never HTML. */
export interface SnippetSegment {
  readonly text: string;
  readonly hit: boolean;
}

export interface SearchHit {
  readonly id: number;
  readonly conversationId: number;
  readonly conversation: string;
  readonly sourceId: number;
  readonly custodianId: number;
  readonly custodian: string;
  readonly senderId: number | null;
  readonly sender: string | null;
  readonly sentAt: number | null;
  readonly kind: MessageKind;
  /** Position in its conversation, for the timeline to scroll to. */
  readonly position: number;
  readonly snippet: SnippetSegment[];
  readonly classification: Classification;
  readonly relevance: Relevance;
  readonly outcome: Outcome;
  readonly reviewed: boolean;
  readonly redacted: boolean;
}

export interface SearchPage {
  readonly total: number;
  readonly hits: SearchHit[];
}

/** Where a message sits, so the timeline can open its conversation scrolled to it. */
export interface MessageContext {
  readonly messageId: number;
  readonly conversationId: number;
  readonly conversation: string;
  readonly sourceId: number;
  readonly position: number;
  /** Messages in the conversation, so the UI can size its virtual list before fetching a window. */
  readonly conversationMessages: number;
}

/**
 * `current`: every message is indexed by the current index version. `stale`: messages were added
 * since (`pending` of them). `missing`: never built, or built by another index version (rebuild).
 */
export const INDEX_STATES = ['current', 'stale', 'missing'] as const;
export type IndexState = (typeof INDEX_STATES)[number];

export interface IndexStatus {
  readonly state: IndexState;
  /** Highest message id in the index (0 when none). */
  readonly indexedUpTo: number;
  /** Messages not yet in the index (all of them when `missing`). */
  readonly pending: number;
}

/** One keyword list line's hits. `uniqueItems`: items no other term in the list matched. */
export interface KeywordTermReport {
  readonly term: string;
  readonly items: number;
  readonly conversations: number;
  readonly custodians: number;
  readonly uniqueItems: number;
  /** Why the term could not be searched (its syntax), in which case every count is 0. */
  readonly error: string | null;
}

export interface KeywordReport {
  readonly terms: KeywordTermReport[];
  /** Items matched by any term (each counted once). */
  readonly total: { readonly items: number; readonly conversations: number; readonly custodians: number };
}
