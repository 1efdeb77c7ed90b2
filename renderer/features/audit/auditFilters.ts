/**
 * The Audit screen's filters as typed, and the filter main is asked for. Dates are days in the case's
 * time zone, as on the Search screen; a message id may be typed with or without its "#". Pure.
 */
import type { AuditFilterInput } from '../../../common/contract/channels/audit';
import { endOfDay, startOfDay } from '../search/zonedDate';

export type AuditItemKind = '' | 'message' | 'reference' | 'conversation';

export interface AuditFilterDraft {
  readonly action: string;
  readonly actor: string;
  readonly from: string;
  readonly to: string;
  readonly itemKind: AuditItemKind;
  /** A message id, a reference (INQ000000001), or a conversation id chosen from the list. */
  readonly itemValue: string;
}

export const NO_AUDIT_FILTERS: AuditFilterDraft = { action: '', actor: '', from: '', to: '', itemKind: '', itemValue: '' };

export type ParsedAuditFilter =
  { readonly filter: AuditFilterInput; readonly problem: null } | { readonly filter: null; readonly problem: string };

const positiveId = (text: string): number | null => {
  const match = /^#?\s*(\d{1,15})$/.exec(text.trim());
  const id = match ? Number(match[1]) : NaN;
  return Number.isSafeInteger(id) && id > 0 ? id : null;
};

function itemOf(draft: AuditFilterDraft): { item: AuditFilterInput['item']; problem: string | null } {
  const value = draft.itemValue.trim();
  if (draft.itemKind === '' || value === '') return { item: null, problem: null };
  if (draft.itemKind === 'reference') return { item: { kind: 'reference', reference: value }, problem: null };
  const id = positiveId(value);
  if (id === null)
    return {
      item: null,
      problem: draft.itemKind === 'message' ? 'A message id is a number, e.g. 1204.' : 'Choose a conversation from the list.',
    };
  return {
    item: draft.itemKind === 'message' ? { kind: 'message', messageId: id } : { kind: 'conversation', conversationId: id },
    problem: null,
  };
}

export function toAuditFilter(draft: AuditFilterDraft, timeZone: string): ParsedAuditFilter {
  const from = draft.from ? startOfDay(draft.from, timeZone) : null;
  const to = draft.to ? endOfDay(draft.to, timeZone) : null;
  if ((draft.from && from === null) || (draft.to && to === null)) return { filter: null, problem: 'Dates are days, e.g. 2024-03-01.' };
  if (from !== null && to !== null && from >= to) return { filter: null, problem: 'The first day must not be after the last day.' };
  const { item, problem } = itemOf(draft);
  if (problem !== null) return { filter: null, problem };
  return {
    filter: { actions: draft.action ? [draft.action] : null, actor: draft.actor || null, from, to, item },
    problem: null,
  };
}

export const activeAuditFilters = (draft: AuditFilterDraft): number =>
  [draft.action, draft.actor, draft.from, draft.to, draft.itemKind && draft.itemValue.trim()].filter(Boolean).length;
