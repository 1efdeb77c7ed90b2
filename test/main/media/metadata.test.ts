import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { type ByteSource, fileSource } from '../../../main/media/byte-source';
import { MAX_IMAGE_FILE_BYTES, describeMedia } from '../../../main/media/metadata';
import { sniff } from '../../../main/media/sniff';
import { animatedGif, heicQuadrant, jpegOrientedSix, jpegWithGps, pngBomb, pngWithAlpha } from './images';

const describe_ = (bytes: Uint8Array) => describeMedia(bytes, sniff(bytes));

/** An ISO media box: size, type, content. */
function box(type: string, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + body.length);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, body]);
}

const u32 = (...values: number[]) => Buffer.concat(values.map((v) => Buffer.from([v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255])));

/** mvhd version 0: times, timescale, duration, then the rest of the header (rate, volume, matrix...) as zeros. */
const mvhd = (timescale: number, duration: number) => box('mvhd', u32(0, 0, 0, timescale, duration), Buffer.alloc(80));

/**
 * tkhd version 0 (flags, times, track, duration, reserved, layer/group/volume), then a matrix that is
 * upright or a quarter turn, then a 16.16 width and height.
 */
function tkhd(width: number, height: number, quarterTurn: boolean): Buffer {
  const one = 0x10000;
  const matrix = quarterTurn ? [0, one, 0, -one, 0, 0, 0, 0, 0x40000000] : [one, 0, 0, 0, one, 0, 0, 0, 0x40000000];
  return box('tkhd', u32(0, 0, 0, 1, 0, 0, 0, 0, 0, 0), u32(...matrix.map((v) => v >>> 0)), u32(width * one, height * one));
}

function movie(brand: string, tracks: Buffer[], mdatFirst = true): Buffer {
  const ftyp = box('ftyp', Buffer.from(`${brand}\0\0\0\0${brand}isom`, 'latin1'));
  const moov = box('moov', mvhd(600, 4530), ...tracks.map((t) => box('trak', t)));
  const mdat = box('mdat', Buffer.alloc(2000, 7));
  return Buffer.concat(mdatFirst ? [ftyp, mdat, moov] : [ftyp, moov, mdat]);
}

describe('describeMedia reads an image header and its EXIF', () => {
  it('gives size, orientation, camera time, camera and the GPS position, flagged as personal data', async () => {
    const jpeg = await jpegWithGps();
    expect(await describe_(jpeg)).toEqual({
      byteLength: jpeg.length,
      width: 400,
      height: 300,
      orientation: 1,
      cameraTime: { text: '2021:03:04 12:34:56', offset: '+01:00' },
      gps: { latitude: expect.closeTo(55 + 57 / 60 + 12.34 / 3600, 9), longitude: expect.closeTo(-(3 + 11 / 60 + 42 / 3600), 9) },
      camera: { make: 'Apple', model: 'iPhone 12' },
      personalData: ['gps-position'],
    });
  });

  it('gives the size as displayed when EXIF orientation turns the image', async () => {
    expect(await describe_(await jpegOrientedSix())).toMatchObject({ width: 400, height: 300, orientation: 6, personalData: [] });
  });

  it('reads PNG, animated GIF and HEIC headers', async () => {
    const png = await describe_(await pngWithAlpha());
    expect(png).toMatchObject({ width: 200, height: 100, personalData: [] });
    expect(png.gps).toBeUndefined();
    expect(await describe_(await animatedGif())).toMatchObject({ width: 40, height: 30, frames: 3 });
    expect(await describe_(heicQuadrant())).toEqual({ byteLength: 605, width: 128, height: 96, orientation: 1, personalData: [] });
  });

  it('names the pixel cap for a decompression bomb, without decoding it', async () => {
    expect(await describe_(pngBomb())).toEqual({
      byteLength: pngBomb().length,
      personalData: [],
      problem: 'could not be decoded: 100000 × 100000 px is more than the 100 megapixel limit',
    });
  });

  it('gives a damaged header a problem, not an exception', async () => {
    const facts = await describe_(Buffer.from([0xff, 0xd8, 0xff, 0xc0, 0, 3, 1, 2, 3, 4]));
    expect(facts.problem).toMatch(/^could not be decoded: /);
    expect(facts.width).toBeUndefined();
  });
});

