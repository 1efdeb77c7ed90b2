/**
 * A reader of its own for SMS Backup & Restore files as the app writes them: a prolog, `<smses>`, and
 * flat `<sms …/>` and `<mms>…</mms>` records. Saxes reads each attribute a character at a time through
 * its state machine, behind two pre-passes that scan the same text again (XML repair and the long-value
 * cutter); on a million records that was most of an import's time. This scanner finds the same things
 * with `indexOf` and builds the same records (records.ts), so the events are the same to the byte.
 *
 * It reads UTF-8 bytes one character a byte (the text is their latin1 view, see fast-path.ts): the
 * markup is ASCII, so it reads the same, and most values are too; a value with other characters is
 * decoded from its own bytes. Nothing is decoded twice and a text takes a byte a character.
 *
 * It accepts only what it is sure of: well-formed records with names it knows, the five XML entities and
 * character references, values within the cap, and the repairs of references XmlRepairer makes, which
 * it asks XmlRepairer itself to make. At anything else (a DTD, CDATA, a processing instruction other
 * than a stylesheet, text or an unknown element among the records, a value over the cap, a raw character
 * XML forbids outside a value, a lone carriage return, a syntax error, a file that stops short) `push`
 * or `end` returns false, having given the book only whole records; fast-path.ts then hands the file
 * to the saxes reader, which reads it again from the start and skips the records already given.
 */
import type { Repair } from '../repair/repair-queue';
import { isXmlChar, XmlRepairer } from '../repair/xml-repair';
import { mmsPart } from './mms-part';
import { present, type MmsAddress, type MmsPart, type SbrBook, type SbrRecord } from './records';

/** The producer, from the comment the app writes before `<smses>`. */
export const PRODUCER = /File Created By (.+?) v(\d[\w.]*)/;

export interface Producer {
  readonly name: string;
  readonly version: string;
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const EQUALS = 0x3d;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;
const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const HASH = 0x23;

/**
 * In the bytes: what a value cannot pass on as written besides entities and line feeds (white space
 * saxes turns into a space, what XmlRepairer replaces), and the bytes of characters past ASCII.
 */
const CONTROL = '\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F';
const UNUSUAL = new RegExp(`[\\t\\r${CONTROL}\\x80-\\xFF]`, 'g');
/** In decoded text: what a value cannot pass on as written. */
const VALUE_SPECIAL = new RegExp(`[&\\t\\n\\r${CONTROL}\\uFFFE\\uFFFF]`, 'g');
const CHARACTER_REFERENCE = /&#(?:([0-9]{1,10})|x([0-9A-Fa-f]{1,8}));/y;
const XML_DECLARATION =
  /<\?xml version=(["'])1\.0\1(?: encoding=(["'])[A-Za-z][A-Za-z0-9._-]*\2)?(?: standalone=(["'])(?:yes|no)\3)? ?\?>/y;
const STYLESHEET = '<?xml-stylesheet';

/** Elements the scanner knows; any other name hands the file to saxes. */
const ELEMENTS = ['sms', 'mms', 'part', 'addr', 'parts', 'addrs', 'smses'] as const;
type Element = (typeof ELEMENTS)[number];
/** How deep elements may nest inside a record (mms › parts › part). */
const MAX_RECORD_DEPTH = 8;
/** Attribute names remembered per element, in the order last seen: a tag's names are then compared, not read. */
const MAX_ORDER = 64;
/**
 * Text held for one construct (a record, a comment) still waiting for its end. Past this, the file is
 * handed to saxes, whose cutter keeps memory bounded for values over the cap (MMS media, kept whole by
 * both readers, is far smaller in any real backup).
 */
const MAX_HELD = 64 * 1024 * 1024;
/** A construct longer than this waits for its end in pieces, searched as they come, not joined each time. */
const LONG_WAIT = 1024 * 1024;

/** What a step of the scanner came to: it needs more text, it read something, or it hands the file over. */
type Step = 0 | 1 | 2;
const MORE: Step = 0;
const DONE: Step = 1;
const REFUSED: Step = 2;

const isNameStart = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
const isNameChar = (c: number): boolean => isNameStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e;

/** An attribute name expected at a place in a tag, with its characters. */
interface ExpectedName {
  readonly name: string;
  readonly codes: readonly number[];
}

interface OpenRecord {
  readonly element: 'sms' | 'mms';
  readonly line: number;
  attributes: Readonly<Record<string, string>>;
  readonly parts: MmsPart[];
  readonly addresses: MmsAddress[];
}

