/**
 * Repairs found by a streaming pre-pass, waiting to be matched to the record they fall in. The pre-pass
 * runs ahead of the strict parser, so each repair is keyed by its offset in the repaired text (the text
 * the parser reads); when the parser finishes a record it takes every repair before the record's end.
 */

export interface Repair {
  /** 1-based line in the file, which the repairs never change (they add or remove no line breaks). */
  readonly line: number;
  /** Index into the repaired text, in UTF-16 code units, where the replacement starts. */
  readonly offset: number;
  readonly description: string;
}

export class RepairQueue {
  private pending: Repair[] = [];
  private head = 0;

  add(repair: Repair): void {
    this.pending.push(repair);
  }

  /** Removes and returns, in file order, every repair that starts before `offset`. */
  takeBefore(offset: number): Repair[] {
    const start = this.head;
    while (this.head < this.pending.length && (this.pending[this.head]?.offset ?? Infinity) < offset) this.head++;
    const taken = this.pending.slice(start, this.head);
    if (this.head === this.pending.length) {
      this.pending = [];
      this.head = 0;
    }
    return taken;
  }
}

/** Counts line breaks lazily over a buffer, so a pre-pass pays for line numbers only up to where it looks. */
export class LineCounter {
  private nextBreak: number;

  constructor(
    private readonly buf: string,
    private line: number,
  ) {
    this.nextBreak = this.find(0);
  }

  /** The 1-based line of `buf[pos]`; positions must not go backwards. */
  at(pos: number): number {
    while (this.nextBreak < pos) {
      this.line++;
      this.nextBreak = this.find(this.nextBreak + 1);
    }
    return this.line;
  }

  private find(from: number): number {
    const found = this.buf.indexOf('\n', from);
    return found === -1 ? Infinity : found;
  }
}
