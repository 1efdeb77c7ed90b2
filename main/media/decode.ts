/**
 * The one way bytes become pixels here, with the safety every caller needs: the header's size is checked
 * against MAX_DECODED_PIXELS before anything is decoded, and every decoder failure becomes a
 * MediaDecodeError. HEIC/HEIF (HEVC) goes through heic-decode, because the prebuilt libvips has no HEVC
 * decoder; everything else through sharp.
 */
import decodeHeic from 'heic-decode';
import sharp, { type Metadata, type Sharp } from 'sharp';

import { MAX_DECODED_PIXELS } from '../../common/domain/media';
import { MediaDecodeError } from './errors';
import { SNIFF_HEAD_BYTES, sniff } from './sniff';

export interface ImageHeader {
  /** Pixels as displayed, orientation applied. */
  readonly width: number;
  readonly height: number;
  /** EXIF orientation 1–8 as stored (1 when none). */
  readonly orientation: number;
  readonly frames: number;
  readonly hasAlpha: boolean;
  /** Whether the source kept every pixel (PNG, GIF, TIFF, lossless WebP): the rendition then stays lossless. */
  readonly lossless: boolean;
  readonly hevc: boolean;
}

/** An opened image: a sharp pipeline over its pixels as displayed (orientation already applied). */
export interface OpenedImage {
  readonly header: ImageHeader;
  readonly pipeline: Sharp;
}

const LOSSLESS_FORMATS = new Set(['png', 'gif', 'tiff', 'bmp']);

/** The image's header, without decoding its pixels. Throws MediaDecodeError when it cannot be read or is too large. */
export async function readImageHeader(bytes: Uint8Array): Promise<ImageHeader> {
  const sniffed = sniff(bytes.subarray(0, SNIFF_HEAD_BYTES));
  if (sniffed.kind !== 'image') {
    throw new MediaDecodeError(sniffed.kind === 'other' ? 'the content is not an image' : `the content is ${sniffed.label}, not an image`);
  }
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw decoderError(error);
  }
  if (!meta.width || !meta.height) throw new MediaDecodeError('the header gives no image size');
  refuseOversize(meta.width, meta.height);
  const orientation = meta.orientation ?? 1;
  const turned = orientation >= 5 && orientation <= 8;
  const hevc = meta.format === 'heif' && meta.compression !== 'av1';
  return {
    width: turned ? meta.height : meta.width,
    height: turned ? meta.width : meta.height,
    orientation,
    frames: meta.pages ?? 1,
    hasAlpha: meta.hasAlpha === true,
    lossless: LOSSLESS_FORMATS.has(meta.format ?? '') || (meta.format === 'webp' && isLosslessWebp(bytes)),
    hevc,
  };
}

/**
 * The image's first frame as displayed. HEIC is decoded here (libheif applies its own irot/imir, and its
 * EXIF orientation is not applied again); other formats decode lazily in the returned pipeline, which
 * lets sharp shrink a JPEG while loading it. Run the pipeline through `runDecoder` to word its failures.
 */
export async function openImage(bytes: Uint8Array): Promise<OpenedImage> {
  const header = await readImageHeader(bytes);
  if (!header.hevc) {
    const pipeline = sharp(bytes, { limitInputPixels: MAX_DECODED_PIXELS, failOn: 'error', autoOrient: true });
    return { header, pipeline };
  }
  let decoded;
  try {
    decoded = await decodeHeic({ buffer: bytes });
  } catch (error) {
    throw decoderError(error);
  }
  refuseOversize(decoded.width, decoded.height);
  const rgba = Buffer.from(decoded.data.buffer, decoded.data.byteOffset, decoded.data.byteLength);
  const pipeline = sharp(rgba, {
    raw: { width: decoded.width, height: decoded.height, channels: 4 },
    limitInputPixels: MAX_DECODED_PIXELS,
  });
  const opened: ImageHeader = { ...header, width: decoded.width, height: decoded.height, orientation: 1, hasAlpha: hasTransparency(rgba) };
  // heic-decode always gives RGBA; an opaque photo should not carry an alpha channel into its rendition.
  return { header: opened, pipeline: opened.hasAlpha ? pipeline : pipeline.removeAlpha() };
}

/** Runs a step of a pipeline, turning a decoder's failure into MediaDecodeError. */
export async function runDecoder<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    throw decoderError(error);
  }
}

function refuseOversize(width: number, height: number): void {
  if (width * height > MAX_DECODED_PIXELS) {
    throw new MediaDecodeError(`${width} × ${height} px is more than the ${MAX_DECODED_PIXELS / 1_000_000} megapixel limit`);
  }
}

function decoderError(error: unknown): MediaDecodeError {
  if (error instanceof MediaDecodeError) return error;
  const text = error instanceof Error ? error.message : String(error);
  // libvips repeats itself and logs every seek it retried; the distinct, meaningful lines are the reason.
  const lines = [...new Set(text.split('\n').map((line) => line.trim()))].filter((line) => line !== '' && !line.includes('bad seek'));
  return new MediaDecodeError(lines.slice(0, 2).join('; ') || 'the decoder gave no reason');
}

function hasTransparency(rgba: Uint8Array): boolean {
  for (let i = 3; i < rgba.length; i += 4) if (rgba[i] !== 255) return true;
  return false;
}

/** A WebP is lossless when its image chunk is VP8L (simple or inside the extended VP8X layout). */
function isLosslessWebp(bytes: Uint8Array): boolean {
  let at = 12;
  while (at + 8 <= bytes.length) {
    const chunk = String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);
    if (chunk === 'VP8L') return true;
    if (chunk === 'VP8 ') return false;
    const size = bytes[at + 4]! | (bytes[at + 5]! << 8) | (bytes[at + 6]! << 16) | (bytes[at + 7]! << 24);
    at += 8 + size + (size & 1);
  }
  return false;
}