export class SbrScanner {
  /** Records given to the book: a reader taking over skips as many. */
  records = 0;
  private phase: 'prolog' | 'records' | 'after' = 'prolog';
  private buf = '';
  private pos = 0;
  /** The 1-based line of `buf[counted]`, and the first line feed at or after it. */
  private line = 1;
  private counted = 0;
  private lineFeed = -1;
  /** The first UNUSUAL character, and the first "&", at or after the last position asked about. */
  private unusual = -1;
  private amp = -1;
  private atStart = true;
  /** A construct waiting for its end: what ends it, and its text so far when it is long (LONG_WAIT). */
  private awaiting: string | null = null;
  private held: string[] | null = null;
  private heldLength = 0;
  private heldTail = '';
  private readonly counters = { sms: 0, mms: 0 };
  private declaredCount: number | null = null;
  private producer: Producer | null = null;
  private readonly orders = new Map<Element, ExpectedName[]>(ELEMENTS.map((element) => [element, []]));
  /** The repairs in the record being read; null outside records, where a repair hands the file over. */
  private repairs: Repair[] | null = null;
  /** The start tag just read, and the line saxes gives its start. */
  private tagName: Element = 'sms';
  private tagLine = 1;
  private tagAttributes: Record<string, string> = {};
  private tagEnd = 0;
  private selfClosing = false;

  constructor(
    private readonly file: string,
    private readonly book: Pick<SbrBook, 'add' | 'note'>,
    private readonly cap: number,
    private readonly onRoot: (producer: Producer | null) => void,
  ) {}

  /** Reads the next piece of text; false when the file is to be handed to saxes. */
  push(text: string): boolean {
    if (this.held) {
      const probe = this.heldTail + text;
      const awaiting = this.awaiting ?? '';
      if (probe.indexOf(awaiting) < 0) {
        this.held.push(text);
        this.heldLength += text.length;
        this.heldTail = probe.slice(probe.length - (awaiting.length - 1));
        return this.heldLength <= MAX_HELD;
      }
      text = this.held.join('') + text;
      this.held = null;
    } else if (this.awaiting !== null && this.buf.length - this.pos >= LONG_WAIT) {
      this.countLines(this.pos);
      const rest = this.buf.slice(this.pos);
      this.held = [rest];
      this.heldLength = rest.length;
      this.heldTail = rest.slice(rest.length - (this.awaiting.length - 1));
      this.buf = '';
      this.pos = 0;
      this.counted = 0;
      this.lineFeed = -1;
      return this.push(text);
    }
    this.rebase(text);
    return this.run(false) !== REFUSED;
  }

  /** Reads what is left; false when the file is to be handed to saxes. */
  end(): boolean {
    if (this.held) {
      this.rebase(this.held.join(''));
      this.held = null;
    }
    if (this.run(true) === REFUSED || this.phase !== 'after' || this.pos !== this.buf.length) return false;
    const counted = this.counters.sms + this.counters.mms;
    if (this.declaredCount !== null && this.declaredCount !== counted) {
      this.book.note('warning', `<smses count="${this.declaredCount}"> but the file holds ${counted} records`, { file: this.file });
    }
    return true;
  }

  private rebase(text: string): void {
    this.countLines(this.pos);
    this.buf = this.pos < this.buf.length ? this.buf.slice(this.pos) + text : text;
    this.pos = 0;
    this.counted = 0;
    this.lineFeed = -1;
    this.unusual = -1;
    this.amp = -1;
  }

  private run(final: boolean): Step {
    this.awaiting = null;
    for (;;) {
      const step =
        this.phase === 'records' ? this.recordStep(final) : this.phase === 'prolog' ? this.prologStep(final) : this.afterStep(final);
      if (step !== DONE) return step;
    }
  }

  /** What the construct at `pos` waits for; MORE, or Refused at the end of the file. */
  private wait(final: boolean, awaiting: string | null): Step {
    this.awaiting = awaiting;
    return final ? REFUSED : MORE;
  }

