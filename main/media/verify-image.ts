/**
 * Export verification of a produced image, independent of how it was made: decode what was written and
 * check that every redacted region is uniform fill and that the file carries no metadata. An export
 * refuses to finish while any produced image gives a failure.
 */
import exifr from 'exifr';
import sharp, { type Metadata } from 'sharp';

import { type NormalisedRect, REDACTION_FILL, innerPixels, normalisedRectProblem } from '../../common/domain/media';
import { openImage, runDecoder } from './decode';
import { MediaDecodeError } from './errors';

/** Pixels this far inside a region's edge are checked; the edge itself may be blended by resampling. */
export const REGION_MARGIN_PX = 2;
/** How far a channel may stray from the fill: JPEG's rounding of a flat black block, nothing more. */
export const FILL_TOLERANCE = 6;

/**
 * Everything wrong with `bytes` as a produced image whose `regions` (normalised, in its own pixels) must
 * be filled: "region 2 is not uniform: 37% of its pixels differ from the fill", "carries EXIF (GPS
 * position)". An empty list means it passed.
 */
export async function checkProducedImage(bytes: Uint8Array, regions: readonly NormalisedRect[]): Promise<string[]> {
  const failures = await metadataFailures(bytes);
  try {
    failures.push(...(await regionFailures(bytes, regions)));
  } catch (error) {
    if (!(error instanceof MediaDecodeError)) throw error;
    failures.push(error.message);
  }
  return failures;
}

async function regionFailures(bytes: Uint8Array, regions: readonly NormalisedRect[]): Promise<string[]> {
  const { pipeline } = await openImage(bytes);
  const { data, info } = await runDecoder(() => pipeline.toColourspace('srgb').raw().toBuffer({ resolveWithObject: true }));
  const failures: string[] = [];
  const fill = [REDACTION_FILL.r, REDACTION_FILL.g, REDACTION_FILL.b];
  regions.forEach((region, index) => {
    const problem = normalisedRectProblem(region);
    if (problem) {
      failures.push(`region ${index + 1} cannot be checked: ${problem}`);
      return;
    }
    const rect = innerPixels(region, info.width, info.height, REGION_MARGIN_PX);
    let differing = 0;
    for (let row = rect.top; row < rect.top + rect.height; row++) {
      for (let col = rect.left; col < rect.left + rect.width; col++) {
        const at = (row * info.width + col) * info.channels;
        const colourOff = fill.some((value, c) => Math.abs(data[at + c]! - value) > FILL_TOLERANCE);
        const transparent = info.channels === 4 && data[at + 3]! < 255 - FILL_TOLERANCE;
        if (colourOff || transparent) differing++;
      }
    }
    if (differing > 0) {
      const share = (differing / (rect.width * rect.height)) * 100;
      const percent = share < 1 ? share.toFixed(2) : String(Math.round(share));
      failures.push(`region ${index + 1} is not uniform: ${percent}% of its pixels differ from the fill`);
    }
  });
  return failures;
}

/** Metadata the file still carries, by what libvips finds and, for GPS, what exifr reads. */
async function metadataFailures(bytes: Uint8Array): Promise<string[]> {
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    return []; // the decode step reports why it cannot be read
  }
  const failures: string[] = [];
  if (meta.exif) failures.push((await hasGps(bytes)) ? 'carries EXIF (GPS position)' : 'carries EXIF');
  if (meta.xmp) failures.push('carries XMP');
  if (meta.iptc) failures.push('carries IPTC');
  if (meta.icc) failures.push('carries an ICC profile');
  if (meta.comments && meta.comments.length > 0) failures.push('carries text comments');
  return failures;
}

async function hasGps(bytes: Uint8Array): Promise<boolean> {
  try {
    const gps: unknown = await exifr.gps(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return typeof gps === 'object' && gps !== null && 'latitude' in gps;
  } catch {
    return false;
  }
}
