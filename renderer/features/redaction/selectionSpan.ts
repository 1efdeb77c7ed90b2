/**
 * From a text selection in a rendered message body to a span of the body (UTF-16 code units, as
 * `redactions.add` takes them). The body is drawn as segments (domBoundary.ts locates a DOM boundary
 * among them); here the boundaries become body offsets. Pure: no DOM.
 */
import { widenToCharacters, type Span } from '../../../common/domain/redaction';

/** Where a selection boundary falls among a body's segments. */
export type Boundary =
  /** Inside a plain run, `offset` code units into its text. */
  | { readonly segment: number; readonly offset: number }
  /** Just before segment `segment` (segments.length: after the last), or somewhere inside a box. */
  | { readonly segment: number; readonly edge: 'before' | 'inside' };

export interface SegmentExtent {
  readonly kind: 'text' | 'box';
  readonly start: number;
  readonly end: number;
}

const offsetOf = (boundary: Boundary, segments: readonly SegmentExtent[], bodyLength: number, side: 'start' | 'end'): number => {
  const segment = segments[boundary.segment];
  if (!segment) return bodyLength;
  if ('offset' in boundary) return Math.min(segment.start + boundary.offset, segment.end);
  if (boundary.edge === 'before') return segment.start;
  // A boundary inside a box takes the whole box: it is hidden already, and the spans merge.
  return side === 'start' ? segment.start : segment.end;
};

const isSpace = (char: string | undefined): boolean => char !== undefined && /\s/u.test(char);

/**
 * The span two boundaries select, in either order, without the spaces at its edges (a double-click
 * takes the space after a word), widened to whole characters (never half an emoji); null when only
 * spaces, or nothing, are selected.
 */
export function spanFromBoundaries(body: string, segments: readonly SegmentExtent[], a: Boundary, b: Boundary): Span | null {
  let start = Math.min(offsetOf(a, segments, body.length, 'start'), offsetOf(b, segments, body.length, 'start'));
  let end = Math.max(offsetOf(a, segments, body.length, 'end'), offsetOf(b, segments, body.length, 'end'));
  while (start < end && isSpace(body[start])) start++;
  while (end > start && isSpace(body[end - 1])) end--;
  if (start >= end) return null;
  return widenToCharacters(body, { start, end });
}

/** Whether every character of the span is already inside a box. */
export function alreadyHidden(span: Span, segments: readonly SegmentExtent[]): boolean {
  return segments.some((s) => s.kind === 'box' && s.start <= span.start && span.end <= s.end);
}
