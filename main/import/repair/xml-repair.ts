/**
 * The pre-pass that turns "XML-ish" exports into XML a strict parser accepts, one chunk at a time.
 *
 * Old Android serialisers and Signal/Silence plaintext exports escape each UTF-16 code unit of an emoji
 * separately (`&#55357;&#56832;`), which XML forbids; bodies also carry control characters XML 1.0
 * forbids, raw or as references. Each valid surrogate pair becomes one reference to the code point;
 * anything else that XML forbids becomes U+FFFD. Every change is reported, with its line, so the case
 * records exactly what was altered.
 *
 * The pass also refuses DTDs: entity declarations are how entity-expansion attacks ("billion laughs")
 * and external entities get in, and no genuine export has one.
 *
 * Comments, CDATA sections and processing instructions are passed through untouched except for raw
 * forbidden characters, because references have no meaning inside them.
 */
import type { LineCounter, Repair } from './repair-queue';
import { StreamRepairer, type Pass, type Step } from './stream-repairer';

type State = 'text' | 'comment' | 'cdata' | 'pi';

const FORBIDDEN = '\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\uFFFE\\uFFFF';
const SPECIAL: Record<State, RegExp> = {
  // Tags pass unseen: only "<!" and "<?" open what has a closer of its own, and a "<" ending the text
  // may yet become one.
  text: new RegExp(`&|<(?:[!?]|$)|[${FORBIDDEN}]`, 'g'),
  comment: new RegExp(`-->|[${FORBIDDEN}]`, 'g'),
  cdata: new RegExp(`\\]\\]>|[${FORBIDDEN}]`, 'g'),
  pi: new RegExp(`\\?>|[${FORBIDDEN}]`, 'g'),
};
const CLOSER: Record<Exclude<State, 'text'>, string> = { comment: '-->', cdata: ']]>', pi: '?>' };

