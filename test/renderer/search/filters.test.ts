import { describe, expect, it } from 'vitest';
import { activeFilters, NO_FILTERS, toFilters } from '../../../renderer/features/search/filters';

describe('search filters', () => {
  it('sends nothing for pickers left at "any"', () => {
    expect(toFilters(NO_FILTERS, 'Europe/London')).toEqual({});
    expect(activeFilters(NO_FILTERS)).toBe(0);
  });

  it('sends each chosen picker as the contract takes it, days as instants in the case zone', () => {
    const draft = {
      ...NO_FILTERS,
      custodianId: '2',
      senderIds: '4,9',
      classification: 'personal',
      reviewed: 'no',
      from: '2021-07-01',
      to: '2021-07-01',
    } as const;
    expect(toFilters(draft, 'Europe/London')).toEqual({
      custodianIds: [2],
      senderIds: [4, 9],
      classifications: ['personal'],
      reviewed: false,
      sentFrom: Date.UTC(2021, 5, 30, 23),
      sentTo: Date.UTC(2021, 6, 1, 23),
    });
    expect(activeFilters(draft)).toBe(6);
  });
});
