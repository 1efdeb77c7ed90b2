/**
 * Streaming text decoding and line splitting for chat exports. WhatsApp writes UTF-8, but files pass
 * through other tools on their way to an inquiry (one fixture was re-saved as UTF-16LE with a BOM), so the
 * encoding is taken from a byte-order mark when there is one, and every byte sequence that could not be
 * decoded is counted so the import can say it was repaired.
 */
import { isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import { CancelledError, type CancellationToken } from '../../../common/domain/cancellation';

export type ChatEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

const REPLACEMENT = '\uFFFD';

/** How U+FFFD itself is encoded, so replacement characters already in the file are not counted as repairs. */
const RAW_REPLACEMENT: Record<ChatEncoding, Buffer> = {
  'utf-8': Buffer.from([0xef, 0xbf, 0xbd]),
  'utf-16le': Buffer.from([0xfd, 0xff]),
  'utf-16be': Buffer.from([0xff, 0xfd]),
};

export function detectEncoding(head: Uint8Array): { encoding: ChatEncoding; bom: boolean } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bom: true };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bom: true };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bom: true };
  return { encoding: 'utf-8', bom: false };
}

function countOccurrences(text: string, char: string): number {
  let n = 0;
  for (let i = text.indexOf(char); i !== -1; i = text.indexOf(char, i + 1)) n++;
  return n;
}

/** Bytes of a UTF-8 stream that end with an incomplete sequence: how many of them are complete. */
function completeLength(bytes: Buffer): number {
  const n = bytes.length;
  for (let k = 1; k <= 3 && k <= n; k++) {
    const b = bytes[n - k] ?? 0;
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back for the lead byte
    if (b < 0xc0) return n;
    const needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    return needed > k ? n - k : n;
  }
  return n;
}

function invalidSequences(bytes: Buffer): number {
  let genuine = 0;
  for (let i = bytes.indexOf(RAW_REPLACEMENT['utf-8']); i !== -1; i = bytes.indexOf(RAW_REPLACEMENT['utf-8'], i + 1)) genuine++;
  return countOccurrences(new TextDecoder().decode(bytes), REPLACEMENT) - genuine;
}

/**
 * Counts the invalid sequences in a UTF-8 stream without decoding it: `isUtf8` vets each chunk natively,
 * and only a chunk that fails is decoded to count what a decoder would replace. A sequence cut by a chunk
 * boundary is carried over and checked whole.
 */
class Utf8Check {
  invalid = 0;
  private carry: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): void {
    const bytes = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    const complete = completeLength(bytes);
    this.carry = Buffer.from(bytes.subarray(complete));
    if (!isUtf8(bytes.subarray(0, complete))) this.invalid += invalidSequences(bytes.subarray(0, complete));
  }

  end(): void {
    if (this.carry.length) this.invalid += invalidSequences(this.carry);
    this.carry = Buffer.alloc(0);
  }
}

/**
 * Turns each CR that ends a line on its own (old Mac exports, files passed through some editors) into
 * LF, one character for one, so line numbers stay those of the file; a CR before LF is left as it is.
 * A CR at the end of a chunk is held until the next chunk shows whether LF follows it.
 */
export class LoneCarriageReturns {
  private held = false;

  push(text: string, final: boolean): string {
    let out = this.held ? `\r${text}` : text;
    this.held = !final && out.charCodeAt(out.length - 1) === 13;
    if (this.held) out = out.slice(0, -1);
    // CRLF files have a CR on every line; a scan for one alone costs far less than a replace.
    for (let i = out.indexOf('\r'); i !== -1; i = out.indexOf('\r', i + 1)) {
      if (out.charCodeAt(i + 1) !== 10) return out.replace(/\r(?!\n)/g, '\n');
    }
    return out;
  }
}

/**
 * Reads a chat file chunk by chunk; memory is one chunk, whatever the file size. Chunks come either as
 * decoded text (TextDecoder with `stream: true`, so a character split across chunks is decoded once both
 * halves arrive) or, when `preferBytes` is set and the file is UTF-8, as the bytes themselves, one per
 * character (Latin-1): a copy instead of a decode, for the survey pass, which only looks closely at a
 * few characters per line. Invalid sequences are counted either way.
 */
export class ChatTextDecoder {
  encoding: ChatEncoding = 'utf-8';
  bom = false;
  /** Byte sequences that were not valid in the encoding and became (or would become) U+FFFD. */
  replaced = 0;
  bytesRead = 0;
  /** Set once the first bytes are read: the chunks are UTF-8 bytes, one per character. */
  utf8View = false;

  constructor(private readonly preferBytes = false) {}

