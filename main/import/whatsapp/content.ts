/**
 * What a user message is: text, a media reference, a deletion placeholder, a location, a poll; and
 * whether it was edited. The body is never changed: markers are recognised on copies with bidi marks
 * removed (formats/whatsapp.md §5, §6, §8).
 */
import type { DeletedKind, EditedKind, MessageKind } from '../../../common/domain/model';
import type { ParsedAttachment } from '../../../common/domain/parsed';
import type { SourceFiles } from '../files';
import { fold, foldedFirstChar, foldedLastChar } from './fold';
import { omittedMarkers, WHATSAPP_STRINGS } from './locale-strings';

export interface Content {
  readonly kind: MessageKind;
  readonly deleted: DeletedKind;
  readonly edited: EditedKind;
  readonly attachments: readonly ParsedAttachment[];
}

export const MEDIA_OMITTED_REASON = 'media omitted by export';
const FILE_MISSING_REASON = 'file not in the imported export';

const LRM = 0x200e;
const RLM = 0x200f;
const NONE: readonly ParsedAttachment[] = Object.freeze([]);
const TEXT: Content = Object.freeze({ kind: 'text', deleted: 'none', edited: 'none', attachments: NONE });
const TEXT_EDITED: Content = Object.freeze({ kind: 'text', deleted: 'none', edited: 'edited_history_unknown', attachments: NONE });

/**
 * The whole body, after leading U+200E, equals one of these: a user can type the same words inside a
 * longer message, so only an exact match is a placeholder. Android omits the full stop, iOS adds it.
 * The wording per language, and where it comes from, is in locale-strings.ts; it and the body are compared
 * folded to one Unicode form (fold.ts).
 */
const DELETED_TEXTS = WHATSAPP_STRINGS.flatMap((s) => s.deleted)
  .flatMap((text) => [text, `${text}.`])
  .map(fold);
const DELETED = new Set(DELETED_TEXTS);
/** First and last characters and lengths of the placeholders, so most bodies are ruled out without hashing them. */
const DELETED_FIRST = new Set(DELETED_TEXTS.map((text) => text.charCodeAt(0)));
const DELETED_LAST = new Set(DELETED_TEXTS.map((text) => text.charCodeAt(text.length - 1)));
const DELETED_LENGTHS = new Set(DELETED_TEXTS.map((text) => text.length));

/** Suffix on the (last) line of an edited message. */
const EDITED_SUFFIXES = WHATSAPP_STRINGS.flatMap((s) => s.edited).map(fold);
const EDITED_LAST = new Set(EDITED_SUFFIXES.map((suffix) => suffix.charCodeAt(suffix.length - 1)));
const EDITED_LONGEST = Math.max(...EDITED_SUFFIXES.map((suffix) => suffix.length));

/** Android `<Media omitted>` in its localised forms (compared in lower case). */
const MEDIA_OMITTED = new Set(WHATSAPP_STRINGS.flatMap((s) => s.mediaOmitted).map((text) => fold(text).toLowerCase()));

/** iOS markers, each preceded by U+200E unless it is the whole body; a document keeps its name before it. */
const IOS_OMITTED = new Map<string, MessageKind>(
  WHATSAPP_STRINGS.flatMap((s) =>
    omittedMarkers(s).map(([kind, text]): [string, MessageKind] => [fold(text), kind === 'contact' ? 'contact' : 'media']),
  ),
);
const DOCUMENT_OMITTED = new Set(WHATSAPP_STRINGS.flatMap((s) => (s.omitted.document ? [fold(s.omitted.document)] : [])));
const IOS_OMITTED_LENGTHS = new Set([...IOS_OMITTED.keys()].map((text) => text.length));
/** The characters the markers end and begin with, so most lines are ruled out by a look-up or two. */
const IOS_OMITTED_LAST = new Set([...IOS_OMITTED.keys()].map((text) => text.charCodeAt(text.length - 1)));
const IOS_OMITTED_FIRST = new Set([...IOS_OMITTED.keys()].map((text) => text.charCodeAt(0)));

