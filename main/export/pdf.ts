/**
 * The only pdf-lib user: draws laid-out pages (layout.ts) into a PDF.
 *
 * Speed: pages are written as raw content streams (PDF operators built as text, deflated with
 * Node's zlib) instead of through drawText, whose fontkit layout per call was most of the cost. Each
 * code point's glyph is encoded once per font and cached (text whose glyphs are all cached is
 * encoded without awaiting anything). All pages share one resource dictionary.
 * A page's contents may be several streams (the export draws a body as soon as it is laid out and its
 * header and footer once the page totals are known).
 *
 * Memory: each content stream is written to the file as soon as it is drawn and only its object
 * number is kept, so a bundle of 50,000 pages (one 200 MB message) holds none of its page content;
 * the rest (pages, fonts, catalogue: small) is written at the end with a classic cross-reference
 * table, and the file's SHA-256 is computed on the way. The page tree is balanced (at most
 * PAGE_TREE_FANOUT kids per node) rather than one flat list: readers find page n by walking the tree,
 * and a flat list of 10,000 pages makes every lookup walk thousands of entries.
 *
 * Determinism: the same pages give the same bytes. Fonts get fixed names (pdf-lib otherwise adds a
 * random suffix), the dates and the file identifier come from the caller (the case state, never the
 * clock), and pdf-lib's automatic Producer/ModDate stamping is off.
 *
 * Confidentiality: only what layout placed is written, and layout only ever receives RedactedText —
 * a redaction is a black box and its reason label, never the characters. The document information
 * carries references and the app, never message text; there are no bookmarks and no XMP.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, writeSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import {
  PDFCrossRefSection,
  PDFDict,
  PDFDocument,
  PDFHeader,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRef,
  PDFTrailer,
  PDFTrailerDict,
  type PDFFont,
  type PDFObject,
} from 'pdf-lib';
import * as fontkitModule from '@pdf-lib/fontkit';
import type { FontKey } from './fonts';
import { imageDictionary, pdfImageOf } from './pdf-images';
import { PAGE_HEIGHT, PAGE_WIDTH, type Color, type LaidPage, type Piece } from './layout';

const fontkit = (fontkitModule as unknown as { default?: typeof fontkitModule }).default ?? fontkitModule;

const RESOURCE_NAMES: Readonly<Record<FontKey, string>> = { regular: 'F1', bold: 'F2', emoji: 'F3' };
const FONT_NAMES: Readonly<Record<FontKey, string>> = { regular: 'DejaVuSans', bold: 'DejaVuSans-Bold', emoji: 'NotoEmoji-Regular' };
const GREY: Readonly<Record<Color, string>> = { black: '0', grey: '0.35', white: '1', light: '0.84' };
const PAGE_TREE_FANOUT = 32;
/**
 * zlib level for content streams. Measured on a 2,136-page bundle's 33 MB of operators: level 6
 * (zlib's default) 737 ms for 5.75 MB, level 3 319 ms for 6.81 MB, level 1 276 ms for 7.86 MB.
 * Level 3 keeps most of the compression at under half the time. (Compressing on libuv's thread pool
 * instead cost more in per-call overhead than it saved.)
 */
const DEFLATE_LEVEL = 3;

export interface PdfDetails {
  /** "Disclosure bundle INQ000000001–INQ000000042": references only. */
  readonly title: string;
  readonly creator: string;
  /** Both CreationDate and ModDate: the time of the case state exported, not of the export. */
  readonly date: Date;
  /** 32 hex digits, from the decisions hash: the same state gives the same identifier. */
  readonly fileId: string;
}

/** Numbers with at most two decimals and no trailing zeros: compact and stable across runs. */
const num = (n: number): string => {
  const fixed = n.toFixed(2);
  return fixed.includes('.') ? fixed.replace(/\.?0+$/u, '') : fixed;
};

/** The text matrix's first four numbers for a run turned `degrees` counter-clockwise. */
const rotation = (degrees: number): string => {
  const r = (degrees * Math.PI) / 180;
  const [cos, sin] = [Math.cos(r), Math.sin(r)];
  return [cos, sin, -sin, cos].map((n) => n.toFixed(4)).join(' ');
};

