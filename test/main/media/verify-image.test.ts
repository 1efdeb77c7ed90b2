import sharp from 'sharp';
import { describe, expect, it } from 'vitest';

import { renderImage } from '../../../main/media/render';
import { checkProducedImage } from '../../../main/media/verify-image';
import { heicQuadrant, jpegWithAllMetadata, jpegWithGps, pngWithAlpha } from './images';

const SECRET = { x: 0.25, y: 1 / 3, w: 0.25, h: 1 / 3 };
const SMALL = { x: 0.61, y: 0.13, w: 0.17, h: 0.21 };

describe('checkProducedImage', () => {
  it('passes what renderImage produces, at any size and in either format', async () => {
    for (const source of [await jpegWithGps(), await pngWithAlpha(), heicQuadrant()]) {
      for (const maxWidth of [undefined, 333, 97]) {
        const produced = await renderImage(source, { regions: [SECRET, SMALL], ...(maxWidth ? { maxWidth } : {}) });
        expect(await checkProducedImage(produced.bytes, [SECRET, SMALL])).toEqual([]);
      }
    }
  });

  it('refuses a planted original: its metadata and each unredacted region, by number', async () => {
    expect(await checkProducedImage(await jpegWithGps(), [SMALL, SECRET])).toEqual([
      'carries EXIF (GPS position)',
      'region 1 is not uniform: 100% of its pixels differ from the fill',
      'region 2 is not uniform: 100% of its pixels differ from the fill',
    ]);
  });

  it('says how much of a half-redacted region still shows', async () => {
    const half = await renderImage(await jpegWithGps(), { regions: [{ ...SECRET, w: SECRET.w / 2 }], format: 'png' });
    const failures = await checkProducedImage(half.bytes, [SECRET]);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(/^region 1 is not uniform: (4\d|5[0-2])% of its pixels differ from the fill$/);
  });

  it('names every kind of metadata left in a file', async () => {
    const everything = await jpegWithAllMetadata();
    const rendered = await renderImage(everything);
    const withoutGps = await sharp(rendered.bytes)
      .withExif({ IFD0: { Copyright: 'Private Office' } })
      .jpeg()
      .toBuffer();
    expect(await checkProducedImage(everything, [])).toEqual(['carries EXIF (GPS position)', 'carries XMP', 'carries an ICC profile']);
    expect(await checkProducedImage(withoutGps, [])).toEqual(['carries EXIF']);
  });

  it('reports bytes it cannot decode and regions it cannot check, without throwing', async () => {
    const produced = await renderImage(await jpegWithGps(), { regions: [SECRET] });
    expect(await checkProducedImage(produced.bytes.subarray(0, 600), [SECRET])).toEqual([expect.stringMatching(/^could not be decoded: /)]);
    expect(await checkProducedImage(produced.bytes, [{ x: 0.9, y: 0, w: 0.2, h: 0.1 }])).toEqual([
      'region 1 cannot be checked: the rectangle must lie within the image (x + w and y + h at most 1)',
    ]);
  });
});