describe('describeMedia reads a movie header', () => {
  it('gives the duration from mvhd and the display size from the first visual track', async () => {
    expect(await describe_(movie('mp42', [tkhd(0, 0, false), tkhd(1920, 1080, false)]))).toMatchObject({
      durationSeconds: 7.55,
      width: 1920,
      height: 1080,
    });
    expect(await describe_(movie('qt  ', [tkhd(1920, 1080, true)], false))).toMatchObject({
      durationSeconds: 7.55,
      width: 1080,
      height: 1920,
    });
  });

  it('gives audio in MP4 a duration and no size', async () => {
    const facts = await describe_(movie('M4A ', [tkhd(0, 0, false)]));
    expect(facts).toMatchObject({ durationSeconds: 7.55 });
    expect(facts.width).toBeUndefined();
  });

  it('says a truncated movie has no header instead of guessing', async () => {
    const whole = movie('mp42', [tkhd(640, 480, false)]);
    const facts = await describe_(whole.subarray(0, whole.length - 40));
    expect(facts).toEqual({
      byteLength: whole.length - 40,
      personalData: [],
      problem: 'could not be decoded: there is no movie header (moov box); the file may be truncated',
    });
  });

  it('gives WAV a duration from its chunks', async () => {
    const wav = Buffer.alloc(44 + 32000);
    wav.write('RIFF', 0, 'latin1');
    wav.writeUInt32LE(36 + 32000, 4);
    wav.write('WAVEfmt ', 8, 'latin1');
    wav.writeUInt32LE(16, 16);
    wav.writeUInt16LE(1, 20);
    wav.writeUInt16LE(1, 22);
    wav.writeUInt32LE(8000, 24);
    wav.writeUInt32LE(16000, 28);
    wav.writeUInt16LE(2, 32);
    wav.writeUInt16LE(16, 34);
    wav.write('data', 36, 'latin1');
    wav.writeUInt32LE(32000, 40);
    expect(await describe_(wav)).toEqual({ byteLength: wav.length, durationSeconds: 2, personalData: [] });
  });
});

describe('describeMedia never throws', () => {
  it('gives every cut of an image, a movie and a HEIC a result', async () => {
    const samples = [await jpegWithGps(), movie('mp42', [tkhd(640, 480, false)], false), heicQuadrant()];
    for (const sample of samples) {
      for (const length of [0, 1, 4, 11, 12, 20, 40, 100, 300, Math.floor(sample.length / 2), sample.length - 1]) {
        const cut = sample.subarray(0, length);
        const facts = await describe_(cut);
        expect(facts.byteLength).toBe(length);
      }
    }
  });

  it('gives other kinds their size only', async () => {
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n');
    expect(await describe_(pdf)).toEqual({ byteLength: pdf.length, personalData: [] });
    const vcard = Buffer.from('BEGIN:VCARD\nFN:Tom Reid\nEND:VCARD\n');
    expect(await describe_(vcard)).toEqual({ byteLength: vcard.length, personalData: [] });
  });
});

describe('describeMedia reads only the headers of a file too large to hold', () => {
  /** A 3 GB movie: ftyp, an mdat of 3 GB (64-bit size), then moov; `read` serves only those headers. */
  function hugeMovie(): ByteSource & { bytesRead: number } {
    const ftyp = box('ftyp', Buffer.from('mp42\0\0\0\0mp42isom', 'latin1'));
    const mdatSize = 3 * 1024 ** 3;
    const mdatHeader = Buffer.alloc(16);
    mdatHeader.writeUInt32BE(1, 0);
    mdatHeader.write('mdat', 4, 'latin1');
    mdatHeader.writeBigUInt64BE(BigInt(mdatSize), 8);
    const moov = box('moov', mvhd(600, 4530), box('trak', tkhd(1280, 720, false)));
    const moovAt = ftyp.length + mdatSize;
    const source = {
      size: moovAt + moov.length,
      bytesRead: 0,
      read(offset: number, length: number): Promise<Uint8Array> {
        const from = (part: Buffer, at: number) => part.subarray(offset - at, Math.min(part.length, offset - at + length));
        let bytes: Buffer;
        if (offset < ftyp.length) bytes = from(ftyp, 0);
        else if (offset >= moovAt) bytes = from(moov, moovAt);
        else if (offset === ftyp.length) bytes = from(mdatHeader, ftyp.length);
        else throw new Error(`read the media data at ${offset}`);
        source.bytesRead += bytes.length;
        return Promise.resolve(bytes);
      },
    };
    return source;
  }

  it('finds the moov box after 3 GB of media data, reading a few hundred bytes', async () => {
    const movie = hugeMovie();
    const head = await movie.read(0, 64);
    const facts = await describeMedia(movie, sniff(head));
    expect(facts).toEqual({ byteLength: movie.size, durationSeconds: 7.55, width: 1280, height: 720, personalData: [] });
    expect(movie.bytesRead).toBeLessThan(1024);
  });

  it('refuses to read an image file beyond the limit whole', async () => {
    const jpeg = await jpegWithGps();
    const huge: ByteSource = { size: MAX_IMAGE_FILE_BYTES + 44 * 1024 * 1024, read: () => Promise.reject(new Error('must not be read')) };
    expect(await describeMedia(huge, sniff(jpeg))).toEqual({
      byteLength: MAX_IMAGE_FILE_BYTES + 44 * 1024 * 1024,
      personalData: [],
      problem: 'could not be decoded: the image file is 300 MB, more than the 256 MB limit',
    });
  });

  it('reads a file through a file handle', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'media-'));
    try {
      const path = join(dir, 'clip.mov');
      await writeFile(path, movie('qt  ', [tkhd(640, 480, true)]));
      const handle = await open(path, 'r');
      try {
        const source = fileSource(handle, (await handle.stat()).size);
        expect(await describeMedia(source, sniff(await source.read(0, 64)))).toMatchObject({
          durationSeconds: 7.55,
          width: 480,
          height: 640,
        });
      } finally {
        await handle.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
