/**
 * Search, keyword lists and the search index: the channels the Search screen uses (docs/spec.md §4).
 * Runtime-neutral: no Node, no DOM. Change only additively — the Search screen is built against it.
 *
 * The index is derived data kept up to date after every import; `search.query` on an index that is
 * behind fails with SearchIndexStaleError (after starting the update), never with missing hits.
 * `search.indexProgress` / `search.indexFinished` report index jobs: they are separate from the
 * `job.*` events, which the Sources screen reads as imports.
 */
import { z } from 'zod';
import { CLASSIFICATIONS, MESSAGE_KINDS, OUTCOMES, RELEVANCES } from '../../domain/model';
import {
  INDEX_STATES,
  SEARCH_ORDERS,
  type IndexStatus,
  type KeywordReport,
  type MessageContext,
  type SearchFilters,
  type SearchHit,
} from '../../domain/search';
import type { AllCarried, Carries } from '../carries';
import { Id, JobId, NoArgs } from './common';

const ids = z.array(Id).max(10_000);
const count = z.number().int().nonnegative();

export const SearchFiltersSchema = z
  .object({
    custodianIds: ids.optional(),
    sourceIds: ids.optional(),
    conversationIds: ids.optional(),
    senderIds: ids.optional(),
    /** UTC epoch ms, inclusive. */
    sentFrom: z.number().int().optional(),
    /** UTC epoch ms, exclusive. */
    sentTo: z.number().int().optional(),
    kinds: z.array(z.enum(MESSAGE_KINDS)).optional(),
    classifications: z.array(z.enum(CLASSIFICATIONS)).optional(),
    relevances: z.array(z.enum(RELEVANCES)).optional(),
    outcomes: z.array(z.enum(OUTCOMES)).optional(),
    hasRedactions: z.boolean().optional(),
    reviewed: z.boolean().optional(),
  })
  .strict()
  .refine(
    (f) => f.sentFrom === undefined || f.sentTo === undefined || f.sentFrom < f.sentTo,
    'the "from" date must be before the "to" date',
  );

/** Query text as typed (parsed in main; a syntax error comes back as QuerySyntaxError naming the character). */
export const QueryText = z.string().max(2000, 'a query is at most 2,000 characters');

export const SnippetSegmentSchema = z.object({ text: z.string(), hit: z.boolean() }).strict();

export const SearchHitSchema = z
  .object({
    id: Id,
    conversationId: Id,
    conversation: z.string(),
    sourceId: Id,
    custodianId: Id,
    custodian: z.string(),
    senderId: Id.nullable(),
    sender: z.string().nullable(),
    sentAt: z.number().nullable(),
    kind: z.enum(MESSAGE_KINDS),
    position: count,
    snippet: z.array(SnippetSegmentSchema),
    classification: z.enum(CLASSIFICATIONS),
    relevance: z.enum(RELEVANCES),
    outcome: z.enum(OUTCOMES),
    reviewed: z.boolean(),
    redacted: z.boolean(),
  })
  .strict();

export const MessageContextSchema = z
  .object({
    messageId: Id,
    conversationId: Id,
    conversation: z.string(),
    sourceId: Id,
    position: count,
    conversationMessages: count,
  })
  .strict();

export const IndexStatusSchema = z
  .object({
    state: z.enum(INDEX_STATES),
    indexedUpTo: count,
    pending: count,
    /** The index job under way, if any (its progress arrives as `search.indexProgress`). */
    jobId: JobId.nullable(),
  })
  .strict();

const KeywordCounts = { items: count, conversations: count, custodians: count };

export const KeywordReportSchema = z
  .object({
    terms: z.array(z.object({ term: z.string(), ...KeywordCounts, uniqueItems: count, error: z.string().nullable() }).strict()),
    total: z.object(KeywordCounts).strict(),
  })
  .strict();

/** A pasted keyword list: one query per line (words, "phrases", prefix*, fuzzy~); blank lines are skipped. */
export const KeywordTerms = z.array(z.string().max(2000)).max(1000, 'a keyword list is at most 1,000 terms');