  private prologStep(final: boolean): Step {
    const buf = this.buf;
    if (this.atStart) {
      if (buf.length < 6 && !final) return this.wait(final, null);
      if (buf.startsWith('<?xml') && !buf.startsWith(STYLESHEET)) {
        const end = buf.indexOf('?>');
        if (end < 0) return this.wait(final, '?>');
        XML_DECLARATION.lastIndex = 0;
        if (!XML_DECLARATION.test(buf) || XML_DECLARATION.lastIndex !== end + 2) return REFUSED;
        this.pos = end + 2;
      }
      this.atStart = false;
    }
    const i = this.skipSpace(this.pos);
    if (i < 0) return REFUSED;
    this.pos = i;
    if (buf.length - i < STYLESHEET.length) return this.wait(final, null);
    if (buf.startsWith('<!--', i)) return this.comment(i, final);
    if (buf.startsWith(STYLESHEET, i)) return this.stylesheet(i, final);
    if (!buf.startsWith('<smses', i)) return REFUSED;
    const limit = buf.indexOf('<', i + 1);
    if (limit < 0) return this.wait(final, '<');
    if (this.startTag(i, limit) === REFUSED || this.tagName !== 'smses' || this.selfClosing) return REFUSED;
    const count = present(this.tagAttributes, 'count');
    this.declaredCount = count !== undefined && /^\d+$/.test(count) ? Number(count) : null;
    this.pos = this.tagEnd;
    this.phase = 'records';
    this.onRoot(this.producer);
    return DONE;
  }

  private afterStep(final: boolean): Step {
    const i = this.skipSpace(this.pos);
    if (i < 0) return REFUSED;
    this.pos = i;
    if (i === this.buf.length) return MORE;
    if (this.buf.length - i < 4) return this.wait(final, null);
    return this.buf.startsWith('<!--', i) ? this.comment(i, final) : REFUSED;
  }

  private recordStep(final: boolean): Step {
    const buf = this.buf;
    const i = this.skipSpace(this.pos);
    if (i < 0) return REFUSED;
    this.pos = i;
    if (buf.length - i < 8) return this.wait(final, null);
    if (buf.charCodeAt(i) !== LT) return REFUSED;
    if (buf.startsWith('</smses>', i)) {
      this.pos = i + 8;
      this.phase = 'after';
      return DONE;
    }
    if (buf.startsWith('<!--', i)) return this.comment(i, final);
    return this.record(i, final);
  }

  private record(start: number, final: boolean): Step {
    const buf = this.buf;
    const limit = buf.indexOf('<', start + 1);
    if (limit < 0) return this.wait(final, '<');
    const line = this.line;
    const counted = this.counted;
    const lineFeed = this.lineFeed;
    this.repairs = [];
    if (this.startTag(start, limit) === REFUSED) return REFUSED;
    const element = this.tagName;
    if (element !== 'sms' && element !== 'mms') return REFUSED;
    const record: OpenRecord = { element, line: this.tagLine, attributes: this.tagAttributes, parts: [], addresses: [] };
    let end = this.tagEnd;
    if (!this.selfClosing) {
      const closer = `</${element}>`;
      const close = buf.indexOf(closer, end);
      if (close < 0) {
        // Read again from its start when the rest arrives.
        this.line = line;
        this.counted = counted;
        this.lineFeed = lineFeed;
        return this.wait(final, closer);
      }
      if (this.content(record, end, close) === REFUSED) return REFUSED;
      end = close + closer.length;
    }
    const number = ++this.counters[element];
    const name = `${element}#${number}`;
    const lineEnd = this.lineAt(end);
    const sbr: SbrRecord = {
      element,
      name,
      attributes: record.attributes,
      parts: record.parts,
      addresses: record.addresses,
      locator: { file: this.file, lineStart: record.line, lineEnd: lineEnd === record.line ? undefined : lineEnd, record: name },
      repairs: this.repairs,
    };
    this.repairs = null;
    this.pos = end;
    this.book.add(sbr);
    this.records++;
    return DONE;
  }

  /** The elements between a record's start tag and its end tag at `close`: white space and known elements only. */
  private content(record: OpenRecord, from: number, close: number): Step {
    const buf = this.buf;
    const open: Element[] = [];
    let i = from;
    for (;;) {
      i = this.skipSpace(i);
      if (i < 0 || i > close || buf.charCodeAt(i) !== LT) return REFUSED;
      if (i === close) return open.length === 0 ? DONE : REFUSED;
      if (buf.charCodeAt(i + 1) === SLASH) {
        const name = open.pop();
        if (name === undefined || !buf.startsWith(name, i + 2) || buf.charCodeAt(i + 2 + name.length) !== GT) return REFUSED;
        i += name.length + 3;
        continue;
      }
      const limit = buf.indexOf('<', i + 1);
      if (this.startTag(i, limit) === REFUSED) return REFUSED;
      const name = this.tagName;
      if (name === 'sms' || name === 'mms' || name === 'smses') return REFUSED;
      const attributes = this.tagAttributes;
      if (record.element === 'mms' && name === 'part') record.parts.push(mmsPart(attributes, undefined));
      else if (record.element === 'mms' && name === 'addr')
        record.addresses.push({ address: attributes.address ?? '', type: attributes.type });
      if (!this.selfClosing) {
        if (open.length + 3 > MAX_RECORD_DEPTH) return REFUSED;
        open.push(name);
      }
      i = this.tagEnd;
    }
  }

