/**
 * What an attachment says about itself, from its headers only (nothing is decoded, so this is cheap
 * enough for every attachment at import): an image's size, orientation, camera time, camera and GPS
 * position; a video's or audio file's duration and size. A body that is corrupt past its header is
 * found when pixels are first made (thumbnail), which records its own problem.
 */
import exifr from 'exifr';

import type { CameraTime, GpsPosition, MediaFacts, PersonalDataFlag, SniffedType } from '../../common/domain/media';
import { type ByteSource, bufferSource } from './byte-source';
import { readImageHeader } from './decode';
import { MediaDecodeError } from './errors';
import { boxes, childBoxes, findBox } from './iso-boxes';

const ISO_MEDIA = new Set(['video/mp4', 'video/quicktime', 'video/3gpp', 'video/3gpp2', 'audio/mp4']);

/** Images larger than this are not read whole (a phone's largest photos are tens of MB). */
export const MAX_IMAGE_FILE_BYTES = 256 * 1024 * 1024;
/** A movie header larger than this is not a phone's: refused rather than read. */
const MAX_MOOV_BYTES = 64 * 1024 * 1024;
const WAV_HEADER_BYTES = 64 * 1024;

/**
 * The facts the content (sniffed as `sniffed`) gives about itself. Pass the bytes, or a ByteSource for a
 * file too large to hold: only the headers are read from it. Never throws: trouble is the `problem`.
 */
export async function describeMedia(content: Uint8Array | ByteSource, sniffed: SniffedType): Promise<MediaFacts> {
  const source = content instanceof Uint8Array ? bufferSource(content) : content;
  const byteLength = source.size;
  try {
    if (sniffed.kind === 'image') return await describeImage(await readWholeImage(source));
    if (ISO_MEDIA.has(sniffed.mime)) return { byteLength, personalData: [], ...(await describeIsoMedia(source)) };
    if (sniffed.mime === 'audio/wav') return { byteLength, personalData: [], ...(await describeWav(source)) };
    return { byteLength, personalData: [] };
  } catch (error) {
    const problem = error instanceof MediaDecodeError ? error.message : `could not be decoded: ${String(error)}`;
    return { byteLength, personalData: [], problem };
  }
}

async function readWholeImage(source: ByteSource): Promise<Uint8Array> {
  if (source.size > MAX_IMAGE_FILE_BYTES) {
    const mb = (n: number) => Math.round(n / 1024 / 1024);
    throw new MediaDecodeError(`the image file is ${mb(source.size)} MB, more than the ${mb(MAX_IMAGE_FILE_BYTES)} MB limit`);
  }
  return source.read(0, source.size);
}

async function describeImage(bytes: Uint8Array): Promise<MediaFacts> {
  const header = await readImageHeader(bytes);
  const exif = await readExif(bytes);
  const gps = gpsOf(exif);
  const personalData: PersonalDataFlag[] = gps ? ['gps-position'] : [];
  const make = textOf(exif?.Make);
  const model = textOf(exif?.Model);
  return {
    byteLength: bytes.byteLength,
    width: header.width,
    height: header.height,
    orientation: header.orientation,
    ...(header.frames > 1 ? { frames: header.frames } : {}),
    ...optional('cameraTime', cameraTimeOf(exif)),
    ...optional('gps', gps),
    ...(make || model ? { camera: { ...optional('make', make), ...optional('model', model) } } : {}),
    personalData,
  };
}

type ExifTags = Record<string, unknown>;

/** EXIF as written (exifr, values untranslated, dates as text): a photo whose EXIF is damaged still has its pixels. */
async function readExif(bytes: Uint8Array): Promise<ExifTags | undefined> {
  try {
    const tags: unknown = await exifr.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      tiff: true,
      exif: true,
      gps: true,
      ifd1: false,
      xmp: false,
      icc: false,
      iptc: false,
      jfif: false,
      ihdr: false,
      reviveValues: false,
      translateValues: false,
    });
    return tags && typeof tags === 'object' ? (tags as ExifTags) : undefined;
  } catch {
    return undefined;
  }
}

function cameraTimeOf(exif: ExifTags | undefined): CameraTime | undefined {
  const text = textOf(exif?.DateTimeOriginal);
  if (!text) return undefined;
  const offset = textOf(exif?.OffsetTimeOriginal);
  return offset ? { text, offset } : { text };
}

function gpsOf(exif: ExifTags | undefined): GpsPosition | undefined {
  const latitude = exif?.latitude;
  const longitude = exif?.longitude;
  if (typeof latitude !== 'number' || typeof longitude !== 'number') return undefined;
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude) || Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return undefined;
  return { latitude, longitude };
}

function textOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.replace(/\0+$/, '').trim();
  return text === '' ? undefined : text;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/**
 * MP4/MOV/3GP/M4A: the duration from moov/mvhd, and the display size of the first track with one
 * (tkhd's width and height, turned when its matrix rotates by a quarter). No moov means a truncated file
 * or one still being written: a problem, not a guess.
 */
