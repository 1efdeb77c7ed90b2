/**
 * Which font draws each character, and how wide it is — without fontkit's layout engine.
 *
 * fontkit's `layout()` (what pdf-lib runs on every drawText and widthOfTextAtSize) dominated an
 * earlier draft: 1,000 chat pages took 53 s. Chat text needs no shaping beyond one glyph per code
 * point (no kerning or ligatures worth the cost), so each distinct code point is resolved once per
 * style — font, advance width from the font's hmtx — and cached; measuring a word is then a sum of
 * array or map lookups. The PDF layer (pdf.ts) likewise encodes each code point's glyph once.
 *
 * Characters are never dropped silently. In order: the style's DejaVu face; regular DejaVu (bold lacks
 * ~140 glyphs); Noto Emoji; otherwise a readable name ("[emoji: mahjong tile red dragon]", from
 * symbol-names.ts) or the code point ("[U+1FAE8]"). Variation selectors and the zero-width joiner are
 * formatting, not characters: they are not drawn (a ZWJ sequence shows its component emoji side by
 * side, which names what it is) and are counted, like every substitution, for the manifest.
 */
import * as fontkitModule from '@pdf-lib/fontkit';
import type { Font } from '@pdf-lib/fontkit';
import type { FontKey } from './fonts';
import { SYMBOL_NAMES } from './symbol-names';

export type TextStyle = 'regular' | 'bold';

/** Text in one font; `width` is in points at a font size of 1. */
export interface GlyphRun {
  readonly font: FontKey;
  readonly text: string;
  readonly width: number;
}

/** What layout needs to know about text (layout.ts stays free of fonts and PDF). */
export interface TextMeasurer {
  /** The text cut into runs by font, substitutions made, widths at size 1. */
  runs(text: string, style: TextStyle): GlyphRun[];
  /** Width of one space at size 1. */
  spaceWidth(style: TextStyle): number;
}

/** What substitutions drawing made, for the manifest: nothing is dropped unaccounted. */
export interface SubstitutionCounts {
  /** Characters drawn with Noto Emoji. */
  emojiDrawn: number;
  /** Characters shown by name or code point, keyed by the text shown. */
  named: Record<string, number>;
  /** Variation selectors, zero-width joiners and bidi marks: formatting, not drawn. */
  formattingSkipped: number;
}

// fontkit ships an ES build whose only export is the default object, and a UMD build with named
// exports; which one arrives depends on the loader (esbuild, tsx, vitest).
const fontkit = (fontkitModule as unknown as { default?: typeof fontkitModule }).default ?? fontkitModule;

export const parseFont = (bytes: Uint8Array): Font => fontkit.create(bytes);

const VS15 = 0xfe0e;
const VS16 = 0xfe0f;
const ZWJ = 0x200d;
/**
 * Invisible formatting: variation selectors, the zero-width joiner, and bidirectional marks and
 * isolates (WhatsApp wraps phone numbers and @mentions in them). Drawing them would show boxes.
 */
/** Text of printable ASCII only: drawn in the style's own font (DejaVu has every such glyph), nothing substituted. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/u;

const isFormatting = (cp: number): boolean =>
  cp === VS15 ||
  cp === VS16 ||
  cp === ZWJ ||
  cp === 0x200e ||
  cp === 0x200f ||
  cp === 0x061c ||
  (cp >= 0x202a && cp <= 0x202e) ||
  (cp >= 0x2066 && cp <= 0x2069);

let symbolNames: Map<number, string> | null = null;
function symbolName(cp: number): string | undefined {
  if (!symbolNames) {
    symbolNames = new Map();
    for (const line of SYMBOL_NAMES.split('\n')) {
      const space = line.indexOf(' ');
      symbolNames.set(parseInt(line.slice(0, space), 16), line.slice(space + 1));
    }
  }
  return symbolNames.get(cp);
}

const TAG_FIRST = 0xe0020;
const TAG_LAST = 0xe007e;
const CANCEL_TAG = 0xe007f;

/**
 * A subdivision flag (🏴 + tag letters + cancel tag, e.g. Scotland "gbsct") has no glyph in a
 * monochrome font; its tag letters are read out instead: "[flag: GB-SCT]". Returns the text and how
 * many UTF-16 units of `text` from `at` the tags occupy, or null when no tag sequence starts there.
 */
function tagSequence(text: string, at: number): { label: string; length: number } | null {
  let letters = '';
  let i = at;
  for (let cp = text.codePointAt(i); cp !== undefined && cp >= TAG_FIRST && cp <= TAG_LAST; cp = text.codePointAt(i)) {
    letters += String.fromCodePoint(cp - 0xe0000);
    i += 2;
  }
  if (letters === '') return null;
  if (text.codePointAt(i) === CANCEL_TAG) i += 2;
  const upper = letters.toUpperCase();
  return { label: `[flag: ${upper.slice(0, 2)}${upper.length > 2 ? `-${upper.slice(2)}` : ''}]`, length: i - at };
}

/** How a character with no glyph in any bundle font is shown. */
export function substituteName(cp: number): string {
  const name = symbolName(cp);
  if (name) return `[emoji: ${name}]`;
  return `[U+${cp.toString(16).toUpperCase().padStart(4, '0')}]`;
}

type Resolved = { readonly font: FontKey; readonly width: number } | { readonly substitute: GlyphRun };

/** Advance widths per code point from one font's hmtx, cached; `null` when the font has no glyph. */
class FontWidths {
  private readonly widths = new Map<number, number | null>();
  private readonly scale: number;
  constructor(private readonly font: Font) {
    this.scale = 1 / font.unitsPerEm;
  }
  width(cp: number): number | null {
    let width = this.widths.get(cp);
    if (width === undefined) {
      width = this.font.hasGlyphForCodePoint(cp) ? this.font.glyphForCodePoint(cp).advanceWidth * this.scale : null;
      this.widths.set(cp, width);
    }
    return width;
  }
}

