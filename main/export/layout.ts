/**
 * Pagination of a bundle: cover, index and conversation extracts become A4 pages of positioned text
 * runs, redaction boxes and rules. Pure: text widths come from an injected TextMeasurer, nothing is
 * drawn here (pdf.ts draws), so wrapping and page breaks are tested without fonts or PDF.
 *
 * Coordinates are PDF points with the origin at the bottom left, as pdf.ts draws them.
 *
 * Extracts are generators yielding one page at a time: a 10,000-page conversation is never held in
 * memory as layout. A page's footer says "Page n of N" within its reference, which is only known at
 * the end, so the frame (header and footer, `pageFrame`) is laid out apart from the body: the export
 * draws each body as it comes and each frame once the totals are known.
 */
import type { RedactedStream, RedactedText, RedactionSegment } from '../../common/domain/redaction';
import type { FontKey } from './fonts';
import type { GlyphRun, TextMeasurer, TextStyle } from './text-measure';

export const PAGE_WIDTH = 595.28;
export const PAGE_HEIGHT = 841.89;
export const MARGIN_X = 50;
export const CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X;
const HEADER_BASELINE = PAGE_HEIGHT - 32;
const BODY_TOP = PAGE_HEIGHT - 58;
const BODY_BOTTOM = 62;
const FOOTER_BASELINE = 38;

/** Whether text on this baseline is a page's body (between the header and footer rules), for reading a bundle back. */
export const isBodyBaseline = (y: number): boolean => y > FOOTER_BASELINE + 12 && y < HEADER_BASELINE - 7;

export const BODY_SIZE = 9;
/** What a draft bundle says on its cover and on every page (docs/spec.md §12). */
export const DRAFT_MARK = 'DRAFT — NOT FOR DISCLOSURE';
const MARK_SIZE = 46;
const LEADING = 12;
const SMALL_SIZE = 7.5;
const BOX_LABEL_SIZE = 6.5;
const BOX_PADDING = 3;
const MESSAGE_INDENT = 12;
/** A word wider than this share of the line may start on a line that already has text, then break. */
const LONG_WORD_START_ROOM = 60;
/** Break characters a URL or path reads naturally after. */
const SOFT_BREAK_AFTER = new Set(['/', '-', '?', '&', '=', '.', '_', ',', ';', ':', '#']);

/** `light`: the draft watermark, drawn under the page's text and still readable through it. */
export type Color = 'black' | 'grey' | 'white' | 'light';

export interface TextPiece {
  readonly kind: 'text';
  readonly x: number;
  readonly y: number;
  readonly size: number;
  readonly font: FontKey;
  readonly text: string;
  /** Advance width of `text` at `size`, in points. */
  readonly width: number;
  readonly color: Color;
  /** Counter-clockwise about (x, y), in degrees; absent for ordinary horizontal text. */
  readonly angle?: number;
}
/** A filled rectangle: a redaction box (black) or the band behind a withheld line (light). */
export interface BoxPiece {
  readonly kind: 'box';
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly fill: 'black' | 'light';
}
export interface RulePiece {
  readonly kind: 'rule';
  readonly x1: number;
  readonly x2: number;
  readonly y: number;
}
/** A produced image (pdf.ts's XObject `name`), its bottom-left corner at (x, y), drawn `width` × `height` points. */
export interface ImagePiece {
  readonly kind: 'image';
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly name: string;
}
export type Piece = TextPiece | BoxPiece | RulePiece | ImagePiece;

export interface LaidPage {
  readonly pieces: readonly Piece[];
}

/** What every page shows around its body. */
export interface PageFrame {
  readonly headerLeft: string;
  readonly marking: string;
  /** The item reference, or "Cover" / "Index". */
  readonly label: string;
  readonly page: number;
  /** Null in a preview, which lays out only the first pages and so cannot know the totals. */
  readonly pages: number | null;
  readonly bundlePage: number | null;
  /** A draft says so above the header of every page too, as text any reader extracts in one piece. */
  readonly draft?: boolean;
}

/** An image as the bundle holds it: the name pages draw it by, and its size on the page in points. */
export interface PlacedImage {
  readonly name: string;
  readonly width: number;
  readonly height: number;
}

export type AttachmentLine =
  | { readonly kind: 'listed' | 'withheld'; readonly text: string }
  | {
      readonly kind: 'image';
      readonly attachmentId: number;
      readonly image: PlacedImage;
      /** The file name as printed (a box with the reason when it is redacted), or "Unnamed image". */
      readonly name: string | RedactedText;
      /** The extract's reference, printed under the image with its page. */
      readonly reference: string;
    };

