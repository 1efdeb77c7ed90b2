/**
 * What a file is, by its first bytes (magic numbers), never by its name: an attachment called
 * IMG-0001.jpg may be a PNG, a HEIC or a PDF, and what the case records, shows and produces follows the
 * content. Pure: no I/O, so the import, a worker and the tests call it on any head of bytes.
 */
import type { MediaKind, SniffedType } from '../../common/domain/media';

/**
 * How many leading bytes to pass. 64 recognise every type here; the rest only let a zip's first few
 * member names show, which tells a Word document from an Excel or PowerPoint one.
 */
export const SNIFF_HEAD_BYTES = 4096;

const type = (mime: string, kind: MediaKind, label: string): SniffedType => Object.freeze({ mime, kind, label });

export const UNRECOGNISED = type('application/octet-stream', 'other', 'unrecognised content');
const EMPTY = type('application/octet-stream', 'other', 'empty file');
const ZIP = type('application/zip', 'archive', 'ZIP archive');
const OOXML_UNKNOWN = type('application/zip', 'document', 'Office document (Word, Excel or PowerPoint)');
const DOCX = type('application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'document', 'Word document (docx)');
const XLSX = type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'document', 'Excel workbook (xlsx)');
const PPTX = type(
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'document',
  'PowerPoint presentation (pptx)',
);
const PLAIN_TEXT = type('text/plain', 'document', 'plain text');

/** Recognise `head` (the first bytes of the content; SNIFF_HEAD_BYTES is plenty). */
export function sniff(head: Uint8Array): SniffedType {
  if (head.length === 0) return EMPTY;
  return sniffBinary(head) ?? sniffText(head) ?? UNRECOGNISED;
}

