/**
 * Redaction span maths and the `RedactedText` type (docs/spec.md §6, ARCHITECTURE guideline 9), and
 * the redaction records the redaction service keeps (at the end of the file).
 *
 * `RedactedText` is branded and `applyRedactions` is its only constructor, so the export layer, which
 * accepts nothing else, cannot be handed a message body by accident. Its value is a structure the PDF
 * layer can draw directly: either the whole item is withheld, or the body is cut into plain `text`
 * segments and `redacted` boxes. A box carries its reasons and label, never the characters it hides.
 *
 * Offsets are UTF-16 code units into `messages.body` exactly as imported (what JavaScript strings and
 * the UI's selection use). Pure TypeScript: no node:, no DOM, no electron. The export engineer builds on
 * this file: change it only additively.
 */
import type { Outcome, ReasonCode, RedactionKind } from './model';

/** What redaction suggestions look for (docs/spec.md §6); `name` is the case's names list. */
export const SUGGESTION_KINDS = ['phone', 'email', 'postcode', 'ni_number', 'name'] as const;
export type SuggestionKind = (typeof SUGGESTION_KINDS)[number];

/**
 * Where a sweep's hit is besides a message body: a sender's label, a conversation's title, a source
 * file's name or an attachment's name. These are redacted whole (the bundle prints the reason instead).
 */
export const PRINTED_NAME_FIELDS = ['sender', 'title', 'source-file', 'attachment'] as const;
export type PrintedNameField = (typeof PRINTED_NAME_FIELDS)[number];

/** A half-open range [start, end) of UTF-16 code units. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** A span with the reason codes that hide it. */
export interface ReasonedSpan extends Span {
  readonly reasonCodes: readonly string[];
}

/** A live (not removed) redaction as the redaction service stores it: only what applying it needs. */
export type LiveRedaction =
  | { readonly kind: Extract<RedactionKind, 'span'>; readonly start: number; readonly end: number; readonly reasonCode: string }
  | { readonly kind: Extract<RedactionKind, 'whole'>; readonly reasonCode: string };

/** A run of the body shown as written; `start`/`end` locate it in the body. */
export interface TextSegment extends Span {
  readonly kind: 'text';
  readonly text: string;
}

/**
 * A box standing for the hidden characters [start, end). `length` (end - start) is there for the
 * in-app view and for checks; a bundle should not size its box by it, since a box as wide as the name
 * it hides tells the reader how long that name is.
 */
export interface RedactedSegment extends Span {
  readonly kind: 'redacted';
  readonly length: number;
  /** Every reason of the spans merged into this box, unique and sorted, so output is deterministic. */
  readonly reasonCodes: readonly string[];
  /** The reasons' labels joined with "; ", as drawn on the box. */
  readonly label: string;
}

export type RedactionSegment = TextSegment | RedactedSegment;

declare const redactedTextBrand: unique symbol;

export type RedactedText = (
  | { readonly kind: 'whole'; readonly reasonCodes: readonly string[]; readonly label: string }
  | { readonly kind: 'text'; readonly segments: readonly RedactionSegment[] }
) & { readonly [redactedTextBrand]: true };

/** A span that does not fit the body it is meant for: a bug or a stale UI selection, never clamped away. */
export class InvalidSpanError extends Error {
  constructor(
    readonly span: Span,
    readonly bodyLength: number,
    reason: string,
  ) {
    super(`Redaction span ${span.start}–${span.end} is invalid for a body of ${bodyLength} UTF-16 units: ${reason}`);
    this.name = 'InvalidSpanError';
  }
}

/** Joins the labels of a box that stands for several reasons. */
export const LABEL_SEPARATOR = '; ';

/**
 * Checks 0 ≤ start < end ≤ body.length with integer offsets and returns the span widened to whole
 * characters. Widening, not refusing, because a selection that cuts an emoji or an accented letter in
 * half would leave half of it (a lone surrogate, an orphan accent, a skin-tone modifier) visible:
 * hiding slightly more is the safe side.
 */
export function validateSpan(body: string, span: Span): Span {
  const { start, end } = span;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end))
    throw new InvalidSpanError(span, body.length, 'offsets must be whole numbers');
  if (start < 0) throw new InvalidSpanError(span, body.length, 'start is before the beginning of the text');
  if (end > body.length) throw new InvalidSpanError(span, body.length, 'end is after the end of the text');
  if (start >= end) throw new InvalidSpanError(span, body.length, 'start must come before end');
  return widenToCharacters(body, span);
}

