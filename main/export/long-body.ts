/**
 * A body too long to hold as one string (db/queries/export.ts INLINE_BODY_BYTES), read in pieces.
 *
 * Each piece ends after its last space or line break (in its last quarter), so no word, no grapheme
 * and no CR LF pair is cut between two pieces and each piece can be normalised and laid out on its
 * own; a run with no such break in a quarter of a piece is cut at a code point boundary instead.
 */
import type { ReadableDB } from '../../db/connection';
import { bodyEnds, bodyPiece, INLINE_BODY_BYTES } from '../../db/queries/export';
import type { BodyPiece } from '../../common/domain/redaction';
import type { Needle, NeedleSource } from './leaks';

/** Characters per read: SQLite reads the whole value for each, so pieces are large. */
export const PIECE_CHARS = 1 << 20;

/** Which bodies are read in pieces (longer than `inlineBytes`), and how many characters at a time. */
export interface LongBodies {
  readonly inlineBytes: number;
  readonly pieceChars: number;
}

export const LONG_BODIES: LongBodies = { inlineBytes: INLINE_BODY_BYTES, pieceChars: PIECE_CHARS };

/** Where to end a piece of `text` (not the last): after a space or line break near its end. */
export function pieceEnd(text: string): number {
  const floor = Math.floor(text.length * 0.75);
  const space = Math.max(text.lastIndexOf(' '), text.lastIndexOf('\n'));
  if (space >= floor) return space + 1;
  let cut = text.length;
  const last = text.charCodeAt(cut - 1);
  if ((last >= 0xd800 && last <= 0xdbff) || last === 0x0d) cut--;
  return cut;
}

/** The body's pieces in order, `chars` characters read at a time. */
export function* bodyPieces(db: ReadableDB, messageId: number, chars = PIECE_CHARS): Generator<BodyPiece> {
  let read = 0;
  let start = 0;
  let carry = '';
  for (;;) {
    const piece = bodyPiece(db, messageId, read, chars);
    read += chars;
    const text = carry + piece;
    if (piece.length < chars) {
      if (text !== '') yield { start, text };
      return;
    }
    const cut = pieceEnd(text);
    yield { start, text: text.slice(0, cut) };
    start += cut;
    carry = text.slice(cut);
  }
}

/**
 * The longest hidden text the leak check searches for whole. A longer one (a withheld 200 MB message)
 * is searched for by its first and last MAX_NEEDLE_CHARS characters: finding either is a leak. That is
 * stricter than finding the whole, and keeps what the search holds, and its overlap between pages, small.
 */
export const MAX_NEEDLE_CHARS = 4096;

/** The needles standing for a hidden text: itself, or its two ends when it is longer than MAX_NEEDLE_CHARS. */
export function boundedNeedles(text: string, source: NeedleSource): Needle[] {
  if (text.length <= MAX_NEEDLE_CHARS) return [{ text, source }];
  return [
    { text: text.slice(0, MAX_NEEDLE_CHARS), source },
    { text: text.slice(-MAX_NEEDLE_CHARS), source },
  ];
}

/** The needles for a whole body (a withheld item), read as its two ends when it is long. */
export function bodyNeedles(db: ReadableDB, messageId: number, body: string | null): Needle[] {
  const source: NeedleSource = { kind: 'withheld-item', messageId };
  if (body !== null) return boundedNeedles(body, source);
  const { head, tail } = bodyEnds(db, messageId, MAX_NEEDLE_CHARS);
  return [
    { text: head, source },
    { text: tail, source },
  ];
}

/**
 * The first and last MAX_NEEDLE_CHARS of the text under a span, gathered as the pieces go by (the
 * span's text may be longer than anything the export holds).
 */
export class SpanSample {
  private head = '';
  private tail = '';
  constructor(
    readonly start: number,
    readonly end: number,
  ) {}

  feed(piece: BodyPiece): void {
    const from = Math.max(this.start, piece.start);
    const to = Math.min(this.end, piece.start + piece.text.length);
    if (from >= to) return;
    const text = piece.text.slice(from - piece.start, to - piece.start);
    if (this.head.length < MAX_NEEDLE_CHARS) this.head += text.slice(0, MAX_NEEDLE_CHARS - this.head.length);
    this.tail = (this.tail + text.slice(-MAX_NEEDLE_CHARS)).slice(-MAX_NEEDLE_CHARS);
  }

  /** The text itself when it was short enough, else its two ends. */
  texts(): string[] {
    return this.end - this.start <= MAX_NEEDLE_CHARS ? [this.head] : [this.head, this.tail];
  }
}