/** The PDF as written: its size and SHA-256, known without reading the file back. */
export interface WrittenPdf {
  readonly bytes: number;
  readonly sha256: string;
}

/** An owner-only file written front to back, hashed as it goes. */
class PdfFile {
  private readonly fd: number;
  private readonly hash = createHash('sha256');
  private open = true;
  offset = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'wx', 0o600);
  }

  write(bytes: Uint8Array | string): void {
    const buffer = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes;
    for (let done = 0; done < buffer.byteLength;) done += writeSync(this.fd, buffer, done, buffer.byteLength - done);
    this.hash.update(buffer);
    this.offset += buffer.byteLength;
  }

  writeObject(object: { sizeInBytes(): number; copyBytesInto(buffer: Uint8Array, offset: number): number }): void {
    const buffer = new Uint8Array(object.sizeInBytes());
    object.copyBytesInto(buffer, 0);
    this.write(buffer);
  }

  close(): WrittenPdf {
    this.abandon();
    return { bytes: this.offset, sha256: this.hash.digest('hex') };
  }

  abandon(): void {
    if (this.open) closeSync(this.fd);
    this.open = false;
  }
}

export class BundlePdf {
  private readonly fonts = new Map<FontKey, PDFFont>();
  private readonly glyphHex: Record<FontKey, Map<number, string>> = { regular: new Map(), bold: new Map(), emoji: new Map() };
  /** The same for ASCII, by code: an array read is cheaper than a map lookup on every character drawn. */
  private readonly asciiHex: Record<FontKey, (string | undefined)[]> = { regular: [], bold: [], emoji: [] };
  private readonly fontDict: PDFDict;
  private readonly resourceDict: PDFDict;
  private xobjectDict: PDFDict | null = null;
  private readonly resources: PDFRef;
  private readonly pageRefs: PDFRef[] = [];
  /** Where each content stream already written starts in the file, by object number. */
  private readonly written = new Map<number, number>();

  private constructor(
    private readonly doc: PDFDocument,
    private readonly fontData: Readonly<Record<FontKey, Uint8Array>>,
    private readonly file: PdfFile,
  ) {
    this.fontDict = doc.context.obj({});
    this.resourceDict = doc.context.obj({ Font: this.fontDict });
    this.resources = doc.context.register(this.resourceDict);
  }

  /** A PDF written to `path` (which must not exist yet) as it is drawn. */
  static async create(fontData: Readonly<Record<FontKey, Uint8Array>>, details: PdfDetails, path: string): Promise<BundlePdf> {
    const doc = await PDFDocument.create({ updateMetadata: false });
    doc.registerFontkit(fontkit);
    doc.setTitle(details.title);
    doc.setCreator(details.creator);
    doc.setProducer(details.creator);
    doc.setCreationDate(details.date);
    doc.setModificationDate(details.date);
    doc.setLanguage('en-GB');
    const id = PDFHexString.of(details.fileId);
    doc.context.trailerInfo.ID = doc.context.obj([id, id]);
    const file = new PdfFile(path);
    const header = PDFHeader.forVersion(1, 7);
    file.writeObject(header);
    file.write('\n\n');
    return new BundlePdf(doc, fontData, file);
  }

  get pages(): number {
    return this.pageRefs.length;
  }

  /** Embedded on first use: a bundle without emoji does not carry the emoji font. */
  private async font(key: FontKey): Promise<PDFFont> {
    let font = this.fonts.get(key);
    if (!font) {
      // Noto Emoji is embedded whole: fontkit's subsetter produces a font that draws nothing for it.
      font = await this.doc.embedFont(this.fontData[key], { subset: key !== 'emoji', customName: FONT_NAMES[key] });
      this.fonts.set(key, font);
      this.fontDict.set(PDFName.of(RESOURCE_NAMES[key]), font.ref);
    }
    return font;
  }

  /** The glyph of one code point, from the caches or null. */
  private cached(key: FontKey, cp: number): string | undefined {
    return cp < 0x80 ? this.asciiHex[key][cp] : this.glyphHex[key].get(cp);
  }

