/**
 * The Search screen's filter pickers as the reviewer set them (one choice each, '' for any), and the
 * SearchFilters the contract takes. Pure.
 */
import type { Classification, MessageKind, Outcome, Relevance } from '../../../common/domain/model';
import type { z } from 'zod';
import type { SearchFiltersSchema } from '../../../common/contract/channels/search';
import { endOfDay, startOfDay } from './zonedDate';

/** The filters as the channels take them (the domain's SearchFilters has readonly arrays, which the channel types refuse). */
export type SearchFilters = z.input<typeof SearchFiltersSchema>;

export interface FilterDraft {
  readonly custodianId: string;
  readonly sourceId: string;
  readonly conversationId: string;
  /** The sender's participant ids, comma-separated (one person may be several participants). */
  readonly senderIds: string;
  /** YYYY-MM-DD, days in the case's zone, both included. */
  readonly from: string;
  readonly to: string;
  readonly kind: MessageKind | '';
  readonly classification: Classification | '';
  readonly relevance: Relevance | '';
  readonly outcome: Outcome | '';
  readonly hasRedactions: '' | 'yes' | 'no';
  readonly reviewed: '' | 'yes' | 'no';
}

export const NO_FILTERS: FilterDraft = {
  custodianId: '',
  sourceId: '',
  conversationId: '',
  senderIds: '',
  from: '',
  to: '',
  kind: '',
  classification: '',
  relevance: '',
  outcome: '',
  hasRedactions: '',
  reviewed: '',
};

const ids = (value: string): number[] | undefined => (value === '' ? undefined : value.split(',').map(Number));
const one = <T extends string>(value: T | ''): T[] | undefined => (value === '' ? undefined : [value]);
const yesNo = (value: '' | 'yes' | 'no'): boolean | undefined => (value === '' ? undefined : value === 'yes');

export function toFilters(draft: FilterDraft, timeZone: string): SearchFilters {
  const entries = Object.entries({
    custodianIds: ids(draft.custodianId),
    sourceIds: ids(draft.sourceId),
    conversationIds: ids(draft.conversationId),
    senderIds: ids(draft.senderIds),
    sentFrom: startOfDay(draft.from, timeZone) ?? undefined,
    sentTo: endOfDay(draft.to, timeZone) ?? undefined,
    kinds: one(draft.kind),
    classifications: one(draft.classification),
    relevances: one(draft.relevance),
    outcomes: one(draft.outcome),
    hasRedactions: yesNo(draft.hasRedactions),
    reviewed: yesNo(draft.reviewed),
  }).filter(([, value]) => value !== undefined);
  return Object.fromEntries(entries);
}

/** How many pickers are set, for the "Filters (3)" heading. */
export const activeFilters = (draft: FilterDraft): number => Object.values(draft).filter((value) => value !== '').length;
