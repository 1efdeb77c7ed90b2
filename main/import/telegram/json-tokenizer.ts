/**
 * A strict, streaming JSON tokenizer. Telegram exports run to gigabytes, so the file is never held
 * whole: tokens go to a handler as they are read, and only the value the handler asks to keep (one
 * message) is ever assembled. Errors give the line and column and say what was expected, and a file
 * that stops early (an export cut short) is reported with the container it stopped in. Containers
 * nested past MAX_NESTING_DEPTH are refused where the first one too deep opens.
 */
import { CappedText } from '../capped-text';
import { MAX_NESTING_DEPTH, NestingTooDeepError } from '../structure-limits';

export type JsonScalar = string | number | boolean | null;
export type JsonValue = JsonScalar | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export const isJsonObject = (value: JsonValue | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export interface TokenPosition {
  readonly line: number;
  /** Index into the text, in UTF-16 code units: of `{`/`[` for an opening, just past `}`/`]` for a closing. */
  readonly offset: number;
}

export interface JsonHandler {
  startObject(at: TokenPosition): void;
  endObject(at: TokenPosition): void;
  startArray(at: TokenPosition): void;
  endArray(at: TokenPosition): void;
  key(name: string): void;
  scalar(value: JsonScalar): void;
}

/** A string longer than the tokenizer's `maxString`: the start it passed on, and the whole string's size and hash. */
export interface CutString {
  readonly text: string;
  readonly whole: { readonly bytes: number; readonly sha256: string };
}

export interface TokenizerOptions {
  /**
   * UTF-8 bytes of a string kept (field-caps.ts): a longer one is passed on cut to this, its whole
   * hashed as it streams past, and listed in `cut`. Unset: strings are kept whole.
   */
  readonly maxString?: number;
}

export class JsonSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${reason} (line ${line}, column ${column})`);
    this.name = 'JsonSyntaxError';
  }
}

type Expect = 'value' | 'value-or-end' | 'key' | 'key-or-end' | 'colon' | 'comma-or-end' | 'done';
type Lexeme = 'none' | 'string' | 'number' | 'literal';

interface Container {
  readonly type: 'object' | 'array';
  readonly line: number;
}

// eslint-disable-next-line no-control-regex -- raw control characters are what JSON forbids inside strings; finding them is the point.
const STRING_SPECIAL = /["\\\x00-\x1F]/g;
const NUMBER_RUN = /[0-9+\-.eE]+/y;
const NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;
const LETTER = /[a-z]/;
const LETTER_RUN = /[a-z]+/y;
const LITERALS: ReadonlyMap<string, JsonScalar> = new Map([
  ['true', true],
  ['false', false],
  ['null', null],
]);
const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const HEX4 = /^[0-9A-Fa-f]{4}$/;

function describe(char: string): string {
  const code = char.charCodeAt(0);
  return code < 0x20 || code === 0x7f ? `control character U+${code.toString(16).toUpperCase().padStart(4, '0')}` : `"${char}"`;
}

export class JsonTokenizer {
  private expect: Expect = 'value';
  private readonly stack: Container[] = [];
  private lexeme: Lexeme = 'none';
  private isKey = false;
  private readonly parts: string[] = [];
  /** Characters in `parts`. */
  private partsLength = 0;
  /** The string being read, once it is longer than maxString characters. */
  private long: CappedText | null = null;
  /** Strings passed on cut since the last `takeCut()`. */
  private cut: CutString[] = [];
  private token = '';
  private tokenLine = 1;
  private tokenColumn = 1;
  /** A partial escape sequence held back for the next chunk. */
  private carry = '';
  private line = 1;
  /** Offset of buf[0] in the whole text, and of the first character of the current line. */
  private base = 0;
  private lineStart = 0;

  constructor(
    private readonly handler: JsonHandler,
    private readonly options: TokenizerOptions = {},
  ) {}

  /** The strings passed on cut since the last call. */
  takeCut(): CutString[] {
    const cut = this.cut;
    if (cut.length) this.cut = [];
    return cut;
  }

  /** Adds a piece of the string being read; beyond maxString characters the pieces go through a CappedText. */
  private part(piece: string): void {
    if (this.long) {
      this.long.append(piece);
      return;
    }
    this.parts.push(piece);
    this.partsLength += piece.length;
    const max = this.options.maxString;
    if (max === undefined || this.partsLength <= max) return;
    this.long = new CappedText(max);
    for (const kept of this.parts) this.long.append(kept);
    this.parts.length = 0;
    this.partsLength = 0;
  }

  /** The string read, given its last piece. */
  private stringValue(last: string): string {
    if (this.long) {
      this.long.append(last);
      const { text, whole } = this.long.finish();
      this.long = null;
      if (whole) this.cut.push({ text, whole });
      return text;
    }
    // Most strings have no escapes and end in the chunk they start in: no pieces to join.
    if (this.parts.length === 0) return last;
    const value = [...this.parts, last].join('');
    this.parts.length = 0;
    this.partsLength = 0;
    return value;
  }

  write(chunk: string): void {
    const buf = this.carry + chunk;
    this.carry = '';
    let i = 0;
    while (i < buf.length) {
      if (this.lexeme === 'string') {
        const next = this.scanString(buf, i);
        if (next === null) break;
        i = next;
        continue;
      }
      if (this.lexeme !== 'none') {
        const pattern = this.lexeme === 'number' ? NUMBER_RUN : LETTER_RUN;
        pattern.lastIndex = i;
        const end = pattern.exec(buf) ? pattern.lastIndex : i;
        this.token += buf.slice(i, end);
        i = end;
        if (i < buf.length) this.finishToken();
        continue;
      }
      const code = buf.charCodeAt(i);
      if (code === 0x20 || code === 0x09 || code === 0x0d) {
        i++;
      } else if (code === 0x0a) {
        this.line++;
        this.lineStart = this.base + i + 1;
        i++;
      } else if (this.structural(buf[i] ?? '', i)) {
        i++;
      }
    }
    this.base += buf.length - this.carry.length;
  }

  /** Declares the input complete; throws if the text stopped inside a value. */
  end(): void {
    if (this.carry || this.lexeme === 'string') {
      throw new JsonSyntaxError(`the file ends inside a string that starts at line ${this.tokenLine}`, this.line, this.column(this.base));
    }
    if (this.lexeme !== 'none') this.finishToken();
    const open = this.stack[this.stack.length - 1];
    if (open) {
      throw new JsonSyntaxError(
        `the file ends inside the ${open.type} that starts at line ${open.line}, where ${this.expected()} was expected; the export is incomplete`,
        this.line,
        this.column(this.base),
      );
    }
    if (this.expect !== 'done') throw new JsonSyntaxError('the file holds no JSON value', this.line, this.column(this.base));
  }

  private column(offset: number): number {
    return offset - this.lineStart + 1;
  }

  private fail(reason: string, offset: number): never {
    throw new JsonSyntaxError(reason, this.line, this.column(offset));
  }

  private unexpected(char: string, offset: number): never {
    this.fail(`unexpected ${describe(char)}; expected ${this.expected()}`, offset);
  }

  private expected(): string {
    const top = this.stack[this.stack.length - 1];
    switch (this.expect) {
      case 'value':
        return 'a value';
      case 'value-or-end':
        return 'a value or "]"';
      case 'key':
        return 'a quoted property name';
      case 'key-or-end':
        return 'a quoted property name or "}"';
      case 'colon':
        return '":"';
      case 'comma-or-end':
        return top?.type === 'object' ? '"," or "}"' : '"," or "]"';
      case 'done':
        return 'the end of the file';
    }
  }

  /** Acts on a character outside any token; false when it starts a number or literal still to be read. */
  private structural(char: string, i: number): boolean {
    const offset = this.base + i;
    const wantsValue = this.expect === 'value' || this.expect === 'value-or-end';
    switch (char) {
      case '{':
      case '[':
        if (!wantsValue) this.unexpected(char, offset);
        if (this.stack.length >= MAX_NESTING_DEPTH) throw new NestingTooDeepError('arrays and objects', this.line);
        this.stack.push({ type: char === '{' ? 'object' : 'array', line: this.line });
        this.expect = char === '{' ? 'key-or-end' : 'value-or-end';
        if (char === '{') this.handler.startObject({ line: this.line, offset });
        else this.handler.startArray({ line: this.line, offset });
        return true;
      case '}':
      case ']': {
        const type = char === '}' ? 'object' : 'array';
        const closes = this.expect === 'comma-or-end' || this.expect === (type === 'object' ? 'key-or-end' : 'value-or-end');
        if (!closes || this.stack[this.stack.length - 1]?.type !== type) this.unexpected(char, offset);
        this.stack.pop();
        const end: TokenPosition = { line: this.line, offset: offset + 1 };
        if (type === 'object') this.handler.endObject(end);
        else this.handler.endArray(end);
        this.afterValue();
        return true;
      }
      case ':':
        if (this.expect !== 'colon') this.unexpected(char, offset);
        this.expect = 'value';
        return true;
      case ',':
        if (this.expect !== 'comma-or-end') this.unexpected(char, offset);
        this.expect = this.stack[this.stack.length - 1]?.type === 'object' ? 'key' : 'value';
        return true;
      case '"':
        if (!wantsValue && this.expect !== 'key' && this.expect !== 'key-or-end') this.unexpected(char, offset);
        this.isKey = !wantsValue;
        this.startToken('string', offset);
        return true;
      default:
        if (!wantsValue || !(char === '-' || (char >= '0' && char <= '9') || LETTER.test(char))) this.unexpected(char, offset);
        this.startToken(LETTER.test(char) ? 'literal' : 'number', offset);
        return false;
    }
  }

  private startToken(lexeme: Lexeme, offset: number): void {
    this.lexeme = lexeme;
    this.tokenLine = this.line;
    this.tokenColumn = this.column(offset);
  }

  private finishToken(): void {
    const text = this.token;
    const kind = this.lexeme;
    this.lexeme = 'none';
    this.token = '';
    if (kind === 'number') {
      if (!NUMBER.test(text)) throw new JsonSyntaxError(`malformed number ${text}`, this.tokenLine, this.tokenColumn);
      this.handler.scalar(Number(text));
    } else {
      const literal = LITERALS.get(text);
      if (literal === undefined)
        throw new JsonSyntaxError(`unexpected "${text}"; expected ${this.expected()}`, this.tokenLine, this.tokenColumn);
      this.handler.scalar(literal);
    }
    this.afterValue();
  }

  private afterValue(): void {
    this.expect = this.stack.length > 0 ? 'comma-or-end' : 'done';
  }

  /** Reads string content from `i`; returns where to go on, or null when a partial escape ends the chunk. */
  private scanString(buf: string, i: number): number | null {
    STRING_SPECIAL.lastIndex = i;
    const match = STRING_SPECIAL.exec(buf);
    if (!match) {
      this.part(buf.slice(i));
      return buf.length;
    }
    const at = match.index;
    const char = match[0];
    if (char === '"') {
      const value = this.stringValue(buf.slice(i, at));
      this.lexeme = 'none';
      if (this.isKey) {
        this.handler.key(value);
        this.expect = 'colon';
      } else {
        this.handler.scalar(value);
        this.afterValue();
      }
      return at + 1;
    }
    if (at > i) this.part(buf.slice(i, at));
    if (char !== '\\') this.fail(`${describe(char)} inside a string; JSON requires it to be escaped`, this.base + at);
    const escape = buf[at + 1];
    if (escape === undefined || (escape === 'u' && at + 6 > buf.length)) {
      this.carry = buf.slice(at);
      return null;
    }
    if (escape === 'u') {
      const digits = buf.slice(at + 2, at + 6);
      if (!HEX4.test(digits)) this.fail(`invalid escape \\u${digits} in a string`, this.base + at);
      this.part(String.fromCharCode(Number.parseInt(digits, 16)));
      return at + 6;
    }
    const decoded = ESCAPES[escape];
    if (decoded === undefined) this.fail(`invalid escape \\${escape} in a string`, this.base + at);
    this.part(decoded);
    return at + 2;
  }
}

/** Builds the value the tokenizer streams, for the parts of a file that are kept whole (one message). */
export class ValueBuilder implements JsonHandler {
  private readonly stack: (JsonValue[] | JsonObject)[] = [];
  private readonly keys: (string | null)[] = [];
  private pendingKey: string | null = null;
  private result: { value: JsonValue } | null = null;

  /** The finished value, once the outermost container has closed (or a lone scalar arrived). */
  get value(): JsonValue | undefined {
    return this.result?.value;
  }

  startObject(): void {
    this.open({});
  }

  startArray(): void {
    this.open([]);
  }

  endObject(): void {
    this.close();
  }

  endArray(): void {
    this.close();
  }

  key(name: string): void {
    this.pendingKey = name;
  }

  scalar(value: JsonScalar): void {
    this.add(value);
  }

  private open(container: JsonValue[] | JsonObject): void {
    this.keys.push(this.pendingKey);
    this.pendingKey = null;
    this.stack.push(container);
  }

  private close(): void {
    const container = this.stack.pop();
    this.pendingKey = this.keys.pop() ?? null;
    if (container !== undefined) this.add(container);
  }

  private add(value: JsonValue): void {
    const parent = this.stack[this.stack.length - 1];
    if (parent === undefined) this.result = { value };
    else if (Array.isArray(parent)) parent.push(value);
    else if (this.pendingKey === '__proto__') {
      // As JSON.parse does: an own property, never the prototype.
      Object.defineProperty(parent, this.pendingKey, { value, enumerable: true, writable: true, configurable: true });
    } else if (this.pendingKey !== null) parent[this.pendingKey] = value;
    this.pendingKey = null;
  }
}
