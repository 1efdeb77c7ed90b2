/**
 * The words around a hit, so a reviewer can tell "ring Jane on 07911 123456" from a reference number
 * without opening the message.
 */
import { clampSpan, widenToCharacters, type Span } from '../../common/domain/redaction';

/** Characters looked at either side; CONTEXT_WORDS words of it are kept. */
const WINDOW = 80;
const CONTEXT_WORDS = 5;
const FIRST_WORDS = new RegExp(String.raw`^(?:\s*\S+){0,${CONTEXT_WORDS}}`, 'u');

/** Cuts `body` around [start, end) at whole characters, so no half emoji starts or ends the context. */
function around(body: string, span: Span): string {
  const window = clampSpan(span, body.length);
  if (!window) return '';
  const whole = widenToCharacters(body, window);
  return body.slice(whole.start, whole.end);
}

export interface HitContext {
  readonly before: string;
  readonly match: string;
  readonly after: string;
}

export function contextAround(body: string, start: number, end: number): HitContext {
  const before = around(body, { start: start - WINDOW, end: start });
  const after = around(body, { start: end, end: end + WINDOW });
  return {
    // The last words by splitting, not by a pattern anchored at the end: that is tried from every
    // start and took most of a case-wide sweep's time.
    before: (before.match(/\S+\s*/gu) ?? []).slice(-CONTEXT_WORDS).join(''),
    match: body.slice(start, end),
    after: FIRST_WORDS.exec(after)?.[0] ?? '',
  };
}