/** Android `NAME (file attached)`: the localised words in the last brackets of the line. */
const FILE_ATTACHED = new Set(WHATSAPP_STRINGS.flatMap((s) => s.fileAttached).map(fold));
const FILE_ATTACHED_LONGEST = Math.max(...[...FILE_ATTACHED].map((words) => words.length));
/** Android wording before the name (`فایل پیوست شد NAME`), with how many words it has. */
const FILE_ATTACHED_BEFORE = WHATSAPP_STRINGS.flatMap((s) => s.fileAttachedBefore ?? []).map((words) => {
  const folded = fold(words);
  return { words: folded, count: folded.split(' ').length, first: folded.charCodeAt(0) };
});
/** What such a line can start with: the wording, or the bidi marks an export may put before it. */
const FILE_ATTACHED_BEFORE_FIRST = new Set([LRM, RLM, ...FILE_ATTACHED_BEFORE.map((wording) => wording.first)]);
/** After wording that precedes it, only a file name with an extension (or the bare dot WhatsApp leaves) counts. */
const FILE_NAME = /\.[^\s.]{0,8}$/;

/** iOS `<attached: NAME>`, localised keyword, anywhere in the line (a document's title can precede it). */
const ATTACHED = new Set(WHATSAPP_STRINGS.flatMap((s) => s.attached).map(fold));
/**
 * Any `<WORDS: NAME>`; the words are looked up in ATTACHED. French sets a (narrow no-break) space before
 * the colon, zh and ja a full-width colon.
 */
const ATTACHED_TOKEN = /<[\u200E\u200F]*([^<>:：]{1,40}?)[ \u00A0\u202F]?[:：] ?([^<>]+)>/g;
const MARKS = /[\u200E\u200F]/g;
/** iOS exports before 2017: `2015-08-04-PHOTO-00004762.jpg <‎attached>`. */
const OLD_ATTACHED = /^(\S.*?) <\u200E?attached>$/;

const MIME: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
  '3gp': 'video/3gpp',
  opus: 'audio/ogg',
  ogg: 'audio/ogg',
  m4a: 'audio/mp4',
  mp3: 'audio/mpeg',
  aac: 'audio/aac',
  pdf: 'application/pdf',
  vcf: 'text/vcard',
  txt: 'text/plain',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};

function mimeOf(fileName: string): string | null {
  const dot = fileName.lastIndexOf('.');
  return dot === -1 ? null : (MIME[fileName.slice(dot + 1).toLowerCase()] ?? null);
}

/**
 * Media files delivered with the chat, so a reference can be resolved: entries of a folder or zip by base
 * name, and, for a chat file picked on its own, the files beside it (Android exports leave media loose
 * next to the `.txt`), which `SourceFiles.has` answers for.
 */
export class MediaIndex {
  private readonly byName = new Map<string, string | null>();
  /** Symbolic links in the export, by file name: a file the chat names may be one, never followed. */
  private readonly linkByName = new Map<string, string>();

  constructor(
    private readonly files: Pick<SourceFiles, 'entries' | 'has' | 'linksNotFollowed'>,
    chatEntry: string,
  ) {
    for (const entry of files.entries) {
      if (entry === chatEntry) continue;
      const name = entry.slice(entry.lastIndexOf('/') + 1);
      if (!this.byName.has(name)) this.byName.set(name, entry);
    }
    for (const link of files.linksNotFollowed()) {
      const name = link.slice(link.lastIndexOf('/') + 1);
      if (!this.linkByName.has(name)) this.linkByName.set(name, link);
    }
  }

  attachment(fileName: string): ParsedAttachment {
    let path = this.byName.get(fileName);
    if (path === undefined) {
      path = this.files.has(fileName) ? fileName : null;
      this.byName.set(fileName, path);
    }
    const link = path === null ? this.linkByName.get(fileName) : undefined;
    if (link !== undefined) {
      return {
        fileName,
        mime: mimeOf(fileName),
        pathInSource: link,
        present: false,
        missingReason: `"${link}" is a symbolic link; it was not followed`,
      };
    }
    return {
      fileName,
      mime: mimeOf(fileName),
      pathInSource: path,
      present: path !== null,
      missingReason: path === null ? FILE_MISSING_REASON : null,
    };
  }
}