function sniffBinary(b: Uint8Array): SniffedType | undefined {
  if (starts(b, [0xff, 0xd8, 0xff])) return type('image/jpeg', 'image', 'JPEG');
  if (starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return type('image/png', 'image', 'PNG');
  if (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a') return type('image/gif', 'image', 'GIF');
  if (ascii(b, 0, 4) === 'RIFF') return riff(ascii(b, 8, 12));
  if (ascii(b, 4, 8) === 'ftyp') return isoMedia(b);
  if (['moov', 'mdat', 'wide'].includes(ascii(b, 4, 8))) return type('video/quicktime', 'video', 'QuickTime video');
  if (ascii(b, 0, 4) === 'II*\0' || ascii(b, 0, 4) === 'MM\0*') return type('image/tiff', 'image', 'TIFF');
  if (isBmp(b)) return type('image/bmp', 'image', 'BMP');
  if (ascii(b, 0, 5) === '%PDF-') return type('application/pdf', 'document', 'PDF');
  if (ascii(b, 0, 4) === 'OggS') return ogg(b);
  if (ascii(b, 0, 9) === '#!AMR-WB\n') return type('audio/amr-wb', 'audio', 'AMR-WB audio');
  if (ascii(b, 0, 6) === '#!AMR\n') return type('audio/amr', 'audio', 'AMR audio');
  if (ascii(b, 0, 4) === 'fLaC') return type('audio/flac', 'audio', 'FLAC audio');
  if (ascii(b, 0, 3) === 'ID3' || isMpegAudioFrame(b)) return type('audio/mpeg', 'audio', 'MP3 audio');
  if (isAdtsFrame(b)) return type('audio/aac', 'audio', 'AAC audio');
  if (starts(b, [0x50, 0x4b, 0x03, 0x04])) return zip(b);
  if (starts(b, [0x50, 0x4b, 0x05, 0x06])) return ZIP;
  if (starts(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    return type('application/x-ole-storage', 'document', 'Office 97–2003 document (or other OLE file)');
  }
  if (starts(b, [0x1f, 0x8b])) return type('application/gzip', 'archive', 'gzip archive');
  if (starts(b, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return type('application/x-7z-compressed', 'archive', '7-Zip archive');
  if (ascii(b, 0, 4) === 'Rar!') return type('application/vnd.rar', 'archive', 'RAR archive');
  return undefined;
}

function riff(form: string): SniffedType {
  if (form === 'WEBP') return type('image/webp', 'image', 'WebP');
  if (form === 'WAVE') return type('audio/wav', 'audio', 'WAV audio');
  if (form === 'AVI ') return type('video/x-msvideo', 'video', 'AVI video');
  return UNRECOGNISED;
}

const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'hevm', 'hevs']);
const AVIF_BRANDS = new Set(['avif', 'avis']);
const HEIF_BRANDS = new Set(['mif1', 'msf1', 'miaf', 'mif2']);
const MP4_BRANDS = new Set(['isom', 'iso2', 'iso3', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'avc1', 'dash', 'mmp4', 'MSNV', 'f4v ']);
const M4A_BRANDS = new Set(['M4A ', 'M4B ', 'M4P ', 'F4A ']);

/** ISO base media (MP4, MOV, 3GP, M4A, HEIF, AVIF): the ftyp box names a major brand and compatible ones. */
function isoMedia(b: Uint8Array): SniffedType {
  const major = ascii(b, 8, 12);
  const boxEnd = Math.min(b.length, readU32(b, 0));
  const compatible: string[] = [];
  for (let at = 16; at + 4 <= boxEnd; at += 4) compatible.push(ascii(b, at, at + 4));
  const brands = [major, ...compatible];
  const has = (set: Set<string>) => brands.some((brand) => set.has(brand));
  if (AVIF_BRANDS.has(major)) return type('image/avif', 'image', 'AVIF');
  if (HEIC_BRANDS.has(major)) return type('image/heic', 'image', 'HEIC');
  if (HEIF_BRANDS.has(major)) {
    if (has(HEIC_BRANDS)) return type('image/heic', 'image', 'HEIC');
    if (has(AVIF_BRANDS)) return type('image/avif', 'image', 'AVIF');
    return type('image/heif', 'image', 'HEIF');
  }
  if (M4A_BRANDS.has(major)) return type('audio/mp4', 'audio', 'M4A audio');
  if (major === 'qt  ') return type('video/quicktime', 'video', 'QuickTime video');
  if (major.startsWith('3g2')) return type('video/3gpp2', 'video', '3GP2 video');
  if (major.startsWith('3gp') || major.startsWith('3ge') || major.startsWith('3gg')) return type('video/3gpp', 'video', '3GP video');
  if (MP4_BRANDS.has(major) || major.startsWith('M4V')) return type('video/mp4', 'video', 'MP4 video');
  return type('application/octet-stream', 'other', `ISO media (brand "${major.trim()}")`);
}

function ogg(b: Uint8Array): SniffedType {
  // The first page's first packet starts after the 27-byte header and its segment table.
  const packet = 27 + (b[26] ?? 0);
  if (ascii(b, packet, packet + 8) === 'OpusHead') return type('audio/ogg', 'audio', 'Opus audio');
  if (ascii(b, packet + 1, packet + 7) === 'vorbis') return type('audio/ogg', 'audio', 'Ogg Vorbis audio');
  if (ascii(b, packet + 1, packet + 7) === 'theora') return type('video/ogg', 'video', 'Ogg video');
  return type('audio/ogg', 'audio', 'Ogg media');
}

/** An MPEG audio frame header: 11 sync bits, a version and layer that exist, a bitrate and rate that exist. */
function isMpegAudioFrame(b: Uint8Array): boolean {
  if (b.length < 4 || b[0] !== 0xff) return false;
  const b1 = b[1]!;
  const b2 = b[2]!;
  if ((b1 & 0xe0) !== 0xe0) return false;
  const version = (b1 >> 3) & 3;
  const layer = (b1 >> 1) & 3;
  const bitrate = b2 >> 4;
  const rate = (b2 >> 2) & 3;
  return version !== 1 && layer !== 0 && bitrate !== 0 && bitrate !== 15 && rate !== 3;
}

/** AAC in ADTS: sync bits, then layer 00, which MPEG audio never has. */
function isAdtsFrame(b: Uint8Array): boolean {
  return b.length >= 7 && b[0] === 0xff && (b[1]! & 0xf6) === 0xf0;
}

function isBmp(b: Uint8Array): boolean {
  if (ascii(b, 0, 2) !== 'BM' || b.length < 18) return false;
  const dibHeaderSize = readU32LE(b, 14);
  return readU32LE(b, 6) === 0 && [12, 40, 52, 56, 64, 108, 124].includes(dibHeaderSize);
}

/**
 * A zip's local headers in order, as far as the head shows: an Office Open XML document starts with
 * [Content_Types].xml, and its part names (word/, xl/, ppt/) say which application it belongs to.
 */
function zip(b: Uint8Array): SniffedType {
  const names: string[] = [];
  let at = 0;
  while (at + 30 <= b.length && readU32LE(b, at) === 0x04034b50 && names.length < 16) {
    const flags = readU16LE(b, at + 6);
    const compressedSize = readU32LE(b, at + 18);
    const nameLength = readU16LE(b, at + 26);
    const extraLength = readU16LE(b, at + 28);
    if (at + 30 + nameLength > b.length) break;
    names.push(ascii(b, at + 30, at + 30 + nameLength));
    // With a data descriptor (flag bit 3) the size comes after the data, so the next header cannot be found.
    if ((flags & 0x08) !== 0) break;
    at += 30 + nameLength + extraLength + compressedSize;
  }
  if (names.some((n) => n.startsWith('word/'))) return DOCX;
  if (names.some((n) => n.startsWith('xl/'))) return XLSX;
  if (names.some((n) => n.startsWith('ppt/'))) return PPTX;
  if (names.includes('[Content_Types].xml')) return OOXML_UNKNOWN;
  if (names[0] === 'mimetype') return openDocument(b);
  return ZIP;
}

/** ODF and EPUB store their media type uncompressed as the first member, "mimetype". */
function openDocument(b: Uint8Array): SniffedType {
  const dataStart = 30 + readU16LE(b, 26) + readU16LE(b, 28);
  const mime = ascii(b, dataStart, dataStart + Math.min(readU32LE(b, 18), 80));
  if (mime === 'application/epub+zip') return type(mime, 'document', 'EPUB book');
  if (mime.startsWith('application/vnd.oasis.opendocument.')) return type(mime, 'document', 'OpenDocument file');
  return ZIP;
}

/** Text: vCard, vCalendar, HTML, XML, RTF by their opening words; else plain text if nothing looks binary. */
function sniffText(b: Uint8Array): SniffedType | undefined {
  const start = starts(b, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  const opening = ascii(b, start, Math.min(b.length, start + 512))
    .trimStart()
    .toUpperCase();
  if (opening.startsWith('BEGIN:VCARD')) return type('text/vcard', 'contact', 'vCard');
  if (opening.startsWith('BEGIN:VCALENDAR')) return type('text/calendar', 'document', 'calendar (iCalendar)');
  if (opening.startsWith('{\\RTF')) return type('application/rtf', 'document', 'RTF document');
  if (opening.startsWith('<!DOCTYPE HTML') || opening.startsWith('<HTML')) return type('text/html', 'document', 'HTML');
  if (opening.startsWith('<?XML')) return type('application/xml', 'document', 'XML');
  return looksLikeText(b, start) ? PLAIN_TEXT : undefined;
}

/** No NUL and almost no other control characters: text in UTF-8 or any 8-bit encoding. */
function looksLikeText(b: Uint8Array, start: number): boolean {
  let controls = 0;
  for (let i = start; i < b.length; i++) {
    const c = b[i]!;
    if (c === 0) return false;
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c && c !== 0x1b) controls++;
  }
  return controls * 100 <= b.length - start;
}

function starts(b: Uint8Array, magic: readonly number[]): boolean {
  return b.length >= magic.length && magic.every((byte, i) => b[i] === byte);
}

function ascii(b: Uint8Array, from: number, to: number): string {
  let text = '';
  for (let i = from; i < Math.min(to, b.length); i++) text += String.fromCharCode(b[i]!);
  return text;
}

function readU32(b: Uint8Array, at: number): number {
  return ((b[at]! << 24) >>> 0) + (b[at + 1]! << 16) + (b[at + 2]! << 8) + b[at + 3]!;
}

function readU32LE(b: Uint8Array, at: number): number {
  return (b[at] ?? 0) + ((b[at + 1] ?? 0) << 8) + ((b[at + 2] ?? 0) << 16) + (((b[at + 3] ?? 0) << 24) >>> 0);
}

function readU16LE(b: Uint8Array, at: number): number {
  return (b[at] ?? 0) + ((b[at + 1] ?? 0) << 8);
}

/** The extensions each type is known by; a name whose extension is not here never disagrees. */
const EXTENSIONS: Readonly<Record<string, readonly string[]>> = {
  jpg: ['image/jpeg'],
  jpeg: ['image/jpeg'],
  jpe: ['image/jpeg'],
  jfif: ['image/jpeg'],
  png: ['image/png'],
  gif: ['image/gif'],
  webp: ['image/webp'],
  heic: ['image/heic', 'image/heif'],
  heif: ['image/heic', 'image/heif', 'image/avif'],
  hif: ['image/heic', 'image/heif'],
  avif: ['image/avif'],
  tif: ['image/tiff'],
  tiff: ['image/tiff'],
  dng: ['image/tiff'],
  bmp: ['image/bmp'],
  pdf: ['application/pdf'],
  // An .m4a or .mp4 often carries a generic brand (isom, mp42), so the two are one family.
  mp4: ['video/mp4', 'audio/mp4'],
  m4v: ['video/mp4'],
  m4a: ['audio/mp4', 'video/mp4'],
  mov: ['video/quicktime'],
  qt: ['video/quicktime'],
  '3gp': ['video/3gpp', 'video/mp4'],
  '3g2': ['video/3gpp2', 'video/3gpp'],
  avi: ['video/x-msvideo'],
  opus: ['audio/ogg'],
  ogg: ['audio/ogg', 'video/ogg'],
  oga: ['audio/ogg'],
  ogv: ['video/ogg'],
  mp3: ['audio/mpeg'],
  aac: ['audio/aac'],
  amr: ['audio/amr', 'audio/amr-wb'],
  awb: ['audio/amr-wb'],
  wav: ['audio/wav'],
  flac: ['audio/flac'],
  vcf: ['text/vcard'],
  vcard: ['text/vcard'],
  ics: ['text/calendar'],
  zip: ['application/zip'],
  // A docx whose part names lie beyond the head is sniffed as a generic Office zip.
  docx: [DOCX.mime, 'application/zip'],
  xlsx: [XLSX.mime, 'application/zip'],
  pptx: [PPTX.mime, 'application/zip'],
  doc: ['application/x-ole-storage'],
  xls: ['application/x-ole-storage'],
  ppt: ['application/x-ole-storage'],
  rtf: ['application/rtf'],
  txt: ['text/plain'],
  gz: ['application/gzip'],
  '7z': ['application/x-7z-compressed'],
  rar: ['application/vnd.rar'],
};

/**
 * A note when the name's extension claims a type the content is not ("the name says .jpg but the content
 * is PNG"), else undefined. Unknown or missing extensions never disagree.
 */
export function extensionDisagrees(fileName: string, sniffed: SniffedType): string | undefined {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  if (dot <= 0 || dot === base.length - 1) return undefined;
  const extension = base.slice(dot + 1).toLowerCase();
  const expected = EXTENSIONS[extension];
  if (expected === undefined || expected.includes(sniffed.mime)) return undefined;
  if (sniffed.label === EMPTY.label) return `the name says .${extension} but the file is empty`;
  if (sniffed.label === UNRECOGNISED.label) return `the name says .${extension} but the content is not recognised`;
  return `the name says .${extension} but the content is ${sniffed.label}`;
}
