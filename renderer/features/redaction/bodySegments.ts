/**
 * A message body cut into what the reviewer sees: plain runs and redaction boxes, from the live
 * redactions the timeline carries. Pure. Overlapping and touching spans share one box, as they do in
 * the bundle (common/domain/redaction.ts), but here a box keeps the ids of every redaction in it, so
 * the reviewer can remove each one.
 */
import type { TimelineMessage } from '../../../common/contract';

export type TimelineRedaction = TimelineMessage['redactions'][number];

export interface TextRun {
  readonly kind: 'text';
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface RedactionBox {
  readonly kind: 'box';
  readonly start: number;
  readonly end: number;
  /** The characters hidden: shown to the reviewer on request, never in the bundle. */
  readonly text: string;
  readonly redactions: readonly TimelineRedaction[];
  /** Every reason's label, once each, as the bundle draws it on the box. */
  readonly label: string;
}

export type BodySegment = TextRun | RedactionBox;

export interface RedactedBody {
  /** Live whole-item redactions: the message is withheld from the bundle. */
  readonly whole: readonly TimelineRedaction[];
  readonly segments: readonly BodySegment[];
}

const labelOf = (redactions: readonly TimelineRedaction[]): string => [...new Set(redactions.map((r) => r.label))].join('; ');

export function bodySegments(body: string, redactions: readonly TimelineRedaction[]): RedactedBody {
  const spans = redactions
    .filter((r) => r.kind === 'span' && r.start !== null && r.end !== null)
    .map((r) => ({ start: Math.max(0, r.start ?? 0), end: Math.min(body.length, r.end ?? 0), redaction: r }))
    .filter((s) => s.start < s.end)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const groups: { start: number; end: number; redactions: TimelineRedaction[] }[] = [];
  for (const span of spans) {
    const current = groups.at(-1);
    if (current && span.start <= current.end) {
      current.end = Math.max(current.end, span.end);
      current.redactions.push(span.redaction);
    } else {
      groups.push({ start: span.start, end: span.end, redactions: [span.redaction] });
    }
  }
  const segments: BodySegment[] = [];
  let at = 0;
  for (const group of groups) {
    if (group.start > at) segments.push({ kind: 'text', start: at, end: group.start, text: body.slice(at, group.start) });
    segments.push({
      kind: 'box',
      start: group.start,
      end: group.end,
      text: body.slice(group.start, group.end),
      redactions: group.redactions,
      label: labelOf(group.redactions),
    });
    at = group.end;
  }
  if (at < body.length) segments.push({ kind: 'text', start: at, end: body.length, text: body.slice(at) });
  return { whole: redactions.filter((r) => r.kind === 'whole'), segments };
}

export const wholeLabel = (whole: readonly TimelineRedaction[]): string => labelOf(whole);
