import { useState } from 'react';
import type { z } from 'zod';
import type { TextScopeSchema } from '../../../common/contract/channels/redaction';
import { desk } from '../../api';
import { useLoaded } from '../../app/useLoaded';

export type TextScope = z.output<typeof TextScopeSchema>;
export type ScopeKind = 'case' | 'custodian' | 'conversation';

/** Where suggestions and "every occurrence" look: the whole case, one custodian's material, or one conversation. */
export function useTextScope(caseKey: string) {
  const [kind, setKind] = useState<ScopeKind>('case');
  const [custodianId, setCustodianId] = useState<number | null>(null);
  const [conversationId, setConversationId] = useState<number | null>(null);
  const custodians = useLoaded(() => desk().listCustodians(), caseKey);
  const conversations = useLoaded(() => desk().listConversations({}), caseKey);
  const custodianList = custodians.status === 'ready' ? custodians.value : [];
  const conversationList = conversations.status === 'ready' ? conversations.value : [];
  const chosenCustodian = custodianId ?? custodianList[0]?.id ?? null;
  const chosenConversation = conversationId ?? conversationList[0]?.id ?? null;

  let scope: TextScope | null = { kind: 'case' };
  if (kind === 'custodian') scope = chosenCustodian === null ? null : { kind: 'custodian', custodianId: chosenCustodian };
  if (kind === 'conversation') scope = chosenConversation === null ? null : { kind: 'conversation', conversationId: chosenConversation };

  return {
    kind,
    setKind,
    custodians: custodianList,
    conversations: conversationList,
    custodianId: chosenCustodian,
    setCustodianId,
    conversationId: chosenConversation,
    setConversationId,
    /** Null while the chosen kind has nothing to choose from yet. */
    scope,
  };
}

export type TextScopeState = ReturnType<typeof useTextScope>;
