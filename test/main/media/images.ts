/** Images made in the tests with sharp, so each test shows exactly what its input holds. */
import { crc32, deflateSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import sharp from 'sharp';

export const GPS_EXIF = {
  IFD0: { Make: 'Apple', Model: 'iPhone 12' },
  IFD2: { DateTimeOriginal: '2021:03:04 12:34:56', OffsetTimeOriginal: '+01:00' },
  IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '55/1 57/1 1234/100', GPSLongitudeRef: 'W', GPSLongitude: '3/1 11/1 4200/100' },
};

/**
 * A 400 × 300 "photo": a smooth gradient with a white square at (100..200, 100..200) standing for the
 * secret to redact, so a test can tell what was under a region from what surrounds it.
 */
export function photoPixels(): Buffer {
  const width = 400;
  const height = 300;
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * 3;
      const secret = x >= 100 && x < 200 && y >= 100 && y < 200;
      data[at] = secret ? 255 : 60 + Math.round((x / width) * 120);
      data[at + 1] = secret ? 255 : 90 + Math.round((y / height) * 100);
      data[at + 2] = secret ? 255 : 140;
    }
  }
  return data;
}

export async function jpegWithGps(): Promise<Buffer> {
  return sharp(photoPixels(), { raw: { width: 400, height: 300, channels: 3 } })
    .jpeg({ quality: 90 })
    .withExif(GPS_EXIF)
    .toBuffer();
}

/** The same photo stored as the camera held it (rotated), with EXIF orientation 6 saying "turn it right". */
export async function jpegOrientedSix(): Promise<Buffer> {
  const stored = await sharp(photoPixels(), { raw: { width: 400, height: 300, channels: 3 } })
    .rotate(-90)
    .raw()
    .toBuffer();
  return sharp(stored, { raw: { width: 300, height: 400, channels: 3 } })
    .jpeg({ quality: 90 })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

/** 200 × 100 RGBA: left half opaque red, right half transparent. */
export async function pngWithAlpha(): Promise<Buffer> {
  const data = Buffer.alloc(200 * 100 * 4);
  for (let i = 0; i < 200 * 100; i++) {
    const left = i % 200 < 100;
    data.set(left ? [220, 30, 30, 255] : [0, 0, 0, 0], i * 4);
  }
  return sharp(data, { raw: { width: 200, height: 100, channels: 4 } })
    .png()
    .toBuffer();
}

export async function gif(): Promise<Buffer> {
  return sharp({ create: { width: 40, height: 30, channels: 3, background: '#3366cc' } })
    .gif()
    .toBuffer();
}

export async function webp(): Promise<Buffer> {
  return sharp({ create: { width: 40, height: 30, channels: 3, background: '#cc6633' } })
    .webp({ quality: 80 })
    .toBuffer();
}

/**
 * A decompression bomb: a valid PNG whose header claims 100,000 × 100,000 px (30 GB of RGB) over a few
 * dozen bytes of compressed data.
 */
export function pngBomb(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(100_000, 0);
  ihdr.writeUInt32BE(100_000, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc(4096))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** 128 × 96 HEIC (HEVC): red, with a blue bottom-right quarter (see test/fixtures/media/README.md). */
export function heicQuadrant(): Buffer {
  return readFileSync(join(__dirname, '../../fixtures/media/quadrant.heic'));
}

/** The RGB(A) pixel at (x, y) of a decoded image. */
export async function pixelAt(bytes: Uint8Array, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * info.channels;
  return [...data.subarray(at, at + info.channels)];
}

const XMP = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="55,57.2N" exif:GPSLongitude="3,11.7W"/></rdf:RDF></x:xmpmeta>`;

/** The GPS photo carrying every kind of metadata a camera or editor adds: EXIF with GPS, XMP, an ICC profile. */
export async function jpegWithAllMetadata(): Promise<Buffer> {
  return sharp(await jpegWithGps())
    .keepExif()
    .withXmp(XMP)
    .withIccProfile('p3')
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** Three 40 × 30 frames of different colours as an animated GIF. */
export async function animatedGif(): Promise<Buffer> {
  const frames = await Promise.all(
    ['#ff0000', '#00ff00', '#0000ff'].map((background) =>
      sharp({ create: { width: 40, height: 30, channels: 3, background } })
        .png()
        .toBuffer(),
    ),
  );
  return sharp(frames, { join: { animated: true } })
    .gif()
    .toBuffer();
}
