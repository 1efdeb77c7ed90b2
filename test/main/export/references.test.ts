import { describe, expect, it } from 'vitest';
import { formatReference, ReferenceOverflowError, referenceSequence } from '../../../main/export/references';

describe('item references', () => {
  it('pads to the width, nine digits as UK inquiries use', () => {
    expect(formatReference('INQ', 236371, 9)).toBe('INQ000236371');
    expect(formatReference('SG', 7, 4)).toBe('SG0007');
  });

  it('numbers consecutively from the chosen first number', () => {
    const next = referenceSequence('INQ', 99, 3);
    expect([next(), next()]).toEqual(['INQ099', 'INQ100']);
  });

  it('refuses a number wider than the width instead of widening it', () => {
    expect(() => formatReference('INQ', 1000, 3)).toThrow(ReferenceOverflowError);
  });
});