async function describeIsoMedia(source: ByteSource): Promise<Pick<MediaFacts, 'durationSeconds' | 'width' | 'height'>> {
  const bytes = await readMoov(source);
  await refuseCutShort(source);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const mvhd = findBox(bytes, ['mvhd']);
  if (!mvhd) throw new MediaDecodeError('the movie header has no mvhd box');
  const long = bytes[mvhd.contentStart] === 1;
  const timescaleAt = mvhd.contentStart + (long ? 20 : 12);
  if (timescaleAt + (long ? 12 : 8) > mvhd.end) throw new MediaDecodeError('the mvhd box is cut short');
  const timescale = view.getUint32(timescaleAt);
  const duration = long ? Number(view.getBigUint64(timescaleAt + 4)) : view.getUint32(timescaleAt + 4);
  const facts: { durationSeconds?: number; width?: number; height?: number } = {};
  if (timescale > 0) facts.durationSeconds = duration / timescale;
  for (const trak of childBoxes(bytes, 'trak', 0, bytes.length)) {
    const size = trackDisplaySize(bytes, view, trak.contentStart, trak.end);
    if (size) return { ...facts, ...size };
  }
  return facts;
}

/** The moov box's content, found by reading only the top-level box headers before it. */
async function readMoov(source: ByteSource): Promise<Uint8Array> {
  let at = 0;
  while (at + 8 <= source.size) {
    const header = await source.read(at, 16);
    const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
    const type = String.fromCharCode(header[4]!, header[5]!, header[6]!, header[7]!);
    let size = view.getUint32(0);
    let headerLength = 8;
    if (size === 1) {
      if (header.length < 16) break;
      size = Number(view.getBigUint64(8));
      headerLength = 16;
    } else if (size === 0) {
      size = source.size - at;
    }
    if (size < headerLength || at + size > source.size) break;
    if (type === 'moov') {
      if (size > MAX_MOOV_BYTES) throw new MediaDecodeError(`the movie header is ${size} bytes, more than a movie header can be`);
      return source.read(at + headerLength, size - headerLength);
    }
    at += size;
  }
  throw new MediaDecodeError('there is no movie header (moov box); the file may be truncated');
}

/**
 * A top-level box that runs past the end of the file: a movie cut short (a copy or upload that stopped),
 * whose header may be whole while the media it describes is not.
 */
async function refuseCutShort(source: ByteSource): Promise<void> {
  for (let at = 0; at + 8 <= source.size;) {
    const header = await source.read(at, 16);
    const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
    const type = String.fromCharCode(header[4]!, header[5]!, header[6]!, header[7]!);
    let size = view.getUint32(0);
    if (size === 1 && header.length === 16) size = Number(view.getBigUint64(8));
    if (size === 0) return;
    if (size < 8) throw new MediaDecodeError(`the "${type}" box at byte ${at} has an impossible size (${size})`);
    if (at + size > source.size) {
      throw new MediaDecodeError(
        `the file is cut short: its "${type}" box runs ${at + size - source.size} bytes past the end; the movie is truncated`,
      );
    }
    at += size;
  }
}

function trackDisplaySize(bytes: Uint8Array, view: DataView, from: number, to: number): { width: number; height: number } | undefined {
  const tkhd = [...boxes(bytes, from, to)].find((box) => box.type === 'tkhd');
  if (!tkhd) return undefined;
  const long = bytes[tkhd.contentStart] === 1;
  // version/flags, times and track id, reserved, duration, reserved 8, layer, group, volume, reserved 2.
  const matrixAt = tkhd.contentStart + 4 + (long ? 32 : 20) + 16;
  const widthAt = matrixAt + 36;
  if (widthAt + 8 > tkhd.end) return undefined;
  const width = Math.round(view.getUint32(widthAt) / 65536);
  const height = Math.round(view.getUint32(widthAt + 4) / 65536);
  if (width === 0 || height === 0) return undefined;
  const quarterTurn = view.getInt32(matrixAt) === 0 && view.getInt32(matrixAt + 16) === 0;
  return quarterTurn ? { width: height, height: width } : { width, height };
}

/** WAV: the data chunk's length (as far as the file goes) over the fmt chunk's byte rate. */
async function describeWav(source: ByteSource): Promise<Pick<MediaFacts, 'durationSeconds'>> {
  const bytes = await source.read(0, WAV_HEADER_BYTES);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let byteRate = 0;
  for (let at = 12; at + 8 <= bytes.length;) {
    const chunk = String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);
    const size = view.getUint32(at + 4, true);
    if (chunk === 'fmt ' && at + 20 <= bytes.length) byteRate = view.getUint32(at + 16, true);
    if (chunk === 'data') {
      if (byteRate === 0) break;
      return { durationSeconds: Math.min(size, source.size - at - 8) / byteRate };
    }
    at += 8 + size + (size & 1);
  }
  throw new MediaDecodeError('the WAV file has no format and data chunks');
}
