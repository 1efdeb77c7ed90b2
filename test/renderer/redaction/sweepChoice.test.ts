import { describe, expect, it } from 'vitest';
import { acceptAll, acceptedCount, acceptNone, isAccepted, toArgs, toggle } from '../../../renderer/features/redaction/sweepChoice';

describe('choosing hits of a sweep by index', () => {
  it('starts from all (every occurrence): skipping and re-accepting hits moves them in and out of the exceptions', () => {
    let choice = acceptAll();
    choice = toggle(choice, 3, false);
    choice = toggle(choice, 7, false);
    choice = toggle(choice, 7, true);
    expect([isAccepted(choice, 3), isAccepted(choice, 7), isAccepted(choice, 0)]).toEqual([false, true, true]);
    expect(acceptedCount(choice, 10)).toBe(9);
    expect(toArgs(choice)).toEqual({ kind: 'all', except: [3] });
  });

  it('starts from none (suggestions): accepting hits lists them', () => {
    let choice = acceptNone();
    choice = toggle(choice, 2, true);
    choice = toggle(choice, 5, true);
    choice = toggle(choice, 2, false);
    expect(acceptedCount(choice, 10)).toBe(1);
    expect(toArgs(choice)).toEqual({ kind: 'only', indices: [5] });
  });
});