const REFERENCE = /&#(?:([0-9]{1,10})|x([0-9A-Fa-f]{1,8}));/y;
/** What the end of a chunk may hold of a reference that the next chunk completes. */
const REFERENCE_PREFIX = /^&(?:#(?:[0-9]{0,10}|x[0-9A-Fa-f]{0,8}))?$/;
// "&#", ten digits and ";": anything shorter at the end of a chunk may still be completed by the next.
const LONGEST_REFERENCE = 13;

const OPENERS: readonly { readonly text: string; readonly state: State | 'declaration' }[] = [
  { text: '<!--', state: 'comment' },
  { text: '<![CDATA[', state: 'cdata' },
  { text: '<?', state: 'pi' },
  { text: '<!DOCTYPE', state: 'declaration' },
  { text: '<!ENTITY', state: 'declaration' },
];

const LONGEST_OPENER = Math.max(...OPENERS.map((opener) => opener.text.length));

const REPLACEMENT = '&#65533;';

/** A code point XML 1.0 allows in a document (its Char production). */
export const isXmlChar = (cp: number): boolean =>
  cp === 0x9 ||
  cp === 0xa ||
  cp === 0xd ||
  (cp >= 0x20 && cp <= 0xd7ff) ||
  (cp >= 0xe000 && cp <= 0xfffd) ||
  (cp >= 0x10000 && cp <= 0x10ffff);
const isHighSurrogate = (cp: number): boolean => cp >= 0xd800 && cp <= 0xdbff;
const isLowSurrogate = (cp: number): boolean => cp >= 0xdc00 && cp <= 0xdfff;

const hex = (cp: number): string => `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;

interface Reference {
  readonly end: number;
  readonly codePoint: number;
}

export class XmlRepairer extends StreamRepairer {
  private state: State = 'text';

  constructor(
    onRepair: (repair: Repair) => void,
    /** Called with the line of a DOCTYPE or ENTITY declaration; must throw. */
    private readonly onDeclaration: (line: number) => never,
  ) {
    super(onRepair);
  }

  protected scan({ buf, final, lines, replace }: Pass): number {
    let i = 0;
    let stop = buf.length;

    scan: while (i < buf.length) {
      const pattern = SPECIAL[this.state];
      pattern.lastIndex = i;
      const match = pattern.exec(buf);
      if (!match) {
        if (this.state !== 'text' && !final) {
          // Keep back a partial closer ("-", "]]", "?") so it is recognised when the next chunk completes it.
          const closer = CLOSER[this.state];
          for (let keep = closer.length - 1; keep > 0; keep--) {
            if (buf.endsWith(closer.slice(0, keep)) && buf.length - keep >= i) {
              stop = buf.length - keep;
              break scan;
            }
          }
        }
        break;
      }
      const at = match.index;
      const found = match[0];
      if (this.state !== 'text' && found.length > 1) {
        this.state = 'text';
        i = at + found.length;
        continue;
      }
      const step =
        found === '&'
          ? this.reference(buf, at, final)
          : found.startsWith('<')
            ? this.markup(buf, at, final, lines)
            : this.rawCharacter(found, at);
      if (step.kind === 'wait') {
        stop = at;
        break;
      }
      if (step.kind === 'replace') replace(at, step);
      i = step.end;
    }
    return stop;
  }

  private rawCharacter(found: string, at: number): Step {
    return {
      kind: 'replace',
      end: at + 1,
      text: '\uFFFD',
      description: `raw character ${hex(found.charCodeAt(0))}, which XML does not allow, replaced by U+FFFD`,
    };
  }

  private markup(buf: string, at: number, final: boolean, lines: LineCounter): Step {
    for (const opener of OPENERS) {
      if (buf.startsWith(opener.text, at)) {
        if (opener.state === 'declaration') return this.onDeclaration(lines.at(at));
        this.state = opener.state;
        return { kind: 'keep', end: at + opener.text.length };
      }
    }
    const rest = buf.slice(at, at + LONGEST_OPENER);
    if (!final && OPENERS.some((opener) => opener.text.length > rest.length && opener.text.startsWith(rest))) return { kind: 'wait' };
    return { kind: 'keep', end: at + 1 };
  }

  private reference(buf: string, at: number, final: boolean): Step {
    const first = readReference(buf, at);
    if (!first) return !final && couldBeReference(buf, at) ? { kind: 'wait' } : { kind: 'keep', end: at + 1 };
    const raw = buf.slice(at, first.end);
    if (isXmlChar(first.codePoint)) return { kind: 'keep', end: first.end };
    if (isHighSurrogate(first.codePoint)) {
      const second = readReference(buf, first.end);
      if (second && isLowSurrogate(second.codePoint)) {
        const codePoint = 0x10000 + ((first.codePoint - 0xd800) << 10) + (second.codePoint - 0xdc00);
        return {
          kind: 'replace',
          end: second.end,
          text: `&#${codePoint};`,
          description: `UTF-16 surrogate-pair references ${buf.slice(at, second.end)} rewritten as &#${codePoint}; (${hex(codePoint)})`,
        };
      }
      if (!second && !final && couldBeReference(buf, first.end)) return { kind: 'wait' };
    }
    const description =
      isHighSurrogate(first.codePoint) || isLowSurrogate(first.codePoint)
        ? `lone UTF-16 surrogate reference ${raw} replaced by U+FFFD`
        : `reference ${raw} to ${hex(first.codePoint)}, which XML does not allow, replaced by U+FFFD`;
    return { kind: 'replace', end: first.end, text: REPLACEMENT, description };
  }
}

function readReference(buf: string, at: number): Reference | null {
  REFERENCE.lastIndex = at;
  const match = REFERENCE.exec(buf);
  if (!match) return null;
  const [, decimal, hexadecimal] = match;
  const codePoint = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hexadecimal ?? '', 16);
  return { end: REFERENCE.lastIndex, codePoint };
}

/** True when the buffer ends at `at` or in what may still become a character reference. */
function couldBeReference(buf: string, at: number): boolean {
  return buf.length - at < LONGEST_REFERENCE && (at === buf.length || REFERENCE_PREFIX.test(buf.slice(at)));
}
