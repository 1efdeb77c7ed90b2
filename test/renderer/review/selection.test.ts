import { describe, expect, it } from 'vitest';
import { all, extend, includes, positions, single, size, toggle } from '../../../renderer/features/review/selection';

describe('timeline selection', () => {
  it('starts as one position, which is the anchor', () => {
    expect(single(4)).toEqual({ anchor: 4, ranges: [{ from: 4, to: 4 }] });
    expect(size(single(4))).toBe(1);
  });

  it('extends from the anchor in either direction, replacing what was there', () => {
    const down = extend(single(4), 7);
    expect(down.ranges).toEqual([{ from: 4, to: 7 }]);
    expect(extend(down, 2)).toEqual({ anchor: 4, ranges: [{ from: 2, to: 4 }] });
  });

  it('toggles positions in and out, merging neighbours and splitting ranges', () => {
    const two = toggle(single(4), 6);
    expect(two.ranges).toEqual([
      { from: 4, to: 4 },
      { from: 6, to: 6 },
    ]);
    expect(toggle(two, 5).ranges).toEqual([{ from: 4, to: 6 }]);
    const split = toggle(extend(single(0), 9), 5);
    expect(split.ranges).toEqual([
      { from: 0, to: 4 },
      { from: 6, to: 9 },
    ]);
    expect(size(split)).toBe(9);
    expect(includes(split, 5)).toBe(false);
    expect(split.anchor).toBe(5);
  });

  it('selects a whole conversation as one range, however long', () => {
    expect(all(1_000_000).ranges).toEqual([{ from: 0, to: 999_999 }]);
    expect(size(all(1_000_000))).toBe(1_000_000);
    expect(all(0).ranges).toEqual([]);
  });

  it('lists the selected positions in order', () => {
    expect([...positions(toggle(toggle(single(8), 2), 3))]).toEqual([2, 3, 8]);
  });
});