  async *decode(source: AsyncIterable<Uint8Array>, token?: CancellationToken): AsyncGenerator<string> {
    const lineEnds = new LoneCarriageReturns();
    let started = false;
    let decoder: TextDecoder | null = null;
    let check: Utf8Check | null = null;
    let skip = 0;
    let head: Buffer = Buffer.alloc(0);
    let tail: Buffer = Buffer.alloc(0);
    let offset = 0;
    const take = (bytes: Buffer, final: boolean): string => {
      if (!started) {
        started = true;
        ({ encoding: this.encoding, bom: this.bom } = detectEncoding(bytes));
        if (this.preferBytes && this.encoding === 'utf-8') {
          check = new Utf8Check();
          this.utf8View = true;
          skip = this.bom ? 3 : 0;
        } else {
          decoder = new TextDecoder(this.encoding);
        }
      }
      if (check) {
        check.push(bytes);
        if (final) check.end();
        this.replaced = check.invalid;
        const text = bytes.toString('latin1', skip);
        skip = 0;
        return text;
      }
      if (!decoder) return '';
      const text = final ? decoder.decode(bytes) : decoder.decode(bytes, { stream: true });
      if (text.includes(REPLACEMENT)) this.countRepairs(text, tail, bytes, offset);
      // A U+FFFD already in the file can straddle two chunks; keep enough bytes to see it whole.
      const keep = RAW_REPLACEMENT[this.encoding].length - 1;
      tail = bytes.length >= keep ? bytes.subarray(bytes.length - keep) : Buffer.concat([tail, bytes]).subarray(-keep);
      offset += bytes.length;
      return text;
    };
    for await (const chunk of source) {
      if (token?.isCancellationRequested) throw new CancelledError('The import');
      this.bytesRead += chunk.byteLength;
      const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      if (!started && head.length + bytes.length < 3) {
        // A byte-order mark needs up to three bytes; zip streams can deliver less than that first.
        head = Buffer.concat([head, bytes]);
        continue;
      }
      const text = lineEnds.push(take(head.length ? Buffer.concat([head, bytes]) : bytes, false), false);
      head = Buffer.alloc(0);
      if (text) yield text;
    }
    const text = lineEnds.push(take(head, true), true);
    if (text) yield text;
  }

  private countRepairs(text: string, tail: Buffer, bytes: Buffer, offset: number): void {
    const raw = RAW_REPLACEMENT[this.encoding];
    const unit = this.encoding === 'utf-8' ? 1 : 2;
    const haystack = Buffer.concat([tail, bytes]);
    const start = offset - tail.length;
    let genuine = 0;
    for (let i = haystack.indexOf(raw); i !== -1; i = haystack.indexOf(raw, i + 1)) {
      if ((start + i) % unit === 0) genuine++;
    }
    this.replaced += Math.max(0, countOccurrences(text, REPLACEMENT) - genuine);
  }
}

/**
 * Which part of a line the cursor is on: a whole line; or, for a line longer than the cursor's
 * `maxLine`, its first characters (`head`), a later piece of it (`more`), or its last piece, up to the
 * line break (`last`). A line of hundreds of megabytes is thus never one string.
 */
export type LinePart = 'whole' | 'head' | 'more' | 'last';

/**
 * Walks decoded text line by line across chunk boundaries without cutting lines out of it: after `next()`
 * the current line (or part of one, see `part`) is `text[start, end)`. Lines end at LF (ChatTextDecoder
 * has made a lone CR one); a CR before it (iOS exports are CRLF) is left outside `end`, since message
 * bodies are joined with `\n` whatever the file used.
 *
 * Lines are found in the decoder's own chunk strings. Only the line that straddles two chunks is joined
 * into a string of its own: V8 searches a concatenated (cons) string on a slow path, call after call, so
 * prepending the carried-over text to every chunk would double the cost of the line search. A line that
 * straddles chunks is carried only up to `maxLine` characters; the rest of it comes in pieces.
 */
export class LineCursor {
  text = '';
  start = 0;
  end = 0;
  part: LinePart = 'whole';
  private chunk = '';
  private pos = 0;
  private carry = '';
  private joined: string | null = null;
  /** Inside a line longer than maxLine, whose head has been given. */
  private long = false;

  constructor(private readonly maxLine = Infinity) {}

  push(chunk: string): void {
    this.pos = 0;
    if (this.carry === '') {
      this.chunk = chunk;
      return;
    }
    const nl = chunk.indexOf('\n');
    if (nl === -1) {
      this.carry += chunk;
      this.chunk = '';
      return;
    }
    this.joined = this.carry + chunk.slice(0, nl + 1);
    this.carry = '';
    this.chunk = chunk;
    this.pos = nl + 1;
  }

  /** Moves to the next complete line or part of a long line; false when the rest of the text has no line break yet. */
  next(): boolean {
    if (this.joined !== null) {
      this.text = this.joined;
      this.joined = null;
      this.ended(0, this.text.length - 1);
      return true;
    }
    const nl = this.chunk.indexOf('\n', this.pos);
    if (nl !== -1) {
      this.text = this.chunk;
      this.ended(this.pos, nl);
      this.pos = nl + 1;
      return true;
    }
    if (this.pos < this.chunk.length) {
      if (this.long) {
        this.piece(this.chunk, this.pos, this.chunk.length, 'more');
        this.pos = this.chunk.length;
        return true;
      }
      this.carry = this.chunk.slice(this.pos);
      this.pos = this.chunk.length;
    }
    if (this.long || this.carry.length < this.maxLine) return false;
    this.long = true;
    this.piece(this.carry, 0, this.carry.length, 'head');
    this.carry = '';
    return true;
  }

  /** At the end of the input: moves to the last line when the text does not end with a line break. */
  finish(): boolean {
    if (this.long) {
      this.piece('', 0, 0, 'last');
      this.long = false;
      return true;
    }
    if (this.carry === '') return false;
    this.text = this.carry;
    this.carry = '';
    this.ended(0, this.text.length);
    return true;
  }

  private piece(text: string, start: number, end: number, part: LinePart): void {
    this.text = text;
    this.start = start;
    this.end = end;
    this.part = part;
  }

  /** A line, or a long line's last piece, that ends at `stop`. */
  private ended(start: number, stop: number): void {
    this.part = this.long ? 'last' : 'whole';
    this.long = false;
    this.start = start;
    this.end = stop > start && this.text.charCodeAt(stop - 1) === 13 ? stop - 1 : stop;
  }
}
