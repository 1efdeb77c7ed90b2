/**
 * Rectangle redactions of images (docs/spec.md §13): the records the service keeps and the contract
 * carries, and the geometry the drawing component uses. Rectangles are normalised to [0..1] of the image
 * as displayed (NormalisedRect), so what is drawn on a scaled view is what every produced copy fills.
 */
import { normalisedRectProblem, type NormalisedRect } from './media';

/**
 * The smallest side a region may have, as a fraction of the image's side. A rectangle narrower than 0.2%
 * of the image (8 px of a 4,000 px photo, under 2 px on screen) hides nothing a reader could use and is
 * almost always a stray click; refusing it keeps the list of decisions a list of decisions.
 */
export const MIN_REGION_SIDE = 0.002;

/** One keyboard step, as a fraction of the image's side: 1% (Arrow moves, Shift+Arrow resizes). */
export const KEYBOARD_STEP = 0.01;

/** A new rectangle started from the keyboard covers this fraction of the image's shorter side. */
export const NEW_REGION_SIDE = 0.2;

/** An image redaction as the case records it, live or removed. */
export interface ImageRedaction {
  readonly id: number;
  readonly attachmentId: number;
  readonly rect: NormalisedRect;
  readonly reasonCode: string;
  /** The reason's current label in this case: what the bundle prints. */
  readonly label: string;
  readonly note: string;
  readonly createdAt: number;
  readonly createdBy: string;
  readonly removedAt: number | null;
  readonly removedBy: string | null;
  /** Why it was removed, as the reviewer said; null while live, or when an undo removed it. */
  readonly removalNote: string | null;
  /** The region that replaced it, when a replacement removed it. */
  readonly supersededBy: number | null;
}

export interface ListImageRedactionsArgs {
  readonly attachmentId: number;
  /** Also the removed and superseded ones: the attachment's whole history. */
  readonly includeRemoved: boolean;
}

export interface AddImageRedactionArgs {
  readonly attachmentId: number;
  readonly rect: NormalisedRect;
  readonly reasonCode: string;
  readonly note: string;
  /** A live region of the same image this one replaces (it is removed, pointing at the new one). */
  readonly replaces?: number;
}

export interface AddImageRedactionResult {
  readonly redaction: ImageRedaction;
  readonly replaced: number | null;
}

export interface SupersedeImageRedactionArgs {
  readonly id: number;
  /** Why the region no longer applies: kept with the removed row. */
  readonly note: string;
}

export interface SupersedeImageRedactionResult {
  readonly removed: number;
}

/** Why `rect` cannot be an image redaction, or undefined when it can. */
export function imageRegionProblem(rect: NormalisedRect): string | undefined {
  const shape = normalisedRectProblem(rect);
  if (shape !== undefined) return shape;
  if (rect.w < MIN_REGION_SIDE || rect.h < MIN_REGION_SIDE)
    return `each side must be at least ${MIN_REGION_SIDE * 100}% of the image's (${MIN_REGION_SIDE}): a smaller rectangle hides nothing readable and is usually a stray click`;
  return undefined;
}

const clamp = (value: number, min: number, max: number): number => Math.min(max, Math.max(min, value));

/** `rect` moved and, if need be, shrunk to lie within the image, no side below MIN_REGION_SIDE. */
export function clampRect(rect: NormalisedRect): NormalisedRect {
  const w = clamp(rect.w, MIN_REGION_SIDE, 1);
  const h = clamp(rect.h, MIN_REGION_SIDE, 1);
  return { x: clamp(rect.x, 0, 1 - w), y: clamp(rect.y, 0, 1 - h), w, h };
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface DisplaySize {
  readonly width: number;
  readonly height: number;
}

/**
 * The rectangle between two points of a drag, in px of the displayed image (either corner first), as a
 * fraction of the displayed image, clipped to it. Undefined when the drag covers nothing of the image.
 */
export function rectFromDrag(from: Point, to: Point, displayed: DisplaySize): NormalisedRect | undefined {
  if (displayed.width <= 0 || displayed.height <= 0) return undefined;
  const left = clamp(Math.min(from.x, to.x), 0, displayed.width);
  const right = clamp(Math.max(from.x, to.x), 0, displayed.width);
  const top = clamp(Math.min(from.y, to.y), 0, displayed.height);
  const bottom = clamp(Math.max(from.y, to.y), 0, displayed.height);
  if (right <= left || bottom <= top) return undefined;
  return {
    x: left / displayed.width,
    y: top / displayed.height,
    w: Math.min((right - left) / displayed.width, 1 - left / displayed.width),
    h: Math.min((bottom - top) / displayed.height, 1 - top / displayed.height),
  };
}

/** Where a normalised rectangle lies on the displayed image, in px. */
export function toDisplay(rect: NormalisedRect, displayed: DisplaySize): { left: number; top: number; width: number; height: number } {
  return {
    left: rect.x * displayed.width,
    top: rect.y * displayed.height,
    width: rect.w * displayed.width,
    height: rect.h * displayed.height,
  };
}

/**
 * A new rectangle in the middle of the image, square on the image's own pixels (so it looks square
 * however the image is scaled), NEW_REGION_SIDE of its shorter side.
 */
export function centredRect(natural: DisplaySize): NormalisedRect {
  const side = NEW_REGION_SIDE * Math.min(natural.width, natural.height);
  const w = natural.width > 0 ? side / natural.width : NEW_REGION_SIDE;
  const h = natural.height > 0 ? side / natural.height : NEW_REGION_SIDE;
  return clampRect({ x: (1 - w) / 2, y: (1 - h) / 2, w, h });
}

/** `rect` moved by `dx`, `dy` keyboard steps, staying within the image. */
export const nudgeRect = (rect: NormalisedRect, dx: number, dy: number, step = KEYBOARD_STEP): NormalisedRect =>
  clampRect({ ...rect, x: rect.x + dx * step, y: rect.y + dy * step });

/** `rect` grown (or shrunk, when negative) by `dw`, `dh` keyboard steps from its top-left corner, within the image. */
export function resizeRect(rect: NormalisedRect, dw: number, dh: number, step = KEYBOARD_STEP): NormalisedRect {
  const w = clamp(rect.w + dw * step, MIN_REGION_SIDE, 1 - rect.x);
  const h = clamp(rect.h + dh * step, MIN_REGION_SIDE, 1 - rect.y);
  return clampRect({ ...rect, w, h });
}

/** The rectangle's size on the image's own pixels, for a label a reader can check ("120 × 80 px"). */
export const pixelSize = (rect: NormalisedRect, natural: DisplaySize): { width: number; height: number } => ({
  width: Math.max(1, Math.round(rect.w * natural.width)),
  height: Math.max(1, Math.round(rect.h * natural.height)),
});
