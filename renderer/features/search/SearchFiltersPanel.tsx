import type { ReactNode } from 'react';
import { CLASSIFICATIONS, MESSAGE_KINDS, OUTCOMES, RELEVANCES } from '../../../common/domain/model';
import { desk } from '../../api';
import { useLoaded } from '../../app/useLoaded';
import { Button } from '../../components/Button';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { CLASSIFICATION_LABELS, OUTCOME_LABELS, RELEVANCE_LABELS } from '../review/reviewLabels';
import { activeFilters, NO_FILTERS, type FilterDraft } from './filters';

interface SearchFiltersPanelProps {
  readonly caseKey: string;
  readonly draft: FilterDraft;
  readonly timeZone: string;
  readonly onChange: (draft: FilterDraft) => void;
}

const ANY = <option value="">Any</option>;

/** Narrowing a search: who, where, when, what kind, and how far it has been reviewed (docs/spec.md §4). */
export function SearchFiltersPanel({ caseKey, draft, timeZone, onChange }: SearchFiltersPanelProps) {
  const custodians = useLoaded(() => desk().listCustodians(), caseKey);
  const sources = useLoaded(() => desk().listSources(), caseKey);
  const conversations = useLoaded(() => desk().listConversations({}), caseKey);
  const facets = useLoaded(() => desk().searchFacets(), caseKey);
  const set = <K extends keyof FilterDraft>(field: K, value: FilterDraft[K]): void => onChange({ ...draft, [field]: value });
  const select = (id: keyof FilterDraft, label: string, children: ReactNode) => (
    <SelectField id={`filter-${id}`} label={label} value={draft[id]} onChange={(event) => set(id, event.target.value as never)}>
      {ANY}
      {children}
    </SelectField>
  );
  const count = activeFilters(draft);

  return (
    <section className="search-filters" aria-labelledby="search-filters-title">
      <div className="search-filters__head">
        <h3 id="search-filters-title" className="coding__title">
          Filters{count > 0 ? ` (${count})` : ''}
        </h3>
        <Button small variant="quiet" disabled={count === 0} onClick={() => onChange(NO_FILTERS)}>
          Clear filters
        </Button>
      </div>
      <div className="search-filters__grid">
        {select(
          'custodianId',
          'Custodian',
          custodians.status === 'ready' &&
            custodians.value.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            )),
        )}
        {select(
          'sourceId',
          'Source',
          sources.status === 'ready' &&
            sources.value.map((s) => (
              <option key={s.id} value={s.id}>
                {s.custodian} — {s.fileName}
              </option>
            )),
        )}
        {select(
          'conversationId',
          'Conversation',
          conversations.status === 'ready' &&
            conversations.value.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title || 'Untitled'} ({c.custodian})
              </option>
            )),
        )}
        {select(
          'senderIds',
          'Sender',
          facets.status === 'ready' &&
            facets.value.senders.map((s) => (
              <option key={s.participantIds.join(',')} value={s.participantIds.join(',')}>
                {s.label}
              </option>
            )),
        )}
        <TextField
          id="filter-from"
          label={`Sent from (${timeZone})`}
          type="date"
          value={draft.from}
          onChange={(event) => set('from', event.target.value)}
        />
        <TextField
          id="filter-to"
          label="Sent to (inclusive)"
          type="date"
          value={draft.to}
          onChange={(event) => set('to', event.target.value)}
        />
        {select(
          'kind',
          'Kind',
          MESSAGE_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {kind}
            </option>
          )),
        )}
        {select(
          'classification',
          'Classification',
          CLASSIFICATIONS.map((value) => (
            <option key={value} value={value}>
              {CLASSIFICATION_LABELS[value]}
            </option>
          )),
        )}
        {select(
          'relevance',
          'Relevance',
          RELEVANCES.map((value) => (
            <option key={value} value={value}>
              {RELEVANCE_LABELS[value]}
            </option>
          )),
        )}
        {select(
          'outcome',
          'Outcome',
          OUTCOMES.map((value) => (
            <option key={value} value={value}>
              {OUTCOME_LABELS[value]}
            </option>
          )),
        )}
        {select(
          'hasRedactions',
          'Redactions',
          <>
            <option value="yes">Has redactions</option>
            <option value="no">No redactions</option>
          </>,
        )}
        {select(
          'reviewed',
          'Review',
          <>
            <option value="yes">Reviewed</option>
            <option value="no">Not reviewed</option>
          </>,
        )}
      </div>
    </section>
  );
}
