/**
 * Snippets as data — `[{ text, hit }]` — never HTML, so message text can never become markup.
 * FTS5's snippet() marks matched words with two control characters chosen because imported text
 * does not keep them (the importers repair control characters away).
 */
import type { SnippetSegment } from '../../common/domain/search';

export const HIT_OPEN = '\u0002';
export const HIT_CLOSE = '\u0003';
export const ELLIPSIS = '…';
/** Words of context in a snippet: a line or two in the results list. */
export const SNIPPET_TOKENS = 24;
/** For results with no words to highlight (a filters-only search): the start of the message. */
export const PLAIN_SNIPPET_CHARS = 160;

/** Splits FTS5 snippet() output into plain and highlighted pieces, dropping empty pieces. */
export function segmentsOf(marked: string): SnippetSegment[] {
  const segments: SnippetSegment[] = [];
  let hit = false;
  // eslint-disable-next-line no-control-regex -- the markers are control characters by design (see above)
  for (const piece of marked.split(/([\u0002\u0003])/u)) {
    if (piece === HIT_OPEN) hit = true;
    else if (piece === HIT_CLOSE) hit = false;
    else if (piece) {
      const last = segments[segments.length - 1];
      if (last && last.hit === hit) segments[segments.length - 1] = { text: last.text + piece, hit };
      else segments.push({ text: piece, hit });
    }
  }
  return segments;
}

/** The start of a body, cut at a word boundary where one is near. */
export function plainSnippet(body: string): SnippetSegment[] {
  if (body.length <= PLAIN_SNIPPET_CHARS) return body ? [{ text: body, hit: false }] : [];
  const cut = body.slice(0, PLAIN_SNIPPET_CHARS);
  const space = cut.lastIndexOf(' ');
  return [{ text: `${space > PLAIN_SNIPPET_CHARS / 2 ? cut.slice(0, space) : cut}${ELLIPSIS}`, hit: false }];
}
