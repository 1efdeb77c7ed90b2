import exifr from 'exifr';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';

import { InvalidRegionError, MediaDecodeError } from '../../../main/media/errors';
import { renderImage, thumbnail } from '../../../main/media/render';
import {
  animatedGif,
  gif,
  heicQuadrant,
  jpegOrientedSix,
  jpegWithAllMetadata,
  jpegWithGps,
  photoPixels,
  pixelAt,
  pngBomb,
  pngWithAlpha,
  webp,
} from './images';

/** The white square in the test photo, (100..200, 100..200) of 400 × 300. */
const SECRET = { x: 0.25, y: 1 / 3, w: 0.25, h: 1 / 3 };

async function rawOf(bytes: Uint8Array) {
  return sharp(bytes).raw().toBuffer({ resolveWithObject: true });
}

/** How many pixels are near white: the secret square is the only white in the test photo. */
async function whitePixels(bytes: Uint8Array): Promise<number> {
  const { data, info } = await rawOf(bytes);
  let count = 0;
  for (let at = 0; at < data.length; at += info.channels) if (data[at]! > 230 && data[at + 1]! > 230 && data[at + 2]! > 230) count++;
  return count;
}

async function metadataLeft(bytes: Uint8Array) {
  const meta = await sharp(bytes).metadata();
  return {
    // exifr reads no WebP; sharp's own reading below covers it.
    exifr: meta.format === 'webp' ? undefined : await exifr.parse(bytes, true),
    exif: meta.exif,
    xmp: meta.xmp,
    iptc: meta.iptc,
    icc: meta.icc,
    comments: meta.comments,
  };
}

const NOTHING_LEFT = { exifr: undefined, exif: undefined, xmp: undefined, iptc: undefined, icc: undefined, comments: undefined };