export class FontMeasurer implements TextMeasurer {
  private readonly faces: Record<FontKey, FontWidths>;
  private readonly resolved: Record<TextStyle, Map<number, Resolved>> = { regular: new Map(), bold: new Map() };
  /**
   * Printable ASCII widths by code, per style: most of a bundle's words are plain ASCII, and summing
   * a table is the hot path of layout. Null if the style's font lacks one (then every word goes the
   * general way).
   */
  private readonly ascii: Record<TextStyle, Float64Array | null>;

  constructor(fonts: Readonly<Record<FontKey, Font>>) {
    this.faces = { regular: new FontWidths(fonts.regular), bold: new FontWidths(fonts.bold), emoji: new FontWidths(fonts.emoji) };
    const table = (style: TextStyle): Float64Array | null => {
      const widths = new Float64Array(0x7f);
      for (let cp = 0x20; cp < 0x7f; cp++) {
        const width = this.faces[style].width(cp);
        if (width === null) return null;
        widths[cp] = width;
      }
      return widths;
    };
    this.ascii = { regular: table('regular'), bold: table('bold') };
  }

  spaceWidth(style: TextStyle): number {
    return this.faces[style].width(0x20) ?? 0;
  }

  /**
   * Adds what drawing `text` substitutes to `counts`. Separate from `runs`, which layout calls more
   * than once for the same text (measuring, then splitting a long word); the export tallies each
   * produced message once.
   */
  tally(text: string, style: TextStyle, counts: SubstitutionCounts): void {
    if (this.ascii[style] && PRINTABLE_ASCII.test(text)) return;
    const normalised = text.normalize('NFC');
    for (let i = 0; i < normalised.length;) {
      const cp = normalised.codePointAt(i) as number;
      const size = cp > 0xffff ? 2 : 1;
      const tags = tagSequence(normalised, i);
      if (tags) {
        counts.named[tags.label] = (counts.named[tags.label] ?? 0) + 1;
        i += tags.length;
        continue;
      }
      if (isFormatting(cp)) counts.formattingSkipped++;
      else {
        const r = this.resolve(cp, style);
        if ('substitute' in r) counts.named[r.substitute.text] = (counts.named[r.substitute.text] ?? 0) + 1;
        else if (r.font === 'emoji' || (normalised.codePointAt(i + size) === VS16 && this.faces.emoji.width(cp) !== null))
          counts.emojiDrawn++;
      }
      i += size;
    }
  }

  private resolve(cp: number, style: TextStyle): Resolved {
    const cache = this.resolved[style];
    let found = cache.get(cp);
    if (found) return found;
    const own = this.faces[style].width(cp);
    const regular = style === 'regular' ? own : this.faces.regular.width(cp);
    const emoji = this.faces.emoji.width(cp);
    if (own !== null) found = { font: style, width: own };
    else if (regular !== null) found = { font: 'regular', width: regular };
    else if (emoji !== null) found = { font: 'emoji', width: emoji };
    else {
      const text = substituteName(cp);
      found = { substitute: { font: style, text, width: this.plainWidth(text, style) } };
    }
    cache.set(cp, found);
    return found;
  }

  /** Width of text known to be drawable in `style` (the ASCII of a substitute name). */
  private plainWidth(text: string, style: TextStyle): number {
    let width = 0;
    for (const ch of text) width += this.faces[style].width(ch.codePointAt(0) ?? 0x20) ?? 0;
    return width;
  }

  runs(text: string, style: TextStyle): GlyphRun[] {
    const ascii = this.ascii[style];
    if (ascii && PRINTABLE_ASCII.test(text)) {
      let width = 0;
      for (let i = 0; i < text.length; i++) width += ascii[text.charCodeAt(i)] as number;
      return text === '' ? [] : [{ font: style, text, width }];
    }
    const runs: GlyphRun[] = [];
    let font: FontKey | null = null;
    let start = 0;
    let width = 0;
    let pieces: string[] = [];
    const flush = (end: number): void => {
      if (font !== null && (end > start || pieces.length)) {
        pieces.push(text.slice(start, end));
        runs.push({ font, text: pieces.join(''), width });
      }
      font = null;
      pieces = [];
      width = 0;
    };
    for (let i = 0; i < text.length;) {
      const cp = text.codePointAt(i) as number;
      const size = cp > 0xffff ? 2 : 1;
      const tags = tagSequence(text, i);
      if (tags) {
        flush(i);
        runs.push({ font: style, text: tags.label, width: this.plainWidth(tags.label, style) });
        i += tags.length;
        start = i;
        continue;
      }
      if (isFormatting(cp)) {
        // Not drawn: close the current piece here and resume after the selector or joiner.
        if (font !== null) pieces.push(text.slice(start, i));
        i += size;
        start = i;
        continue;
      }
      let r = this.resolve(cp, style);
      // An emoji-presentation selector asks for the emoji glyph of a character DejaVu also has (❤️, ☺️).
      if ('font' in r && r.font !== 'emoji' && text.codePointAt(i + size) === VS16) {
        const emoji = this.faces.emoji.width(cp);
        if (emoji !== null) r = { font: 'emoji', width: emoji };
      }
      if ('substitute' in r) {
        flush(i);
        runs.push(r.substitute);
        i += size;
        start = i;
        continue;
      }
      if (font !== r.font) {
        flush(i);
        font = r.font;
        start = i;
      }
      width += r.width;
      i += size;
    }
    flush(text.length);
    return runs;
  }
}
