/**
 * The pre-pass that turns Telegram Desktop's "JSON" into JSON, one chunk at a time.
 *
 * tdesktop writes control characters inside strings as `\xNN`, which JSON does not have; those become
 * `\u00NN`. Only an `x` escaped by an odd run of backslashes is an escape: in `C:\\xfer` the backslash
 * is itself escaped and the `x` is a letter. Telegram 4.1.x also wrote custom-emoji `document_id`
 * values unquoted (`"document_id": video_files/sticker (2).webm`); such a bare value is quoted. Every
 * change is reported with its line.
 *
 * Backslashes occur only inside strings in JSON, and a `"document_id"` whose opening quote is not
 * escaped can only be a key, so the pass finds both by search and needs no JSON state of its own.
 */
import type { Repair } from './repair-queue';
import { StreamRepairer, type Pass, type Step } from './stream-repairer';

const BARE_VALUE_KEY = '"document_id"';
const CANDIDATE = /\\x|"document_id"/g;
const HEX_PAIR = /^[0-9A-Fa-f]{2}$/;
const KEY_THEN_VALUE = /[ \t\r\n]*:[ \t\r\n]*/y;
/** Characters that start a JSON value, or that make the text a syntax error rather than a bare value. */
const NOT_BARE = /["{[\-0-9tfn,}\]]/;
/** A bare value runs to the end of its line; one longer than this is not a file name. */
const LONGEST_BARE_VALUE = 4096;

export class JsonRepairer extends StreamRepairer {
  /** Backslashes at the end of the text already handed out, which escape whatever comes next if odd. */
  private trailingBackslashes = 0;

  constructor(onRepair: (repair: Repair) => void) {
    super(onRepair);
  }

  protected scan({ buf, final, replace }: Pass): number {
    let i = 0;
    let stop = final ? buf.length : buf.length - partialCandidate(buf);

    while (i < stop) {
      CANDIDATE.lastIndex = i;
      const match = CANDIDATE.exec(buf);
      if (!match || match.index >= stop) break;
      const at = match.index;
      const escaped = this.backslashesBefore(buf, at) % 2 === 1;
      const step = match[0] === BARE_VALUE_KEY ? (escaped ? null : bareValue(buf, at, final)) : escaped ? null : hexEscape(buf, at, final);
      if (step === null || step.kind === 'keep') {
        i = step?.end ?? at + 1;
        continue;
      }
      if (step.kind === 'wait') {
        stop = at;
        break;
      }
      replace(at, step);
      i = step.end;
    }
    return stop;
  }

  protected override handedOut(text: string): void {
    const run = backslashRun(text, text.length);
    this.trailingBackslashes = run === text.length ? this.trailingBackslashes + run : run;
  }

  /** Length of the run of backslashes that ends just before `at`, counting any the previous text ended with. */
  private backslashesBefore(buf: string, at: number): number {
    const run = backslashRun(buf, at);
    return run === at ? run + this.trailingBackslashes : run;
  }
}

function backslashRun(text: string, end: number): number {
  let start = end;
  while (start > 0 && text.charCodeAt(start - 1) === 0x5c) start--;
  return end - start;
}

/** How many characters at the end of `buf` could begin a candidate that the next chunk completes. */
function partialCandidate(buf: string): number {
  for (let length = Math.min(BARE_VALUE_KEY.length - 1, buf.length); length > 0; length--) {
    const tail = buf.slice(buf.length - length);
    if (BARE_VALUE_KEY.startsWith(tail) || tail === '\\') return length;
  }
  return 0;
}

/** `\x` at `at` (its backslash unescaped): `\xNN` becomes `\u00NN`; anything else is left for the parser to report. */
function hexEscape(buf: string, at: number, final: boolean): Step {
  if (at + 4 > buf.length) return final ? { kind: 'keep', end: buf.length } : { kind: 'wait' };
  const digits = buf.slice(at + 2, at + 4);
  if (!HEX_PAIR.test(digits)) return { kind: 'keep', end: at + 2 };
  return {
    kind: 'replace',
    end: at + 4,
    text: `\\u00${digits}`,
    description: `invalid JSON escape \\x${digits} rewritten as \\u00${digits}`,
  };
}

/** A `"document_id"` key at `at`: a value that is not JSON, up to the end of its line, is quoted. */
function bareValue(buf: string, at: number, final: boolean): Step {
  const afterKey = at + BARE_VALUE_KEY.length;
  KEY_THEN_VALUE.lastIndex = afterKey;
  const separator = KEY_THEN_VALUE.exec(buf);
  const start = separator ? afterKey + separator[0].length : afterKey;
  if (start >= buf.length) return final ? { kind: 'keep', end: buf.length } : { kind: 'wait' };
  if (!separator || NOT_BARE.test(buf[start] ?? '')) return { kind: 'keep', end: start };

  const limit = Math.min(buf.length, start + LONGEST_BARE_VALUE);
  let end = start;
  while (end < limit && buf[end] !== '\n' && buf[end] !== '\r') end++;
  if (end === limit && limit === buf.length && !final) return { kind: 'wait' };
  if (end === start + LONGEST_BARE_VALUE) return { kind: 'keep', end: start };

  const raw = buf.slice(start, end).trimEnd();
  const comma = raw.endsWith(',') ? ',' : '';
  const value = raw.slice(0, raw.length - comma.length).trimEnd();
  return {
    kind: 'replace',
    end: start + raw.length,
    // The key and separator are kept as written; only the value changes.
    text: buf.slice(at, start) + JSON.stringify(value) + comma,
    description: `unquoted document_id value ${value} quoted`,
  };
}
