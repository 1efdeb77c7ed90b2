/**
 * Attachments as media (spec §13): what a file's bytes are, what they say about themselves, and where a
 * reviewer drew a rectangle on an image. The functions over bytes live in main/media; these are the
 * shapes every runtime shares (the viewer, the case, the export).
 */

export type MediaKind = 'image' | 'video' | 'audio' | 'document' | 'contact' | 'archive' | 'other';

/** What the content is, recognised by its bytes, never by its name (main/media/sniff.ts). */
export interface SniffedType {
  /** IANA media type; `application/octet-stream` when unrecognised. */
  readonly mime: string;
  readonly kind: MediaKind;
  /** Short name for people: "JPEG", "HEIC", "MP4 video", "Word document (docx)", "unrecognised content". */
  readonly label: string;
}

/**
 * A rectangle on an image, normalised to [0..1] of the image **as displayed**: after its EXIF orientation
 * (or HEIF irot/imir) is applied, so what the reviewer drew on the screen is what is filled, whatever the
 * camera stored. x/y is the top-left corner; x + w and y + h are at most 1.
 */
export interface NormalisedRect {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

/**
 * A live rectangle redaction of an image attachment: where, and the reason as the bundle prints it (the
 * reason's label in this case). What the viewer draws and what every produced image fills.
 */
export interface ImageRegion {
  readonly id: number;
  readonly attachmentId: number;
  readonly rect: NormalisedRect;
  /** The reason's label as the bundle prints it. */
  readonly reason: string;
}

/** Everything a produced image's redacted region is filled with: opaque black. */
export const REDACTION_FILL = Object.freeze({ r: 0, g: 0, b: 0 });

/** The decoder refuses anything larger: a 100,000 × 100,000 px PNG is a few bytes and would be 40 GB of pixels. */
export const MAX_DECODED_PIXELS = 100_000_000;

export interface GpsPosition {
  readonly latitude: number;
  readonly longitude: number;
}

/** EXIF DateTimeOriginal as the camera wrote it ("2021:03:04 12:34:56", no zone), with OffsetTimeOriginal if given. */
export interface CameraTime {
  readonly text: string;
  readonly offset?: string;
}

/** Facts that are personal data in themselves, for the viewer to flag. */
export type PersonalDataFlag = 'gps-position';

/** What the bytes say about themselves, read from headers only (main/media/metadata.ts). */
export interface MediaFacts {
  readonly byteLength: number;
  /** Pixels as displayed (orientation applied). For video, the first visual track's display size. */
  readonly width?: number;
  readonly height?: number;
  /** EXIF orientation 1–8 as stored; width/height above already account for it. */
  readonly orientation?: number;
  /** Frames in an animated GIF/WebP or images in a HEIF collection; absent for a single image. */
  readonly frames?: number;
  readonly cameraTime?: CameraTime;
  readonly gps?: GpsPosition;
  readonly camera?: { readonly make?: string; readonly model?: string };
  readonly durationSeconds?: number;
  readonly personalData: readonly PersonalDataFlag[];
  /** Set when the bytes could not be read as what they claim: "could not be decoded: …". */
  readonly problem?: string;
}

const EDGE_TOLERANCE = 1e-9;

/** Why `rect` is not a usable normalised rectangle, or undefined when it is. */
export function normalisedRectProblem(rect: NormalisedRect): string | undefined {
  const values = [rect.x, rect.y, rect.w, rect.h];
  if (!values.every((v) => typeof v === 'number' && Number.isFinite(v))) return 'x, y, w and h must be finite numbers';
  if (rect.x < 0 || rect.y < 0) return 'x and y must be at least 0';
  if (rect.w <= 0 || rect.h <= 0) return 'w and h must be more than 0';
  if (rect.x + rect.w > 1 + EDGE_TOLERANCE || rect.y + rect.h > 1 + EDGE_TOLERANCE)
    return 'the rectangle must lie within the image (x + w and y + h at most 1)';
  return undefined;
}

export interface PixelRect {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/**
 * The pixels of a `width` × `height` image that a normalised rectangle touches, rounded outward: a pixel
 * partly inside the rectangle is filled, so a redaction never leaves a sliver of what it covers.
 */
export function coveringPixels(rect: NormalisedRect, width: number, height: number): PixelRect {
  const left = clamp(Math.floor(rect.x * width + EDGE_TOLERANCE), 0, width);
  const top = clamp(Math.floor(rect.y * height + EDGE_TOLERANCE), 0, height);
  const right = clamp(Math.ceil((rect.x + rect.w) * width - EDGE_TOLERANCE), left, width);
  const bottom = clamp(Math.ceil((rect.y + rect.h) * height - EDGE_TOLERANCE), top, height);
  return { left, top, width: right - left, height: bottom - top };
}

/**
 * The pixels wholly inside a normalised rectangle, shrunk by `margin` px on each side, for checking a
 * produced image whose edges were resampled. Never empty for a rectangle that touches a pixel: when the
 * margin leaves nothing it is dropped, and a rectangle smaller than a pixel gives the pixel at its centre.
 */
export function innerPixels(rect: NormalisedRect, width: number, height: number, margin: number): PixelRect {
  for (const m of [margin, 0]) {
    const left = Math.ceil(rect.x * width - EDGE_TOLERANCE) + m;
    const top = Math.ceil(rect.y * height - EDGE_TOLERANCE) + m;
    const right = Math.floor((rect.x + rect.w) * width + EDGE_TOLERANCE) - m;
    const bottom = Math.floor((rect.y + rect.h) * height + EDGE_TOLERANCE) - m;
    if (right > left && bottom > top) return { left, top, width: right - left, height: bottom - top };
  }
  const cx = clamp(Math.floor((rect.x + rect.w / 2) * width), 0, width - 1);
  const cy = clamp(Math.floor((rect.y + rect.h / 2) * height), 0, height - 1);
  return { left: cx, top: cy, width: 1, height: 1 };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** The longest side of a timeline thumbnail, in pixels. */
export const THUMBNAIL_SIZE = 192;

/**
 * An attachment's thumbnail for the timeline (main/attachments/thumbnails.ts): of the original, no
 * redaction applied, as a `data:` URL (JPEG, or PNG when the image has transparency). `unavailable` says
 * why none can be made ("could not be decoded: …", "not an image (PDF)", "not in the case: …").
 */
export type AttachmentThumbnail =
  | { readonly attachmentId: number; readonly state: 'ready'; readonly dataUrl: string; readonly width: number; readonly height: number }
  | { readonly attachmentId: number; readonly state: 'unavailable'; readonly reason: string };
