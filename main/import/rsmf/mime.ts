/**
 * A small streaming MIME reader (RFC 5322 headers, RFC 2045/2046 multipart, RFC 2047 encoded words,
 * RFC 2231 parameters) for RSMF files. It reads the message line by line and keeps the decoded body
 * only of the parts the caller asks for, so the text rendering and any avatar parts of a large RSMF
 * are skipped without being held in memory. CRLF is the standard; bare LF is accepted too.
 */

export class MimeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MimeError';
  }
}

export interface Header {
  readonly name: string;
  /** Unfolded, as written (encoded words are left encoded; see `decodeEncodedWords`). */
  readonly value: string;
}

export class HeaderList {
  constructor(readonly all: readonly Header[]) {}

  /** The first header of that name (case-insensitive), or null. */
  get(name: string): string | null {
    const wanted = name.toLowerCase();
    return this.all.find((h) => h.name.toLowerCase() === wanted)?.value ?? null;
  }

  /** Like `get`, with RFC 2047 encoded words decoded, for unstructured headers such as Subject. */
  text(name: string): string | null {
    const value = this.get(name);
    return value === null ? null : decodeEncodedWords(value);
  }
}

export interface MimePart {
  readonly headers: HeaderList;
  /** Lower-cased `type/subtype`; `text/plain` when the part declares none. */
  readonly contentType: string;
  /** From Content-Disposition `filename`, else Content-Type `name`. */
  readonly fileName: string | null;
  readonly disposition: string | null;
  readonly transferEncoding: string;
  /** Decoded bytes, only for parts the caller kept. */
  readonly body: Uint8Array | null;
}

export interface MimeMessage {
  readonly headers: HeaderList;
  /** Leaf parts in document order (a message that is not multipart has exactly one). */
  readonly parts: readonly MimePart[];
}

export interface MimeLimits {
  /** RFC 5322 allows 998 characters; anything near this is not an e-mail. */
  readonly maxLineBytes: number;
  readonly maxKeptBytes: number;
}

export const DEFAULT_MIME_LIMITS: MimeLimits = { maxLineBytes: 1024 * 1024, maxKeptBytes: 2 * 1024 ** 3 };

/** Splits `type/subtype; a=b; c="d"` into its value and parameters (names lower-cased). */
export function parseParameters(header: string): { value: string; params: Map<string, string> } {
  const pieces: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < header.length; i++) {
    const c = header[i] as string;
    if (quoted && c === '\\' && i + 1 < header.length) {
      current += c + header[++i];
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (c === ';' && !quoted) {
      pieces.push(current);
      current = '';
    } else current += c;
  }
  pieces.push(current);
  const [first = '', ...rest] = pieces;

  // RFC 2231: name*=charset'lang'%XX, and continuations name*0, name*1* ...
  const segments = new Map<string, { index: number; value: string; encoded: boolean }[]>();
  for (const piece of rest) {
    const eq = piece.indexOf('=');
    if (eq < 0) continue;
    const rawName = piece.slice(0, eq).trim().toLowerCase();
    let value = piece.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1).replace(/\\(.)/g, '$1');
    const match = /^([^*]+)(?:\*(\d+))?(\*)?$/.exec(rawName);
    if (!match?.[1]) continue;
    const list = segments.get(match[1]) ?? [];
    list.push({ index: Number(match[2] ?? 0), value, encoded: match[3] === '*' });
    segments.set(match[1], list);
  }
  const params = new Map<string, string>();
  for (const [name, list] of segments) {
    list.sort((a, b) => a.index - b.index);
    let charset = 'utf-8';
    const decoded = list.map((segment, i) => {
      if (!segment.encoded) return segment.value;
      let value = segment.value;
      if (i === 0) {
        const parts = value.split("'");
        if (parts.length >= 3) {
          charset = parts[0] || 'utf-8';
          value = parts.slice(2).join("'");
        }
      }
      return decodeBytes(percentBytes(value), charset);
    });
    params.set(name, decoded.join(''));
  }
  return { value: first.trim().toLowerCase(), params };
}

