/**
 * A header line longer than the line cursor holds (decode.ts, LinePart) whose author does not end in
 * the part held: the rest of the line arrives in pieces, and the author ends at its first `": "`, which
 * may be hundreds of megabytes on or split between two pieces. The author's text goes into a
 * CappedText, so only its start is ever kept; a line with no `": "` at all is a system line, whose text
 * is then what was gathered.
 */
import type { CappedText } from '../capped-text';

export class LongAuthor {
  /** The piece so far ended with ':', which ends the author if the next piece starts with a space. */
  private colonHeld = false;

  constructor(readonly text: CappedText) {}

  /** Adds a piece of the line; returns where in it the text after the author starts, or -1 while the author goes on. */
  add(piece: string): number {
    if (this.colonHeld) {
      this.colonHeld = false;
      if (piece.charCodeAt(0) === 32) return 1;
      this.text.append(':');
    }
    const at = piece.indexOf(': ');
    if (at !== -1) {
      this.text.append(piece.slice(0, at));
      return at + 2;
    }
    if (piece.endsWith(':')) {
      this.text.append(piece.slice(0, -1));
      this.colonHeld = true;
    } else {
      this.text.append(piece);
    }
    return -1;
  }

  /** The line ended with no `": "`: a colon held back belongs to the text. */
  end(): void {
    if (this.colonHeld) this.text.append(':');
    this.colonHeld = false;
  }
}
