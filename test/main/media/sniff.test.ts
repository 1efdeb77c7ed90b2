import { describe, expect, it } from 'vitest';

import { extensionDisagrees, sniff } from '../../../main/media/sniff';

const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((part) => (typeof part === 'string' ? [...Buffer.from(part, 'latin1')] : part)));

/** An ftyp box: size, "ftyp", major brand, minor version, compatible brands. */
const ftyp = (major: string, ...compatible: string[]) => {
  const size = 16 + 4 * compatible.length;
  return bytes([0, 0, 0, size], 'ftyp', major, [0, 0, 0, 0], ...compatible, [0, 0, 0, 8], 'free');
};

/** A zip's local file header for a stored member holding `data`. */
const zipMember = (name: string, data = '') => {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt32LE(data.length, 18);
  header.writeUInt32LE(data.length, 22);
  header.writeUInt16LE(name.length, 26);
  return Buffer.concat([header, Buffer.from(name, 'latin1'), Buffer.from(data, 'latin1')]);
};

describe('sniff recognises content by its first bytes', () => {
  const cases: [string, Uint8Array, string, string, string][] = [
    ['JPEG', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'JFIF'), 'image/jpeg', 'image', 'JPEG'],
    ['PNG', bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 'IHDR'), 'image/png', 'image', 'PNG'],
    ['GIF', bytes('GIF89a', [1, 0, 1, 0]), 'image/gif', 'image', 'GIF'],
    ['WebP', bytes('RIFF', [0, 1, 0, 0], 'WEBPVP8 '), 'image/webp', 'image', 'WebP'],
    ['HEIC (heic brand)', ftyp('heic', 'mif1', 'heic'), 'image/heic', 'image', 'HEIC'],
    ['HEIC (mif1 major, heic compatible)', ftyp('mif1', 'mif1', 'heic'), 'image/heic', 'image', 'HEIC'],
    ['HEIC sequence (hevc)', ftyp('hevc', 'msf1'), 'image/heic', 'image', 'HEIC'],
    ['HEIF (msf1 only)', ftyp('msf1', 'msf1'), 'image/heif', 'image', 'HEIF'],
    ['AVIF', ftyp('avif', 'mif1', 'miaf'), 'image/avif', 'image', 'AVIF'],
    ['TIFF (little-endian)', bytes('II*', [0, 8, 0, 0, 0]), 'image/tiff', 'image', 'TIFF'],
    ['TIFF (big-endian)', bytes('MM', [0, 0x2a, 0, 0, 0, 8]), 'image/tiff', 'image', 'TIFF'],
    ['BMP', bytes('BM', [0x46, 0, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0, 40, 0, 0, 0]), 'image/bmp', 'image', 'BMP'],
    ['PDF', bytes('%PDF-1.7\n'), 'application/pdf', 'document', 'PDF'],
    ['MP4', ftyp('isom', 'isom', 'iso2', 'avc1', 'mp41'), 'video/mp4', 'video', 'MP4 video'],
    ['MP4 (mp42)', ftyp('mp42', 'mp41'), 'video/mp4', 'video', 'MP4 video'],
    ['MOV', ftyp('qt  ', 'qt  '), 'video/quicktime', 'video', 'QuickTime video'],
    ['MOV without ftyp', bytes([0, 0, 0, 8], 'wide', [0, 0, 0, 0], 'mdat'), 'video/quicktime', 'video', 'QuickTime video'],
    ['3GP', ftyp('3gp4', 'isom', '3gp4'), 'video/3gpp', 'video', '3GP video'],
    ['M4A', ftyp('M4A ', 'M4A ', 'mp42', 'isom'), 'audio/mp4', 'audio', 'M4A audio'],
    ['Opus in Ogg', bytes('OggS', [0, 2], new Array(20).fill(0), [1, 19], 'OpusHead', [1, 1]), 'audio/ogg', 'audio', 'Opus audio'],
    ['Vorbis in Ogg', bytes('OggS', [0, 2], new Array(20).fill(0), [1, 30, 1], 'vorbis'), 'audio/ogg', 'audio', 'Ogg Vorbis audio'],
    ['MP3 with ID3', bytes('ID3', [4, 0, 0, 0, 0, 0, 0]), 'audio/mpeg', 'audio', 'MP3 audio'],
    ['MP3 frame sync', bytes([0xff, 0xfb, 0x90, 0x64, 0, 0, 0, 0]), 'audio/mpeg', 'audio', 'MP3 audio'],
    ['AAC (ADTS)', bytes([0xff, 0xf1, 0x50, 0x80, 0x02, 0x1f, 0xfc]), 'audio/aac', 'audio', 'AAC audio'],
    ['AMR', bytes('#!AMR\n', [0x3c]), 'audio/amr', 'audio', 'AMR audio'],
    ['AMR-WB', bytes('#!AMR-WB\n', [0x04]), 'audio/amr-wb', 'audio', 'AMR-WB audio'],
    ['WAV', bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt '), 'audio/wav', 'audio', 'WAV audio'],
    ['vCard', bytes('BEGIN:VCARD\r\nVERSION:3.0\r\n'), 'text/vcard', 'contact', 'vCard'],
    [
      'vCard with BOM, blank lines, lower case',
      bytes([0xef, 0xbb, 0xbf], '\r\n  begin:vcard\nVERSION:2.1\n'),
      'text/vcard',
      'contact',
      'vCard',
    ],
    ['plain text', bytes('Meeting moved to 3pm, see you there\n'), 'text/plain', 'document', 'plain text'],
    ['plain text in Latin-1', bytes('Caf', [0xe9], ' at 10?\n'), 'text/plain', 'document', 'plain text'],
    ['unknown binary', bytes([0, 1, 2, 3, 0xfe, 0x80, 0, 0, 9]), 'application/octet-stream', 'other', 'unrecognised content'],
  ];
  it.each(cases)('%s', (_name, head, mime, kind, label) => {
    expect(sniff(head)).toEqual({ mime, kind, label });
  });

  it('tells Word, Excel and PowerPoint apart by their part names, when the head shows them', () => {
    const parts = (folder: string) =>
      Buffer.concat([zipMember('[Content_Types].xml', '<Types/>'), zipMember('_rels/.rels', '<R/>'), zipMember(`${folder}/document.xml`)]);
    expect(sniff(parts('word')).label).toBe('Word document (docx)');
    expect(sniff(parts('xl')).mime).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(sniff(parts('ppt')).label).toBe('PowerPoint presentation (pptx)');
    expect(sniff(zipMember('[Content_Types].xml', 'x'.repeat(5000)).subarray(0, 64))).toEqual({
      mime: 'application/zip',
      kind: 'document',
      label: 'Office document (Word, Excel or PowerPoint)',
    });
    expect(sniff(zipMember('photos/IMG_0001.jpg', 'data'))).toEqual({ mime: 'application/zip', kind: 'archive', label: 'ZIP archive' });
    expect(sniff(zipMember('mimetype', 'application/vnd.oasis.opendocument.text')).label).toBe('OpenDocument file');
  });

  it('needs no more than the first 64 bytes for any type but telling Office documents apart', () => {
    for (const [, head, mime] of cases) expect(sniff(head.subarray(0, 64)).mime).toBe(mime);
  });

  it('gives an empty file its own label', () => {
    expect(sniff(new Uint8Array(0)).label).toBe('empty file');
  });
});

