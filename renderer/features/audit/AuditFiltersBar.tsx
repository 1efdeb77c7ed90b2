import type { ConversationInfo } from '../../../common/contract';
import { Button } from '../../components/Button';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { activeAuditFilters, NO_AUDIT_FILTERS, type AuditFilterDraft, type AuditItemKind } from './auditFilters';

interface AuditFiltersBarProps {
  readonly draft: AuditFilterDraft;
  readonly onChange: (draft: AuditFilterDraft) => void;
  readonly actions: readonly { readonly action: string; readonly label: string }[];
  readonly actors: readonly string[];
  readonly conversations: readonly ConversationInfo[];
  readonly problem: string | null;
}

const ITEM_LABELS: Readonly<Record<Exclude<AuditItemKind, ''>, string>> = {
  message: 'Message id',
  reference: 'Reference',
  conversation: 'Conversation',
};

/** Action, reviewer, day range and item: each applies as it is chosen. */
export function AuditFiltersBar({ draft, onChange, actions, actors, conversations, problem }: AuditFiltersBarProps) {
  const set = (patch: Partial<AuditFilterDraft>): void => onChange({ ...draft, ...patch });
  return (
    <search className="audit-filters" aria-label="Filter the audit log">
      <SelectField id="audit-action" label="Action" value={draft.action} onChange={(e) => set({ action: e.target.value })}>
        <option value="">All actions</option>
        {actions.map((a) => (
          <option key={a.action} value={a.action}>
            {a.label}
          </option>
        ))}
      </SelectField>
      <SelectField id="audit-actor" label="Reviewer" value={draft.actor} onChange={(e) => set({ actor: e.target.value })}>
        <option value="">Anyone</option>
        {actors.map((actor) => (
          <option key={actor} value={actor}>
            {actor}
          </option>
        ))}
      </SelectField>
      <TextField id="audit-from" label="First day" type="date" value={draft.from} onChange={(e) => set({ from: e.target.value })} />
      <TextField id="audit-to" label="Last day" type="date" value={draft.to} onChange={(e) => set({ to: e.target.value })} />
      <SelectField
        id="audit-item-kind"
        label="Item"
        value={draft.itemKind}
        onChange={(e) => set({ itemKind: e.target.value as AuditItemKind, itemValue: '' })}
      >
        <option value="">Any item</option>
        {Object.entries(ITEM_LABELS).map(([kind, label]) => (
          <option key={kind} value={kind}>
            {label}
          </option>
        ))}
      </SelectField>
      {draft.itemKind === 'conversation' ? (
        <SelectField id="audit-item" label="Conversation" value={draft.itemValue} onChange={(e) => set({ itemValue: e.target.value })}>
          <option value="">Choose…</option>
          {conversations.map((c) => (
            <option key={c.id} value={String(c.id)}>
              {c.title} · {c.custodian}
            </option>
          ))}
        </SelectField>
      ) : draft.itemKind !== '' ? (
        <TextField
          id="audit-item"
          label={ITEM_LABELS[draft.itemKind]}
          mono
          value={draft.itemValue}
          placeholder={draft.itemKind === 'message' ? '1204' : 'INQ000000001'}
          error={problem ?? undefined}
          onChange={(e) => set({ itemValue: e.target.value })}
        />
      ) : null}
      <Button small className="audit-filters__clear" disabled={activeAuditFilters(draft) === 0} onClick={() => onChange(NO_AUDIT_FILTERS)}>
        Clear filters
      </Button>
    </search>
  );
}
