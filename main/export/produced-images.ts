/**
 * The produced rendition of an attachment's image (docs/spec.md §13): its bytes as the case keeps them,
 * decoded, its live redaction regions filled black, scaled to fit the box it is printed in, and encoded
 * once with no metadata (main/media/render.ts does all of that; this finds the bytes and the box).
 *
 * Resolution: BUNDLE_IMAGE_DPI (150) pixels per inch at the size printed. That is enough for a
 * screenshot's text to stay legible on screen and on an office printer, where 300 would double the
 * pixels four times over for detail nobody sees at A4 and make a bundle of a thousand photos twice as
 * slow and several times larger. An image is never scaled up: a small one is printed at 150 dpi, small.
 *
 * Determinism: the same bytes, regions and box give the same rendition (sharp's encoders are
 * deterministic for the same libvips build), so the same case gives a byte-identical bundle.
 *
 * Failures a reviewer can act on (bytes not in the case, not decodable, over the pixel cap, a region
 * outside the image) come back as a reason to print in the image's place; nothing is embedded then.
 */
import type { ReadableDB } from '../../db/connection';
import type { NormalisedRect } from '../../common/domain/media';
import {
  AttachmentBytesMissingError,
  AttachmentNotFoundError,
  AttachmentNotKeptError,
  AttachmentTooLargeError,
  openAttachment,
  readAttachment,
} from '../attachments/open';
import { readImageHeader } from '../media/decode';
import { InvalidRegionError, MediaDecodeError } from '../media/errors';
import { MAX_IMAGE_FILE_BYTES } from '../media/metadata';
import { renderImage } from '../media/render';
import { sha256 } from './manifest';

/** Pixels per inch of a produced image at the size the bundle prints it. */
export const BUNDLE_IMAGE_DPI = 150;
const POINTS_PER_INCH = 72;

/** Points (the PDF's unit) to pixels at BUNDLE_IMAGE_DPI, and back. */
export const pointsToPixels = (points: number): number => Math.floor((points * BUNDLE_IMAGE_DPI) / POINTS_PER_INCH);
export const pixelsToPoints = (pixels: number): number => (pixels * POINTS_PER_INCH) / BUNDLE_IMAGE_DPI;

/** What produceImage needs of a region: its rectangle (an ImageRegion, db/queries/image-redactions.ts, is one). */
export interface RegionLike {
  readonly rect: NormalisedRect;
}

export interface ProduceOptions {
  /** The box the rendition must fit in, in pixels; it keeps its proportions and is never scaled up. */
  readonly maxWidth?: number;
  readonly maxHeight?: number;
  /** Transparency flattened onto white (a page is white; no mask travels into the PDF). */
  readonly opaque?: boolean;
}

export interface ProducedImage {
  readonly bytes: Buffer;
  /** SHA-256 of `bytes`: what the manifest and the schedule record as produced. */
  readonly sha256: string;
  readonly width: number;
  readonly height: number;
  readonly mime: 'image/jpeg' | 'image/png';
}

/** Why an image could not be produced, worded to follow "not produced: ". */
export class ImageNotProducedError extends Error {
  constructor(readonly reason: string) {
    super(`not produced: ${reason}`);
    this.name = 'ImageNotProducedError';
  }
}

/**
 * Why an image cannot be produced, in words that never quote its name (it may be redacted): the
 * decoder's own reason, or what the case lacks. Undefined for an error that is not about the image.
 */
export function notProducedReason(error: unknown): string | undefined {
  if (error instanceof ImageNotProducedError) return error.reason;
  if (error instanceof MediaDecodeError) return error.message;
  if (error instanceof InvalidRegionError) return error.message.replace(/\.$/u, '');
  if (error instanceof AttachmentNotKeptError || error instanceof AttachmentNotFoundError) return 'the case does not hold the file';
  if (error instanceof AttachmentBytesMissingError) return 'the case file does not hold its bytes as recorded (it may be damaged)';
  if (error instanceof AttachmentTooLargeError)
    return `the file is larger than the ${MAX_IMAGE_FILE_BYTES / 1024 / 1024} MB an image may be`;
  return undefined;
}

