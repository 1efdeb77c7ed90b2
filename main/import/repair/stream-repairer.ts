/**
 * The chunk plumbing shared by the streaming pre-passes (XML, JSON): text that might be completed by
 * the next chunk is held back, replacements are spliced into the output, and each is reported with its
 * line and its offset in the repaired text. Subclasses only say what to repair.
 */
import { LineCounter, type Repair } from './repair-queue';

export interface Replacement {
  readonly kind: 'replace';
  readonly end: number;
  readonly text: string;
  readonly description: string;
}

/** What a scanner decides at a candidate: wait for more input, keep the text, or replace it. */
export type Step = { readonly kind: 'wait' } | { readonly kind: 'keep'; readonly end: number } | Replacement;

export interface Pass {
  /** The held-back text plus the new chunk. */
  readonly buf: string;
  /** No more input will come: nothing may be held back. */
  readonly final: boolean;
  readonly lines: LineCounter;
  /** Replaces `buf[at, step.end)` with `step.text` and reports the repair. Calls come in order of `at`. */
  readonly replace: (at: number, step: Replacement) => void;
}

export abstract class StreamRepairer {
  private carry = '';
  private line = 1;
  /** Length of the repaired text handed out so far. */
  private emitted = 0;

  constructor(private readonly onRepair: (repair: Repair) => void) {}

  /** Takes the next piece of input; returns the repaired text that is now safe to parse. */
  push(text: string): string {
    return this.run(this.carry + text, false);
  }

  /** Returns whatever was held back waiting for more input. */
  end(): string {
    return this.run(this.carry, true);
  }

  /** Finds and replaces what needs repair; returns where the safe text ends (the rest is held back). */
  protected abstract scan(pass: Pass): number;

  /** Sees each piece of repaired text as it is handed out. */
  protected handedOut(_text: string): void {}

  private run(buf: string, final: boolean): string {
    const lines = new LineCounter(buf, this.line);
    const out: string[] = [];
    let outLength = 0;
    let copied = 0;
    const stop = this.scan({
      buf,
      final,
      lines,
      replace: (at, step) => {
        const kept = buf.slice(copied, at);
        out.push(kept, step.text);
        this.onRepair({ line: lines.at(at), offset: this.emitted + outLength + kept.length, description: step.description });
        outLength += kept.length + step.text.length;
        copied = step.end;
      },
    });
    out.push(buf.slice(copied, stop));
    const text = out.join('');
    this.line = lines.at(stop);
    this.emitted += text.length;
    this.carry = buf.slice(stop);
    this.handedOut(text);
    return text;
  }
}