  private comment(start: number, final: boolean): Step {
    const buf = this.buf;
    const end = buf.indexOf('-->', start + 4);
    if (end < 0) return this.wait(final, '-->');
    // XML forbids "--" inside a comment and a "-" just before its end.
    if (buf.indexOf('--', start + 4) !== end || (end > start + 4 && buf.charCodeAt(end - 1) === 0x2d)) return REFUSED;
    if (!this.plainMarkup(start + 4, end)) return REFUSED;
    if (this.phase === 'prolog') {
      const match = PRODUCER.exec(buf.slice(start + 4, end));
      if (match?.[1] && match[2]) this.producer ??= { name: match[1], version: match[2] };
    }
    this.pos = end + 3;
    return DONE;
  }

  /** `<?xml-stylesheet …?>`, which older versions of the app write before `<smses>`. */
  private stylesheet(start: number, final: boolean): Step {
    const buf = this.buf;
    const end = buf.indexOf('?>', start);
    if (end < 0) return this.wait(final, '?>');
    const after = buf.charCodeAt(start + STYLESHEET.length);
    if ((after !== SPACE && after !== LF && after !== TAB) || !this.plainMarkup(start, end)) return REFUSED;
    this.pos = end + 2;
    return DONE;
  }

  /** True when markup text from `from` to `to` is ASCII that XmlRepairer leaves as it is, with no carriage return. */
  private plainMarkup(from: number, to: number): boolean {
    for (let at = this.nextUnusual(from); at < to; at = this.nextUnusual(at + 1)) if (this.buf.charCodeAt(at) !== TAB) return false;
    return true;
  }

  /**
   * Reads the start tag at `start` (a "<"), which ends before `limit`, the next "<" (a value cannot
   * hold one): its name, attributes, end and whether it closes itself.
   */
  private startTag(start: number, limit: number): Step {
    const buf = this.buf;
    if (limit < 0) return REFUSED;
    let i = start + 1;
    while (isNameChar(buf.charCodeAt(i))) i++;
    const element = elementAt(buf, start + 1, i);
    if (element === undefined) return REFUSED;
    // Saxes names the line once it has read the name and the character after it (a CRLF is one).
    this.tagLine = this.lineAt(buf.charCodeAt(i) === CR ? i + 2 : i + 1);
    const order = this.orders.get(element) ?? [];
    const attributes: Record<string, string> = {};
    // Names as remembered are all different; a name read afresh may be one already read.
    let maybeTwice = false;
    for (let k = 0; ; k++) {
      const space = i;
      i = this.skipSpace(i);
      if (i < 0 || i >= limit) return REFUSED;
      const c = buf.charCodeAt(i);
      if (c === SLASH || c === GT) {
        if (c === SLASH && buf.charCodeAt(i + 1) !== GT) return REFUSED;
        this.selfClosing = c === SLASH;
        this.tagEnd = c === SLASH ? i + 2 : i + 1;
        break;
      }
      if (i === space) return REFUSED;
      const expected = order[k];
      let name: string;
      if (expected !== undefined && namedAt(buf, i, expected.codes)) {
        name = expected.name;
        i += name.length;
      } else {
        const nameStart = i;
        if (!isNameStart(buf.charCodeAt(i))) return REFUSED;
        while (isNameChar(buf.charCodeAt(i))) i++;
        if (buf.charCodeAt(i) !== EQUALS) return REFUSED;
        name = buf.slice(nameStart, i);
        // Saxes keeps this one as an attribute; a JavaScript object would take it for its prototype.
        if (name === '__proto__') return REFUSED;
        maybeTwice = true;
        if (k < MAX_ORDER && !order.some((known) => known.name === name))
          order[k] = { name, codes: Array.from(name, (char) => char.charCodeAt(0)) };
      }
      const quote = buf.charCodeAt(i + 1);
      if (quote !== DOUBLE_QUOTE && quote !== SINGLE_QUOTE) return REFUSED;
      const from = i + 2;
      const to = buf.indexOf(quote === DOUBLE_QUOTE ? '"' : "'", from);
      if (to < 0 || to >= limit || (maybeTwice && attributes[name] !== undefined)) return REFUSED;
      const value = this.value(from, to);
      if (value === null) return REFUSED;
      // Over the cap, saxes's cutter keeps the start and notes the rest (repair/long-attributes.ts). MMS media is kept whole.
      if (value.length * 3 > this.cap && !(element === 'part' && name === 'data') && Buffer.byteLength(value, 'utf8') > this.cap)
        return REFUSED;
      attributes[name] = value;
      i = to + 1;
    }
    this.tagName = element;
    this.tagAttributes = attributes;
    return DONE;
  }

