/**
 * A small structural reader for NeXTSTEP typedstreams (`NSArchiver`), the encoding of iMessage
 * `attributedBody`. It walks the stream by its grammar (type strings, shared strings, the shared
 * object table, nested objects) instead of searching for byte patterns, so a body that happens to
 * contain the bytes of a marker is still read correctly, and a blob that does not follow the grammar
 * is reported rather than half-read. Pure: bytes in, values out.
 *
 * Encoding facts used here (see test/fixtures/README.md, "iMessage attributedBody: exact encoding"):
 * - integers: one signed byte, or 0x81 + int16 LE, or 0x82 + int32 LE; 0x83 introduces a float;
 * - 0x84 = new (string, object or class follows), 0x85 = nil, 0x86 = end of object;
 * - anything else in a reference position is an index into a shared table, offset by 0x92.
 */

export class TypedStreamError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TypedStreamError';
  }
}

export interface ArchivedClass {
  readonly kind: 'class';
  readonly name: string;
  readonly version: number;
  superclass: ArchivedClass | null;
}

export interface ArchivedObject {
  readonly kind: 'object';
  class: ArchivedClass | null;
  readonly values: ArchivedValue[];
}

/** `+` byte strings come back as bytes; C strings, selectors and atoms as text. */
export type ArchivedValue = number | string | Uint8Array | ArchivedObject | ArchivedClass | null | ArchivedValue[];

const TAG_INT16 = 0x81;
const TAG_INT32 = 0x82;
const TAG_FLOAT = 0x83;
const TAG_NEW = 0x84;
const TAG_NIL = 0x85;
const TAG_END = 0x86;
const FIRST_TAG = 0x80;
const LAST_TAG = 0x91;
// Reference numbers are written as integers biased so that 0x92 (-110 as a signed byte) means 0.
const REFERENCE_BIAS = 110;
const MAX_DEPTH = 64;

type TypeCode =
  | { readonly kind: 'simple'; readonly code: string }
  | { readonly kind: 'array'; readonly length: number; readonly element: TypeCode }
  | { readonly kind: 'struct'; readonly fields: readonly TypeCode[] };

const INTEGER_CODES = new Set(['c', 'C', 's', 'S', 'i', 'I', 'l', 'L', 'q', 'Q', 'B']);
const UNSIGNED_CODES = new Set(['C', 'S', 'I', 'L', 'Q']);
// Objective-C type qualifiers (const, in, out, bycopy...) say nothing about the bytes.
const QUALIFIERS = new Set(['r', 'n', 'N', 'o', 'O', 'R', 'V']);

/** Parses an Objective-C type encoding string (`iI`, `@`, `[4c]`, `{CGPoint=dd}`) into codes. */
export function parseTypeEncoding(encoding: string): TypeCode[] {
  let at = 0;
  const one = (): TypeCode => {
    while (QUALIFIERS.has(encoding[at] ?? '')) at++;
    const c = encoding[at];
    if (c === undefined) throw new TypedStreamError(`type encoding "${encoding}" ends early`);
    if (c === '[') {
      at++;
      const digits = /^\d+/.exec(encoding.slice(at));
      if (!digits) throw new TypedStreamError(`array type in "${encoding}" has no length`);
      at += digits[0].length;
      const element = one();
      if (encoding[at] !== ']') throw new TypedStreamError(`array type in "${encoding}" is not closed`);
      at++;
      return { kind: 'array', length: Number(digits[0]), element };
    }
    if (c === '{') {
      const equals = encoding.indexOf('=', at);
      if (equals < 0) throw new TypedStreamError(`struct type in "${encoding}" has no "="`);
      at = equals + 1;
      const fields: TypeCode[] = [];
      while (encoding[at] !== '}') fields.push(one());
      at++;
      return { kind: 'struct', fields };
    }
    at++;
    return { kind: 'simple', code: c };
  };
  const codes: TypeCode[] = [];
  while (at < encoding.length) codes.push(one());
  return codes;
}

class Reader {
  private at = 0;
  private readonly strings: string[] = [];
  // Objects, classes and C strings share one table, numbered in the order they first appear.
  private readonly objects: (ArchivedObject | ArchivedClass | string)[] = [];
  private readonly view: DataView;
  private readonly utf8 = new TextDecoder('utf-8');
  /** `+` byte strings read so far. */
  private byteStrings = 0;

