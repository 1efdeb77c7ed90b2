/**
 * The pre-pass that keeps a strict XML parser from building an attribute value of hundreds of megabytes
 * (issue 13, bounded memory): saxes holds a value whole until its closing quote, so a value longer than
 * the cap is cut here, before saxes sees it. The value is read as saxes would read it (the five XML
 * entities and character references decoded; raw tabs, line feeds and carriage returns one space each,
 * CRLF one), its first `cap` UTF-8 bytes are passed on escaped so saxes reads exactly them, and the
 * whole value's size and SHA-256 are kept for the reader (`takeBefore`). Nothing else changes: a value
 * within the cap, and every byte outside attribute values, pass through as they came.
 *
 * Runs after XmlRepairer, on repaired text. A value the caller needs whole (MMS part `data`, base64
 * media decoded as soon as its element is read) is passed through untouched. Line breaks of a cut value
 * are written after its closing quote, where XML allows white space, so saxes still counts lines right;
 * `sourceOffset` maps saxes's positions back to the repaired text the repair queue counts in.
 */
import { CappedText } from '../capped-text';

/** A value cut to the cap: where it ended in the text handed out, and the whole value's size and hash. */
export interface AttributeCut {
  readonly element: string;
  readonly attribute: string;
  /** Offset in the text handed out just past the value's closing quote. */
  readonly end: number;
  readonly bytes: number;
  readonly sha256: string;
}

type State = 'text' | 'tag' | 'value' | 'comment' | 'cdata' | 'pi';

