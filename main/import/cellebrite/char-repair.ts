/**
 * The pre-filter that lets a strict XML parser read Cellebrite reports: `report.xml` can hold numeric
 * references to characters XML 1.0 forbids even as references (`&#x1;`, IPED's UFEDXMLWrapper handles
 * the same), and sometimes the raw control characters themselves. Each one is replaced with U+FFFD
 * rather than removed, so the reviewer sees that a character stood there, and each replacement is
 * recorded with its line. References inside CDATA sections, comments and processing instructions are
 * literal text, not references, and are left alone.
 *
 * Works on a byte stream cut anywhere: a reference, a UTF-8 sequence or a `<![CDATA[` marker split
 * over two chunks is held back until the next chunk completes it. Memory is bounded by the chunk size.
 */

export interface CharRepair {
  /** 1-based line in the original text. */
  readonly line: number;
  /** What stood in the source: the reference as written, or the raw character as `U+0001`. */
  readonly original: string;
}

const REPLACEMENT = '\uFFFD';
const CHAR_REF = /&#(x[0-9A-Fa-f]+|[0-9]+);/y;
// A possible start of a character reference that the chunk cut short.
const PARTIAL_CHAR_REF = /^&(#(x[0-9A-Fa-f]*|[0-9]*)?)?$/;
// Longer than any sane reference (leading zeros are legal); a longer run is passed to the parser as is.
const MAX_HELD = 64;
// XML 1.0 Char excludes C0 controls other than tab, LF and CR, and U+FFFE/U+FFFF. Lone surrogates cannot
// reach here because the UTF-8 decoder is fatal.
const isForbiddenRaw = (code: number): boolean =>
  (code < 0x20 && code !== 0x9 && code !== 0xa && code !== 0xd) || code === 0xfffe || code === 0xffff;

const OPENERS = [
  { open: '<![CDATA[', close: ']]>' },
  { open: '<!--', close: '-->' },
  { open: '<?', close: '?>' },
] as const;

export function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

export class ForbiddenCharFilter {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private held = '';
  /** The closing marker while inside CDATA, a comment or a PI; null in ordinary text and markup. */
  private closer: string | null = null;
  private line = 1;
  private pending: CharRepair[] = [];

  /** Filters one chunk; returns the text that is safe to hand to the parser now. */
  push(chunk: Uint8Array): string {
    return this.filter(this.held + this.decoder.decode(chunk, { stream: true }), false);
  }

  /** Flushes whatever was held back at the end of the stream. */
  end(): string {
    return this.filter(this.held + this.decoder.decode(), true);
  }

  /** Repairs made since the last call, in source order. */
  takeRepairs(): CharRepair[] {
    const repairs = this.pending;
    this.pending = [];
    return repairs;
  }

  private filter(text: string, final: boolean): string {
    const out: string[] = [];
    const positions: { at: number; original: string }[] = [];
    let outLength = 0;
    const emit = (piece: string): void => {
      out.push(piece);
      outLength += piece.length;
    };
    let i = 0;
    let cut = text.length;
    while (i < text.length) {
      if (this.closer !== null) {
        const end = text.indexOf(this.closer, i);
        if (end >= 0) {
          emit(text.slice(i, end + this.closer.length));
          i = end + this.closer.length;
          this.closer = null;
          continue;
        }
        // Keep back enough to recognise a closing marker split across chunks.
        const keep = final ? 0 : Math.min(this.closer.length - 1, text.length - i);
        emit(text.slice(i, text.length - keep));
        cut = text.length - keep;
        break;
      }
      const amp = text.indexOf('&', i);
      const lt = text.indexOf('<', i);
      const next = amp < 0 ? lt : lt < 0 ? amp : Math.min(amp, lt);
      if (next < 0) {
        emit(text.slice(i));
        break;
      }
      emit(text.slice(i, next));
      const nearEnd = !final && text.length - next < MAX_HELD;
      if (next === lt) {
        const opener = OPENERS.find((o) => text.startsWith(o.open, next));
        if (opener) {
          emit(opener.open);
          this.closer = opener.close;
          i = next + opener.open.length;
          continue;
        }
        if (nearEnd && OPENERS.some((o) => o.open.startsWith(text.slice(next)))) {
          cut = next;
          break;
        }
        emit('<');
        i = next + 1;
        continue;
      }
      CHAR_REF.lastIndex = next;
      const ref = CHAR_REF.exec(text);
      if (ref?.[1]) {
        const digits = ref[1];
        const code = digits.startsWith('x') ? parseInt(digits.slice(1), 16) : parseInt(digits, 10);
        if (isXmlChar(code)) emit(ref[0]);
        else {
          positions.push({ at: outLength, original: ref[0] });
          emit(REPLACEMENT);
        }
        i = next + ref[0].length;
        continue;
      }
      if (nearEnd && PARTIAL_CHAR_REF.test(text.slice(next))) {
        cut = next;
        break;
      }
      emit('&');
      i = next + 1;
    }
    this.held = text.slice(cut);

    let result = out.join('');
    const raw: number[] = [];
    for (let at = 0; at < result.length; at++) if (isForbiddenRaw(result.charCodeAt(at))) raw.push(at);
    if (raw.length > 0) {
      const pieces: string[] = [];
      let from = 0;
      for (const at of raw) {
        positions.push({ at, original: `U+${result.charCodeAt(at).toString(16).toUpperCase().padStart(4, '0')}` });
        pieces.push(result.slice(from, at), REPLACEMENT);
        from = at + 1;
      }
      pieces.push(result.slice(from));
      result = pieces.join('');
    }
    positions.sort((a, b) => a.at - b.at);
    let lineAt = 0;
    for (const { at, original } of positions) {
      for (let nl = result.indexOf('\n', lineAt); nl >= 0 && nl < at; nl = result.indexOf('\n', nl + 1)) {
        this.line++;
        lineAt = nl + 1;
      }
      this.pending.push({ line: this.line, original });
    }
    for (let nl = result.indexOf('\n', lineAt); nl >= 0; nl = result.indexOf('\n', nl + 1)) this.line++;
    return result;
  }
}
