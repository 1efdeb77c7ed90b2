/**
 * Text kept up to a cap of UTF-8 bytes (domain/field-caps.ts), with the whole text's size and SHA-256
 * worked out as it streams past, so a field of hundreds of megabytes is never one string. Below the cap
 * nothing is hashed or counted exactly: a million ordinary messages pay one length check each.
 */
import { createHash, type Hash } from 'node:crypto';

/** How the characters of a text stand for UTF-8: decoded text, or one character per byte (a `latin1` view). */
export type TextView = 'utf8' | 'latin1';

/** Characters hashed at a time, so hashing a long string never converts it whole. */
const HASH_SLICE = 1 << 20;
/** Pieces past the cap are gathered to this many characters before they are hashed: a call per piece cost more than the hashing. */
const HASH_GATHER = 1 << 16;

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isContinuation = (code: number): boolean => (code & 0xc0) === 0x80;

function byteLength(text: string, view: TextView): number {
  return view === 'latin1' ? text.length : Buffer.byteLength(text, 'utf8');
}

/** Feeds `text` to `hash` a slice at a time, never splitting a surrogate pair between slices. */
export function hashText(hash: Hash, text: string, view: TextView = 'utf8'): void {
  if (text.length <= HASH_SLICE) {
    hash.update(text, view);
    return;
  }
  for (let i = 0; i < text.length;) {
    let end = Math.min(text.length, i + HASH_SLICE);
    if (end < text.length && view === 'utf8' && isHighSurrogate(text.charCodeAt(end - 1))) end--;
    hash.update(text.slice(i, end), view);
    i = end;
  }
}

/** The longest start of `text` whose UTF-8 form fits in `bytes`, never cutting a character. */
export function utf8Prefix(text: string, bytes: number, view: TextView = 'utf8'): string {
  if (view === 'latin1') {
    if (text.length <= bytes) return text;
    let cut = bytes;
    while (cut > 0 && isContinuation(text.charCodeAt(cut))) cut--;
    return text.slice(0, cut);
  }
  if (text.length * 3 <= bytes) return text;
  let chars = Math.min(text.length, bytes);
  if (chars < text.length && isHighSurrogate(text.charCodeAt(chars - 1))) chars--;
  const encoded = Buffer.from(text.slice(0, chars), 'utf8');
  if (encoded.length <= bytes) return text.slice(0, chars);
  let cut = bytes;
  while (cut > 0 && isContinuation(encoded[cut] ?? 0)) cut--;
  return encoded.subarray(0, cut).toString('utf8');
}

export interface Capped {
  /** The text kept: all of it, or its first bytes up to the cap. */
  readonly text: string;
  /** Set when the text was cut: the whole text's UTF-8 size and SHA-256. */
  readonly whole: { readonly bytes: number; readonly sha256: string } | null;
}

/** `text` cut to `cap` UTF-8 bytes, with the whole text's size and hash when it was cut. */
export function capText(text: string, cap: number): Capped {
  if (text.length * 3 <= cap) return { text, whole: null };
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes <= cap) return { text, whole: null };
  const hash = createHash('sha256');
  hashText(hash, text);
  return { text: utf8Prefix(text, cap), whole: { bytes, sha256: hash.digest('hex') } };
}

/**
 * Text appended piece by piece, of which the first `cap` bytes are kept. Once a piece would pass the
 * cap, everything (what was kept, and every later piece) goes through a SHA-256 instead of into memory.
 */
export class CappedText {
  private kept = '';
  /** UTF-8 bytes of `kept`, once counted (-1 before: counting starts near the cap). */
  private keptBytes = -1;
  private hash: Hash | null = null;
  private total = 0;
  /** Pieces past the cap not hashed yet. */
  private gathered = '';

  constructor(
    private readonly cap: number,
    private readonly view: TextView = 'utf8',
  ) {}

  get text(): string {
    return this.kept;
  }

  get truncated(): boolean {
    return this.hash !== null;
  }

  append(piece: string): void {
    if (this.hash !== null) {
      this.gathered += piece;
      if (this.gathered.length >= HASH_GATHER) this.hashGathered(this.hash);
      return;
    }
    if (this.keptBytes < 0 && (this.kept.length + piece.length) * 3 <= this.cap) {
      this.kept += piece;
      return;
    }
    if (this.keptBytes < 0) this.keptBytes = byteLength(this.kept, this.view);
    const pieceBytes = byteLength(piece, this.view);
    if (this.keptBytes + pieceBytes <= this.cap) {
      this.kept += piece;
      this.keptBytes += pieceBytes;
      return;
    }
    const hash = createHash('sha256');
    this.hash = hash;
    this.total = 0;
    this.gathered = this.kept;
    this.hashGathered(hash);
    this.gathered += piece;
    if (this.gathered.length >= HASH_GATHER) this.hashGathered(hash);
    this.kept += utf8Prefix(piece, this.cap - this.keptBytes, this.view);
  }

  private hashGathered(hash: Hash): void {
    const gathered = this.gathered;
    this.gathered = '';
    // A surrogate pair split between pieces must be hashed whole: its first half waits for the second.
    const cut = this.view === 'utf8' && isHighSurrogate(gathered.charCodeAt(gathered.length - 1)) ? gathered.length - 1 : gathered.length;
    if (cut < gathered.length) this.gathered = gathered.slice(cut);
    const hashed = cut < gathered.length ? gathered.slice(0, cut) : gathered;
    hashText(hash, hashed, this.view);
    this.total += byteLength(hashed, this.view);
  }

  /** The kept text and, when it was cut, the whole text's size and hash; the text then starts again empty. */
  finish(): Capped {
    if (this.hash !== null) {
      const rest = this.gathered;
      this.gathered = '';
      hashText(this.hash, rest, this.view);
      this.total += byteLength(rest, this.view);
    }
    const result: Capped = { text: this.kept, whole: this.hash ? { bytes: this.total, sha256: this.hash.digest('hex') } : null };
    this.kept = '';
    this.keptBytes = -1;
    this.hash = null;
    this.total = 0;
    return result;
  }
}