// One segmenter, reused: constructing one loads ICU break rules.
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Widens a valid span to user-perceived character (grapheme cluster) boundaries: never splits a
 * surrogate pair, a base letter from its combining marks (Gaelic/Welsh accents typed as e + U+0301),
 * a ZWJ emoji sequence or a flag. A span already on boundaries comes back unchanged.
 */
export function widenToCharacters(body: string, span: Span): Span {
  const segments = graphemes.segment(body);
  const first = segments.containing(span.start);
  const last = segments.containing(span.end - 1);
  return {
    start: first ? first.index : span.start,
    end: last ? last.index + last.segment.length : span.end,
  };
}

/** Cuts a span to [0, length]; null when nothing of it is left. For context windows and previews. */
export function clampSpan(span: Span, length: number): Span | null {
  const start = Math.max(0, Math.min(span.start, length));
  const end = Math.max(0, Math.min(span.end, length));
  return start < end ? { start, end } : null;
}

const uniqueSorted = (codes: Iterable<string>): string[] => [...new Set(codes)].sort();

/**
 * Merges overlapping and touching spans into one box each, carrying every reason of the spans it
 * absorbed. Touching spans merge too: two boxes side by side would tell the reader a boundary exists
 * between two hidden words, and one box reads better.
 */
export function mergeSpans(spans: readonly ReasonedSpan[]): ReasonedSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: { start: number; end: number; reasonCodes: Set<string> }[] = [];
  for (const span of sorted) {
    const current = merged.at(-1);
    if (current && span.start <= current.end) {
      current.end = Math.max(current.end, span.end);
      span.reasonCodes.forEach((code) => current.reasonCodes.add(code));
    } else {
      merged.push({ start: span.start, end: span.end, reasonCodes: new Set(span.reasonCodes) });
    }
  }
  return merged.map((m) => ({ start: m.start, end: m.end, reasonCodes: uniqueSorted(m.reasonCodes) }));
}

/** Whether [start, end) lies wholly inside one of the (merged) spans. */
export function isCovered(span: Span, covering: readonly Span[]): boolean {
  return covering.some((c) => c.start <= span.start && span.end <= c.end);
}

const labelFor = (codes: readonly string[], labelOf: (code: string) => string): string => codes.map(labelOf).join(LABEL_SEPARATOR);

const brand = (value: object): RedactedText => Object.freeze(value) as RedactedText;

/**
 * The only way to make a `RedactedText`. A live whole-item redaction withholds the item (spans are then
 * moot); otherwise each span is validated and widened against this body, spans are merged, and the body
 * is cut into text and redacted segments. An invalid span throws rather than being skipped: a bundle
 * must not be produced while a redaction cannot be honoured.
 */
export function applyRedactions(body: string, redactions: readonly LiveRedaction[], labelOf: (code: string) => string): RedactedText {
  const whole = redactions.filter((r) => r.kind === 'whole');
  if (whole.length > 0) {
    const reasonCodes = uniqueSorted(whole.map((r) => r.reasonCode));
    return brand({ kind: 'whole', reasonCodes: Object.freeze(reasonCodes), label: labelFor(reasonCodes, labelOf) });
  }
  const spans = redactions.flatMap((r) =>
    r.kind === 'span' ? [{ ...validateSpan(body, { start: r.start, end: r.end }), reasonCodes: [r.reasonCode] }] : [],
  );
  const segments: RedactionSegment[] = [];
  let at = 0;
  for (const box of mergeSpans(spans)) {
    if (box.start > at) segments.push(Object.freeze({ kind: 'text', start: at, end: box.start, text: body.slice(at, box.start) }));
    segments.push(
      Object.freeze({
        kind: 'redacted',
        start: box.start,
        end: box.end,
        length: box.end - box.start,
        reasonCodes: Object.freeze([...box.reasonCodes]),
        label: labelFor(box.reasonCodes, labelOf),
      }),
    );
    at = box.end;
  }
  if (at < body.length) segments.push(Object.freeze({ kind: 'text', start: at, end: body.length, text: body.slice(at) }));
  return brand({ kind: 'text', segments: Object.freeze(segments) });
}

