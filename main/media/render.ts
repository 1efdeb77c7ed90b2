/**
 * The one place produced pixels come from: the rendition of an image that goes into a bundle, and the
 * thumbnail Review shows. Both are re-encoded from decoded pixels, so nothing of the original file's
 * stream survives: no EXIF, XMP, IPTC, ICC profile or GPS position (sharp writes metadata only when asked
 * with keepExif/withMetadata, and nothing here asks), and a redacted region's pixels are overwritten in
 * the decoded image before anything is encoded.
 *
 * Coordinates: a region is a NormalisedRect in the image as displayed, after EXIF orientation (or HEIF's
 * irot/imir) is applied, which is also how the rendition is stored, so the region means the same on the
 * screen, in the rendition and to verification.
 *
 * A JPEG rendition's fill is widened to the 8 × 8 pixel blocks it touches (at most 7 px more on each side,
 * at the rendition's size): a block wholly black compresses to exact black, where a block half black
 * would ring, leaving a checkable region that is not uniform.
 *
 * Output: JPEG (quality 85, 4:4:4 chroma) for photos, PNG when the source kept every pixel (PNG, GIF,
 * TIFF, BMP, lossless WebP: screenshots and flat graphics whose text JPEG would smear) or is transparent.
 * Same bytes and options give byte-identical output with the same sharp/libvips build.
 */
import sharp, { type Sharp } from 'sharp';

import { type NormalisedRect, type PixelRect, coveringPixels, normalisedRectProblem } from '../../common/domain/media';
import { type ImageHeader, openImage, runDecoder } from './decode';
import { InvalidRegionError, MediaDecodeError } from './errors';

export type RenditionFormat = 'auto' | 'jpeg' | 'png';

export interface RenderOptions {
  /** Rectangles to fill with opaque black, normalised to the image as displayed. */
  readonly regions?: readonly NormalisedRect[];
  /** Scale down (never up) to at most this many pixels wide, e.g. the bundle's page width. */
  readonly maxWidth?: number;
  /** 'auto' (default) chooses as the module comment says; 'jpeg' flattens any transparency onto white. */
  readonly format?: RenditionFormat;
}

export interface RenderedImage {
  readonly bytes: Buffer;
  readonly mime: 'image/jpeg' | 'image/png';
  readonly width: number;
  readonly height: number;
  /** Frames in the source; a rendition is always its first frame, so more than 1 deserves a note. */
  readonly sourceFrames: number;
}

export interface ThumbnailOptions {
  /** The box the thumbnail fits inside, in pixels (default 160). */
  readonly size?: number;
  /** 'jpeg' (default) flattens transparency onto white; 'jpeg-or-png' keeps it, as PNG, for an image that has it. */
  readonly format?: 'jpeg' | 'webp' | 'jpeg-or-png';
  /** Regions to fill before scaling, for a thumbnail of the image as it will be produced. */
  readonly regions?: readonly NormalisedRect[];
}

export interface Thumbnail {
  readonly bytes: Buffer;
  readonly mime: 'image/jpeg' | 'image/webp' | 'image/png';
  readonly width: number;
  readonly height: number;
}

const JPEG = { quality: 85, chromaSubsampling: '4:4:4', mozjpeg: false, progressive: false } as const;
const PNG = { compressionLevel: 6, adaptiveFiltering: false, palette: false, progressive: false } as const;
const WHITE = { r: 255, g: 255, b: 255 };
/** JPEG's DCT block; with 4:4:4 chroma no coarser grid applies. */
const JPEG_BLOCK = 8;

/**
 * Produce an image: decode, orient, fill `regions` black (destroying what was under them), scale to
 * `maxWidth`, re-encode with no metadata. Throws MediaDecodeError for bytes that cannot be decoded (or
 * exceed the pixel cap) and InvalidRegionError for a region outside the image.
 */
