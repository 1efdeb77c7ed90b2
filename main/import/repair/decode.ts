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
    /** Offset of the first byte of the chunk that failed to decode. */
    readonly byteOffset: number,
  ) {
    super(`the file is not valid ${encoding} text (in the bytes from offset ${byteOffset})`);
    this.name = 'TextDecodingError';
  }
}

function encodingFromBom(head: Uint8Array): string {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

class Decoder {
  private readonly decoder: TextDecoder;

  constructor(private readonly encoding: string) {
    // The decoder drops the BOM it was chosen for, so the parsers never see U+FEFF.
    this.decoder = new TextDecoder(encoding, { fatal: true });
  }

  decode(bytes: Uint8Array | null, byteOffset: number): string {
    try {
      return bytes ? this.decoder.decode(bytes, { stream: true }) : this.decoder.decode();
    } catch {
      throw new TextDecodingError(this.encoding.toUpperCase(), byteOffset);
    }
  }
}

export async function* decodeText(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<DecodedChunk> {
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
  tail += decoder.decode(null, bytesRead);
  if (tail) yield { text: tail, bytesRead };
}