  /** `text` as hex glyph ids, or null if a glyph is not cached yet (then `encode`). */
  private encodeCached(key: FontKey, text: string): string | null {
    let hex = '';
    for (let i = 0; i < text.length;) {
      const cp = text.codePointAt(i) as number;
      i += cp > 0xffff ? 2 : 1;
      const glyph = this.cached(key, cp);
      if (glyph === undefined) return null;
      hex += glyph;
    }
    return hex;
  }

  private async encode(key: FontKey, text: string): Promise<string> {
    let hex = '';
    for (let i = 0; i < text.length;) {
      const cp = text.codePointAt(i) as number;
      i += cp > 0xffff ? 2 : 1;
      let glyph = this.cached(key, cp);
      if (glyph === undefined) {
        glyph = (await this.font(key)).encodeText(String.fromCodePoint(cp)).asString();
        if (cp < 0x80) this.asciiHex[key][cp] = glyph;
        else this.glyphHex[key].set(cp, glyph);
      }
      hex += glyph;
    }
    return hex;
  }

  /**
   * Writes a produced image (render.ts's JPEG or PNG) to the file as an image XObject, its bytes as they
   * are (pdf-images.ts), and returns the name pages draw it by and its object number (which the
   * manifest records, so verification finds each attachment's image).
   */
  embedImage(bytes: Uint8Array, mime: 'image/jpeg' | 'image/png'): { readonly name: string; readonly objectNumber: number } {
    const image = pdfImageOf(bytes, mime);
    const ref = this.doc.context.nextRef();
    this.written.set(ref.objectNumber, this.file.offset);
    this.file.write(`${ref.objectNumber} 0 obj\n<<\n${imageDictionary(image)}\n>>\nstream\n`);
    this.file.write(image.data);
    this.file.write('\nendstream\nendobj\n\n');
    if (!this.xobjectDict) {
      this.xobjectDict = this.doc.context.obj({});
      this.resourceDict.set(PDFName.of('XObject'), this.xobjectDict);
    }
    // Named by object number: the same case gives the same names, and so the same bytes.
    const name = `Im${ref.objectNumber}`;
    this.xobjectDict.set(PDFName.of(name), ref);
    return { name, objectNumber: ref.objectNumber };
  }

  /** Draws pieces into a content stream of the document, for one or more `addPage` calls to use. */
  async contentStream(pieces: readonly Piece[]): Promise<PDFRef> {
    const ops: string[] = [];
    let inText = false;
    let currentFont = '';
    let currentFill = '';
    const fill = (grey: string): void => {
      if (grey !== currentFill) {
        ops.push(`${grey} g`);
        currentFill = grey;
      }
    };
    const endText = (): void => {
      if (inText) ops.push('ET');
      inText = false;
    };
    for (const piece of pieces) {
      if (piece.kind === 'text') {
        if (!inText) {
          ops.push('BT');
          inText = true;
          currentFont = '';
        }
        fill(GREY[piece.color]);
        const font = `/${RESOURCE_NAMES[piece.font]} ${num(piece.size)} Tf`;
        if (font !== currentFont) {
          ops.push(font);
          currentFont = font;
        }
        const matrix = piece.angle ? rotation(piece.angle) : '1 0 0 1';
        ops.push(
          `${matrix} ${num(piece.x)} ${num(piece.y)} Tm <${this.encodeCached(piece.font, piece.text) ?? (await this.encode(piece.font, piece.text))}> Tj`,
        );
      } else if (piece.kind === 'box') {
        endText();
        fill(piece.fill === 'black' ? '0' : '0.93');
        ops.push(`${num(piece.x)} ${num(piece.y)} ${num(piece.width)} ${num(piece.height)} re f`);
      } else if (piece.kind === 'image') {
        endText();
        ops.push(`q ${num(piece.width)} 0 0 ${num(piece.height)} ${num(piece.x)} ${num(piece.y)} cm /${piece.name} Do Q`);
      } else {
        endText();
        ops.push(`0.6 G 0.5 w ${num(piece.x1)} ${num(piece.y)} m ${num(piece.x2)} ${num(piece.y)} l S`);
      }
    }
    endText();
    const data = deflateSync(Buffer.from(ops.join('\n'), 'latin1'), { level: DEFLATE_LEVEL });
    const ref = this.doc.context.nextRef();
    this.written.set(ref.objectNumber, this.file.offset);
    this.file.write(`${ref.objectNumber} 0 obj\n<<\n/Filter /FlateDecode\n/Length ${data.byteLength}\n>>\nstream\n`);
    this.file.write(data);
    this.file.write('\nendstream\nendobj\n\n');
    return ref;
  }