export interface MessageEntry {
  readonly kind: 'message';
  readonly messageId: number;
  readonly time: string;
  /** The sender's label as printed: a box with the reason when the label is redacted. */
  readonly sender: RedactedText;
  /** "edited", "reply to Priya Nair, 21:05", "deleted by the sender"… */
  readonly flags: readonly string[];
  /** A stream for a body read in pieces: wrapped and paginated as its segments come, never held whole. */
  readonly text: RedactedText | RedactedStream;
  /** Listed attachments ("IMG-0001.jpg (image/jpeg) — not embedded"), and slips for those withheld whole. */
  readonly attachments: readonly AttachmentLine[];
  /** "Also held by: …" and the like, shown small under the message. */
  readonly notes: readonly string[];
  /** System notices and deleted placeholders are set in grey. */
  readonly muted: boolean;
}

/** A run of consecutive withheld items with the same reason, shown as one line. */
export interface WithheldEntry {
  readonly kind: 'withheld';
  readonly messageIds: readonly number[];
  readonly label: string;
  /** "14:03–16:22". */
  readonly span: string;
}

export type Entry = MessageEntry | WithheldEntry;

export interface LabelledValue {
  readonly label: string;
  /** RedactedText where the value may hold a redacted label (participants) or title. */
  readonly value: string | RedactedText;
}

export interface ExtractInput {
  readonly title: RedactedText;
  readonly details: readonly LabelledValue[];
  readonly entries: Iterable<Entry>;
}

export interface IndexRow {
  readonly reference: string;
  readonly custodian: string;
  readonly conversation: RedactedText;
  readonly dates: string;
  readonly pages: number;
  /** First and last bundle page, e.g. "4–9". */
  readonly bundlePages: string;
}

/** Where a message landed: page numbers within its extract (1-based). */
export type ItemPlaced = (messageId: number, firstPage: number, lastPage: number) => void;

/** Where an attachment's image landed: its page within the extract (1-based). */
export type ImagePlaced = (attachmentId: number, page: number) => void;

/** The widest and tallest an image is printed: the message's text column, and most of a page (room for its heading and caption). */
export const IMAGE_MAX_WIDTH = PAGE_WIDTH - 2 * MARGIN_X - 12;
export const IMAGE_MAX_HEIGHT = 600;

/** One laid-out line: pieces positioned relative to the line's left edge and baseline. */
interface Line {
  readonly height: number;
  readonly ascent: number;
  readonly pieces: readonly Piece[];
  /** Pieces that depend on the page the line lands on (an image's caption), made when it is placed. */
  readonly late?: (page: number) => readonly Piece[];
}

// ---------------------------------------------------------------- wrapping

type Token =
  | { readonly kind: 'word'; readonly runs: readonly GlyphRun[]; readonly width: number; readonly spaceBefore: boolean }
  | { readonly kind: 'box'; readonly label: string; readonly width: number; readonly spaceBefore: boolean }
  | { readonly kind: 'break' };

interface TextStyleSpec {
  readonly style: TextStyle;
  readonly size: number;
  readonly color: Color;
}

const sumWidth = (runs: readonly GlyphRun[]): number => runs.reduce((w, r) => w + r.width, 0);

/**
 * What tokenize takes for a label: plain text as is, redacted text as its segments, and a label
 * withheld whole as one box carrying the reason.
 */
function labelSegments(text: string | RedactedText): readonly RedactionSegment[] | string {
  if (typeof text === 'string') return text;
  if (text.kind === 'text') return text.segments;
  return [{ kind: 'redacted', start: 0, end: 0, length: 0, reasonCodes: text.reasonCodes, label: text.label }];
}

const isBlank = (text: string | RedactedText): boolean =>
  typeof text === 'string' ? text === '' : text.kind === 'text' && text.segments.length === 0;

/** Cuts redacted text (or plain text) into words, boxes and hard line breaks. */
function tokenize(segments: Iterable<RedactionSegment> | string, measurer: TextMeasurer, spec: TextStyleSpec): Token[] {
  return [...tokens(segments, measurer, spec)];
}