/**
 * The redacted text as one plain string, each box written as `mark(box)` (default "[REDACTED: label]"),
 * a withheld item as "[WITHHELD: label]". For schedules, previews and the leak check's expectations.
 */
export function redactedToPlainText(
  text: RedactedText,
  mark: (box: RedactedSegment) => string = (box) => `[REDACTED: ${box.label}]`,
): string {
  if (text.kind === 'whole') return `[WITHHELD: ${text.label}]`;
  return text.segments.map((s) => (s.kind === 'text' ? s.text : mark(s))).join('');
}

/** A run of a body read in pieces (a body too long to hold as one string): its text and its UTF-16 offset. */
export interface BodyPiece {
  readonly start: number;
  readonly text: string;
}

/** Redacted text whose segments are produced while the body is read, piece by piece. */
export type RedactedStream = {
  readonly kind: 'stream';
  /** Each span widened to whole characters, with its reason (what the leak check must not find). */
  readonly spans: readonly ReasonedSpan[];
  readonly segments: Iterable<RedactionSegment>;
} & { readonly [redactedTextBrand]: true };

/**
 * `applyRedactions` for a body read in pieces: `read` yields the body's pieces in order each time it
 * is called. Spans are validated and widened in a first reading (a grapheme never straddles two
 * pieces when pieces end at a space or line break, as the export cuts them), merged, and the segments
 * are cut in a second as the layout asks for them. An invalid span throws, as applyRedactions does.
 */
export function applyRedactionsToPieces(
  read: () => Iterable<BodyPiece>,
  redactions: readonly LiveRedaction[],
  labelOf: (code: string) => string,
): RedactedText | RedactedStream {
  if (redactions.some((r) => r.kind === 'whole')) return applyRedactions('', redactions, labelOf);
  const raw = redactions.flatMap((r) => (r.kind === 'span' ? [{ start: r.start, end: r.end, reasonCodes: [r.reasonCode] }] : []));
  const widened = raw.map((s) => ({ ...s }));
  let length = 0;
  if (raw.length > 0) {
    for (const piece of read()) {
      const end = piece.start + piece.text.length;
      raw.forEach((span, i) => {
        const w = widened[i] as { start: number; end: number };
        if (span.start >= piece.start && span.start < end)
          w.start =
            piece.start + widenToCharacters(piece.text, { start: span.start - piece.start, end: span.start - piece.start + 1 }).start;
        if (span.end > piece.start && span.end <= end)
          w.end = piece.start + widenToCharacters(piece.text, { start: span.end - piece.start - 1, end: span.end - piece.start }).end;
      });
      length = end;
    }
    for (const span of raw) {
      if (!Number.isSafeInteger(span.start) || !Number.isSafeInteger(span.end))
        throw new InvalidSpanError(span, length, 'offsets must be whole numbers');
      if (span.start < 0) throw new InvalidSpanError(span, length, 'start is before the beginning of the text');
      if (span.end > length) throw new InvalidSpanError(span, length, 'end is after the end of the text');
      if (span.start >= span.end) throw new InvalidSpanError(span, length, 'start must come before end');
    }
  }
  const boxes = mergeSpans(widened);
  function* segments(): Generator<RedactionSegment> {
    let box = 0;
    for (const piece of read()) {
      const end = piece.start + piece.text.length;
      let at = piece.start;
      while (at < end) {
        const next = boxes[box];
        if (next && next.start <= at) {
          if (next.start >= piece.start) {
            yield Object.freeze({
              kind: 'redacted',
              start: next.start,
              end: next.end,
              length: next.end - next.start,
              reasonCodes: Object.freeze([...next.reasonCodes]),
              label: labelFor(next.reasonCodes, labelOf),
            });
          }
          if (next.end <= end) {
            at = next.end;
            box++;
          } else at = end;
          continue;
        }
        const stop = next ? Math.min(next.start, end) : end;
        yield Object.freeze({ kind: 'text', start: at, end: stop, text: piece.text.slice(at - piece.start, stop - piece.start) });
        at = stop;
      }
    }
  }
  return Object.freeze({
    kind: 'stream',
    spans: Object.freeze(widened),
    segments: { [Symbol.iterator]: segments },
  }) as unknown as RedactedStream;
}

