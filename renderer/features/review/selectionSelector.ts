/**
 * Turns the timeline's selection into what `review.decide` takes: the whole conversation as a
 * conversation selector, anything else as message ids, reading any that are not in memory.
 */
import type { ReviewSelector } from '../../../common/contract/channels/review';
import { positions, size, type Selection } from './selection';

/** As many ids as `review.decide` accepts in one selector. */
export const MAX_SELECTED = 100_000;
/** As many messages as `messages.window` returns at once. */
const WINDOW = 500;

export class SelectionTooLargeError extends Error {
  constructor(count: number) {
    super(
      `${count.toLocaleString('en-GB')} messages are selected; a selection can hold up to ${MAX_SELECTED.toLocaleString('en-GB')}. ` +
        'Apply to the whole conversation or a date range instead.',
    );
    this.name = 'SelectionTooLargeError';
  }
}

export interface SelectionSource {
  readonly conversationId: number;
  readonly total: number;
  /** The id at a position if it is in memory. */
  idAt(position: number): number | undefined;
  /** Reads the ids of `count` messages from `from`. */
  readIds(from: number, count: number): Promise<readonly number[]>;
}

export async function selectorFor(selection: Selection, source: SelectionSource): Promise<ReviewSelector> {
  const count = size(selection);
  if (count === source.total && count > 0) return { kind: 'conversation', conversationId: source.conversationId };
  if (count > MAX_SELECTED) throw new SelectionTooLargeError(count);
  const ids: number[] = [];
  const read = new Map<number, number>();
  for (const position of positions(selection)) {
    let id = source.idAt(position) ?? read.get(position);
    if (id === undefined) {
      const window = await source.readIds(position, WINDOW);
      window.forEach((windowId, offset) => read.set(position + offset, windowId));
      id = read.get(position);
    }
    if (id !== undefined) ids.push(id);
  }
  return { kind: 'ids', ids };
}