/** Tokenize's tokens one at a time, for text read in pieces (each segment's tokens are made as it comes). */
function* tokens(segments: Iterable<RedactionSegment> | string, measurer: TextMeasurer, spec: TextStyleSpec): Generator<Token> {
  let ready: Token[] = [];
  let pendingSpace = false;
  const addText = (raw: string): void => {
    // NFC: accents typed as combining marks (common in Gaelic and Welsh from some keyboards) become
    // the precomposed letters the font draws as one glyph; one glyph per code point needs that.
    const text = raw.normalize('NFC');
    const parts = text.split(/(\r\n|\r|\n|[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+)/u);
    for (const part of parts) {
      if (part === '') continue;
      if (part === '\n' || part === '\r\n' || part === '\r') {
        ready.push({ kind: 'break' });
        pendingSpace = false;
      } else if (/^[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+$/u.test(part)) {
        pendingSpace = true;
      } else {
        const runs = measurer.runs(part, spec.style);
        if (runs.length) ready.push({ kind: 'word', runs, width: sumWidth(runs) * spec.size, spaceBefore: pendingSpace });
        pendingSpace = false;
      }
    }
  };
  if (typeof segments === 'string') {
    addText(segments);
    yield* ready;
    return;
  }
  for (const segment of segments) {
    if (segment.kind === 'text') addText(segment.text);
    else {
      const labelWidth = sumWidth(measurer.runs(segment.label, 'regular')) * BOX_LABEL_SIZE;
      ready.push({ kind: 'box', label: segment.label, width: labelWidth + 2 * BOX_PADDING, spaceBefore: pendingSpace });
      pendingSpace = false;
    }
    yield* ready;
    ready = [];
  }
}

/** Splits a word's runs at code point boundaries into pieces no wider than `first`, then `rest`. */
function splitWord(runs: readonly GlyphRun[], measurer: TextMeasurer, spec: TextStyleSpec, first: number, rest: number): GlyphRun[][] {
  const chars: { font: FontKey; ch: string; width: number }[] = [];
  for (const run of runs) {
    for (const ch of run.text) {
      const [measured] = measurer.runs(ch, spec.style);
      chars.push({ font: run.font, ch, width: (measured?.width ?? 0) * spec.size });
    }
  }
  const chunks: GlyphRun[][] = [];
  let start = 0;
  let limit = first;
  while (start < chars.length) {
    let width = 0;
    let end = start;
    let soft = -1;
    while (end < chars.length && width + (chars[end]?.width ?? 0) <= limit) {
      width += chars[end]?.width ?? 0;
      if (SOFT_BREAK_AFTER.has(chars[end]?.ch ?? '') && width > limit * 0.4) soft = end + 1;
      end++;
    }
    if (end === start)
      end = start + 1; // one glyph wider than the line: it still goes somewhere
    else if (end < chars.length && soft > start) end = soft;
    const chunk: GlyphRun[] = [];
    for (const c of chars.slice(start, end)) {
      const last = chunk.at(-1);
      if (last && last.font === c.font)
        chunk[chunk.length - 1] = { font: c.font, text: last.text + c.ch, width: last.width + c.width / spec.size };
      else chunk.push({ font: c.font, text: c.ch, width: c.width / spec.size });
    }
    chunks.push(chunk);
    start = end;
    limit = rest;
  }
  return chunks;
}

/** Greedy line filling. Returns lines of pieces relative to x = 0 and the baseline. */
function wrap(tokens: Iterable<Token>, measurer: TextMeasurer, spec: TextStyleSpec, width: number): Line[] {
  return [...wrapLines(tokens, measurer, spec, width)];
}

/** Wrap's lines one at a time, each as soon as it is full: a body read in pieces is never laid out whole. */
function* wrapLines(tokens: Iterable<Token>, measurer: TextMeasurer, spec: TextStyleSpec, width: number): Generator<Line> {
  let lines: Line[] = [];
  let emitted = 0;
  const space = measurer.spaceWidth(spec.style) * spec.size;
  let pieces: Piece[] = [];
  // Consecutive runs in the style's own font share one text piece (fewer PDF operators); the piece
  // being extended stays open, so a line of many words builds one string rather than one per word.
  let open: { x: number; text: string; end: number } | null = null;
  let x = 0;
  const flush = (): void => {
    if (!open) return;
    pieces.push({
      kind: 'text',
      x: open.x,
      y: 0,
      size: spec.size,
      font: spec.style,
      text: open.text,
      width: open.end - open.x,
      color: spec.color,
    });
    open = null;
  };
  const lineEmpty = (): boolean => pieces.length === 0 && open === null;
  const endLine = (): void => {
    flush();
    lines.push({ height: LEADING, ascent: spec.size, pieces });
    pieces = [];
    x = 0;
  };
  const placeRuns = (runs: readonly GlyphRun[], withSpace: boolean): void => {
    for (const [i, run] of runs.entries()) {
      const joinSpace = i === 0 && withSpace;
      const width = run.width * spec.size;
      if (open && run.font === spec.style && open.end === x - (joinSpace ? space : 0)) {
        open.text += joinSpace ? ` ${run.text}` : run.text;
        open.end = x + width;
      } else {
        flush();
        if (run.font === spec.style) open = { x, text: run.text, end: x + width };
        else pieces.push({ kind: 'text', x, y: 0, size: spec.size, font: run.font, text: run.text, width, color: spec.color });
      }
      x += width;
    }
  };
  const place = (token: Exclude<Token, { kind: 'break' }>, withSpace: boolean): void => {
    if (withSpace) x += space;
    if (token.kind === 'box') {
      flush();
      const labelWidth = token.width - 2 * BOX_PADDING;
      pieces.push({ kind: 'box', x, y: -3, width: token.width, height: LEADING - 2, fill: 'black' });
      pieces.push({
        kind: 'text',
        x: x + BOX_PADDING,
        y: 0,
        size: BOX_LABEL_SIZE,
        font: 'regular',
        text: token.label,
        width: labelWidth,
        color: 'white',
      });
      x += token.width;
      return;
    }
    placeRuns(token.runs, withSpace);
  };
  for (const token of tokens) {
    emitted += lines.length;
    yield* lines;
    lines = [];
    if (token.kind === 'break') {
      endLine();
      continue;
    }
    const gap = !lineEmpty() && token.spaceBefore ? space : 0;
    if (x + gap + token.width <= width) {
      place(token, gap > 0);
      continue;
    }
    if (token.kind === 'word' && token.width > width) {
      // Longer than a whole line (a URL, a hash): fill what is left of this line, then break it.
      const room = !lineEmpty() ? width - x - gap : width;
      const startHere = lineEmpty() || room >= LONG_WORD_START_ROOM;
      if (!startHere) endLine();
      const chunks = splitWord(token.runs, measurer, spec, startHere ? room : width, width);
      chunks.forEach((chunk, i) => {
        if (i > 0) endLine();
        place({ kind: 'word', runs: chunk, width: sumWidth(chunk) * spec.size, spaceBefore: false }, i === 0 && startHere && gap > 0);
      });
      continue;
    }
    if (!lineEmpty()) endLine();
    place(token, false);
  }
  if (!lineEmpty() || emitted + lines.length === 0) endLine();
  yield* lines;
}

/** Wraps plain or redacted text to `width`; exported for tests and the preview. */
export function wrapText(
  text: readonly RedactionSegment[] | string,
  measurer: TextMeasurer,
  width: number,
  spec: TextStyleSpec = { style: 'regular', size: BODY_SIZE, color: 'black' },
): Line[] {
  return wrap(tokenize(text, measurer, spec), measurer, spec, width);
}

/** `indent` for a line with late pieces: they are moved as they are made. */
const indentLate = (line: Line, dx: number): Line => {
  const late = line.late;
  return { ...indent(line, dx), ...(late ? { late: (page: number) => at(late(page), dx, 0) } : {}) };
};

const indent = (line: Line, dx: number): Line =>
  dx === 0
    ? line
    : { ...line, pieces: line.pieces.map((p) => (p.kind === 'rule' ? { ...p, x1: p.x1 + dx, x2: p.x2 + dx } : { ...p, x: p.x + dx })) };

/** A single line of several styled texts side by side (no wrapping; used for short labels). */
function textRow(parts: readonly { text: string | RedactedText; spec: TextStyleSpec }[], measurer: TextMeasurer, width: number): Line[] {
  const pieces: Piece[] = [];
  let x = 0;
  for (const part of parts) {
    if (isBlank(part.text)) continue;
    const lines = wrap(tokenize(labelSegments(part.text), measurer, part.spec), measurer, part.spec, Math.max(width - x, 40));
    if (lines.length > 1 || x + lineWidth(lines[0]) > width) {
      // Does not fit beside the rest: wrap the whole row as ordinary lines instead.
      return [{ height: LEADING, ascent: BODY_SIZE, pieces }, ...lines].filter((l) => l.pieces.length > 0);
    }
    for (const p of lines[0]?.pieces ?? []) pieces.push(p.kind === 'rule' ? p : { ...p, x: p.x + x });
    x += lineWidth(lines[0]) + 8;
  }
  return [{ height: LEADING, ascent: BODY_SIZE, pieces }];
}

function lineWidth(line: Line | undefined): number {
  let right = 0;
  for (const p of line?.pieces ?? []) {
    if (p.kind === 'box' || p.kind === 'text') right = Math.max(right, p.x + p.width);
  }
  return right;
}

// ---------------------------------------------------------------- pages

const spacer = (height: number): Line => ({ height, ascent: 0, pieces: [] });
const rule = (width: number): Line => ({ height: 8, ascent: 2, pieces: [{ kind: 'rule', x1: 0, x2: width, y: 0 }] });

/** Fills pages top to bottom; completed pages are collected for the generator to hand out. */
class Paginator {
  private y = BODY_TOP;
  private pieces: Piece[] = [];
  readonly done: Piece[][] = [];
  pageNumber = 1;

  place(line: Line, dx = 0): void {
    if (this.y - line.height < BODY_BOTTOM && this.pieces.length > 0) this.newPage();
    const baseline = this.y - line.ascent;
    for (const p of line.late ? [...line.pieces, ...line.late(this.pageNumber)] : line.pieces) {
      if (p.kind === 'rule') this.pieces.push({ ...p, x1: p.x1 + MARGIN_X + dx, x2: p.x2 + MARGIN_X + dx, y: p.y + baseline });
      else this.pieces.push({ ...p, x: p.x + MARGIN_X + dx, y: p.y + baseline });
    }
    this.y -= line.height;
  }

  /** Starts a new page unless `height` more points fit on this one. */
  keep(height: number): void {
    if (this.y - height < BODY_BOTTOM && this.pieces.length > 0) this.newPage();
  }

  newPage(): void {
    this.done.push(this.pieces);
    this.pieces = [];
    this.y = BODY_TOP;
    this.pageNumber++;
  }

  finish(): void {
    this.done.push(this.pieces);
  }
}

const MUTED: TextStyleSpec = { style: 'regular', size: SMALL_SIZE + 0.5, color: 'grey' };
const BODY: TextStyleSpec = { style: 'regular', size: BODY_SIZE, color: 'black' };
const BODY_GREY: TextStyleSpec = { style: 'regular', size: BODY_SIZE, color: 'grey' };
const BOLD: TextStyleSpec = { style: 'bold', size: BODY_SIZE, color: 'black' };
const SMALL: TextStyleSpec = { style: 'regular', size: SMALL_SIZE, color: 'grey' };

function detailLines(details: readonly LabelledValue[], measurer: TextMeasurer, labelWidth: number): { line: Line; dx: number }[] {
  const out: { line: Line; dx: number }[] = [];
  for (const { label, value } of details) {
    const labelLine = wrap(tokenize(label, measurer, BOLD), measurer, BOLD, labelWidth)[0];
    const valueLines = wrap(
      tokenize(isBlank(value) ? '—' : labelSegments(value), measurer, BODY),
      measurer,
      BODY,
      CONTENT_WIDTH - labelWidth,
    );
    valueLines.forEach((line, i) => {
      const pieces = i === 0 && labelLine ? [...labelLine.pieces, ...indent(line, labelWidth).pieces] : indent(line, labelWidth).pieces;
      out.push({ line: { ...line, pieces }, dx: 0 });
    });
  }
  return out;
}

/**
 * An image with its caption (name, then reference and page) under it, as one line: an image is never
 * parted from its caption. The caption's page is filled in when the line is placed.
 */
function imageLine(a: Extract<AttachmentLine, { kind: 'image' }>, measurer: TextMeasurer, onImage: ImagePlaced): Line {
  const { width, height } = a.image;
  const names = wrap(tokenize(labelSegments(a.name), measurer, SMALL), measurer, SMALL, IMAGE_MAX_WIDTH);
  const captionHeight = (names.length + 1) * (LEADING - 2);
  const pieces: Piece[] = [{ kind: 'image', x: 0, y: captionHeight + 2, width, height, name: a.image.name }];
  names.forEach((line, i) => pieces.push(...at(line.pieces, 0, captionHeight - 7.5 - i * (LEADING - 2))));
  return {
    height: 3 + height + 2 + captionHeight + 2,
    ascent: 3 + height + 2 + captionHeight,
    pieces,
    late: (page) => {
      onImage(a.attachmentId, page);
      const where = wrap(tokenize(`${a.reference}, page ${page}`, measurer, SMALL), measurer, SMALL, IMAGE_MAX_WIDTH)[0];
      return at(where?.pieces ?? [], 0, 2.5);
    },
  };
}

const at = (pieces: readonly Piece[], dx: number, dy: number): Piece[] =>
  pieces.map((p) => (p.kind === 'rule' ? { ...p, x1: p.x1 + dx, x2: p.x2 + dx, y: p.y + dy } : { ...p, x: p.x + dx, y: p.y + dy }));

/** A message's lines in order, one at a time: a streamed body is wrapped as its pieces are read. */
function* messageLines(entry: MessageEntry, measurer: TextMeasurer, onImage: ImagePlaced): Generator<Line> {
  yield* textRow(
    [
      { text: entry.time, spec: MUTED },
      { text: entry.sender, spec: { ...BOLD, size: BODY_SIZE - 0.5 } },
      { text: entry.flags.map((f) => `(${f})`).join(' '), spec: MUTED },
    ],
    measurer,
    CONTENT_WIDTH,
  );
  const width = CONTENT_WIDTH - MESSAGE_INDENT;
  const spec = entry.muted ? BODY_GREY : BODY;
  if (entry.text.kind === 'whole') {
    const box: RedactionSegment = {
      kind: 'redacted',
      start: 0,
      end: 0,
      length: 0,
      reasonCodes: entry.text.reasonCodes,
      label: `Withheld: ${entry.text.label}`,
    };
    for (const line of wrapLines(tokens([box], measurer, BODY), measurer, BODY, width)) yield indent(line, MESSAGE_INDENT);
  } else if (entry.text.kind === 'stream' || entry.text.segments.length > 0) {
    for (const line of wrapLines(tokens(entry.text.segments, measurer, spec), measurer, spec, width)) yield indent(line, MESSAGE_INDENT);
  }
  for (const a of entry.attachments) {
    if (a.kind === 'withheld') for (const line of slipLines(a.text, measurer, width)) yield indent(line, MESSAGE_INDENT);
    else if (a.kind === 'image') yield indentLate(imageLine(a, measurer, onImage), MESSAGE_INDENT);
    else yield* smallLines(`Attachment: ${a.text}`, measurer, width);
  }
  for (const text of entry.notes) yield* smallLines(text, measurer, width);
}

function* smallLines(text: string, measurer: TextMeasurer, width: number): Generator<Line> {
  for (const line of wrapLines(tokens(text, measurer, SMALL), measurer, SMALL, width))
    yield indent({ ...line, height: LEADING - 2 }, MESSAGE_INDENT);
}

/** A slip: grey text on a light band the width of `width`, saying what is withheld in its place and why. */
function slipLines(text: string, measurer: TextMeasurer, width: number): Line[] {
  const lines = wrap(tokenize(text, measurer, BODY_GREY), measurer, BODY_GREY, width - 2 * BOX_PADDING);
  return lines.map((line, i) => ({
    height: line.height + (i === lines.length - 1 ? 4 : 0),
    ascent: line.ascent + (i === 0 ? 2 : 0),
    pieces: [{ kind: 'box', x: 0, y: -3, width, height: LEADING, fill: 'light' }, ...indent(line, BOX_PADDING).pieces],
  }));
}

/** "3 messages withheld — Article 8 — 14:03–16:22": the slip's words, which every output prints the same. */
export function withheldSlipText(entry: WithheldEntry): string {
  const count = entry.messageIds.length;
  return `${count} message${count === 1 ? '' : 's'} withheld — ${entry.label} — ${entry.span}`;
}

function withheldLines(entry: WithheldEntry, measurer: TextMeasurer): Line[] {
  return slipLines(withheldSlipText(entry), measurer, CONTENT_WIDTH);
}

/**
 * Lays out one conversation extract (or a day's slice of one), page by page. `onItem` learns each
 * message's pages; pages are yielded without their frame (see `framePage`).
 */
export function* layoutExtract(
  input: ExtractInput,
  measurer: TextMeasurer,
  onItem: ItemPlaced = () => undefined,
  onImage: ImagePlaced = () => undefined,
): Generator<LaidPage> {
  const pages = new Paginator();
  for (const line of wrap(
    tokenize(labelSegments(input.title), measurer, { style: 'bold', size: 13, color: 'black' }),
    measurer,
    { style: 'bold', size: 13, color: 'black' },
    CONTENT_WIDTH,
  )) {
    pages.place({ ...line, height: 17, ascent: 13 });
  }
  pages.place(spacer(4));
  for (const { line } of detailLines(input.details, measurer, 110)) pages.place(line);
  pages.place(spacer(4));
  pages.place(rule(CONTENT_WIDTH));
  for (const entry of input.entries) {
    const lines = entry.kind === 'message' ? messageLines(entry, measurer, onImage) : withheldLines(entry, measurer)[Symbol.iterator]();
    // Keep a message's heading with its first line of text, and a short message whole: up to five
    // lines are looked at before placing, the rest placed as they come (a long body page by page).
    const ahead: Line[] = [];
    for (let next = lines.next(); !next.done; next = lines.next()) {
      ahead.push(next.value);
      if (ahead.length > 4) break;
    }
    pages.keep(ahead.slice(0, ahead.length <= 4 ? ahead.length : 2).reduce((h, l) => h + l.height, 0));
    const first = pages.pageNumber;
    for (const line of ahead) pages.place(line);
    if (ahead.length > 4) {
      for (let next = lines.next(); !next.done; next = lines.next()) {
        pages.place(next.value);
        while (pages.done.length) yield { pieces: pages.done.shift() as Piece[] };
      }
    }
    pages.place(spacer(3));
    if (entry.kind === 'message') onItem(entry.messageId, first, pages.pageNumber);
    while (pages.done.length) yield { pieces: pages.done.shift() as Piece[] };
  }
  pages.finish();
  while (pages.done.length) yield { pieces: pages.done.shift() as Piece[] };
}

/** The cover: a title and the bundle's particulars. Always one page (long values wrap). */
export function layoutCover(title: string, details: readonly LabelledValue[], measurer: TextMeasurer): LaidPage[] {
  const pages = new Paginator();
  pages.place(spacer(120));
  const big: TextStyleSpec = { style: 'bold', size: 20, color: 'black' };
  for (const line of wrap(tokenize(title, measurer, big), measurer, big, CONTENT_WIDTH)) pages.place({ ...line, height: 26, ascent: 20 });
  pages.place(spacer(16));
  pages.place(rule(CONTENT_WIDTH));
  for (const { line } of detailLines(details, measurer, 150)) pages.place({ ...line, height: 15 });
  pages.finish();
  return pages.done.map((pieces) => ({ pieces }));
}

const INDEX_COLUMNS = [
  // Wide enough for a draft's DRAFT-INQ000000001 on one line.
  { title: 'Reference', width: 100 },
  { title: 'Custodian', width: 84 },
  { title: 'Conversation', width: 126 },
  { title: 'Dates', width: 100 },
  { title: 'Pages', width: 32 },
  { title: 'Bundle pp.', width: 53 },
] as const;

/** The index: one row per reference. Its page count depends only on the rows, not on page numbers. */
export function layoutIndex(rows: readonly IndexRow[], measurer: TextMeasurer): LaidPage[] {
  const small: TextStyleSpec = { style: 'regular', size: 8, color: 'black' };
  const smallBold: TextStyleSpec = { style: 'bold', size: 8, color: 'black' };
  const pages = new Paginator();
  const header = (): void => {
    let x = 0;
    const pieces: Piece[] = [];
    for (const column of INDEX_COLUMNS) {
      for (const p of wrap(tokenize(column.title, measurer, smallBold), measurer, smallBold, column.width - 4)[0]?.pieces ?? []) {
        pieces.push(p.kind === 'rule' ? p : { ...p, x: p.x + x });
      }
      x += column.width;
    }
    pages.place({ height: 12, ascent: 8, pieces });
    pages.place(rule(CONTENT_WIDTH));
  };
  const title: TextStyleSpec = { style: 'bold', size: 13, color: 'black' };
  pages.place({ ...(wrap(tokenize('Index', measurer, title), measurer, title, CONTENT_WIDTH)[0] as Line), height: 22, ascent: 13 });
  header();
  for (const row of rows) {
    const cells = [row.reference, row.custodian, row.conversation, row.dates, String(row.pages), row.bundlePages];
    const wrapped = cells.map((text, i) =>
      wrap(tokenize(labelSegments(text), measurer, small), measurer, small, (INDEX_COLUMNS[i]?.width ?? 40) - 4),
    );
    const height = Math.max(...wrapped.map((w) => w.length));
    pages.keep(height * 10 + 3);
    const before = pages.pageNumber;
    for (let i = 0; i < height; i++) {
      let x = 0;
      const pieces: Piece[] = [];
      wrapped.forEach((lines, c) => {
        for (const p of lines[i]?.pieces ?? []) pieces.push(p.kind === 'rule' ? p : { ...p, x: p.x + x });
        x += INDEX_COLUMNS[c]?.width ?? 0;
      });
      pages.place({ height: 10, ascent: 8, pieces });
    }
    pages.place(spacer(3));
    if (pages.pageNumber !== before) header();
  }
  pages.finish();
  return pages.done.map((pieces) => ({ pieces }));
}

/** The header and footer every page carries. */
/** A page's header and footer, without its body: drawn as their own content stream by the export. */
export function pageFrame(
  frame: PageFrame,
  measurer: TextMeasurer,
): { readonly above: readonly Piece[]; readonly below: readonly Piece[] } {
  const fit = (text: string, spec: TextStyleSpec, width: number): readonly Piece[] =>
    wrap(tokenize(text, measurer, spec), measurer, spec, width)[0]?.pieces ?? [];
  const at = (pieces: readonly Piece[], x: number, y: number): Piece[] =>
    pieces.map((p) => (p.kind === 'rule' ? p : { ...p, x: p.x + x, y: p.y + y }));
  const right = (text: string, spec: TextStyleSpec, y: number): Piece[] => {
    const width = sumWidth(measurer.runs(text, spec.style)) * spec.size;
    return at(fit(text, spec, CONTENT_WIDTH), PAGE_WIDTH - MARGIN_X - width, y);
  };
  const centre = (text: string, spec: TextStyleSpec, y: number): Piece[] => {
    const width = sumWidth(measurer.runs(text, spec.style)) * spec.size;
    return at(fit(text, spec, CONTENT_WIDTH), (PAGE_WIDTH - width) / 2, y);
  };
  const header: TextStyleSpec = { style: 'regular', size: 8, color: 'grey' };
  const marking: TextStyleSpec = { style: 'bold', size: 8, color: 'black' };
  const footer: TextStyleSpec = { style: 'bold', size: 9, color: 'black' };
  return {
    above: [
      ...(frame.draft ? centre(DRAFT_MARK, { style: 'bold', size: 9, color: 'black' }, HEADER_BASELINE + 13) : []),
      ...at(fit(frame.headerLeft, header, CONTENT_WIDTH * 0.65), MARGIN_X, HEADER_BASELINE),
      ...(frame.marking ? right(frame.marking, marking, HEADER_BASELINE) : []),
      { kind: 'rule', x1: MARGIN_X, x2: PAGE_WIDTH - MARGIN_X, y: HEADER_BASELINE - 7 },
    ],
    below: [
      { kind: 'rule', x1: MARGIN_X, x2: PAGE_WIDTH - MARGIN_X, y: FOOTER_BASELINE + 12 },
      ...at(fit(frame.label, footer, CONTENT_WIDTH / 3), MARGIN_X, FOOTER_BASELINE),
      ...(frame.marking ? centre(frame.marking, marking, FOOTER_BASELINE) : []),
      ...right(frame.pages === null ? `Page ${frame.page}` : `Page ${frame.page} of ${frame.pages}`, footer, FOOTER_BASELINE),
      ...(frame.bundlePage === null
        ? []
        : right(`Bundle page ${frame.bundlePage}`, { style: 'regular', size: 6.5, color: 'grey' }, FOOTER_BASELINE - 11)),
    ],
  };
}

/**
 * "DRAFT — NOT FOR DISCLOSURE" across the page from bottom left to top right, centred, in light grey:
 * drawn first, so the page's own text stays on top and readable.
 */
export function draftWatermark(measurer: TextMeasurer): Piece[] {
  const spec: TextStyleSpec = { style: 'bold', size: MARK_SIZE, color: 'light' };
  const pieces = wrap(tokenize(DRAFT_MARK, measurer, spec), measurer, spec, Number.POSITIVE_INFINITY)[0]?.pieces ?? [];
  const width = sumWidth(measurer.runs(DRAFT_MARK, spec.style)) * spec.size;
  const angle = Math.atan2(PAGE_HEIGHT - 2 * BODY_BOTTOM, PAGE_WIDTH - 2 * MARGIN_X);
  const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
  // The baseline's start, so the run's centre (half its width along, a third of its size up) sits at the page's centre.
  const x0 = PAGE_WIDTH / 2 - (width / 2) * cos + (MARK_SIZE / 3) * sin;
  const y0 = PAGE_HEIGHT / 2 - (width / 2) * sin - (MARK_SIZE / 3) * cos;
  const degrees = (angle * 180) / Math.PI;
  return pieces.flatMap((p) =>
    p.kind === 'text' ? [{ ...p, x: x0 + p.x * cos - p.y * sin, y: y0 + p.x * sin + p.y * cos, angle: degrees }] : [],
  );
}

/** A page with its header and footer, as one piece list (the preview draws these). */
export function framePage(page: LaidPage, frame: PageFrame, measurer: TextMeasurer): LaidPage {
  const { above, below } = pageFrame(frame, measurer);
  return { pieces: [...above, ...page.pieces, ...below] };
}
