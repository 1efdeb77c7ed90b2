/**
 * Bytes to text for the streaming parsers. Exports are UTF-8, but Signal-derived SBR files piped through
 * Windows arrive as UTF-16 with a byte-order mark, so the BOM decides. Invalid byte sequences are an
 * error rather than a silent U+FFFD: a damaged file must not be imported as if it were whole.
 */
import { TextDecoder } from 'node:util';

export interface DecodedChunk {
  readonly text: string;
  /** Bytes consumed so far, for progress. */
  readonly bytesRead: number;
}

export class TextDecodingError extends Error {
  constructor(
    readonly encoding: string,
    /** Offset in the file of the first byte that is not part of a character. */
    readonly byteOffset: number,
    /** The line (from 1) that byte is on. */
    readonly line: number,
  ) {
    super(
      `the file is not valid ${encoding} text: the byte at offset ${byteOffset} (line ${line}) is not part of any ${encoding} character. ` +
        `It may have been damaged or re-saved in another encoding; export it again from the phone, or convert it to ${encoding}, and import that`,
    );
    this.name = 'TextDecodingError';
  }
}

function encodingFromBom(head: Uint8Array): string {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

/** Where the first invalid UTF-8 sequence starts in `bytes` (a sequence cut off by the end counts), or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] ?? 0;
    if (lead < 0x80) {
      i++;
      continue;
    }
    // The ranges of the WHATWG decoder: no overlong forms, surrogates or code points past U+10FFFF.
    const [length, low, high] =
      lead >= 0xc2 && lead <= 0xdf
        ? [2, 0x80, 0xbf]
        : lead === 0xe0
          ? [3, 0xa0, 0xbf]
          : lead === 0xed
            ? [3, 0x80, 0x9f]
            : lead >= 0xe1 && lead <= 0xef
              ? [3, 0x80, 0xbf]
              : lead === 0xf0
                ? [4, 0x90, 0xbf]
                : lead === 0xf4
                  ? [4, 0x80, 0x8f]
                  : lead >= 0xf1 && lead <= 0xf3
                    ? [4, 0x80, 0xbf]
                    : [0, 0, 0];
    if (length === 0 || i + length > bytes.length) return i;
    for (let k = 1; k < length; k++) {
      const byte = bytes[i + k] ?? 0;
      if (byte < (k === 1 ? low : 0x80) || byte > (k === 1 ? high : 0xbf)) return i;
    }
    i += length;
  }
  return -1;
}

/** Where the first unpaired surrogate (or odd trailing byte) starts in UTF-16 `bytes`, or -1. */
function firstInvalidUtf16(bytes: Uint8Array, bigEndian: boolean): number {
  const unit = (i: number): number =>
    bigEndian ? ((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0) : ((bytes[i + 1] ?? 0) << 8) | (bytes[i] ?? 0);
  for (let i = 0; i < bytes.length; i += 2) {
    if (i + 1 >= bytes.length) return i;
    const u = unit(i);
    if (u >= 0xdc00 && u <= 0xdfff) return i;
    if (u >= 0xd800 && u <= 0xdbff) {
      if (i + 3 >= bytes.length) return i;
      const next = unit(i + 2);
      if (next < 0xdc00 || next > 0xdfff) return i;
      i += 2;
    }
  }
  return -1;
}

function countLineFeeds(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

class Decoder {
  private readonly decoder: TextDecoder;
  private readonly bigEndian: boolean;
  /** Line feeds decoded so far, to name the line a bad byte is on. */
  private lineFeeds = 0;
  /** The last bytes decoded: a character cut by the chunk boundary starts among them. */
  private tail: Uint8Array = new Uint8Array(0);

  constructor(private readonly encoding: string) {
    // The decoder drops the BOM it was chosen for, so the parsers never see U+FEFF.
    this.decoder = new TextDecoder(encoding, { fatal: true });
    this.bigEndian = encoding === 'utf-16be';
  }

  decode(bytes: Uint8Array | null, byteOffset: number): string {
    let text: string;
    try {
      text = bytes ? this.decoder.decode(bytes, { stream: true }) : this.decoder.decode();
    } catch {
      throw this.locate(bytes ?? new Uint8Array(0), byteOffset);
    }
    this.lineFeeds += countLineFeeds(text);
    if (bytes) this.tail = Buffer.from((this.tail.length ? Buffer.concat([this.tail, bytes]) : bytes).subarray(-4));
    return text;
  }

  /** The exact byte the decoder stopped at, found again in the chunk and the bytes just before it. */
  private locate(bytes: Uint8Array, byteOffset: number): TextDecodingError {
    const all = this.tail.length ? Buffer.concat([this.tail, bytes]) : bytes;
    const allStart = byteOffset - this.tail.length;
    const utf8 = this.encoding === 'utf-8';
    // Start at a character boundary in the tail: the tail decoded, so from there on the first fault is the decoder's.
    let from = 0;
    if (utf8) {
      while (from < this.tail.length && ((all[from] ?? 0) & 0xc0) === 0x80) from++;
    } else {
      from = allStart % 2;
      const unit = this.unit(all, from);
      if (from < this.tail.length && unit >= 0xdc00 && unit <= 0xdfff) from += 2;
    }
    const found = utf8 ? firstInvalidUtf8(all.subarray(from)) : firstInvalidUtf16(all.subarray(from), this.bigEndian);
    const at = found === -1 ? all.length : from + found;
    // Line feeds not yet decoded before the bad byte: those in this chunk, and in UTF-16 one whose first
    // byte ended the last chunk (the decoder holds an odd byte back).
    let lineFeeds = this.lineFeeds;
    const undecoded = utf8 ? this.tail.length : this.tail.length - (byteOffset % 2);
    for (let i = Math.max(0, undecoded); i < at; i++) {
      if (utf8) lineFeeds += all[i] === 0x0a ? 1 : 0;
      else if ((allStart + i) % 2 === 0) lineFeeds += this.unit(all, i) === 0x0a ? 1 : 0;
    }
    return new TextDecodingError(this.encoding.toUpperCase(), allStart + at, lineFeeds + 1);
  }

  /** The last `n` bytes given (n ≤ 4). */
  lastBytes(n: number): Uint8Array {
    return this.tail.subarray(this.tail.length - n);
  }

  private unit(bytes: Uint8Array, i: number): number {
    const first = bytes[i] ?? 0;
    const second = bytes[i + 1] ?? 0;
    return this.bigEndian ? (first << 8) | second : (second << 8) | first;
  }
}

/** The bytes of a character the input ends inside (a copy cut off mid-character), and where they start. */
export interface CutCharacter {
  readonly byteOffset: number;
  readonly bytes: Uint8Array;
}

/**
 * `onCutEnd`, when given, takes the bytes of a character the input ends inside instead of their being an
 * error: a reader that imports what is whole before a cut keeps them in its note. Any other bad byte is
 * an error all the same.
 */
export async function* decodeText(chunks: AsyncIterable<Uint8Array>, onCutEnd?: (cut: CutCharacter) => void): AsyncGenerator<DecodedChunk> {
  let decoder: Decoder | null = null;
  // Bytes held back until there are enough to read a BOM (callers may stream a byte at a time).
  let head: Uint8Array = new Uint8Array(0);
  let bytesRead = 0;
  for await (const chunk of chunks) {
    bytesRead += chunk.length;
    let bytes = chunk;
    if (!decoder) {
      bytes = new Uint8Array(head.length + chunk.length);
      bytes.set(head);
      bytes.set(chunk, head.length);
      if (bytes.length < 2) {
        head = bytes;
        continue;
      }
      decoder = new Decoder(encodingFromBom(bytes));
    }
    const text = decoder.decode(bytes, bytesRead - bytes.length);
    if (text) yield { text, bytesRead };
  }
  let tail = '';
  if (!decoder) {
    decoder = new Decoder('utf-8');
    tail = decoder.decode(head, 0);
  }
  try {
    tail += decoder.decode(null, bytesRead);
  } catch (error) {
    // Streaming decoding fails at once on a byte no character could start with; only a character left
    // incomplete by the end of the input is held back to fail here.
    if (!onCutEnd || !(error instanceof TextDecodingError)) throw error;
    onCutEnd({ byteOffset: error.byteOffset, bytes: Buffer.from(decoder.lastBytes(bytesRead - error.byteOffset)) });
  }
  if (tail) yield { text: tail, bytesRead };
}