export async function renderImage(bytes: Uint8Array, options: RenderOptions = {}): Promise<RenderedImage> {
  const regions = checkedRegions(options.regions ?? []);
  const { header, pipeline } = await openImage(bytes);
  const png = options.format === 'png' || (options.format !== 'jpeg' && (header.lossless || header.hasAlpha));
  const scale = options.maxWidth !== undefined && options.maxWidth < header.width ? options.maxWidth / header.width : 1;
  // The fill that ends up in the file is widened to JPEG's blocks, so compression cannot ring into it.
  const finalBlock = png ? 1 : JPEG_BLOCK;
  let scaled = await fillRegions(pipeline, header, regions, scale < 1 ? 1 : finalBlock);
  if (scale < 1) {
    scaled = scaled.resize({ width: Math.round(options.maxWidth!), kernel: 'lanczos3' });
    // Filling again at the output size gives the region crisp edges: resampling blends its border with
    // the neighbouring pixels (never with what it covered, which is already gone).
    scaled = await fillRegions(scaled, undefined, regions, finalBlock);
  }
  const encoded = png ? scaled.png(PNG) : flattenForJpeg(scaled, header).jpeg(JPEG);
  const { data, info } = await runDecoder(() => encoded.toBuffer({ resolveWithObject: true }));
  return { bytes: data, mime: png ? 'image/png' : 'image/jpeg', width: info.width, height: info.height, sourceFrames: header.frames };
}

/** A small image for the timeline, fitting inside `size` × `size`, with no metadata. */
export async function thumbnail(bytes: Uint8Array, options: ThumbnailOptions = {}): Promise<Thumbnail> {
  const regions = checkedRegions(options.regions ?? []);
  const size = options.size ?? 160;
  const { header, pipeline } = await openImage(bytes);
  const filled = await fillRegions(pipeline, header, regions, 1);
  const resized = filled.resize({ width: size, height: size, fit: 'inside', withoutEnlargement: true });
  if (options.format === 'jpeg-or-png' && header.hasAlpha) {
    const { data, info } = await runDecoder(() => resized.png(PNG).toBuffer({ resolveWithObject: true }));
    return { bytes: data, mime: 'image/png', width: info.width, height: info.height };
  }
  const scaled = flattenForJpeg(resized, header);
  const webp = options.format === 'webp';
  const encoded = webp ? scaled.webp({ quality: 75, effort: 2 }) : scaled.jpeg({ quality: 75, mozjpeg: false });
  const { data, info } = await runDecoder(() => encoded.toBuffer({ resolveWithObject: true }));
  return { bytes: data, mime: webp ? 'image/webp' : 'image/jpeg', width: info.width, height: info.height };
}

function checkedRegions(regions: readonly NormalisedRect[]): readonly NormalisedRect[] {
  regions.forEach((region, index) => {
    const problem = normalisedRectProblem(region);
    if (problem) throw new InvalidRegionError(index, problem);
  });
  return regions;
}

/**
 * The pipeline's pixels with every region overwritten by opaque black, as a new pipeline over raw
 * pixels. The fill is written into the decoded buffer itself, so the covered pixels no longer exist
 * anywhere a later step could read them.
 */
async function fillRegions(
  pipeline: Sharp,
  expected: ImageHeader | undefined,
  regions: readonly NormalisedRect[],
  block: number,
): Promise<Sharp> {
  if (regions.length === 0) return pipeline;
  const { data, info } = await runDecoder(() => pipeline.toColourspace('srgb').raw().toBuffer({ resolveWithObject: true }));
  // The regions are in displayed coordinates: pixels of another shape would mean orientation went astray.
  if (expected && (info.width !== expected.width || info.height !== expected.height)) {
    throw new MediaDecodeError(
      `the pixels are ${info.width} × ${info.height} where the header said ${expected.width} × ${expected.height}`,
    );
  }
  const channels = info.channels;
  const pixel = Buffer.alloc(channels, 0);
  if (channels === 2 || channels === 4) pixel[channels - 1] = 255;
  for (const region of regions) {
    const rect = widenToBlocks(coveringPixels(region, info.width, info.height), block, info);
    for (let row = rect.top; row < rect.top + rect.height; row++) {
      const start = (row * info.width + rect.left) * channels;
      data.fill(pixel, start, start + rect.width * channels);
    }
  }
  return sharp(data, { raw: { width: info.width, height: info.height, channels } });
}

/** `rect` grown outward to whole `block` × `block` cells of the image's grid, within the image. */
function widenToBlocks(rect: PixelRect, block: number, image: { width: number; height: number }): PixelRect {
  const left = Math.floor(rect.left / block) * block;
  const top = Math.floor(rect.top / block) * block;
  const right = Math.min(image.width, Math.ceil((rect.left + rect.width) / block) * block);
  const bottom = Math.min(image.height, Math.ceil((rect.top + rect.height) / block) * block);
  return { left, top, width: right - left, height: bottom - top };
}

function flattenForJpeg(pipeline: Sharp, header: ImageHeader): Sharp {
  return header.hasAlpha ? pipeline.flatten({ background: WHITE }) : pipeline;
}