  /**
   * `bytes` may be only the start of the stream: a `+` byte string that runs past its end stops the
   * read with where it starts and how long it is (StringBeyondStart).
   */
  constructor(
    private readonly bytes: Uint8Array,
    private readonly partial = false,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get done(): boolean {
    return this.at >= this.bytes.length;
  }

  private need(count: number): void {
    if (this.at + count > this.bytes.length) {
      throw new TypedStreamError(`stream ends at byte ${this.bytes.length}, ${count} more byte(s) needed at byte ${this.at}`);
    }
  }

  private byte(): number {
    this.need(1);
    return this.bytes[this.at++] as number;
  }

  peek(): number {
    this.need(1);
    return this.bytes[this.at] as number;
  }

  private take(count: number): Uint8Array {
    this.need(count);
    const slice = this.bytes.subarray(this.at, this.at + count);
    this.at += count;
    return slice;
  }

  integer(unsigned: boolean, head = this.byte()): number {
    if (head === TAG_INT16) {
      this.need(2);
      const value = unsigned ? this.view.getUint16(this.at, true) : this.view.getInt16(this.at, true);
      this.at += 2;
      return value;
    }
    if (head === TAG_INT32) {
      this.need(4);
      const value = unsigned ? this.view.getUint32(this.at, true) : this.view.getInt32(this.at, true);
      this.at += 4;
      return value;
    }
    if (head >= FIRST_TAG && head <= LAST_TAG) {
      throw new TypedStreamError(`tag 0x${head.toString(16)} where an integer was expected at byte ${this.at - 1}`);
    }
    return unsigned || head < 0x80 ? head : head - 0x100;
  }

  private float(code: 'f' | 'd'): number {
    const head = this.byte();
    if (head !== TAG_FLOAT) return this.integer(false, head);
    const size = code === 'f' ? 4 : 8;
    this.need(size);
    const value = code === 'f' ? this.view.getFloat32(this.at, true) : this.view.getFloat64(this.at, true);
    this.at += size;
    return value;
  }

  private reference(head: number): number {
    return this.integer(false, head) + REFERENCE_BIAS;
  }

  bytesWithLength(): Uint8Array {
    return this.take(this.integer(true));
  }

  sharedString(): string | null {
    const head = this.byte();
    if (head === TAG_NIL) return null;
    if (head === TAG_NEW) {
      const text = this.utf8.decode(this.bytesWithLength());
      this.strings.push(text);
      return text;
    }
    const index = this.reference(head);
    const text = this.strings[index];
    if (text === undefined) throw new TypedStreamError(`reference to shared string #${index}, which does not exist`);
    return text;
  }

  private sharedEntry(head: number): ArchivedObject | ArchivedClass | string {
    const index = this.reference(head);
    const entry = this.objects[index];
    if (entry === undefined) throw new TypedStreamError(`reference to shared object #${index}, which does not exist`);
    return entry;
  }

  private archivedClass(depth: number): ArchivedClass | null {
    if (depth > MAX_DEPTH) throw new TypedStreamError('class chain nested too deeply');
    const head = this.byte();
    if (head === TAG_NIL) return null;
    if (head === TAG_NEW) {
      const name = this.sharedString();
      if (name === null) throw new TypedStreamError('class with no name');
      const cls: ArchivedClass = { kind: 'class', name, version: this.integer(false), superclass: null };
      this.objects.push(cls);
      cls.superclass = this.archivedClass(depth + 1);
      return cls;
    }
    const entry = this.sharedEntry(head);
    if (typeof entry === 'string' || entry.kind !== 'class')
      throw new TypedStreamError('a class reference names something that is not a class');
    return entry;
  }

  private object(depth: number): ArchivedObject | ArchivedClass | string | null {
    if (depth > MAX_DEPTH) throw new TypedStreamError('objects nested too deeply');
    const head = this.byte();
    if (head === TAG_NIL) return null;
    if (head !== TAG_NEW) return this.sharedEntry(head);
    const object: ArchivedObject = { kind: 'object', class: null, values: [] };
    this.objects.push(object);
    object.class = this.archivedClass(depth + 1);
    while (this.peek() !== TAG_END) object.values.push(...this.group(depth + 1));
    this.at++;
    return object;
  }

  private cString(): string | null {
    const head = this.byte();
    if (head === TAG_NIL) return null;
    if (head !== TAG_NEW) {
      const entry = this.sharedEntry(head);
      if (typeof entry !== 'string') throw new TypedStreamError('a C-string reference names an object');
      return entry;
    }
    const text = this.sharedString();
    if (text === null) throw new TypedStreamError('new C string with no content');
    this.objects.push(text);
    return text;
  }

  private value(type: TypeCode, depth: number): ArchivedValue {
    if (type.kind === 'array') {
      const element = type.element;
      // Character arrays are stored as raw bytes, not as one encoded integer per element.
      if (element.kind === 'simple' && (element.code === 'c' || element.code === 'C')) return this.take(type.length);
      return Array.from({ length: type.length }, () => this.value(element, depth));
    }
    if (type.kind === 'struct') return type.fields.map((field) => this.value(field, depth));
    const code = type.code;
    if (INTEGER_CODES.has(code)) return this.integer(UNSIGNED_CODES.has(code));
    switch (code) {
      case '@':
        return this.object(depth);
      case '#':
        return this.archivedClass(depth);
      case '+': {
        const count = this.integer(true);
        if (this.partial && this.byteStrings++ === 0 && this.at + count > this.bytes.length) throw new StringBeyondStart(this.at, count);
        return this.take(count);
      }
      case '*':
        return this.cString();
      case ':':
      case '%':
        return this.sharedString();
      case 'f':
      case 'd':
        return this.float(code);
      default:
        throw new TypedStreamError(`unsupported type code "${code}" at byte ${this.at}`);
    }
  }

  /** One type string followed by a value for each type it names. */
  group(depth = 0): ArchivedValue[] {
    const encoding = this.sharedString();
    if (encoding === null) throw new TypedStreamError(`nil type string at byte ${this.at}`);
    return parseTypeEncoding(encoding).map((type) => this.value(type, depth));
  }
}

/** Where a byte string that runs past the part of a stream being read starts, and its length. */
class StringBeyondStart extends Error {
  constructor(
    readonly offset: number,
    readonly length: number,
  ) {
    super(`a byte string of ${length} bytes at byte ${offset} runs past the part read`);
    this.name = 'StringBeyondStart';
  }
}

/** Every top-level value in the stream, after checking the `streamtyped` header. */
export function readTypedStream(bytes: Uint8Array, partial = false): ArchivedValue[] {
  const reader = new Reader(bytes, partial);
  const version = reader.integer(true);
  if (version !== 4) throw new TypedStreamError(`typedstream version ${version} is not supported (expected 4)`);
  const signature = new TextDecoder('latin1').decode(reader.bytesWithLength());
  if (signature === 'typedstream') throw new TypedStreamError('big-endian typedstreams are not supported');
  if (signature !== 'streamtyped') throw new TypedStreamError('not a typedstream (signature "streamtyped" missing)');
  reader.integer(false); // system version (1000); it does not change the encoding
  const values: ArchivedValue[] = [];
  while (!reader.done) values.push(...reader.group());
  return values;
}

function isObject(value: ArchivedValue): value is ArchivedObject {
  return typeof value === 'object' && value !== null && 'kind' in value && value.kind === 'object';
}

function inherits(cls: ArchivedClass | null, name: string): boolean {
  for (let c = cls; c; c = c.superclass) if (c.name === name) return true;
  return false;
}

/**
 * The text of an archived `NSAttributedString` / `NSMutableAttributedString`: the `+` bytes of the
 * string object it holds, decoded as UTF-8. Throws `TypedStreamError` if the blob is not shaped so.
 */
export function attributedBodyText(bytes: Uint8Array): string {
  const root = readTypedStream(bytes).find(isObject);
  if (!root || !inherits(root.class, 'NSAttributedString')) {
    throw new TypedStreamError('the stream does not hold an NSAttributedString');
  }
  const string = root.values.find((v): v is ArchivedObject => isObject(v) && inherits(v.class, 'NSString'));
  const content = string?.values.find((v): v is Uint8Array => v instanceof Uint8Array);
  if (!content) throw new TypedStreamError('the attributed string holds no NSString bytes');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    throw new TypedStreamError('the string bytes are not valid UTF-8');
  }
}

/**
 * Where the text of an archived attributed string lies, read from only the start of the stream (for
 * bodies too long to read whole): the first byte string, which is the NSString's, when it runs past
 * `start`; null when the whole stream is in `start` (attributedBodyText reads it then).
 */
export function attributedBodyTextSpan(start: Uint8Array): { readonly offset: number; readonly length: number } | null {
  try {
    readTypedStream(start, true);
    return null;
  } catch (err) {
    if (err instanceof StringBeyondStart) return { offset: err.offset, length: err.length };
    throw err;
  }
}
