import { beforeEach, describe, expect, it, vi } from 'vitest';

import { describeMedia } from '../../../main/media/metadata';
import { renderImage } from '../../../main/media/render';
import { sniff } from '../../../main/media/sniff';
import { heicQuadrant } from './images';

const decodeCalls = vi.hoisted(() => ({ count: 0 }));

// The real decoder, counted: the pixel cap must refuse a HEIC before heic-decode allocates anything.
vi.mock('heic-decode', async (importOriginal) => {
  const actual = await importOriginal<{ default: (input: { buffer: Uint8Array }) => Promise<unknown> }>();
  return {
    default: (input: { buffer: Uint8Array }) => {
      decodeCalls.count++;
      return actual.default(input);
    },
  };
});

/** The fixture with its image spatial extent (ispe) claiming `width` × `height`. */
function heicClaiming(width: number, height: number): Buffer {
  const bytes = Buffer.from(heicQuadrant());
  const ispe = bytes.indexOf('ispe');
  bytes.writeUInt32BE(width, ispe + 8);
  bytes.writeUInt32BE(height, ispe + 12);
  return bytes;
}

describe('HEIC decoding', () => {
  beforeEach(() => {
    decodeCalls.count = 0;
  });

  it('decodes through heic-decode once', async () => {
    expect(await renderImage(heicQuadrant())).toMatchObject({ width: 128, height: 96 });
    expect(decodeCalls.count).toBe(1);
  });

  it('refuses a header claiming 100,000 × 100,000 px before heic-decode runs', async () => {
    const bomb = heicClaiming(100_000, 100_000);
    await expect(renderImage(bomb)).rejects.toThrow('could not be decoded: 100000 × 100000 px is more than the 100 megapixel limit');
    expect((await describeMedia(bomb, sniff(bomb))).problem).toBe(
      'could not be decoded: 100000 × 100000 px is more than the 100 megapixel limit',
    );
    expect(decodeCalls.count).toBe(0);
  });

  it('gives a header whose size the picture does not have a MediaDecodeError, as libheif refuses it', async () => {
    await expect(renderImage(heicClaiming(96, 128))).rejects.toThrow('could not be decoded: HEIF processing error');
    expect(decodeCalls.count).toBe(1);
  });
});