describe('renderImage destroys redacted pixels before encoding', () => {
  it('fills the region black, so what was under it is nowhere in the output', async () => {
    const source = await jpegWithGps();
    expect(await whitePixels(source)).toBeGreaterThan(9000);
    const produced = await renderImage(source, { regions: [SECRET] });
    expect(produced).toMatchObject({ mime: 'image/jpeg', width: 400, height: 300, sourceFrames: 1 });
    expect(await whitePixels(produced.bytes)).toBe(0);
    const { data, info } = await rawOf(produced.bytes);
    for (let y = 100; y < 200; y++) {
      for (let x = 100; x < 200; x++) {
        const at = (y * info.width + x) * info.channels;
        expect(Math.max(data[at]!, data[at + 1]!, data[at + 2]!)).toBeLessThanOrEqual(2);
      }
    }
  });

  it('leaves the pixels outside the region as they were', async () => {
    const lossless = await sharp(await jpegWithGps())
      .png()
      .toBuffer();
    const produced = await renderImage(lossless, { regions: [SECRET] });
    expect(produced.mime).toBe('image/png');
    const before = await rawOf(lossless);
    const after = await rawOf(produced.bytes);
    let changedOutside = 0;
    for (let y = 0; y < 300; y++) {
      for (let x = 0; x < 400; x++) {
        if (x >= 100 && x < 200 && y >= 100 && y < 200) continue;
        const at = (y * 400 + x) * 3;
        if (before.data[at] !== after.data[at] || before.data[at + 1] !== after.data[at + 1] || before.data[at + 2] !== after.data[at + 2])
          changedOutside++;
      }
    }
    expect(changedOutside).toBe(0);
  });

  it('keeps JPEG outside the region close to the source (re-encoding only)', async () => {
    const source = await jpegWithGps();
    const produced = await renderImage(source, { regions: [SECRET] });
    for (const [x, y] of [
      [20, 20],
      [380, 280],
      [250, 150],
      [60, 250],
    ] as const) {
      const original = await pixelAt(source, x, y);
      const rendered = await pixelAt(produced.bytes, x, y);
      rendered.forEach((value, c) => expect(Math.abs(value - original[c]!)).toBeLessThanOrEqual(6));
    }
  });

  it('destroys the region at a smaller size too, its pixels gone before scaling', async () => {
    const produced = await renderImage(await jpegWithGps(), { regions: [SECRET], maxWidth: 160 });
    expect(produced).toMatchObject({ width: 160, height: 120 });
    expect(await whitePixels(produced.bytes)).toBe(0);
    expect(await pixelAt(produced.bytes, 60, 60)).toEqual([0, 0, 0]);
  });

  it('takes regions in the image as displayed: EXIF orientation is applied first', async () => {
    const source = await jpegOrientedSix();
    expect(await sharp(source).metadata()).toMatchObject({ width: 300, height: 400, orientation: 6 });
    const plain = await renderImage(source);
    expect(plain).toMatchObject({ width: 400, height: 300 });
    expect(Math.min(...(await pixelAt(plain.bytes, 150, 150)))).toBeGreaterThan(240);
    const redacted = await renderImage(source, { regions: [SECRET] });
    expect(await whitePixels(redacted.bytes)).toBe(0);
    expect((await sharp(redacted.bytes).metadata()).orientation).toBeUndefined();
  });

  it('decodes HEIC through heic-decode and fills it like any other image', async () => {
    const source = heicQuadrant();
    const plain = await renderImage(source);
    expect(plain).toMatchObject({ mime: 'image/jpeg', width: 128, height: 96 });
    const blue = await pixelAt(plain.bytes, 100, 80);
    expect(blue[2]).toBeGreaterThan(200);
    const redacted = await renderImage(source, { regions: [{ x: 0.5, y: 0.5, w: 0.5, h: 0.5 }] });
    expect(await pixelAt(redacted.bytes, 100, 80)).toEqual([0, 0, 0]);
    expect((await pixelAt(redacted.bytes, 20, 20))[0]).toBeGreaterThan(180);
  });

  it('fills 16-bit, CMYK and grey-with-alpha sources in 8-bit sRGB', async () => {
    const rgb = sharp(photoPixels(), { raw: { width: 400, height: 300, channels: 3 } });
    const sources = [
      await rgb.clone().toColourspace('rgb16').png().toBuffer(),
      await rgb.clone().toColourspace('cmyk').jpeg().toBuffer(),
      await rgb.clone().greyscale().ensureAlpha(0.5).png().toBuffer(),
    ];
    for (const source of sources) {
      const produced = await renderImage(source, { regions: [SECRET] });
      expect(await sharp(produced.bytes).metadata()).toMatchObject({ space: 'srgb', depth: 'uchar' });
      expect((await pixelAt(produced.bytes, 150, 150)).slice(0, 3)).toEqual([0, 0, 0]);
      expect(await whitePixels(produced.bytes)).toBe(0);
    }
  });

  it('refuses a region outside the image with a named error', async () => {
    await expect(renderImage(await gif(), { regions: [{ x: 0.8, y: 0, w: 0.5, h: 0.5 }] })).rejects.toThrow(InvalidRegionError);
    await expect(renderImage(await gif(), { regions: [{ x: 0, y: 0, w: 0, h: 0.5 }] })).rejects.toThrow(
      /region 1 cannot be applied: w and h/,
    );
  });
});

describe('renderImage chooses the format and scales', () => {
  it('keeps photos JPEG and lossless or transparent sources PNG', async () => {
    expect((await renderImage(await jpegWithGps())).mime).toBe('image/jpeg');
    expect((await renderImage(await webp())).mime).toBe('image/jpeg');
    expect((await renderImage(await gif())).mime).toBe('image/png');
    const alpha = await renderImage(await pngWithAlpha());
    expect(alpha.mime).toBe('image/png');
    expect(await pixelAt(alpha.bytes, 150, 50)).toEqual([0, 0, 0, 0]);
  });

  it('fills a transparent area opaque black, and flattens onto white when JPEG is asked for', async () => {
    const filled = await renderImage(await pngWithAlpha(), { regions: [{ x: 0.75, y: 0, w: 0.25, h: 1 }] });
    expect(await pixelAt(filled.bytes, 190, 50)).toEqual([0, 0, 0, 255]);
    const flat = await renderImage(await pngWithAlpha(), { format: 'jpeg' });
    expect(flat.mime).toBe('image/jpeg');
    expect(Math.min(...(await pixelAt(flat.bytes, 150, 50)))).toBeGreaterThan(250);
  });

  it('scales down to maxWidth and never up', async () => {
    expect(await renderImage(await jpegWithGps(), { maxWidth: 200 })).toMatchObject({ width: 200, height: 150 });
    expect(await renderImage(await jpegWithGps(), { maxWidth: 4000 })).toMatchObject({ width: 400, height: 300 });
  });

  it('produces the first frame of an animated GIF and says how many frames there were', async () => {
    const produced = await renderImage(await animatedGif());
    expect(produced).toMatchObject({ width: 40, height: 30, sourceFrames: 3 });
    expect((await pixelAt(produced.bytes, 5, 5)).slice(0, 3)).toEqual([255, 0, 0]);
  });
});