function percentBytes(text: string): Uint8Array {
  const encoder = new TextEncoder();
  const bytes: number[] = [];
  for (let i = 0; i < text.length;) {
    const hex = text[i] === '%' ? /^[0-9A-Fa-f]{2}/.exec(text.slice(i + 1, i + 3)) : null;
    if (hex) {
      bytes.push(parseInt(hex[0], 16));
      i += 3;
      continue;
    }
    const char = String.fromCodePoint(text.codePointAt(i) ?? 0);
    bytes.push(...encoder.encode(char));
    i += char.length;
  }
  return Uint8Array.from(bytes);
}

function decodeBytes(bytes: Uint8Array, charset: string): string {
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/** Decodes RFC 2047 `=?charset?B|Q?…?=` words; whitespace between adjacent encoded words is dropped. */
export function decodeEncodedWords(value: string): string {
  const word = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;
  return value
    .replace(/(=\?[^?\s]+\?[BbQq]\?[^?\s]*\?=)\s+(?==\?)/g, '$1')
    .replace(word, (whole, charset: string, encoding: string, text: string) => {
      const lang = charset.indexOf('*');
      const cs = lang >= 0 ? charset.slice(0, lang) : charset;
      if (encoding.toUpperCase() === 'B') {
        if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return whole;
        return decodeBytes(Uint8Array.from(Buffer.from(text, 'base64')), cs);
      }
      return decodeBytes(percentBytes(text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, '%$1')), cs);
    });
}

/** Incremental base64 decoding; whitespace is ignored and anything else outside the alphabet is refused. */
export class Base64Decoder {
  private carry = '';
  private finished = false;
  private readonly chunks: Uint8Array[] = [];
  private total = 0;

  constructor(private readonly maxBytes: number) {}

  push(text: string): void {
    const clean = text.replace(/[\s]+/g, '');
    if (clean === '') return;
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || (this.finished && clean.length > 0)) {
      throw new MimeError('base64 data holds characters outside the base64 alphabet, or data after the padding');
    }
    if (clean.endsWith('=')) this.finished = true;
    const all = this.carry + clean;
    const whole = all.length - (all.length % 4);
    this.carry = all.slice(whole);
    if (whole > 0) {
      const bytes = Uint8Array.from(Buffer.from(all.slice(0, whole), 'base64'));
      this.total += bytes.length;
      if (this.total > this.maxBytes) throw new MimeError(`a part decodes to more than ${this.maxBytes} bytes`);
      this.chunks.push(bytes);
    }
  }

  end(): Uint8Array {
    if (this.carry !== '') throw new MimeError('base64 data is truncated (its length is not a multiple of 4)');
    return Uint8Array.from(Buffer.concat(this.chunks));
  }
}

interface Sink {
  line(bytes: Uint8Array): void;
  end(): Uint8Array;
}

function identitySink(maxBytes: number): Sink {
  const lines: Uint8Array[] = [];
  let total = 0;
  const crlf = Uint8Array.of(13, 10);
  return {
    line(bytes) {
      // The line break before a boundary belongs to the boundary, so breaks go between lines only.
      if (lines.length > 0) lines.push(crlf);
      lines.push(Uint8Array.from(bytes));
      total += bytes.length + 2;
      if (total > maxBytes) throw new MimeError(`a part is longer than ${maxBytes} bytes`);
    },
    end: () => Uint8Array.from(Buffer.concat(lines)),
  };
}

function base64Sink(maxBytes: number): Sink {
  const decoder = new Base64Decoder(maxBytes);
  const latin1 = new TextDecoder('latin1');
  return { line: (bytes) => decoder.push(latin1.decode(bytes)), end: () => decoder.end() };
}

function parseHeaderLines(lines: readonly string[]): HeaderList {
  const headers: { name: string; value: string }[] = [];
  for (const line of lines) {
    const last = headers[headers.length - 1];
    if (/^[ \t]/.test(line)) {
      if (!last) throw new MimeError('the message starts with a continuation line instead of a header');
      last.value += line;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0 || !/^[!-9;-~]+$/.test(line.slice(0, colon).trimEnd())) {
      throw new MimeError(`malformed header line "${line.slice(0, 60)}"`);
    }
    headers.push({ name: line.slice(0, colon).trimEnd(), value: line.slice(colon + 1) });
  }
  return new HeaderList(headers.map((h) => ({ name: h.name, value: h.value.trim() })));
}

