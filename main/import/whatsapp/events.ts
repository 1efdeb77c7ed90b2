/**
 * Hands out parse events that are produced in batches. An async generator that yields once per event
 * pays for a generator resumption and its own promise on every event, a quarter of the time of a
 * million-message parse; here the producer is an async generator of batches and each event costs only
 * the one resolved promise `for await` needs.
 */
import type { ParseEvent } from '../../../common/domain/parsed';

type Batches = AsyncGenerator<readonly ParseEvent[], void, undefined>;

class BatchedEvents implements AsyncGenerator<ParseEvent, void, undefined> {
  private batch: readonly ParseEvent[] = [];
  private index = 0;
  private refilling = false;

  constructor(private readonly batches: Batches) {}

  next(): Promise<IteratorResult<ParseEvent, void>> {
    const event = this.refilling ? undefined : this.batch[this.index];
    if (event === undefined) return this.refill();
    this.index++;
    return Promise.resolve({ done: false, value: event });
  }

  private async refill(): Promise<IteratorResult<ParseEvent, void>> {
    // An async generator queues overlapping next() calls; nothing here reads events that way, so say so loudly.
    if (this.refilling) throw new Error('parse events must be read one at a time');
    this.refilling = true;
    try {
      for (;;) {
        const result = await this.batches.next();
        if (result.done) {
          this.batch = [];
          this.index = 0;
          return { done: true, value: undefined };
        }
        const [first] = result.value;
        if (first !== undefined) {
          this.batch = result.value;
          this.index = 1;
          return { done: false, value: first };
        }
      }
    } finally {
      this.refilling = false;
    }
  }

  async return(): Promise<IteratorResult<ParseEvent, void>> {
    this.batch = [];
    this.index = 0;
    await this.batches.return(undefined);
    return { done: true, value: undefined };
  }

  async throw(error: unknown): Promise<IteratorResult<ParseEvent, void>> {
    this.batch = [];
    this.index = 0;
    await this.batches.throw(error);
    return { done: true, value: undefined };
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

export function eventsFrom(batches: Batches): AsyncGenerator<ParseEvent, void, undefined> {
  return new BatchedEvents(batches);
}