export const KeywordArgs = z.object({ terms: KeywordTerms, filters: SearchFiltersSchema.default({}) }).strict();

/** Each schema carries exactly its domain type (../carries.ts). */
export type SearchWire = AllCarried<
  [
    Carries<typeof SearchFiltersSchema, SearchFilters>,
    Carries<typeof SearchHitSchema, SearchHit>,
    Carries<typeof MessageContextSchema, MessageContext>,
    Carries<typeof IndexStatusSchema, IndexStatus & { readonly jobId: string | null }>,
    Carries<typeof KeywordReportSchema, KeywordReport>,
  ]
>;

export const searchChannels = {
  'search.query': {
    method: 'searchMessages',
    args: z
      .object({
        query: QueryText.default(''),
        filters: SearchFiltersSchema.default({}),
        order: z.enum(SEARCH_ORDERS).default('relevance'),
        limit: z.number().int().min(1).max(500).default(50),
        offset: z.number().int().min(0).default(0),
      })
      .strict(),
    result: z.object({ total: count, hits: z.array(SearchHitSchema) }).strict(),
  },
  /** Where a hit sits: open its conversation's timeline (`messages.window`) at `position`. */
  'search.context': {
    method: 'messageContext',
    args: z.object({ messageId: Id }).strict(),
    result: MessageContextSchema,
  },
  /**
   * Choices for the filter pickers that other channels do not give: senders (participants resolved to
   * one person across devices are one entry). Custodians, sources and conversations come from
   * `custodians.list`, `sources.list` and `conversations.list`; kinds and review values are the
   * enumerations in common/domain/model.ts.
   */
  'search.facets': {
    method: 'searchFacets',
    args: NoArgs,
    result: z.object({ senders: z.array(z.object({ label: z.string(), participantIds: z.array(Id) }).strict()) }).strict(),
  },
  'search.indexStatus': { method: 'searchIndexStatus', args: NoArgs, result: IndexStatusSchema },
  /** Brings the index up to date (or, with `rebuild`, rebuilds it) in a background job. */
  'search.updateIndex': {
    method: 'updateSearchIndex',
    args: z.object({ rebuild: z.boolean().default(false) }).strict(),
    result: z.object({ jobId: JobId }).strict(),
  },
  'search.cancelIndex': { method: 'cancelSearchIndex', args: z.object({ jobId: JobId }).strict(), result: z.null() },
  /** Hit report for a keyword list: per term items, conversations, custodians, unique items; and a total. */
  'keywords.report': { method: 'keywordReport', args: KeywordArgs, result: KeywordReportSchema },
  /** Writes the hit report as CSV (RFC 4180; formula-like cells neutralised) to `path`. */
  'keywords.exportCsv': {
    method: 'exportKeywordReport',
    args: KeywordArgs.extend({
      path: z
        .string()
        .trim()
        .min(1, 'choose where the CSV file goes')
        .max(4096)
        .refine((p) => p.toLowerCase().endsWith('.csv'), 'a CSV file name ends in .csv')
        .refine((p) => !p.includes('\0'), 'the path contains a NUL character'),
    }).strict(),
    result: z.object({ path: z.string(), rows: count }).strict(),
  },
  /** A save dialog for an export file; null when cancelled or where no native dialog exists (ask for a path). */
  'dialog.chooseSavePath': {
    method: 'chooseSavePath',
    args: z.object({ suggestedName: z.string().max(200), kind: z.enum(['csv']) }).strict(),
    result: z.object({ path: z.string().nullable() }).strict(),
  },
} as const;

export const searchEvents = {
  'search.indexProgress': {
    method: 'onSearchIndexProgress',
    payload: z.object({ jobId: JobId, indexed: count, total: count }).strict(),
  },
  'search.indexFinished': {
    method: 'onSearchIndexFinished',
    payload: z
      .object({
        jobId: JobId,
        ok: z.boolean(),
        indexed: count,
        cancelled: z.boolean(),
        error: z.object({ name: z.string(), message: z.string() }).strict().nullable(),
      })
      .strict(),
  },
} as const;