  /** The value written from `from` to `to`, as saxes reads it after XmlRepairer; null when it is not the scanner's to read. */
  private value(from: number, to: number): string | null {
    this.countLines(from);
    const buf = this.buf;
    let unusual = this.nextUnusual(from);
    if (unusual >= to && this.lineFeed >= to) {
      const amp = this.nextAmp(from);
      if (amp >= to) return isNull(buf, from, to) ? 'null' : buf.slice(from, to);
      const decoded = this.entities(from, to, amp);
      if (decoded !== NEEDS_REPAIR) return decoded;
    }
    while (unusual < to && buf.charCodeAt(unusual) < 0x80) unusual = this.nextUnusual(unusual + 1);
    const text = unusual < to ? utf8(buf.slice(from, to)) : buf;
    const start = unusual < to ? 0 : from;
    const end = unusual < to ? text.length : to;
    const decoded = decodeValue(text, start, end);
    if (decoded !== NEEDS_REPAIR) return decoded;
    // References XML forbids and UTF-16 surrogate pairs: XmlRepairer rewrites them and says how.
    if (this.repairs === null) return null;
    const line = this.lineAt(from);
    const found: Repair[] = [];
    const repairer = new XmlRepairer(
      (repair) => found.push(repair),
      () => {
        throw new Error('a value holds no declaration');
      },
    );
    const raw = text.slice(start, end);
    const repaired = repairer.push(raw) + repairer.end();
    const value = decodeValue(repaired, 0, repaired.length);
    if (value === NEEDS_REPAIR) return null;
    for (const repair of found)
      this.repairs.push({ line: line + repair.line - 1, offset: from + repair.offset, description: repair.description });
    return value;
  }

  /** Past white space from `i`; -1 at a carriage return not followed by a line feed (saxes counts it a line, the repair pass does not). */
  private skipSpace(i: number): number {
    const buf = this.buf;
    for (;;) {
      const c = buf.charCodeAt(i);
      if (c === SPACE || c === LF || c === TAB) i++;
      else if (c === CR) {
        if (i + 1 === buf.length) return i;
        if (buf.charCodeAt(i + 1) !== LF) return -1;
        i += 2;
      } else return i;
    }
  }

  /** The line saxes is on when it has read up to `at`. Positions asked about never go back. */
  private lineAt(at: number): number {
    this.countLines(at);
    return this.line;
  }

  private countLines(at: number): void {
    if (this.lineFeed < this.counted) this.lineFeed = this.find('\n', this.counted);
    while (this.lineFeed < at) {
      this.line++;
      this.lineFeed = this.find('\n', this.lineFeed + 1);
    }
    if (at > this.counted) this.counted = at;
  }

  private find(text: string, from: number): number {
    const at = this.buf.indexOf(text, from);
    return at < 0 ? Infinity : at;
  }

  private nextUnusual(from: number): number {
    if (this.unusual < from) {
      UNUSUAL.lastIndex = from;
      this.unusual = UNUSUAL.test(this.buf) ? UNUSUAL.lastIndex - 1 : Infinity;
    }
    return this.unusual;
  }

  private nextAmp(from: number): number {
    if (this.amp < from) this.amp = this.find('&', from);
    return this.amp;
  }

