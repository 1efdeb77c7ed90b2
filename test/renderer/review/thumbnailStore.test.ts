import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AttachmentThumbnail } from '../../../common/domain/media';
import { createThumbnailStore, MAX_BATCH } from '../../../renderer/features/review/thumbnailStore';

const ready = (attachmentId: number): AttachmentThumbnail => ({
  attachmentId,
  state: 'ready',
  dataUrl: `data:image/jpeg;base64,${attachmentId}`,
  width: 192,
  height: 144,
});
const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, i) => from + i);

describe('the timeline’s thumbnails', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const setup = (options?: { maxKept?: number }) => {
    const requests: number[][] = [];
    const fetch = vi.fn(async (ids: number[]) => {
      requests.push(ids);
      return ids.map(ready);
    });
    const store = createThumbnailStore(fetch, (error) => `failed: ${String(error)}`, { settleMs: 40, ...options });
    return { store, requests, fetch };
  };

  it('asks once for the rows the timeline settles on, not for every row it rendered on the way', async () => {
    const { store, requests } = setup();
    store.want([1, 2]);
    store.want([3, 4]);
    store.want([5, 6, 5]);
    expect(requests).toEqual([]);
    await vi.advanceTimersByTimeAsync(40);
    expect(requests).toEqual([[5, 6]]);
    expect(store.get(5)).toEqual(ready(5));
    expect(store.get(1)).toBeUndefined();
  });

  it('never asks again for what it holds or has asked for, and splits a large screen into batches the channel accepts', async () => {
    const { store, requests } = setup();
    store.want(range(1, 451));
    await vi.advanceTimersByTimeAsync(40);
    expect(requests.map((r) => r.length)).toEqual([MAX_BATCH, MAX_BATCH, 50]);
    store.want(range(1, 452));
    await vi.advanceTimersByTimeAsync(40);
    expect(requests.at(-1)).toEqual([451]);
  });

  it('tells its subscribers when thumbnails arrive', async () => {
    const { store } = setup();
    const listener = vi.fn();
    store.subscribe(listener);
    store.want([7]);
    await vi.advanceTimersByTimeAsync(40);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('keeps a bounded number, dropping the least recently shown first', async () => {
    const { store, requests } = setup({ maxKept: 3 });
    store.want([1, 2, 3]);
    await vi.advanceTimersByTimeAsync(40);
    store.get(1);
    store.want([4]);
    await vi.advanceTimersByTimeAsync(40);
    expect([1, 2, 3, 4].map((id) => store.get(id) !== undefined)).toEqual([true, false, true, true]);
    store.want([2]);
    await vi.advanceTimersByTimeAsync(40);
    expect(requests.at(-1)).toEqual([2]);
  });

  it('shows why in each box when the request fails, without asking again and again', async () => {
    const fetch = vi.fn(async () => {
      throw new Error('The case is closed.');
    });
    const store = createThumbnailStore(fetch, (error) => (error as Error).message, { settleMs: 40 });
    store.want([1, 2]);
    await vi.advanceTimersByTimeAsync(40);
    expect(store.get(1)).toEqual({ attachmentId: 1, state: 'unavailable', reason: 'The case is closed.' });
    store.want([1, 2]);
    await vi.advanceTimersByTimeAsync(40);
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});