function notProduced(error: unknown): ImageNotProducedError {
  const reason = notProducedReason(error);
  if (reason === undefined) throw error;
  return error instanceof ImageNotProducedError ? error : new ImageNotProducedError(reason);
}

/** The width to ask render for, so the rendition fits `options`' box with its proportions kept. */
function fittingWidth(width: number, height: number, options: ProduceOptions): number | undefined {
  const byWidth = options.maxWidth ?? Number.POSITIVE_INFINITY;
  const byHeight = options.maxHeight === undefined ? Number.POSITIVE_INFINITY : (options.maxHeight * width) / height;
  const fit = Math.floor(Math.min(byWidth, byHeight));
  return fit < width ? Math.max(1, fit) : undefined;
}

/** Renders `bytes` with the regions filled, fitting the box; throws ImageNotProducedError with the reason. */
export async function renderProduced(bytes: Uint8Array, regions: readonly RegionLike[], options: ProduceOptions): Promise<ProducedImage> {
  try {
    const header = await readImageHeader(bytes);
    const rendered = await renderImage(bytes, {
      regions: regions.map((r) => r.rect),
      maxWidth: fittingWidth(header.width, header.height, options),
      opaque: options.opaque,
    });
    return { bytes: rendered.bytes, sha256: sha256(rendered.bytes), width: rendered.width, height: rendered.height, mime: rendered.mime };
  } catch (error) {
    throw notProduced(error);
  }
}

/**
 * Attachment `attachmentId` as produced: its image with `regions` filled, fitting `options`' box, without
 * metadata. Throws ImageNotProducedError with the reason when it cannot be.
 */
export async function produceImage(
  db: ReadableDB,
  attachmentId: number,
  regions: readonly RegionLike[],
  options: ProduceOptions = {},
): Promise<ProducedImage> {
  let bytes: Buffer;
  try {
    bytes = readAttachment(openAttachment(db, attachmentId), MAX_IMAGE_FILE_BYTES);
  } catch (error) {
    throw notProduced(error);
  }
  return renderProduced(bytes, regions, options);
}

/** The key a rendition is the same under: the content, the rectangles filled and the box. */
export const renditionKey = (contentSha256: string, regions: readonly RegionLike[], options: ProduceOptions): string =>
  JSON.stringify([
    contentSha256,
    regions.map(({ rect }) => [rect.x, rect.y, rect.w, rect.h]).sort((a, b) => a.join().localeCompare(b.join())),
    options.maxWidth ?? null,
    options.maxHeight ?? null,
    options.opaque === true,
  ]);

/**
 * One export run's renditions: the same photo in several messages (same content, regions and box) is
 * produced once and kept as whatever `keep` makes of it (the PDF keeps the embedded image's name, never
 * the bytes, so a thousand photos are not held at once). A failure is remembered too. Renditions may be
 * made side by side, but each is kept in the order it was asked for, so the PDF's objects, and its
 * bytes, are the same every time.
 */
export class ProducedImages<T> {
  private readonly done = new Map<string, Promise<T>>();
  private order: Promise<unknown> = Promise.resolve();
  /** Renditions actually encoded (a cache hit encodes nothing). */
  encoded = 0;

  constructor(private readonly keep: (image: ProducedImage) => Promise<T> | T) {}

  /** The kept rendition of an attachment whose content has SHA-256 `contentSha256`. */
  get(db: ReadableDB, attachmentId: number, contentSha256: string, regions: readonly RegionLike[], options: ProduceOptions): Promise<T> {
    const key = renditionKey(contentSha256, regions, options);
    let found = this.done.get(key);
    if (!found) {
      const rendered = produceImage(db, attachmentId, regions, options);
      // Its failure is handled where it is kept, after those asked for before it: not an unhandled rejection meanwhile.
      rendered.catch(() => undefined);
      const before = this.order;
      found = (async () => {
        await before;
        const image = await rendered;
        this.encoded++;
        return this.keep(image);
      })();
      this.order = found.catch(() => undefined);
      this.done.set(key, found);
    }
    return found;
  }
}
