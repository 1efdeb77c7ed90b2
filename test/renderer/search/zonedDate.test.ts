import { describe, expect, it } from 'vitest';
import { endOfDay, startOfDay } from '../../../renderer/features/search/zonedDate';

describe('filter dates in the case time zone', () => {
  it('starts a winter day at midnight GMT and a summer day at midnight BST', () => {
    expect(startOfDay('2021-01-15', 'Europe/London')).toBe(Date.UTC(2021, 0, 15));
    expect(startOfDay('2021-07-01', 'Europe/London')).toBe(Date.UTC(2021, 5, 30, 23));
  });

  it('ends a day when the next begins, including across the clocks going forward', () => {
    // 28 March 2021 began in GMT and ended in BST: 23 hours long.
    expect(endOfDay('2021-03-27', 'Europe/London')).toBe(Date.UTC(2021, 2, 28));
    expect(endOfDay('2021-03-28', 'Europe/London')).toBe(Date.UTC(2021, 2, 28, 23));
  });

  it('reads days in zones far from UTC', () => {
    expect(startOfDay('2021-01-15', 'Pacific/Auckland')).toBe(Date.UTC(2021, 0, 14, 11));
    expect(startOfDay('2021-01-15', 'America/New_York')).toBe(Date.UTC(2021, 0, 15, 5));
  });

  it('refuses text that is not a date', () => {
    expect(startOfDay('', 'Europe/London')).toBeNull();
    expect(startOfDay('15/01/2021', 'Europe/London')).toBeNull();
    expect(endOfDay('soon', 'Europe/London')).toBeNull();
  });
});
