import { describe, expect, it } from 'vitest';
import { activeAuditFilters, NO_AUDIT_FILTERS, toAuditFilter } from '../../../renderer/features/audit/auditFilters';
import { AuditFilterSchema } from '../../../common/contract/channels/audit';

const LONDON = 'Europe/London';

describe('audit filters', () => {
  it('asks for everything when nothing is chosen', () => {
    expect(toAuditFilter(NO_AUDIT_FILTERS, LONDON)).toEqual({
      filter: { actions: null, actor: null, from: null, to: null, item: null },
      problem: null,
    });
    expect(activeAuditFilters(NO_AUDIT_FILTERS)).toBe(0);
  });

  it('sends an action, a reviewer and whole days in the case zone, as the contract takes them', () => {
    const draft = { ...NO_AUDIT_FILTERS, action: 'review.decided', actor: 'Priya Shah', from: '2024-07-01', to: '2024-07-01' };
    const { filter } = toAuditFilter(draft, LONDON);
    expect(filter).toEqual({
      actions: ['review.decided'],
      actor: 'Priya Shah',
      from: Date.UTC(2024, 5, 30, 23),
      to: Date.UTC(2024, 6, 1, 23),
      item: null,
    });
    expect(AuditFilterSchema.parse(filter)).toEqual(filter);
    expect(activeAuditFilters(draft)).toBe(4);
  });

  it('reads a message id with or without its #, a reference as typed, a conversation by id', () => {
    expect(toAuditFilter({ ...NO_AUDIT_FILTERS, itemKind: 'message', itemValue: ' #1204 ' }, LONDON).filter?.item).toEqual({
      kind: 'message',
      messageId: 1204,
    });
    expect(toAuditFilter({ ...NO_AUDIT_FILTERS, itemKind: 'reference', itemValue: 'INQ000000001' }, LONDON).filter?.item).toEqual({
      kind: 'reference',
      reference: 'INQ000000001',
    });
    expect(toAuditFilter({ ...NO_AUDIT_FILTERS, itemKind: 'conversation', itemValue: '7' }, LONDON).filter?.item).toEqual({
      kind: 'conversation',
      conversationId: 7,
    });
    // A kind chosen with nothing typed yet filters nothing.
    expect(toAuditFilter({ ...NO_AUDIT_FILTERS, itemKind: 'message' }, LONDON).filter?.item).toBeNull();
  });

  it('says what is wrong with a bad message id or a reversed day range, and sends nothing', () => {
    expect(toAuditFilter({ ...NO_AUDIT_FILTERS, itemKind: 'message', itemValue: 'abc' }, LONDON)).toEqual({
      filter: null,
      problem: 'A message id is a number, e.g. 1204.',
    });
    expect(toAuditFilter({ ...NO_AUDIT_FILTERS, itemKind: 'message', itemValue: '0' }, LONDON).problem).not.toBeNull();
    expect(toAuditFilter({ ...NO_AUDIT_FILTERS, from: '2024-07-02', to: '2024-07-01' }, LONDON)).toEqual({
      filter: null,
      problem: 'The first day must not be after the last day.',
    });
  });
});