/** A redaction as recorded: live until removed, and then kept with who removed it and what replaced it. */
export interface Redaction {
  readonly id: number;
  readonly messageId: number;
  readonly conversationId: number;
  readonly kind: RedactionKind;
  /** UTF-16 code units of the message body; null for a whole-item redaction. */
  readonly start: number | null;
  readonly end: number | null;
  readonly reasonCode: string;
  /** The reason's current label in this case. */
  readonly label: string;
  readonly note: string;
  readonly createdAt: number;
  readonly createdBy: string;
  readonly removedAt: number | null;
  readonly removedBy: string | null;
  /** The redaction that replaced this one, when it was removed by a replacement. */
  readonly supersededBy: number | null;
}

/** Whose redactions to list: a message's (with `includeRemoved`, its whole history) or a conversation's live ones. */
export type RedactionListArgs =
  | { readonly kind: 'message'; readonly messageId: number; readonly includeRemoved: boolean }
  | { readonly kind: 'conversation'; readonly conversationId: number };

interface NewRedaction {
  readonly messageId: number;
  readonly reasonCode: string;
  readonly note: string;
  /** A live redaction of the same message this one replaces (removed, pointing at the new one). */
  readonly replaces?: number;
}

/** A redaction to add: a span of the body (UTF-16 offsets, widened to whole characters) or the whole item. */
export type AddRedactionArgs =
  (NewRedaction & { readonly kind: 'span'; readonly start: number; readonly end: number }) | (NewRedaction & { readonly kind: 'whole' });

/** A message's outcome changed by a redaction (a span makes `disclose` `disclose_redacted`, …). */
export interface OutcomeMove {
  readonly messageId: number;
  readonly from: Outcome;
  readonly to: Outcome;
}

export interface AddRedactionResult {
  readonly redaction: Redaction;
  /** The redaction it replaced, if any. */
  readonly replaced: number | null;
  readonly outcomeMoves: OutcomeMove[];
}

export interface RemoveRedactionsResult {
  readonly removed: number;
  readonly outcomeMoves: OutcomeMove[];
}

/** A reason code as the case holds it; `builtin` ones come with every case and cannot be removed. */
export interface ReasonCodeInfo extends ReasonCode {
  readonly builtin: boolean;
}

/** A change to a reason's label or description (its code is stable). */
export interface UpdateReasonArgs {
  readonly code: string;
  readonly label?: string;
  readonly description?: string;
}

export interface AddReasonArgs {
  readonly code: string;
  readonly label: string;
  readonly description: string;
}

/** An entry of the case's names list, which suggestions look for. */
export interface RedactionName {
  readonly id: number;
  readonly name: string;
  readonly note: string;
  readonly addedAt: number;
  readonly addedBy: string;
}

/**
 * A redaction of a participant's label (the name a sender was saved under) or of a conversation's
 * title: the bundle prints a box with the reason wherever that label or title would appear.
 */
export interface LabelRedaction {
  readonly id: number;
  readonly participantId: number | null;
  readonly conversationId: number | null;
  /** The label or title hidden, for the reviewer's list (never printed in a bundle). */
  readonly text: string;
  readonly reasonCode: string;
  /** The reason's current label in this case. */
  readonly label: string;
  readonly note: string;
  readonly createdAt: number;
  readonly createdBy: string;
}

interface NameReason {
  readonly reasonCode: string;
  readonly note: string;
}

/** Either a participant's label or a conversation's title; a live redaction of the same one is replaced. */
export type RedactLabelArgs = (NameReason & { readonly participantId: number }) | (NameReason & { readonly conversationId: number });

export interface RedactLabelResult {
  readonly redaction: LabelRedaction;
  readonly replaced: number | null;
}

/**
 * A redaction of a source file's name or of an attachment's name: the bundle prints the reason
 * wherever that name would appear (extract header blocks, attachment lines, the manifest).
 */
export interface FileNameRedaction {
  readonly id: number;
  readonly sourceId: number | null;
  readonly attachmentId: number | null;
  /** The name hidden, for the reviewer's list (never printed in a bundle). */
  readonly text: string;
  readonly reasonCode: string;
  readonly label: string;
  readonly note: string;
  readonly createdAt: number;
  readonly createdBy: string;
}

/** Either a source's file name or an attachment's name; a live redaction of the same one is replaced. */
export type RedactFileNameArgs = (NameReason & { readonly sourceId: number }) | (NameReason & { readonly attachmentId: number });

export interface RedactFileNameResult {
  readonly redaction: FileNameRedaction;
  readonly replaced: number | null;
}