function omitted(fileName: string | null): ParsedAttachment {
  return { fileName, mime: fileName ? mimeOf(fileName) : null, pathInSource: null, present: false, missingReason: MEDIA_OMITTED_REASON };
}

function skipMarks(text: string): string {
  let i = 0;
  while (text.charCodeAt(i) === LRM) i++;
  return i ? text.slice(i) : text;
}

function isEdited(body: string): boolean {
  if (!EDITED_LAST.has(foldedLastChar(body))) return false;
  const tail = fold(body.slice(-2 * EDITED_LONGEST));
  for (const suffix of EDITED_SUFFIXES) if (tail.endsWith(suffix)) return true;
  return false;
}

/** Bidi marks and spaces WhatsApp writes between the words and its edit marker. */
const BEFORE_MARKER = /[\s\u200E\u200F]/;

/**
 * Where the edit marker WhatsApp appends to an edited message starts in its body, with the space and
 * marks before it, or null. Every localised marker is one bracketed phrase (locale-strings.ts), so it
 * starts at the last "<". For display only: the body itself is kept as written.
 */
export function editMarkerStart(body: string): number | null {
  if (!isEdited(body)) return null;
  let start = body.lastIndexOf('<');
  if (start < 0) return null;
  while (start > 0 && BEFORE_MARKER.test(body.charAt(start - 1))) start--;
  return start;
}

function isDeleted(body: string): boolean {
  if (!DELETED_LAST.has(foldedLastChar(body)) || !DELETED_FIRST.has(foldedFirstChar(body))) return false;
  const folded = fold(body);
  return DELETED_LENGTHS.has(folded.length) && DELETED.has(folded);
}

/** The name in an iOS `<attached: NAME>` token; the name is taken as written, only the keyword is folded. */
function attachedName(line: string): string | null {
  for (const token of line.matchAll(ATTACHED_TOKEN)) {
    const [, words, name] = token;
    if (words !== undefined && name !== undefined && ATTACHED.has(fold(words.replace(MARKS, '')))) return name;
  }
  return OLD_ATTACHED.exec(line)?.[1] ?? null;
}

/** The name in an Android `NAME (file attached)` line; a name may itself hold brackets, the wording never does. */
function fileAttachedName(line: string): string | null {
  const open = line.lastIndexOf(' (');
  const close = line.lastIndexOf(')');
  if (open <= 0 || close < open || close - open - 2 > 2 * FILE_ATTACHED_LONGEST) return null;
  return FILE_ATTACHED.has(fold(line.slice(open + 2, close))) ? line.slice(0, open) : null;
}

/** Where the nth space is, or -1. */
function nthSpace(text: string, n: number): number {
  let at = -1;
  for (let i = 0; i < n; i++) {
    at = text.indexOf(' ', at + 1);
    if (at === -1) return -1;
  }
  return at;
}

/** The name after Android wording that precedes it: folding keeps spaces, so the wording ends at its nth space. */
function fileAttachedBeforeName(firstLine: string): string | null {
  let start = 0;
  while (firstLine.charCodeAt(start) === LRM || firstLine.charCodeAt(start) === RLM) start++;
  const line = start ? firstLine.slice(start) : firstLine;
  for (const { words, count, first } of FILE_ATTACHED_BEFORE) {
    if (line.charCodeAt(0) !== first) continue;
    const cut = nthSpace(line, count);
    const name = cut === -1 ? '' : line.slice(cut + 1);
    if (name && fold(line.slice(0, cut)) === words && FILE_NAME.test(name)) return name;
  }
  return null;
}

