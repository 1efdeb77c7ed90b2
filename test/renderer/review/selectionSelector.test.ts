import { describe, expect, it } from 'vitest';
import { all, extend, single, toggle } from '../../../renderer/features/review/selection';
import {
  MAX_SELECTED,
  SelectionTooLargeError,
  selectorFor,
  type SelectionSource,
} from '../../../renderer/features/review/selectionSelector';

/** Message ids are position + 1000; positions below `inMemory` are already loaded. */
function source(total: number, inMemory: number): SelectionSource & { reads: number[] } {
  const reads: number[] = [];
  return {
    conversationId: 7,
    total,
    reads,
    idAt: (position) => (position < inMemory ? position + 1000 : undefined),
    readIds: async (from, count) => {
      reads.push(from);
      return Array.from({ length: Math.max(0, Math.min(count, total - from)) }, (_, i) => from + i + 1000);
    },
  };
}

describe('selectorFor', () => {
  it('sends the whole conversation as a conversation, not a million ids', async () => {
    expect(await selectorFor(all(1_000_000), source(1_000_000, 0))).toEqual({ kind: 'conversation', conversationId: 7 });
  });

  it('sends other selections as ids, reading those not in memory a window at a time', async () => {
    const from = source(2000, 10);
    const selection = toggle(extend(single(5), 12), 1500);
    expect(await selectorFor(selection, from)).toEqual({ kind: 'ids', ids: [1005, 1006, 1007, 1008, 1009, 1010, 1011, 1012, 2500] });
    expect(from.reads).toEqual([10, 1500]);
  });

  it('refuses more than review.decide accepts', async () => {
    await expect(selectorFor(extend(single(0), MAX_SELECTED), source(MAX_SELECTED + 5, 0))).rejects.toBeInstanceOf(SelectionTooLargeError);
  });
});