const CLOSERS: Record<'comment' | 'cdata' | 'pi', string> = { comment: '-->', cdata: ']]>', pi: '?>' };
const OPENERS: readonly { readonly text: string; readonly state: 'comment' | 'cdata' | 'pi' | 'text' }[] = [
  { text: '<!--', state: 'comment' },
  { text: '<![CDATA[', state: 'cdata' },
  { text: '<?', state: 'pi' },
  // End tags and declarations (refused by XmlRepairer) hold no attribute values.
  { text: '</', state: 'text' },
  { text: '<!', state: 'text' },
];
const LONGEST_OPENER = 9;
/** Values up to this many characters are passed on with their tag in one step (see shortTag). */
const SHORT_VALUE = 64 * 1024;
/** Tag text kept to find an element's and an attribute's name: names longer than this are cut in notes only. */
const NAME_WINDOW = 256;

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const REFERENCE = /&(?:(amp|lt|gt|quot|apos)|#([0-9]{1,10})|#x([0-9A-Fa-f]{1,8}));/y;
const LONGEST_REFERENCE = 13;
const SPECIAL_IN_VALUE = /[&\t\n\r<]/g;
const ESCAPE = /[&<"'\t\n\r]/g;
const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/**
 * What one run hands out: ranges of its input passed on as written, joined while they follow on from
 * each other (a chunk with no value to cut goes out as one slice of itself), and text made here.
 */
class Output {
  private readonly parts: string[] = [];
  private from = 0;
  private to = 0;
  length = 0;

  constructor(private readonly input: string) {}

  pass(from: number, to: number): void {
    if (to <= from) return;
    if (from !== this.to) {
      this.flush();
      this.from = from;
    }
    this.to = to;
    this.length += to - from;
  }

  put(text: string): void {
    this.flush();
    this.parts.push(text);
    this.length += text.length;
  }

  text(): string {
    this.flush();
    return this.parts.length === 1 ? (this.parts[0] ?? '') : this.parts.join('');
  }

  private flush(): void {
    if (this.to > this.from) this.parts.push(this.input.slice(this.from, this.to));
    this.from = this.to;
  }
}

/** The value being read: what of it was handed out as written, and what is kept of it decoded. */
interface OpenValue {
  readonly quote: string;
  readonly element: string;
  readonly attribute: string;
  readonly decoded: CappedText;
  /** Decoded characters of the part handed out as written (before the value passed the cap). */
  passed: number;
  /** Line breaks in the part not handed out as written. */
  breaks: number;
  /** Set at text saxes must refuse (an undefined entity, a "<"): from there the value goes out as written. */
  raw: boolean;
}

export class LongAttributeCutter {
  private state: State = 'text';
  private carry = '';
  private element: string | null = null;
  /** The tag's text, carried over from earlier input, since its name or since the last value closed (its tail only). */
  private tagText = '';
  private value: OpenValue | null = null;
  /** The quote of a value passed through whole. */
  private wholeQuote = '"';
  private cuts: AttributeCut[] = [];
  /** Where cut values end in the text handed out, with how much shorter everything after is. */
  private readonly shifts: { readonly at: number; readonly delta: number }[] = [];
  private consumed = 0;
  private emitted = 0;

  /** A tag's text to its end, every value in it short enough that it cannot pass the cap however it decodes. */
  private readonly shortTag: RegExp;

  constructor(
    readonly cap: number,
    /** True for a value that must reach the parser whole whatever its length. */
    private readonly keepWhole: (element: string, attribute: string) => boolean,
  ) {
    const longest = Math.min(Math.floor(cap / 3), SHORT_VALUE);
    this.shortTag = new RegExp(`(?:[^"'>]|"[^"]{0,${longest}}"|'[^']{0,${longest}}')*>`, 'y');
  }

  push(text: string): string {
    return this.run(this.carry + text, false);
  }

  end(): string {
    return this.run(this.carry, true);
  }

  /** Removes and returns, in file order, the values cut that end at or before `offset` of the text handed out. */
  takeBefore(offset: number): AttributeCut[] {
    const taken = this.cuts.filter((cut) => cut.end <= offset);
    if (taken.length > 0) this.cuts = this.cuts.filter((cut) => cut.end > offset);
    return taken;
  }

  /** The offset in the text this pass was given for an offset in the text it handed out. */
  sourceOffset(offset: number): number {
    let delta = 0;
    for (const shift of this.shifts) {
      if (shift.at > offset) break;
      delta = shift.delta;
    }
    return offset + delta;
  }

  private run(buf: string, final: boolean): string {
    const out = new Output(buf);
    let i = 0;
    while (i < buf.length) {
      const next = this.step(buf, i, final, out);
      if (next === null) break;
      i = next;
    }
    this.carry = buf.slice(i);
    this.consumed += i;
    this.emitted += out.length;
    return out.text();
  }

  /** Handles what starts at `i`; returns where to go on, or null to wait for more input. */
  private step(buf: string, i: number, final: boolean, out: Output): number | null {
    switch (this.state) {
      case 'text': {
        const lt = buf.indexOf('<', i);
        if (lt < 0) {
          out.pass(i, buf.length);
          return buf.length;
        }
        out.pass(i, lt);
        const head = buf.slice(lt, lt + LONGEST_OPENER);
        if (!final && head.length < LONGEST_OPENER && OPENERS.some((o) => o.text.length > head.length && o.text.startsWith(head)))
          return lt > i ? lt : null;
        const opener = OPENERS.find((o) => head.startsWith(o.text));
        if (opener) {
          this.state = opener.state;
          out.pass(lt, lt + opener.text.length);
          return lt + opener.text.length;
        }
        this.state = 'tag';
        this.element = null;
        this.tagText = '';
        out.pass(lt, lt + 1);
        return lt + 1;
      }
      case 'comment':
      case 'cdata':
      case 'pi': {
        const closer = CLOSERS[this.state];
        const at = buf.indexOf(closer, i);
        if (at < 0) {
          // Keep back what may be the start of the closer.
          const upTo = final ? buf.length : buf.length - (closer.length - 1);
          if (upTo <= i) return null;
          out.pass(i, upTo);
          return upTo;
        }
        out.pass(i, at + closer.length);
        this.state = 'text';
        return at + closer.length;
      }
      case 'tag': {
        if (this.element === null && this.tagText === '') {
          // Most tags hold only values well within the cap: such a tag, whole in this input, goes on as written.
          this.shortTag.lastIndex = i;
          if (this.shortTag.test(buf)) {
            out.pass(i, this.shortTag.lastIndex);
            this.state = 'text';
            return this.shortTag.lastIndex;
          }
        }
        TAG_END.lastIndex = i;
        const match = TAG_END.exec(buf);
        const at = match ? match.index : buf.length;
        out.pass(i, match ? at + 1 : at);
        if (!match) {
          this.tagText = this.tagTail(buf, i, at);
          return buf.length;
        }
        if (this.element === null) this.element = /^[^\s/>=]*/.exec(this.tagTail(buf, i, at))?.[0] ?? '';
        if (match[0] === '>') {
          this.tagText = '';
          this.state = 'text';
          return at + 1;
        }
        const close = buf.indexOf(match[0], at + 1);
        if (close >= 0 && (close - at - 1) * 3 <= this.cap) {
          // A value that closes here, however it decodes, is within the cap (a character of UTF-8 is
          // at most 3 bytes for each UTF-16 unit written), so it goes on as written: most values do.
          this.tagText = '';
          out.pass(at + 1, close + 1);
          return close + 1;
        }
        const attribute = /([^\s=]*)\s*=\s*$/.exec(this.tagTail(buf, i, at))?.[1] ?? '';
        this.tagText = '';
        this.state = 'value';
        this.value = this.keepWhole(this.element, attribute)
          ? null
          : { quote: match[0], element: this.element, attribute, decoded: new CappedText(this.cap), passed: 0, breaks: 0, raw: false };
        if (this.value === null) this.wholeQuote = match[0];
        return at + 1;
      }
      case 'value':
        return this.value === null ? this.passWhole(buf, i, out) : this.readValue(this.value, buf, i, final, out);
    }
  }

  /** The tag's text since its name or the last value closed, up to `at` of the run's input (its tail only). */
  private tagTail(buf: string, i: number, at: number): string {
    return (this.tagText + buf.slice(i, at)).slice(-NAME_WINDOW);
  }

  private passWhole(buf: string, i: number, out: Output): number {
    const at = buf.indexOf(this.wholeQuote, i);
    if (at < 0) {
      out.pass(i, buf.length);
      return buf.length;
    }
    out.pass(i, at + 1);
    this.state = 'tag';
    return at + 1;
  }

  private readValue(value: OpenValue, buf: string, i: number, final: boolean, out: Output): number | null {
    const close = buf.indexOf(value.quote, i);
    let stop = close < 0 ? buf.length : close;
    if (value.raw) {
      out.pass(i, stop);
    } else {
      if (close < 0 && !final) stop = heldBack(buf, i, stop);
      const read = decode(buf, i, stop);
      this.take(value, i, read.end, read.text, read.breaks, out);
      if (read.end < stop) {
        // saxes must see what it refuses, where it is: what was kept, then the rest as written.
        if (value.decoded.truncated || value.passed < value.decoded.text.length) this.flushKept(value, out);
        value.raw = true;
        out.pass(read.end, stop);
      }
      if (stop === i && close < 0) return final ? buf.length : null;
    }
    if (close < 0 || stop < close) return stop;
    this.closeValue(value, out, close, this.consumed + close + 1);
    return close + 1;
  }

  /**
   * Takes a decoded piece, written at [from, to) of the input: handed out as written while the value is
   * within the cap, else only kept and hashed.
   */
  private take(value: OpenValue, from: number, to: number, text: string, breaks: number, out: Output): void {
    if (to === from) return;
    const before = value.decoded.truncated;
    value.decoded.append(text);
    if (!value.decoded.truncated) {
      out.pass(from, to);
      value.passed += text.length;
      return;
    }
    value.breaks += breaks;
    if (!before) this.flushKept(value, out);
  }

  /** Hands out, escaped, the kept text not yet handed out as written. */
  private flushKept(value: OpenValue, out: Output): void {
    const kept = value.decoded.text;
    if (value.passed < kept.length) out.put(kept.slice(value.passed).replace(ESCAPE, (c) => ESCAPES[c] ?? c));
    value.passed = kept.length;
  }

  /** The closing quote is at `close` of the run's input; `after` is the offset in the text given to this pass just past it. */
  private closeValue(value: OpenValue, out: Output, close: number, after: number): void {
    const result = value.decoded.finish();
    this.value = null;
    this.state = 'tag';
    out.pass(close, close + 1);
    if (result.whole === null || value.raw) return;
    const outAt = (): number => this.emitted + out.length;
    this.cuts.push({ element: value.element, attribute: value.attribute, end: outAt(), ...result.whole });
    out.put('\n'.repeat(value.breaks));
    this.shifts.push({ at: outAt(), delta: after - outAt() });
  }
}

const TAG_END = /["'>]/g;

/** Where to stop reading a value at the end of a chunk: before a reference or a CR the next chunk may complete. */
function heldBack(buf: string, from: number, end: number): number {
  if (end > from && buf.charCodeAt(end - 1) === 0x0d) return end - 1;
  const amp = buf.lastIndexOf('&', end - 1);
  if (amp >= from && end - amp < LONGEST_REFERENCE && buf.indexOf(';', amp) < 0) return amp;
  return end;
}

/**
 * A value's text decoded as saxes decodes it, up to `end` or to the first thing saxes would refuse
 * (`end` in the result then stops short), with the line breaks it held.
 */
function decode(buf: string, from: number, end: number): { text: string; end: number; breaks: number } {
  const parts: string[] = [];
  let breaks = 0;
  let i = from;
  SPECIAL_IN_VALUE.lastIndex = from;
  for (let match = SPECIAL_IN_VALUE.exec(buf); match && match.index < end; match = SPECIAL_IN_VALUE.exec(buf)) {
    const at = match.index;
    parts.push(buf.slice(i, at));
    const c = match[0];
    if (c === '&') {
      REFERENCE.lastIndex = at;
      const ref = REFERENCE.exec(buf);
      const decoded = ref && ref.index + ref[0].length <= end ? reference(ref) : null;
      if (decoded === null) return { text: parts.join(''), end: at, breaks };
      parts.push(decoded);
      i = at + (ref?.[0].length ?? 0);
    } else if (c === '<') {
      return { text: parts.join(''), end: at, breaks };
    } else {
      parts.push(' ');
      if (c !== '\t') breaks++;
      i = c === '\r' && buf.charCodeAt(at + 1) === 0x0a && at + 1 < end ? at + 2 : at + 1;
    }
    SPECIAL_IN_VALUE.lastIndex = i;
  }
  parts.push(buf.slice(i, end));
  return { text: parts.join(''), end, breaks };
}

function reference(ref: RegExpExecArray): string | null {
  const [, name, decimal, hexadecimal] = ref;
  if (name !== undefined) return ENTITIES[name] ?? null;
  const codePoint = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hexadecimal ?? '', 16);
  // XmlRepairer has replaced references to what XML forbids; anything left that is not a character is saxes's to refuse.
  return codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : null;
}