  /**
   * A value of ASCII, its only markup the entities and references starting with the "&" at `amp`,
   * decoded; NEEDS_REPAIR for a reference XmlRepairer rewrites, null for one saxes refuses.
   */
  private entities(from: number, to: number, amp: number): string | null | typeof NEEDS_REPAIR {
    const buf = this.buf;
    let out = '';
    let i = from;
    for (let at = amp; at < to; at = this.nextAmp(i)) {
      out += buf.slice(i, at);
      const named = namedEntity(buf, at);
      if (named !== null) {
        out += named;
        i = at + (ENTITY_LENGTHS.get(named) ?? 0);
        continue;
      }
      CHARACTER_REFERENCE.lastIndex = at;
      const reference = CHARACTER_REFERENCE.exec(buf);
      if (!reference || CHARACTER_REFERENCE.lastIndex > to) return null;
      const [, decimal, hexadecimal] = reference;
      const codePoint = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hexadecimal ?? '', 16);
      if (!isXmlChar(codePoint)) return NEEDS_REPAIR;
      out += String.fromCodePoint(codePoint);
      i = CHARACTER_REFERENCE.lastIndex;
    }
    return out + buf.slice(i, to);
  }
}

const NEEDS_REPAIR = Symbol('needs repair');

/**
 * True for the value `null`, which the app writes for most absent fields: it is then one string, not
 * one per record for the collector to sweep.
 */
const isNull = (buf: string, from: number, to: number): boolean =>
  to - from === 4 &&
  buf.charCodeAt(from) === 0x6e &&
  buf.charCodeAt(from + 1) === 0x75 &&
  buf.charCodeAt(from + 2) === 0x6c &&
  buf.charCodeAt(from + 3) === 0x6c;

/** How long the entity for each character is written. */
const ENTITY_LENGTHS: ReadonlyMap<string, number> = new Map([
  ['&', 5],
  ["'", 6],
  ['"', 6],
  ['<', 4],
  ['>', 4],
]);

/** The character of the XML entity at `at` ("&amp;" and the four others), or null. */
function namedEntity(text: string, at: number): string | null {
  const c = text.charCodeAt(at + 1);
  const is = (word: string): boolean => text.startsWith(word, at + 1);
  if (c === 0x61) return is('amp;') ? '&' : is('apos;') ? "'" : null;
  if (c === 0x6c) return is('lt;') ? '<' : null;
  if (c === 0x67) return is('gt;') ? '>' : null;
  if (c === 0x71) return is('quot;') ? '"' : null;
  return null;
}

/** The text of UTF-8 bytes given one character a byte. */
const utf8 = (bytes: string): string => Buffer.from(bytes, 'latin1').toString('utf8');

/** True when the attribute at `at` has the name spelt by `codes`. */
function namedAt(buf: string, at: number, codes: readonly number[]): boolean {
  for (let k = 0; k < codes.length; k++) if (buf.charCodeAt(at + k) !== codes[k]) return false;
  return buf.charCodeAt(at + codes.length) === EQUALS;
}

/** The known element named by `buf[from, to)`. */
function elementAt(buf: string, from: number, to: number): Element | undefined {
  for (const element of ELEMENTS) if (element.length === to - from && buf.startsWith(element, from)) return element;
  return undefined;
}

/**
 * An attribute value decoded as saxes decodes it: entities and character references, a raw tab or
 * line feed one space each. NEEDS_REPAIR for what XmlRepairer changes; null for what saxes refuses or
 * the scanner leaves to it (a carriage return, an unknown entity).
 */
function decodeValue(text: string, from: number, to: number): string | null | typeof NEEDS_REPAIR {
  let out = '';
  let i = from;
  VALUE_SPECIAL.lastIndex = from;
  while (VALUE_SPECIAL.test(text)) {
    const at = VALUE_SPECIAL.lastIndex - 1;
    if (at >= to) break;
    out += text.slice(i, at);
    const c = text.charCodeAt(at);
    if (c === TAB || c === LF) {
      out += ' ';
      i = at + 1;
    } else if (c !== 0x26) {
      return c === CR ? null : NEEDS_REPAIR;
    } else if (text.charCodeAt(at + 1) === HASH) {
      CHARACTER_REFERENCE.lastIndex = at;
      const reference = CHARACTER_REFERENCE.exec(text);
      if (!reference) return null;
      const [, decimal, hexadecimal] = reference;
      const codePoint = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hexadecimal ?? '', 16);
      if (!isXmlChar(codePoint)) return NEEDS_REPAIR;
      out += String.fromCodePoint(codePoint);
      i = CHARACTER_REFERENCE.lastIndex;
    } else {
      const named = namedEntity(text, at);
      if (named === null) return null;
      out += named;
      i = at + (ENTITY_LENGTHS.get(named) ?? 0);
    }
    VALUE_SPECIAL.lastIndex = i;
  }
  return out + text.slice(i, to);
}
