import { SelectField } from '../../components/SelectField';
import type { ScopeKind, TextScopeState } from './useTextScope';

/** Where to look: a kind, and the custodian or conversation when the kind needs one. */
export function ScopeFields({ id, state }: { readonly id: string; readonly state: TextScopeState }) {
  return (
    <div className="scope-fields">
      <SelectField
        id={`${id}-kind`}
        label="Look in"
        value={state.kind}
        onChange={(event) => state.setKind(event.target.value as ScopeKind)}
      >
        <option value="case">The whole case</option>
        <option value="custodian">One custodian’s material</option>
        <option value="conversation">One conversation</option>
      </SelectField>
      {state.kind === 'custodian' && (
        <SelectField
          id={`${id}-custodian`}
          label="Custodian"
          value={state.custodianId ?? ''}
          onChange={(event) => state.setCustodianId(Number(event.target.value))}
        >
          {state.custodians.map((custodian) => (
            <option key={custodian.id} value={custodian.id}>
              {custodian.name}
            </option>
          ))}
        </SelectField>
      )}
      {state.kind === 'conversation' && (
        <SelectField
          id={`${id}-conversation`}
          label="Conversation"
          value={state.conversationId ?? ''}
          onChange={(event) => state.setConversationId(Number(event.target.value))}
        >
          {state.conversations.map((conversation) => (
            <option key={conversation.id} value={conversation.id}>
              {conversation.title || 'Untitled'} — {conversation.custodian}
            </option>
          ))}
        </SelectField>
      )}
    </div>
  );
}
