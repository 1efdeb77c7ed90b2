/**
 * The part of a conversation the timeline has in memory: windows of 200 messages, fetched as the
 * reviewer scrolls and dropped again when far away, so a conversation of a million messages never
 * has more than a few thousand in the window at once.
 */
import type { TimelineMessage } from '../../../common/contract';
import { errorMessage } from '../../api';

export const PAGE_SIZE = 200;
/** Pages kept; the least recently wanted go first. */
const MAX_PAGES = 30;
/** Fetches at once: enough to fill the screen quickly, few enough that a fast scroll does not pile them up. */
const MAX_IN_FLIGHT = 2;
/** More rows than fit on a screen: how far either side of the selected message is fetched with it. */
const AROUND = 40;

const clampTo = (position: number, count: number): number => Math.min(Math.max(position, 0), Math.max(count - 1, 0));

export type FetchWindow = (
  from: number,
  count: number,
) => Promise<{ readonly total: number; readonly messages: readonly TimelineMessage[] }>;

export class TimelinePager {
  private readonly pages = new Map<number, readonly TimelineMessage[]>();
  private readonly inFlight = new Set<number>();
  /** Pages held from before the last refresh: shown until their fresh copy arrives. */
  private readonly stale = new Set<number>();
  private generation = 0;
  private wanted: readonly number[] = [];
  private version = 0;
  private readonly listeners = new Set<() => void>();
  private stopped = false;
  private failure: string | null = null;
  private count: number;

  constructor(
    private readonly fetchWindow: FetchWindow,
    total: number,
  ) {
    this.count = total;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Changes whenever a window arrives or a fetch fails. */
  readonly getVersion = (): number => this.version;

  get total(): number {
    return this.count;
  }

  get error(): string | null {
    return this.failure;
  }

  messageAt(index: number): TimelineMessage | undefined {
    return this.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
  }

  /** Whether a screenful either side of a position has arrived, so a jump there lands on real rows. */
  hasAround(position: number): boolean {
    return [position - AROUND, position, position + AROUND].every((near) => this.messageAt(clampTo(near, this.count)) !== undefined);
  }

  /**
   * The rows on screen now (and the selected one, which may be elsewhere): their windows are fetched,
   * nearest the middle of the screen first.
   */
  show(first: number, last: number, selected: number): void {
    if (this.count === 0) return;
    const from = Math.floor(Math.max(first, 0) / PAGE_SIZE);
    const to = Math.floor(Math.min(last, this.count - 1) / PAGE_SIZE);
    const middle = (from + to) / 2;
    const pages: number[] = [];
    for (let page = from; page <= to; page++) pages.push(page);
    for (const position of [selected - AROUND, selected, selected + AROUND]) {
      const page = Math.floor(clampTo(position, this.count) / PAGE_SIZE);
      if (!pages.includes(page)) pages.push(page);
    }
    this.wanted = pages.sort((a, b) => Math.abs(a - middle) - Math.abs(b - middle));
    for (const page of this.wanted) this.touch(page);
    this.pump();
  }

  /** After a failure: try the wanted windows again. */
  retry(): void {
    this.failure = null;
    this.publish();
    this.pump();
  }

  /**
   * After a review decision: the rows on screen are read again (their badges may have changed) and
   * replaced in place when they arrive, so nothing blinks to "Loading"; pages off screen are dropped.
   */
  refresh(): void {
    this.generation++;
    for (const page of [...this.pages.keys()]) {
      if (this.wanted.includes(page)) this.stale.add(page);
      else this.pages.delete(page);
    }
    this.pump();
  }

  /** Windows that arrive while stopped (the timeline closed) are dropped. */
  start(): void {
    this.stopped = false;
  }

  stop(): void {
    this.stopped = true;
  }

  private touch(page: number): void {
    const found = this.pages.get(page);
    if (!found) return;
    // Map order is insertion order: moving a page to the end marks it the most recently wanted.
    this.pages.delete(page);
    this.pages.set(page, found);
  }

  private pump(): void {
    if (this.failure !== null) return;
    for (const page of this.wanted) {
      if (this.inFlight.size >= MAX_IN_FLIGHT) return;
      if ((this.pages.has(page) && !this.stale.has(page)) || this.inFlight.has(page)) continue;
      this.inFlight.add(page);
      void this.load(page);
    }
  }

  private async load(page: number): Promise<void> {
    const generation = this.generation;
    try {
      const { total, messages } = await this.fetchWindow(page * PAGE_SIZE, PAGE_SIZE);
      if (this.stopped) return;
      this.pages.set(page, messages);
      // Fetched before a refresh: shown, but read again.
      if (generation === this.generation) this.stale.delete(page);
      else this.stale.add(page);
      this.count = total;
      this.evict();
    } catch (err) {
      if (this.stopped) return;
      this.failure = errorMessage(err);
    } finally {
      this.inFlight.delete(page);
    }
    this.publish();
    this.pump();
  }

  private evict(): void {
    for (const page of this.pages.keys()) {
      if (this.pages.size <= MAX_PAGES) return;
      if (!this.wanted.includes(page)) {
        this.pages.delete(page);
        this.stale.delete(page);
      }
    }
  }

  private publish(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }
}