function referenced(fileName: string, index: MediaIndex | null): { kind: MessageKind; attachment: ParsedAttachment } {
  return {
    kind: fileName.toLowerCase().endsWith('.vcf') ? 'contact' : 'media',
    attachment: index ? index.attachment(fileName) : omitted(fileName),
  };
}

/**
 * Whether a line names media: an attachment or a placeholder for one. Such a line is a participant's
 * message whoever wrote it, never a system line.
 */
export function namesMedia(firstLine: string): boolean {
  return media(firstLine, null) !== null;
}

/**
 * Markers end their line (only Persian Android's wording starts it), so the last and first characters rule
 * out most messages before any search.
 */
function media(firstLine: string, index: MediaIndex | null): { kind: MessageKind; attachment: ParsedAttachment } | null {
  const last = foldedLastChar(firstLine);
  if (last === 62 /* > */) {
    const line = skipMarks(firstLine);
    if (line.charCodeAt(0) === 60 /* < */ && MEDIA_OMITTED.has(fold(line).toLowerCase()))
      return { kind: 'media', attachment: omitted(null) };
    const fileName = attachedName(line);
    if (fileName) return referenced(fileName, index);
  } else if (last === 41 /* ) */) {
    const fileName = fileAttachedName(skipMarks(firstLine));
    if (fileName) return referenced(fileName, index);
  }
  if (FILE_ATTACHED_BEFORE_FIRST.has(firstLine.charCodeAt(0))) {
    const fileName = fileAttachedBeforeName(firstLine);
    if (fileName) return referenced(fileName, index);
  }
  if (IOS_OMITTED_LAST.has(last)) {
    // Most messages end in a letter some marker ends in: a line with no mark must be a marker whole.
    if (
      firstLine.indexOf('\u200E') === -1 &&
      (!IOS_OMITTED_FIRST.has(foldedFirstChar(firstLine)) || !IOS_OMITTED_LENGTHS.has(fold(firstLine).length))
    )
      return null;
    const unmarked = skipMarks(firstLine);
    const line = fold(unmarked);
    const lrm = line.lastIndexOf('\u200E');
    const marker = line.slice(lrm + 1);
    const kind = IOS_OMITTED.get(marker);
    if (kind && (lrm !== -1 || marker === line)) {
      // "Resume.pdf • ‎2 pages ‎document omitted": the document's name, as written, comes before the bullet.
      const bullet = DOCUMENT_OMITTED.has(marker) ? unmarked.indexOf(' • ') : -1;
      return { kind, attachment: omitted(bullet > 0 ? unmarked.slice(0, bullet) : null) };
    }
  }
  return null;
}

/** iOS live locations start with a space, static ones with U+200E; Android writes lower-case `location`. */
const LOCATION = /^[ \u200E]*location: https?:\/\//i;

function special(firstLine: string, body: string): MessageKind | null {
  const c = firstLine.charCodeAt(0);
  // Only these first characters can start a location or a poll; most messages are ruled out here.
  if (c !== 108 && c !== 76 && c !== 32 && c !== LRM && c !== 80) return null; // l L space LRM P
  if (LOCATION.test(firstLine) || firstLine === 'live location shared') return 'location';
  if (firstLine === 'POLL:' && body.length > firstLine.length) return 'poll';
  return null;
}

/**
 * Classifies a user message. `firstLine` is the body's first line (markers sit there; a caption or a
 * document title can follow on later lines).
 */
export function classifyContent(body: string, firstLine: string, index: MediaIndex): Content {
  const edited: EditedKind = isEdited(body) ? 'edited_history_unknown' : 'none';
  const unmarked = body.charCodeAt(0) === LRM ? skipMarks(body) : body;
  if (isDeleted(unmarked)) {
    return { kind: 'deleted', deleted: 'placeholder', edited, attachments: NONE };
  }
  const found = media(firstLine, index);
  if (found) return { kind: found.kind, deleted: 'none', edited, attachments: [found.attachment] };
  const kind = special(firstLine, body);
  if (kind) return { kind, deleted: 'none', edited, attachments: NONE };
  return edited === 'none' ? TEXT : TEXT_EDITED;
}