  /** Appends a page whose contents are these streams, drawn in order. */
  addPage(contents: readonly PDFRef[]): void {
    const { context } = this.doc;
    const page = context.obj({
      Type: 'Page',
      MediaBox: [0, 0, PAGE_WIDTH, PAGE_HEIGHT],
      Resources: this.resources,
      Contents: contents.length === 1 ? contents[0] : [...contents],
    });
    this.pageRefs.push(context.register(page));
  }

  /** Draws a whole page (frame included) as one stream. */
  async drawPage(page: LaidPage): Promise<void> {
    this.addPage([await this.contentStream(page.pieces)]);
  }

  /** Hangs the pages under the catalogue's page tree root, at most PAGE_TREE_FANOUT per node. */
  private buildPageTree(): void {
    const { context } = this.doc;
    const rootRef = this.doc.catalog.get(PDFName.of('Pages')) as PDFRef;
    const root = context.lookup(rootRef, PDFDict);
    const kidsName = PDFName.of('Kids');
    const parentName = PDFName.of('Parent');
    const countName = PDFName.of('Count');
    let level = this.pageRefs.map((ref) => ({ ref, count: 1 }));
    while (level.length > PAGE_TREE_FANOUT) {
      const next: { ref: PDFRef; count: number }[] = [];
      for (let i = 0; i < level.length; i += PAGE_TREE_FANOUT) {
        const kids = level.slice(i, i + PAGE_TREE_FANOUT);
        const count = kids.reduce((n, k) => n + k.count, 0);
        const ref = context.register(context.obj({ Type: 'Pages', Kids: kids.map((k) => k.ref), Count: count }));
        for (const kid of kids) context.lookup(kid.ref, PDFDict).set(parentName, ref);
        next.push({ ref, count });
      }
      level = next;
    }
    for (const kid of level) context.lookup(kid.ref, PDFDict).set(parentName, rootRef);
    root.set(kidsName, context.obj(level.map((k) => k.ref)));
    root.set(countName, PDFNumber.of(this.pageRefs.length));
  }

  /**
   * Writes the page tree, the fonts (subset to the glyphs drawn), the catalogue and document
   * information after the content streams, then the cross-reference table, and closes the file.
   */
  async finish(): Promise<WrittenPdf> {
    try {
      this.buildPageTree();
      await this.doc.flush();
      const { context } = this.doc;
      const offsets = new Map(this.written);
      for (const [ref, object] of context.enumerateIndirectObjects()) {
        offsets.set(ref.objectNumber, this.file.offset);
        this.writeIndirect(ref, object);
      }
      const xref = PDFCrossRefSection.create();
      for (const n of [...offsets.keys()].sort((a, b) => a - b)) xref.addEntry(PDFRef.of(n), offsets.get(n) as number);
      const xrefOffset = this.file.offset;
      this.file.writeObject(xref);
      this.file.write('\n');
      const { Root, Info, ID } = context.trailerInfo;
      this.file.writeObject(PDFTrailerDict.of(context.obj({ Size: context.largestObjectNumber + 1, Root, Info, ID })));
      this.file.write('\n\n');
      this.file.writeObject(PDFTrailer.forLastCrossRefSectionOffset(xrefOffset));
      return this.file.close();
    } catch (err) {
      this.file.abandon();
      throw err;
    }
  }

  /** Stops writing after a failure (the caller removes the file with its folder). */
  abandon(): void {
    this.file.abandon();
  }

  private writeIndirect(ref: PDFRef, object: PDFObject): void {
    this.file.write(`${ref.objectNumber} ${ref.generationNumber} obj\n`);
    this.file.writeObject(object);
    this.file.write('\nendobj\n\n');
  }
}