describe('produced images carry no metadata', () => {
  it('strips EXIF (with GPS), XMP and the ICC profile from a rendition and a thumbnail', async () => {
    const source = await jpegWithAllMetadata();
    const before = await metadataLeft(source);
    expect(before.exifr).toMatchObject({ Make: 'Apple', latitude: expect.closeTo(55.9534, 3) });
    expect(before.xmp).toBeDefined();
    expect(before.icc).toBeDefined();
    expect(await metadataLeft((await renderImage(source)).bytes)).toEqual(NOTHING_LEFT);
    expect(await metadataLeft((await renderImage(source, { regions: [SECRET], maxWidth: 300 })).bytes)).toEqual(NOTHING_LEFT);
    expect(await metadataLeft((await thumbnail(source)).bytes)).toEqual(NOTHING_LEFT);
    expect(await metadataLeft((await thumbnail(source, { format: 'webp' })).bytes)).toEqual(NOTHING_LEFT);
  });
});

describe('rendering is deterministic', () => {
  it('gives byte-identical output for the same input and options', async () => {
    const inputs = [await jpegWithAllMetadata(), await pngWithAlpha(), heicQuadrant()];
    for (const input of inputs) {
      const options = { regions: [SECRET, { x: 0.61, y: 0.13, w: 0.17, h: 0.21 }], maxWidth: 97 };
      expect((await renderImage(input, options)).bytes.equals((await renderImage(input, options)).bytes)).toBe(true);
      expect((await renderImage(input)).bytes.equals((await renderImage(input)).bytes)).toBe(true);
      expect((await thumbnail(input)).bytes.equals((await thumbnail(input)).bytes)).toBe(true);
    }
  });
});

describe('thumbnail', () => {
  it('fits a box, keeps the orientation and can show the regions filled', async () => {
    expect(await thumbnail(await jpegWithGps())).toMatchObject({ mime: 'image/jpeg', width: 160, height: 120 });
    expect(await thumbnail(await jpegOrientedSix(), { size: 80 })).toMatchObject({ width: 80, height: 60 });
    expect(await thumbnail(await gif(), { size: 160 })).toMatchObject({ width: 40, height: 30 });
    expect(await thumbnail(heicQuadrant(), { format: 'webp', size: 64 })).toMatchObject({ mime: 'image/webp', width: 64, height: 48 });
    const redacted = await thumbnail(await jpegWithGps(), { regions: [SECRET] });
    expect(await whitePixels(redacted.bytes)).toBe(0);
  });
});

describe('decode safety', () => {
  it('refuses a PNG decompression bomb from its header, fast and without allocating its pixels', async () => {
    const bomb = pngBomb();
    expect(bomb.length).toBeLessThan(200);
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    const message = 'could not be decoded: 100000 × 100000 px is more than the 100 megapixel limit';
    await expect(renderImage(bomb)).rejects.toThrow(new MediaDecodeError('100000 × 100000 px is more than the 100 megapixel limit'));
    await expect(renderImage(bomb)).rejects.toThrow(message);
    await expect(thumbnail(bomb)).rejects.toThrow(message);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(64 * 1024 * 1024);
  });

  it('gives a corrupt or truncated JPEG a MediaDecodeError with the decoder reason', async () => {
    const source = await jpegWithGps();
    const truncated = renderImage(source.subarray(0, source.length / 2));
    await expect(truncated).rejects.toBeInstanceOf(MediaDecodeError);
    await expect(truncated).rejects.toThrow(/^could not be decoded: .*premature end/i);
    const scrambled = Buffer.from(source);
    scrambled.fill(0x55, 700, 1500);
    await expect(thumbnail(scrambled)).rejects.toThrow(/^could not be decoded: .*JPEG/);
  });

  it('gives a truncated HEIC, a non-image and noise a MediaDecodeError', async () => {
    await expect(renderImage(heicQuadrant().subarray(0, 400))).rejects.toBeInstanceOf(MediaDecodeError);
    await expect(renderImage(Buffer.from('%PDF-1.7\n'))).rejects.toThrow('could not be decoded: the content is PDF, not an image');
    await expect(renderImage(Buffer.from([0, 1, 2, 3, 4]))).rejects.toThrow('could not be decoded: the content is not an image');
  });
});
