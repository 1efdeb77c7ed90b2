import { describe, expect, it } from 'vitest';
import { ChatTextDecoder, detectEncoding, LineCursor } from '../../../../main/import/whatsapp/decode';

async function decodeAll(bytes: Uint8Array, chunkSize: number, preferBytes = false) {
  const decoder = new ChatTextDecoder(preferBytes);
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize);
  }
  let text = '';
  for await (const chunk of decoder.decode(chunks())) text += chunk;
  return { text, decoder };
}

function utf16(text: string, bigEndian: boolean): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out.set(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    out[2 + 2 * i] = bigEndian ? unit >> 8 : unit & 0xff;
    out[3 + 2 * i] = bigEndian ? unit & 0xff : unit >> 8;
  }
  return out;
}

const SAMPLE = '12/01/2024, 14:03 - Zoë: 👨‍👩‍👧 ok\r\n\uFFFD kept\r\n';

describe('ChatTextDecoder', () => {
  it('detects the encoding from a byte-order mark, UTF-8 otherwise', () => {
    expect(detectEncoding(new Uint8Array([0xef, 0xbb, 0xbf, 0x31]))).toEqual({ encoding: 'utf-8', bom: true });
    expect(detectEncoding(new Uint8Array([0xff, 0xfe, 0x31, 0]))).toEqual({ encoding: 'utf-16le', bom: true });
    expect(detectEncoding(new Uint8Array([0xfe, 0xff, 0, 0x31]))).toEqual({ encoding: 'utf-16be', bom: true });
    expect(detectEncoding(new Uint8Array([0x31, 0x32]))).toEqual({ encoding: 'utf-8', bom: false });
  });

  for (const chunkSize of [1, 2, 3, 5, 1 << 20]) {
    it(`decodes UTF-8 (with and without BOM) and UTF-16LE/BE identically in ${chunkSize}-byte chunks`, async () => {
      const plain = new TextEncoder().encode(SAMPLE);
      const inputs = [plain, new Uint8Array([0xef, 0xbb, 0xbf, ...plain]), utf16(SAMPLE, false), utf16(SAMPLE, true)];
      const expected = ['utf-8', 'utf-8', 'utf-16le', 'utf-16be'];
      for (const [i, bytes] of inputs.entries()) {
        const { text, decoder } = await decodeAll(bytes, chunkSize);
        expect(text).toBe(SAMPLE);
        expect(decoder.encoding).toBe(expected[i]);
        expect(decoder.bom).toBe(i > 0);
        // The U+FFFD in the sample is the file's own character, not a repair.
        expect(decoder.replaced).toBe(0);
        expect(decoder.bytesRead).toBe(bytes.length);
      }
    });
  }

  it('counts invalid byte sequences, wherever the chunks split them', async () => {
    const bytes = new Uint8Array([0x41, 0xe9, 0x42, 0xef, 0xbf, 0xbd, 0xc3, 0x43, 0xf0, 0x9f]);
    for (const chunkSize of [1, 2, 4, 64]) {
      const { text, decoder } = await decodeAll(bytes, chunkSize);
      expect(text).toBe('A\uFFFDB\uFFFD\uFFFDC\uFFFD');
      expect(decoder.replaced).toBe(3);
    }
  });

  it('on request, hands UTF-8 over as bytes one per character, still counting invalid sequences', async () => {
    const valid = new TextEncoder().encode(SAMPLE);
    const invalid = new Uint8Array([0x41, 0xe9, 0x42, 0xef, 0xbf, 0xbd, 0xc3, 0x43, 0xe2, 0x80, 0x8e, 0xf0, 0x9f]);
    for (const chunkSize of [1, 2, 3, 5, 64]) {
      const plain = await decodeAll(valid, chunkSize, true);
      expect(plain.decoder.utf8View).toBe(true);
      expect(plain.text).toBe(Buffer.from(valid).toString('latin1'));
      expect(plain.decoder.replaced).toBe(0);
      const withBom = await decodeAll(new Uint8Array([0xef, 0xbb, 0xbf, ...valid]), chunkSize, true);
      expect(withBom.text).toBe(plain.text);
      expect(withBom.decoder.bom).toBe(true);
      const bad = await decodeAll(invalid, chunkSize, true);
      expect(bad.decoder.replaced, `chunks of ${chunkSize}`).toBe(3);
    }
    const wide = await decodeAll(utf16(SAMPLE, false), 3, true);
    expect(wide.decoder.utf8View).toBe(false);
    expect(wide.text).toBe(SAMPLE);
  });

  it('decodes any bytes, however chunked, exactly as TextDecoder decodes them whole (a lone CR read as LF)', async () => {
    // A fixed pseudo-random sequence: mostly ASCII, with lead, continuation and stray bytes.
    let seed = 7;
    const random = (): number => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 300; round++) {
      const bytes = Uint8Array.from({ length: 1 + Math.floor(random() * 40) }, () => {
        const r = random();
        return r < 0.4
          ? 0x41
          : r < 0.6
            ? 0x80 + Math.floor(random() * 64)
            : r < 0.8
              ? 0xc0 + Math.floor(random() * 64)
              : Math.floor(random() * 256);
      });
      if (bytes[0] === 0xef || bytes[0] === 0xff || bytes[0] === 0xfe) bytes[0] = 0x41;
      const { text } = await decodeAll(bytes, 1 + Math.floor(random() * 6));
      expect(text).toBe(new TextDecoder().decode(bytes).replace(/\r(?!\n)/g, '\n'));
    }
  });

  it('decodes an empty stream to nothing', async () => {
    const { text, decoder } = await decodeAll(new Uint8Array(0), 4);
    expect(text).toBe('');
    expect(decoder.bytesRead).toBe(0);
  });
});

describe('LineCursor', () => {
  function lines(chunks: readonly string[]): string[] {
    const cursor = new LineCursor();
    const out: string[] = [];
    for (const chunk of chunks) {
      cursor.push(chunk);
      while (cursor.next()) out.push(cursor.text.slice(cursor.start, cursor.end));
    }
    if (cursor.finish()) out.push(cursor.text.slice(cursor.start, cursor.end));
    return out;
  }

  it('splits at LF, drops the CR of CRLF, keeps blank lines and a last line without a break', () => {
    expect(lines(['a\r\nb\n\nc'])).toEqual(['a', 'b', '', 'c']);
    expect(lines(['a\r\n'])).toEqual(['a']);
  });

  it('joins lines that straddle chunks, including a CR and LF in different chunks', () => {
    const text = 'first line\r\nsecond\r\n\r\nthird, long enough to span chunks\nlast';
    for (const size of [1, 2, 3, 7, 100]) {
      const chunks: string[] = [];
      for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
      expect(lines(chunks), `chunks of ${size}`).toEqual(['first line', 'second', '', 'third, long enough to span chunks', 'last']);
    }
  });
});
