/**
 * A produced image as a PDF image XObject, and back, without decoding it: a JPEG is its own stream
 * (DCTDecode takes the file as it is), and a PNG's IDAT data is a Flate stream with PNG predictors
 * (FlateDecode with /Predictor 15 reads it as it is). So the bytes in the PDF are the produced
 * rendition's own, encoded once, and verification can rebuild the file from the stream and decode it.
 *
 * Only what render.ts writes for the bundle is taken: baseline or progressive JPEG (grey, RGB or CMYK)
 * and non-interlaced, opaque, non-palette PNG (grey or RGB, 8 or 16 bits).
 */
import { crc32 } from 'node:zlib';

/** What the XObject's dictionary says of the image, and its stream's data. */
export interface PdfImage {
  readonly width: number;
  readonly height: number;
  readonly filter: 'DCTDecode' | 'FlateDecode';
  readonly colorSpace: 'DeviceGray' | 'DeviceRGB' | 'DeviceCMYK';
  readonly bitsPerComponent: number;
  /** For FlateDecode: the predictor parameters (colours per pixel). */
  readonly colors: number;
  readonly data: Uint8Array;
}

export class UnsupportedImageError extends Error {
  constructor(problem: string) {
    super(`The produced image cannot be placed in the PDF: ${problem}. This is a defect in the export; report it.`);
    this.name = 'UnsupportedImageError';
  }
}

const COLOR_SPACES = { 1: 'DeviceGray', 3: 'DeviceRGB', 4: 'DeviceCMYK' } as const;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function pdfImageOf(bytes: Uint8Array, mime: 'image/jpeg' | 'image/png'): PdfImage {
  return mime === 'image/jpeg' ? jpegImage(bytes) : pngImage(bytes);
}

function jpegImage(bytes: Uint8Array): PdfImage {
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) throw new UnsupportedImageError('the JPEG has a damaged marker');
    const marker = bytes[at + 1]!;
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    // Start-of-frame markers: C0–CF except C4 (Huffman tables), C8 (reserved) and CC (arithmetic conditioning).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const bits = bytes[at + 4]!;
      const height = (bytes[at + 5]! << 8) | bytes[at + 6]!;
      const width = (bytes[at + 7]! << 8) | bytes[at + 8]!;
      const components = bytes[at + 9]! as 1 | 3 | 4;
      const colorSpace = COLOR_SPACES[components];
      if (!colorSpace) throw new UnsupportedImageError(`the JPEG has ${components} colour components`);
      return { width, height, filter: 'DCTDecode', colorSpace, bitsPerComponent: bits, colors: components, data: bytes };
    }
    at += 2 + length;
  }
  throw new UnsupportedImageError('the JPEG has no frame header');
}

function pngImage(bytes: Uint8Array): PdfImage {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!buffer.subarray(0, 8).equals(PNG_SIGNATURE)) throw new UnsupportedImageError('the PNG has no signature');
  let header: { width: number; height: number; depth: number; colorType: number; interlace: number } | undefined;
  const data: Buffer[] = [];
  for (let at = 8; at + 8 <= buffer.length;) {
    const length = buffer.readUInt32BE(at);
    const type = buffer.toString('latin1', at + 4, at + 8);
    const body = buffer.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      header = { width: body.readUInt32BE(0), height: body.readUInt32BE(4), depth: body[8]!, colorType: body[9]!, interlace: body[12]! };
    } else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') break;
    at += 12 + length;
  }
  if (!header) throw new UnsupportedImageError('the PNG has no header');
  const colors = header.colorType === 0 ? 1 : header.colorType === 2 ? 3 : 0;
  if (colors === 0) throw new UnsupportedImageError(`the PNG's colour type is ${header.colorType} (only opaque grey or RGB is placed)`);
  if (header.interlace !== 0) throw new UnsupportedImageError('the PNG is interlaced');
  if (header.depth !== 8 && header.depth !== 16) throw new UnsupportedImageError(`the PNG has ${header.depth}-bit samples`);
  return {
    width: header.width,
    height: header.height,
    filter: 'FlateDecode',
    colorSpace: colors === 1 ? 'DeviceGray' : 'DeviceRGB',
    bitsPerComponent: header.depth,
    colors,
    data: Buffer.concat(data),
  };
}

/** The XObject's dictionary entries, as PDF source. */
export function imageDictionary(image: PdfImage): string {
  const parms =
    image.filter === 'FlateDecode'
      ? `/DecodeParms << /Predictor 15 /Colors ${image.colors} /BitsPerComponent ${image.bitsPerComponent} /Columns ${image.width} >>\n`
      : '';
  return (
    `/Type /XObject\n/Subtype /Image\n/Width ${image.width}\n/Height ${image.height}\n/ColorSpace /${image.colorSpace}\n` +
    `/BitsPerComponent ${image.bitsPerComponent}\n/Filter /${image.filter}\n${parms}/Length ${image.data.byteLength}`
  );
}

/** An image XObject read back from a PDF's dictionary text and stream data, or null when the object is not one this bundle places. */
export function readPdfImage(dictionary: string, data: Uint8Array): PdfImage | null {
  if (!/\/Subtype\s*\/Image\b/u.test(dictionary)) return null;
  const number = (key: string): number => Number(new RegExp(`/${key}\\s+(\\d+)`, 'u').exec(dictionary)?.[1] ?? Number.NaN);
  const name = (key: string): string => new RegExp(`/${key}\\s*/(\\w+)`, 'u').exec(dictionary)?.[1] ?? '';
  const filter = name('Filter');
  const colorSpace = name('ColorSpace');
  if ((filter !== 'DCTDecode' && filter !== 'FlateDecode') || !Object.values(COLOR_SPACES).includes(colorSpace as never)) return null;
  return {
    width: number('Width'),
    height: number('Height'),
    filter,
    colorSpace: colorSpace as PdfImage['colorSpace'],
    bitsPerComponent: number('BitsPerComponent'),
    colors: filter === 'FlateDecode' ? number('Colors') : colorSpace === 'DeviceGray' ? 1 : colorSpace === 'DeviceRGB' ? 3 : 4,
    data,
  };
}

/** The image as a file a decoder reads: the JPEG itself, or a PNG rebuilt around the Flate data. */
export function imageFileOf(image: PdfImage): Buffer {
  if (image.filter === 'DCTDecode') return Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(image.width, 0);
  ihdr.writeUInt32BE(image.height, 4);
  ihdr[8] = image.bitsPerComponent;
  ihdr[9] = image.colors === 1 ? 0 : 2;
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', Buffer.from(image.data)), chunk('IEND', Buffer.alloc(0))]);
}

function chunk(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
  return Buffer.concat([head, body, crc]);
}