/**
 * Reads a MIME message from a byte stream. `keep` sees each leaf part's headers and decides whether its
 * decoded body is wanted; other parts are skipped as they stream past.
 */
export async function readMime(
  chunks: AsyncIterable<Uint8Array>,
  keep: (part: Omit<MimePart, 'body'>) => boolean,
  limits: MimeLimits = DEFAULT_MIME_LIMITS,
): Promise<MimeMessage> {
  const utf8 = new TextDecoder('utf-8');
  const boundaries: string[] = [];
  const parts: MimePart[] = [];
  let topHeaders: HeaderList | null = null;
  let state: 'headers' | 'body' | 'skip' = 'headers';
  let headerLines: string[] = [];
  let part: Omit<MimePart, 'body'> | null = null;
  let sink: Sink | null = null;

  const finishPart = (): void => {
    if (state === 'headers' && headerLines.length > 0) endHeaders();
    if (part) parts.push({ ...part, body: sink ? sink.end() : null });
    part = null;
    sink = null;
  };

  const endHeaders = (): void => {
    const headers = parseHeaderLines(headerLines);
    headerLines = [];
    topHeaders ??= headers;
    const type = parseParameters(headers.get('Content-Type') ?? 'text/plain');
    if (type.value.startsWith('multipart/')) {
      const boundary = type.params.get('boundary');
      if (!boundary) throw new MimeError(`a ${type.value} entity has no boundary parameter`);
      boundaries.push(boundary);
      state = 'skip';
      return;
    }
    const disposition = headers.get('Content-Disposition');
    const parsedDisposition = disposition === null ? null : parseParameters(disposition);
    const info = {
      headers,
      contentType: type.value || 'text/plain',
      fileName: parsedDisposition?.params.get('filename') ?? type.params.get('name') ?? null,
      disposition: parsedDisposition?.value ?? null,
      transferEncoding: (headers.get('Content-Transfer-Encoding') ?? '7bit').trim().toLowerCase(),
    };
    part = info;
    if (keep(info)) {
      if (info.transferEncoding === 'base64') sink = base64Sink(limits.maxKeptBytes);
      else if (['7bit', '8bit', 'binary'].includes(info.transferEncoding)) sink = identitySink(limits.maxKeptBytes);
      else throw new MimeError(`Content-Transfer-Encoding "${info.transferEncoding}" is not supported for a part that must be read`);
    }
    state = 'body';
  };

  const onLine = (bytes: Uint8Array): void => {
    if (boundaries.length > 0 && bytes[0] === 0x2d && bytes[1] === 0x2d) {
      const text = utf8.decode(bytes).replace(/[ \t]+$/, '');
      for (let i = boundaries.length - 1; i >= 0; i--) {
        const boundary = `--${boundaries[i]}`;
        if (text === boundary || text === `${boundary}--`) {
          finishPart();
          boundaries.length = text === boundary ? i + 1 : i;
          state = text === boundary ? 'headers' : 'skip';
          return;
        }
      }
    }
    if (state === 'headers') {
      if (bytes.length === 0) endHeaders();
      else headerLines.push(utf8.decode(bytes));
    } else if (state === 'body') sink?.line(bytes);
  };

  let pending: Uint8Array = new Uint8Array(0);
  for await (const chunk of chunks) {
    let data = pending.length > 0 ? Uint8Array.from(Buffer.concat([pending, chunk])) : chunk;
    let start = 0;
    for (let nl = data.indexOf(0x0a); nl >= 0; nl = data.indexOf(0x0a, start)) {
      const end = nl > start && data[nl - 1] === 0x0d ? nl - 1 : nl;
      onLine(data.subarray(start, end));
      start = nl + 1;
    }
    data = data.subarray(start);
    if (data.length > limits.maxLineBytes)
      throw new MimeError(`a line is longer than ${limits.maxLineBytes} bytes; this is not an e-mail message`);
    pending = Uint8Array.from(data);
  }
  if (pending.length > 0) onLine(pending.at(-1) === 0x0d ? pending.subarray(0, -1) : pending);
  if (boundaries.length > 0) throw new MimeError(`the message ends before the closing boundary "--${boundaries[boundaries.length - 1]}--"`);
  finishPart();
  if (!topHeaders) throw new MimeError('the message has no headers');
  return { headers: topHeaders, parts };
}
