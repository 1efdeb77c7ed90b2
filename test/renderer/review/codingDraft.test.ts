import { describe, expect, it } from 'vitest';
import type { CurrentReview } from '../../../common/contract/channels/review';
import { draftChange, initialDraft } from '../../../renderer/features/review/codingDraft';

const OBJECTIVE = 'To meet the terms of reference of the UK Covid-19 Inquiry and request M2/R9.';

const reviewed: CurrentReview = {
  messageId: 4,
  classification: 'personal',
  relevance: 'not_relevant',
  outcome: 'withhold',
  rationale: 'Family health.',
  article8: null,
  updatedAt: 1,
  updatedBy: 'r',
};

describe('coding draft', () => {
  it('starts from the message’s decision, with the case objective for a new assessment', () => {
    const draft = initialDraft(reviewed, OBJECTIVE);
    expect(draft).toMatchObject({ classification: 'personal', outcome: 'withhold', article8: { engaged: '', objective: OBJECTIVE } });
    expect(initialDraft(null, OBJECTIVE).classification).toBe('');
  });

  it('sends only what changed, and nothing when nothing did', () => {
    const initial = initialDraft(reviewed, OBJECTIVE);
    expect(draftChange(initial, initial)).toEqual({ ok: false, nothing: true });
    expect(draftChange(initial, { ...initial, classification: 'mixed', rationale: 'Both.' })).toEqual({
      ok: true,
      change: { classification: 'mixed', rationale: 'Both.' },
    });
  });

  it('checks an engaged assessment with main’s own messages, one per unanswered question', () => {
    const initial = initialDraft(null, OBJECTIVE);
    const result = draftChange(initial, { ...initial, article8: { ...initial.article8, engaged: 'yes', fairBalance: 'Outweighed.' } });
    expect(result).toMatchObject({
      ok: false,
      nothing: false,
      errors: {
        whose: 'Say whose private life is engaged (custodian, third party or both)',
        rationalConnection: 'Say how disclosing the item is connected to the objective (its relevance)',
        lessIntrusiveReasoning: 'Say why a less intrusive step would or would not serve.',
      },
    });
    expect(result.ok || result.nothing || result.errors.fairBalance).toBeUndefined();
  });

  it('sends a complete assessment as the contract takes it', () => {
    const initial = initialDraft(null, OBJECTIVE);
    const article8 = {
      ...initial.article8,
      engaged: 'no' as const,
    };
    expect(draftChange(initial, { ...initial, classification: 'business', article8 })).toMatchObject({
      ok: true,
      change: { classification: 'business', article8: { engaged: 'no', whose: null, objective: OBJECTIVE } },
    });
  });
});