describe('extensionDisagrees notes a name whose extension lies', () => {
  const png = sniff(bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a]));
  const jpeg = sniff(bytes([0xff, 0xd8, 0xff, 0xe1]));

  it('names what the name claims and what the content is', () => {
    expect(extensionDisagrees('IMG-20210304-WA0001.jpg', png)).toBe('the name says .jpg but the content is PNG');
    expect(extensionDisagrees('Photos/IMG_0042.HEIC', jpeg)).toBe('the name says .heic but the content is JPEG');
    expect(extensionDisagrees('voice.opus', sniff(new Uint8Array([0, 1, 2, 0])))).toBe(
      'the name says .opus but the content is not recognised',
    );
    expect(extensionDisagrees('photo.jpg', sniff(new Uint8Array(0)))).toBe('the name says .jpg but the file is empty');
  });

  it('treats the spellings of one type as one', () => {
    for (const name of ['a.jpg', 'a.JPEG', 'a.jpe', 'a.Jfif']) expect(extensionDisagrees(name, jpeg)).toBeUndefined();
    expect(extensionDisagrees('clip.m4a', sniff(ftyp('isom', 'isom')))).toBeUndefined();
    expect(extensionDisagrees('IMG_0001.HEIC', sniff(ftyp('mif1', 'mif1', 'heic')))).toBeUndefined();
  });

  it('never disagrees for an unknown or missing extension', () => {
    for (const name of ['attachment.bin', 'attachment', '.jpg', 'photo.', 'scan.xyz'])
      expect(extensionDisagrees(name, png)).toBeUndefined();
  });
});
