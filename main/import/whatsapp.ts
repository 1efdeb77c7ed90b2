/**
 * WhatsApp "Export chat" files (Android `.txt`, iOS `_chat.txt` in a zip or folder) as parse events.
 *
 * Two streaming passes over the chat text, so memory stays flat whatever the file size:
 * 1. a survey, which rejects files that are not chats and settles what the events must state before the
 *    first message: the date order (the file never states it), the producer, the chat's title and kind,
 *    and whether the custodian appears as an author;
 * 2. the parse, which emits one message per header line plus its continuation lines, in file order.
 *
 * The quirks handled here are catalogued in formats/whatsapp.md; the counting rules in
 * test/fixtures/README.md.
 */
import { statSync } from 'node:fs';
import type { DateOrder, DirectionBasis, Direction } from '../../common/domain/model';
import type {
  Locator,
  ParseEvent,
  ParseOptions,
  ParsedEdit,
  ParsedMessage,
  ParsedParticipant,
  ParsedReaction,
  ParsedTime,
} from '../../common/domain/parsed';
import { FIELD_CAPS, type FieldCaps } from '../../common/domain/field-caps';
import { ZONE_CHECK_NOTE } from '../../common/domain/import-notes';
import { isValidTimeZone, type InstantChoice } from '../../common/domain/time';
import { CappedText, utf8Prefix, type Capped } from './capped-text';
import { ImportInputError } from './errors';
import type { SourceFiles } from './files';
import type { ImportFormat } from './format';
import { authorKey, nameForMatching, phoneHandle } from './whatsapp/authors';
import { classifyContent, MediaIndex, namesMedia, type Content } from './whatsapp/content';
import {
  DateOrderEvidence,
  toWallClock,
  UndatedYears,
  Wall,
  ZoneReader,
  type DateOrderDecision,
  type UndatedYearsDecision,
} from './whatsapp/dates';
import { ChatTextDecoder, LineCursor, LoneCarriageReturns, type ChatEncoding, type LinePart } from './whatsapp/decode';
import { HeaderMatch, lrmAt, markWidth, matchHeader, NO_MERIDIEM, PM, type HeaderShape } from './whatsapp/header';
import { LongAuthor } from './whatsapp/long-lines';
import { chatNameFromFileName, chooseChatEntry, fileStem } from './whatsapp/source';
import { callKind, iosNoticeKind, isGroupEvent, isQuotedSystemLine, subjectFrom, systemKind } from './whatsapp/system';

const CONVERSATION_KEY = 'chat';
const PROGRESS_STEP = 1 << 20;
const LRM = 0x200e;
/**
 * Above this share of undecodable characters the file is binary, not a damaged chat. A chat re-saved in a
 * legacy code page loses only its accented letters, a few per cent at most; and a handful of bad bytes
 * (up to MIN_REPLACED_FOR_BINARY) is damage even in a tiny file.
 */
const MAX_REPLACED_SHARE = 0.1;
/** How many checked authors of one length the survey compares in place (see Surveyor.checkCustodian). */
const SAME_LENGTH_COMPARED = 16;
const MIN_REPLACED_FOR_BINARY = 8;
/**
 * NUL bytes: a few inside an otherwise valid chat are damage (one real 170 KB chat had 6 inside emoji
 * sequences) and are removed with a note; above this share the file is binary, or UTF-16 without a mark.
 */
const MAX_NUL_SHARE = 0.01;
const MIN_NULS_FOR_BINARY = 8;
const DECODING_REPAIR: readonly string[] = Object.freeze(['undecodable bytes in the file were replaced with U+FFFD']);
const NO_STRINGS: readonly string[] = Object.freeze([]);
const NO_EDITS: readonly ParsedEdit[] = Object.freeze([]);
const NO_REACTIONS: readonly ParsedReaction[] = Object.freeze([]);
const NO_TIME: ParsedTime = Object.freeze({ utcMs: null, raw: null, basis: 'unknown' });
/** Every record the app wrote is kind `system` (`systemKind` says which), except a missed call. */
const SYSTEM: Content = Object.freeze({ kind: 'system', deleted: 'none', edited: 'none', attachments: Object.freeze([]) });
/** A missed call is the caller's: its author made the call, so it keeps a sender and a direction. */
const CALL: Content = Object.freeze({ kind: 'call', deleted: 'none', edited: 'none', attachments: Object.freeze([]) });

/** Whether decoded text from the start of a file looks like a WhatsApp export: some line is a message header. */
function isChatHead(text: string): boolean {
  const head = new LoneCarriageReturns().push(text, true);
  const m = new HeaderMatch();
  let start = head.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (start < head.length) {
    const nl = head.indexOf('\n', start);
    const stop = nl === -1 ? head.length : nl;
    if (matchHeader(head, start, head.charCodeAt(stop - 1) === 13 ? stop - 1 : stop, m)) return true;
    start = stop + 1;
  }
  return false;
}

/** A quote mark (`"`, `“`, `„`, `«`) in `text[from, to)`, in either view of the text. */
function hasQuote(text: string, from: number, to: number, utf8: boolean): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) return true;
    if (c < 0x80) continue;
    if (!utf8) {
      if (c === 0x201c || c === 0x201e || c === 0xab) return true;
      continue;
    }
    const c2 = text.charCodeAt(i + 1);
    const c3 = text.charCodeAt(i + 2);
    if ((c === 0xe2 && c2 === 0x80 && (c3 === 0x9c || c3 === 0x9e)) || (c === 0xc2 && c2 === 0xab)) return true;
  }
  return false;
}

const asIs = (text: string): string => text;
const fromUtf8Bytes = (bytes: string): string => Buffer.from(bytes, 'latin1').toString('utf8');

/**
 * Where the author of the header line ending at `end` stops (its first `": "`), or -1 for a line with no
 * author. Android system lines have no `": "`; iOS system lines without an author start with U+200E,
 * which no author does; and a quoted subject containing `": "` must not become an author. `utf8` and
 * `decode` describe the view of `text` (see header.ts).
 */
function authorEnd(text: string, rest: number, end: number, utf8: boolean, decode: (raw: string) => string): number {
  const colon = text.indexOf(': ', rest);
  if (colon === -1 || colon + 2 > end || markWidth(text, rest, utf8) > 0) return -1;
  if (hasQuote(text, rest, colon, utf8) && isQuotedSystemLine(decode(text.slice(rest, colon)))) return -1;
  return colon;
}

function iso(utcMs: number): string {
  return new Date(utcMs).toISOString().replace('.000Z', 'Z');
}

interface Survey {
  readonly encoding: ChatEncoding;
  readonly bom: boolean;
  readonly replaced: number;
  /** NUL bytes in the file, which the parse removes. */
  readonly nuls: number;
  readonly shape: HeaderShape;
  /** The header form of the file's first header; lines in any other form are text (HeaderMatch.form). */
  readonly form: number;
  readonly undatedYears: UndatedYearsDecision;
  readonly dateOrder: DateOrderDecision;
  readonly subject: string | null;
  /** On iOS the chat's name is the author of the encryption notice (the contact, or the group). */
  readonly iosChatName: string | null;
  readonly group: boolean;
  /** The first few distinct authors of user messages. */
  readonly authors: readonly string[];
  readonly custodianFound: boolean;
  /** Whether headers carry AM/PM: with month-first dates, the mark of a phone set to US English. */
  readonly twelveHour: boolean;
}

/**
 * Pass 1: everything the events must state before the first message. On UTF-8 files it reads the bytes
 * one per character (`utf8`), so text it keeps (authors, subjects, the chat name) is decoded when kept.
 */
class Surveyor {
  private lineNo = 0;
  private shape: HeaderShape | null = null;
  private form = 0;
  private readonly m = new HeaderMatch();
  private readonly evidence: DateOrderEvidence;
  private readonly undated: UndatedYears;
  private readonly decode: (raw: string) => string;
  private subject: string | null = null;
  /** The chat's name as it appears in the scanned text, for comparing in place. */
  private iosChatName: string | null = null;
  private groupEvents = 0;
  /** Likewise, as scanned. */
  private readonly authors: string[] = [];
  private custodianFound = false;
  private twelveHour = false;
  /** The authors checked against the custodian's name, by length. */
  private readonly checked = new Map<number, string[]>();
  /** Any beyond SAME_LENGTH_COMPARED of one length. */
  private readonly moreChecked = new Set<string>();
  /**
   * Inside a line longer than the cursor holds: the search for its author's end, or nothing to look for
   * in the rest ('skip'). `longRest` is the line's text after its header, in case it has no author.
   */
  private long: LongAuthor | 'skip' | null = null;
  private longRest = '';
  /** Authors longer than a line is held, by their hash. */
  private readonly longAuthors = new Set<string>();

  constructor(
    private readonly custodian: string | null,
    private readonly utf8: boolean,
    private readonly caps: FieldCaps,
  ) {
    this.decode = utf8 ? fromUtf8Bytes : asIs;
    this.evidence = new DateOrderEvidence(this.decode);
    this.undated = new UndatedYears(this.decode);
  }

  line(text: string, start: number, end: number, part: LinePart = 'whole'): void {
    if (part === 'more' || part === 'last') return this.piece(text.slice(start, end), part === 'last');
    this.long = part === 'head' ? 'skip' : null;
    this.lineNo++;
    const { m, utf8 } = this;
    if (!matchHeader(text, start, end, m, utf8)) return;
    if (this.shape === null) {
      this.shape = m.shape;
      this.form = m.form;
    } else if (m.form !== this.form) {
      return;
    }
    this.evidence.add(m, text);
    this.undated.add(m, text);
    if (m.meridiem !== NO_MERIDIEM) this.twelveHour = true;
    const colon = authorEnd(text, m.rest, end, utf8, this.decode);
    if (colon === -1 && part === 'head' && text.indexOf(': ', m.rest) === -1) {
      this.longRest = text.slice(m.rest, end);
      this.long = new LongAuthor(new CappedText(this.caps.label, utf8 ? 'latin1' : 'utf8'));
      this.long.add(this.longRest);
      return;
    }
    if (colon === -1) return this.system(text.slice(m.rest, end));
    if (lrmAt(text, colon + 2, utf8)) {
      const body = text.slice(colon + 2, end);
      const decoded = this.decode(body);
      const notice = callKind(decoded) === null ? iosNoticeKind(decoded) : null;
      if (notice !== null) {
        if (notice === 'encryption_notice') this.iosChatName ??= text.slice(m.rest, colon);
        return;
      }
      const name = this.iosChatName;
      if (name !== null && colon - m.rest === name.length && text.startsWith(name, m.rest) && !namesMedia(decoded))
        return this.system(body);
    }
    if (this.authors.length < 3 && !this.known(text, m.rest, colon)) this.authors.push(text.slice(m.rest, colon));
    if (this.custodian !== null && !this.custodianFound) this.checkCustodian(text, m.rest, colon);
  }

  /** A later piece of a long line: an author may end in it. */
  private piece(piece: string, last: boolean): void {
    const long = this.long;
    if (long instanceof LongAuthor && long.add(piece) !== -1) {
      const author = long.text.finish();
      const id = author.whole?.sha256 ?? author.text;
      if (this.authors.length < 3 && !this.longAuthors.has(id)) {
        this.longAuthors.add(id);
        this.authors.push(author.text);
      }
      this.long = 'skip';
    }
    if (!last) return;
    if (this.long instanceof LongAuthor) this.system(this.longRest);
    this.long = null;
    this.longRest = '';
  }

  private known(text: string, from: number, to: number): boolean {
    for (const author of this.authors) if (author.length === to - from && text.startsWith(author, from)) return true;
    return false;
  }

  private system(raw: string): void {
    const text = this.decode(raw);
    const kind = systemKind(text);
    if (isGroupEvent(kind)) this.groupEvents++;
    if (kind === 'created_group' || kind === 'subject_changed') this.subject = subjectFrom(text) ?? this.subject;
  }

  /** Whether the author in `text[from, to)` is the custodian. Runs on every header until one is. */
  private checkCustodian(text: string, from: number, to: number): void {
    // Authors already checked are found by length and compared where they stand: most headers then
    // need no string of their own.
    const sameLength = this.checked.get(to - from);
    if (sameLength) for (const author of sameLength) if (text.startsWith(author, from)) return;
    const author = text.slice(from, to);
    if (this.moreChecked.has(author)) return;
    if (!sameLength) this.checked.set(author.length, [author]);
    else if (sameLength.length < SAME_LENGTH_COMPARED) sameLength.push(author);
    // A chat has few authors; the cap only guards against a pathological file.
    else if (this.moreChecked.size < 10_000) this.moreChecked.add(author);
    this.custodianFound = nameForMatching(authorKey(this.decode(author))) === this.custodian;
  }

  finish(
    options: ParseOptions,
    stats: { encoding: ChatEncoding; bom: boolean; replaced: number; nuls: number },
    fileDate: number | null,
  ): Survey | null {
    if (this.shape === null) return null;
    return {
      ...stats,
      shape: this.shape,
      form: this.form,
      undatedYears: this.undated.decide(fileDate, Date.now()),
      dateOrder: this.evidence.decide(options.dateOrder),
      subject: this.subject,
      iosChatName: this.iosChatName === null ? null : this.decode(this.iosChatName),
      group: this.groupEvents > 0 || this.authors.length > 2,
      authors: this.authors.map(this.decode),
      custodianFound: this.custodianFound,
      twelveHour: this.twelveHour,
    };
  }

  get lines(): number {
    return this.lineNo;
  }
}

/** Pass 1: surveys every line of the chat. */
async function survey(files: SourceFiles, entry: string, options: ParseOptions, custodian: string | null): Promise<Survey> {
  const where: Locator | undefined = entry === files.displayName ? undefined : { file: entry };
  const decoder = new ChatTextDecoder(true);
  const caps = options.fieldCaps ?? FIELD_CAPS;
  const lines = new LineCursor(caps.body);
  let surveyor: Surveyor | null = null;
  let chars = 0;
  let nuls = 0;
  for await (const decoded of decoder.decode(files.stream(entry), options.token)) {
    let chunk = decoded;
    if (chunk.includes('\0')) {
      if (options.strict) throw new ImportInputError(files.displayName, 'the file is not text (it contains NUL bytes)', where);
      // The parse removes them line by line and says where; the survey only needs the text without them.
      const without = chunk.replaceAll('\0', '');
      nuls += chunk.length - without.length;
      chunk = without;
    }
    chars += chunk.length;
    surveyor ??= new Surveyor(custodian, decoder.utf8View, caps);
    lines.push(chunk);
    while (lines.next()) surveyor.line(lines.text, lines.start, lines.end, lines.part);
  }
  if (surveyor && lines.finish()) surveyor.line(lines.text, lines.start, lines.end, lines.part);
  if (nuls > MIN_NULS_FOR_BINARY && nuls > (chars + nuls) * MAX_NUL_SHARE) {
    throw new ImportInputError(files.displayName, `the file is not text (it contains ${nuls} NUL bytes)`, where);
  }
  if (decoder.replaced > MIN_REPLACED_FOR_BINARY && decoder.replaced > chars * MAX_REPLACED_SHARE) {
    throw new ImportInputError(
      files.displayName,
      `the file is not text (${decoder.replaced} byte sequences are not valid ${decoder.encoding.toUpperCase()})`,
      where,
    );
  }
  const result = surveyor?.finish(
    options,
    { encoding: decoder.encoding, bom: decoder.bom, replaced: decoder.replaced, nuls },
    fileDate(files, entry),
  );
  if (!result) {
    throw new ImportInputError(
      files.displayName,
      `no WhatsApp message header found in any of its ${surveyor?.lines ?? 0} lines ` +
        '(expected lines such as "12/01/2024, 14:03 - Name: text" or "[12/01/2024, 14:03:22] Name: text")',
      where,
    );
  }
  return result;
}

/** When the chat file was written, as far as the file system says: only a file on disk has a date to ask. */
function fileDate(files: SourceFiles, entry: string): number | null {
  const path = files.diskPath(entry);
  if (path === null) return null;
  try {
    return statSync(path).mtimeMs;
  } catch {
    return null;
  }
}

function chatTitle(files: SourceFiles, entry: string, found: Survey, custodian: string | null): string {
  if (found.group && found.subject) return found.subject;
  if (found.iosChatName) return found.iosChatName;
  const fromFile = chatNameFromFileName(files.displayName) ?? chatNameFromFileName(entry);
  if (fromFile) return fromFile;
  if (!found.group && found.custodianFound) {
    const other = found.authors.find((author) => nameForMatching(authorKey(author)) !== custodian);
    if (other) return authorKey(other);
  }
  return fileStem(files.displayName);
}

function decodingNotes(found: Survey): ParseEvent[] {
  const notes: ParseEvent[] = [];
  if (found.encoding !== 'utf-8') {
    const bom = found.encoding === 'utf-16le' ? 'FF FE' : 'FE FF';
    notes.push({
      type: 'note',
      note: {
        kind: 'repair',
        message:
          `The file is ${found.encoding.toUpperCase()} (byte-order mark ${bom}), not the UTF-8 WhatsApp writes, so it was ` +
          're-saved after export; it was decoded as such.',
      },
    });
  } else if (found.bom) {
    notes.push({ type: 'note', note: { kind: 'repair', message: 'A UTF-8 byte-order mark at the start of the file was skipped.' } });
  }
  if (found.replaced > 0) {
    notes.push({
      type: 'note',
      note: {
        kind: 'repair',
        message: `${found.replaced} byte sequence(s) are not valid ${found.encoding.toUpperCase()}; each was replaced with U+FFFD.`,
      },
    });
  }
  return notes;
}

interface Sender {
  readonly participant: ParsedParticipant;
  readonly direction: Direction;
}

/** What pass 2 takes from the survey: everything a message it emits depends on. */
interface RecordDecisions {
  readonly order: DateOrder;
  readonly custodianFound: boolean;
  /** Whether undecodable bytes were replaced, so a U+FFFD in a body is a repair. */
  readonly repairs: boolean;
  readonly iosChatName: string | null;
  readonly group: boolean;
  readonly form: number;
  /** Whether the order was defaulted, so a date that reads differently in the other order is a guess. */
  readonly orderDefaulted: boolean;
  readonly undatedStartYears: readonly number[];
  /** Whether the file holds NUL bytes to remove. */
  readonly nuls: boolean;
  readonly strict: boolean;
}

const decisionsOf = (found: Survey, options: ParseOptions): RecordDecisions => ({
  order: found.dateOrder.order,
  custodianFound: found.custodianFound,
  repairs: found.replaced > 0,
  iosChatName: found.iosChatName,
  group: found.group,
  form: found.form,
  orderDefaulted: found.dateOrder.defaulted,
  undatedStartYears: found.undatedYears.startYears,
  nuls: found.nuls > 0,
  strict: options.strict === true,
});

/**
 * Pass 2: header lines and their continuation lines become messages, in file order. A header line is
 * read when it is met (author, time, whether it is a system line), since the text it sits in is
 * replaced chunk by chunk; the record is emitted once the next header shows where it ends.
 */
class RecordParser {
  private events: ParseEvent[] = [];
  private lineNo = 0;
  private readonly m = new HeaderMatch();
  /** Whether a record is open, and what its header line said. */
  private open = false;
  private firstLine = '';
  /** The open record's text: its first line after the header, and its continuation lines. */
  private readonly body: CappedText;
  /**
   * Inside a line longer than the cursor holds: looking for its author's end (the text gathered so far
   * is in `body`), gathering its text into `body`, or passing over it ('skip', before the first header).
   */
  private long: LongAuthor | 'body' | 'preamble' | null = null;
  private start = 0;
  private end = 0;
  private time: ParsedTime = NO_TIME;
  /** Whether the open record's time is a reckoning: a year counted, an order defaulted, a gap, an impossible hour. */
  private lowTime = false;
  /** For a system record, what happened; null for a user message, whose author is `sender`. */
  private event: string | null = null;
  /** For a missed call, which kind; its author is `sender`. */
  private call: string | null = null;
  private sender: Sender | null = null;
  /** NUL bytes removed from the open record, and from the whole file (with the lines they were on). */
  private recordNuls = 0;
  private nulsRemoved = 0;
  private nulRecords = 0;
  private nulFirstLine = 0;
  private nulLastLine = 0;
  /** The running year of a run of dates written without one (see UndatedYears). */
  private undatedRun = 0;
  private inUndatedRun = false;
  private undatedYear = 0;
  private undatedMonth = 0;
  private seq = 0;
  private prevUtc: number | null = null;
  private readonly wall = new Wall();
  private readonly clock: ZoneReader;
  private readonly senders = new Map<string, Sender>();
  private readonly byKey = new Map<string, Sender>();
  private preambleFirst = 0;
  private preambleLast = 0;
  private preambleCount = 0;
  /** The lines before the first header, from the first that is not blank, kept for the note. */
  private readonly preambleText: CappedText;
  private preambleBlanks = 0;
  private readonly basis: `assumed:${string}`;
  private readonly order: DateOrder;
  private readonly directionBasis: DirectionBasis;
  private readonly repairs: boolean;

  constructor(
    private readonly entry: string,
    private readonly decisions: RecordDecisions,
    private readonly zone: string,
    private readonly custodian: string | null,
    private readonly media: MediaIndex,
    private readonly caps: FieldCaps,
  ) {
    this.body = new CappedText(caps.body);
    this.preambleText = new CappedText(caps.body);
    this.basis = `assumed:${zone}`;
    this.order = decisions.order;
    this.directionBasis = decisions.custodianFound ? 'custodian_name' : 'unknown';
    this.repairs = decisions.repairs;
    this.clock = new ZoneReader(zone);
  }

  get pending(): number {
    return this.events.length;
  }

  line(text: string, start: number, end: number, part: LinePart = 'whole'): void {
    if (part === 'more' || part === 'last') {
      const piece = text.slice(start, end);
      const clean = this.withoutNuls(piece);
      if (this.open) this.recordNuls += piece.length - clean.length;
      return this.piece(clean, part === 'last');
    }
    this.long = null;
    this.lineNo++;
    let nuls = 0;
    if (this.decisions.nuls) {
      const nul = text.indexOf('\0', start);
      if (nul !== -1 && nul < end) {
        const line = text.slice(start, end);
        text = this.withoutNuls(line);
        nuls = line.length - text.length;
        start = 0;
        end = text.length;
      }
    }
    // A line in another form than the file's is text: a chat pasted into a message is not new messages.
    if (matchHeader(text, start, end, this.m) && this.m.form === this.decisions.form) {
      if (this.open) this.flush();
      else this.preamble();
      this.open = true;
      this.start = this.end = this.lineNo;
      this.header(text, end, part === 'head');
    } else if (this.open) {
      // Any other line, a blank one included, continues the message above it.
      this.body.append('\n' + text.slice(start, end));
      this.end = this.lineNo;
      if (part === 'head') this.long = 'body';
    } else {
      this.preambleLine(text.slice(start, end), part === 'head');
    }
    if (this.open) this.recordNuls += nuls;
  }

  /** `text` without its NUL bytes, which are counted where the line is. */
  private withoutNuls(text: string): string {
    if (!this.decisions.nuls || !text.includes('\0')) return text;
    const without = text.replaceAll('\0', '');
    this.nulsRemoved += text.length - without.length;
    if (this.nulFirstLine === 0) this.nulFirstLine = this.lineNo;
    this.nulLastLine = this.lineNo;
    return without;
  }

  private preambleLine(line: string, long: boolean): void {
    if (long) this.long = 'preamble';
    if (line.trim() === '' && !long) {
      if (this.preambleCount > 0) this.preambleBlanks++;
      return;
    }
    if (this.preambleCount++ === 0) this.preambleFirst = this.lineNo;
    else this.preambleText.append('\n'.repeat(this.preambleBlanks + 1));
    this.preambleBlanks = 0;
    this.preambleLast = this.lineNo;
    this.preambleText.append(line);
  }

  /** A later piece of a long line: more of the record's text, or the end of its author and the start of its text. */
  private piece(piece: string, last: boolean): void {
    const long = this.long;
    if (long === 'preamble') this.preambleText.append(piece);
    if (long instanceof LongAuthor) {
      const at = long.add(piece);
      if (at !== -1) {
        this.sender = this.longSender(this.body.finish());
        this.event = null;
        this.firstLine = piece.slice(at);
        this.body.append(this.firstLine);
        this.long = 'body';
      } else if (last) {
        long.end();
      }
    } else if (long === 'body') {
      this.body.append(piece);
    }
    if (last) this.long = null;
  }

  finish(): void {
    if (this.open) this.flush();
    else this.preamble();
    if (this.nulsRemoved === 0) return;
    this.events.push({
      type: 'note',
      note: {
        kind: 'repair',
        message:
          `${this.nulsRemoved} NUL byte(s) were removed from ${this.nulRecords} message(s): they are not text, and WhatsApp does not ` +
          'write them (a copy or sync damaged the file). The rest of each message is as exported; those messages are marked low confidence.',
        locator: { file: this.entry, lineStart: this.nulFirstLine, lineEnd: this.nulLastLine },
      },
    });
  }

  progress(bytesRead: number, bytesTotal: number): void {
    this.events.push({ type: 'progress', bytesRead, bytesTotal });
  }

  /** The events produced since the last call. */
  take(): ParseEvent[] {
    const events = this.events;
    this.events = [];
    return events;
  }

  /**
   * Lines before the first header (the tail of a message cut off above, a page number, a title) belong to
   * no message. They are kept, as written, in a note on the source, unless the import is strict.
   */
  private preamble(): void {
    if (this.preambleCount === 0) return;
    const count = this.preambleCount;
    this.preambleCount = 0;
    const locator: Locator = { file: this.entry, lineStart: this.preambleFirst, lineEnd: this.preambleLast };
    const message = `${count} line(s) before the first message header belong to no message`;
    if (this.decisions.strict) {
      this.events.push({ type: 'problem', problem: { message, locator } });
      return;
    }
    const { text, whole } = this.preambleText.finish();
    const cut = whole ? ` (the first ${text.length} characters of ${whole.bytes} bytes, SHA-256 ${whole.sha256})` : '';
    this.events.push({
      type: 'note',
      note: {
        kind: 'warning',
        message: `${message}; they were not imported as messages and are kept here as written${cut}:\n${text}`,
        locator,
      },
    });
  }

  private header(text: string, end: number, long: boolean): void {
    const m = this.m;
    const colon = authorEnd(text, m.rest, end, false, asIs);
    const firstLine = text.slice(colon === -1 ? m.rest : colon + 2, end);
    this.firstLine = firstLine;
    if (long && colon === -1 && text.indexOf(': ', m.rest) === -1) {
      // The author, if there is one, ends beyond what is held: the text gathers in `body` until it does.
      this.long = new LongAuthor(this.body);
      this.long.add(firstLine);
    } else {
      this.body.append(firstLine);
      if (long) this.long = 'body';
    }
    this.time = this.readTime(text.slice(m.start, m.end));
    this.sender = null;
    this.call = null;
    this.event = colon === -1 ? systemKind(firstLine) : null;
    if (colon === -1) return;
    if (firstLine.charCodeAt(0) === LRM) {
      this.call = callKind(firstLine);
      if (this.call === null) this.event = iosNoticeKind(firstLine);
      const name = this.decisions.iosChatName;
      if (this.event === null && this.call === null && name !== null && colon - m.rest === name.length && text.startsWith(name, m.rest)) {
        // The chat's name is also its other party's in a one-to-one chat, and the group's in a group, so
        // the content decides: media is the party's message; a known system text, or anything in a group, is not.
        if (!namesMedia(firstLine)) {
          const kind = systemKind(firstLine);
          if (kind !== 'other' || this.decisions.group) this.event = kind;
        }
      }
      if (this.event !== null) return;
    }
    this.sender = this.senderFor(text.slice(m.rest, colon));
  }

  private flush(): void {
    const { text: body, whole } = this.body.finish();
    const sender = this.sender;
    const event = sender === null ? (this.event ?? 'other') : null;
    const content = event !== null ? SYSTEM : this.call !== null ? CALL : classifyContent(body, this.firstLine, this.media);
    const nuls = this.recordNuls;
    this.recordNuls = 0;
    if (nuls > 0) this.nulRecords++;
    let repairs = this.repairs && body.includes('\uFFFD') ? DECODING_REPAIR : NO_STRINGS;
    if (nuls > 0) repairs = [...repairs, `${nuls} NUL byte(s) removed`];
    const message: ParsedMessage = {
      conversationKey: CONVERSATION_KEY,
      seq: this.seq++,
      externalId: null,
      time: this.time,
      senderKey: sender?.participant.key ?? null,
      direction: sender?.direction ?? 'system',
      directionBasis: sender ? this.directionBasis : 'source',
      kind: content.kind,
      systemKind: event,
      body,
      edited: content.edited,
      editHistory: NO_EDITS,
      deleted: content.deleted,
      replyToExternalId: null,
      attachments: content.attachments,
      reactions: NO_REACTIONS,
      locator: { file: this.entry, lineStart: this.start, lineEnd: this.end },
      repairs,
      confidence: this.lowTime || nuls > 0 ? 'low' : 'high',
      ...(whole && { truncated: [{ field: 'body', ...whole }] }),
    };
    this.events.push({ type: 'message', message });
  }

  /**
   * The sender of an author longer than a line is held: kept to the label cap, told apart by the whole
   * author's hash, and never the custodian (whose name is not that long).
   */
  private longSender(author: Capped): Sender {
    if (author.whole === null) return this.senderFor(author.text);
    const id = `\u0000${author.whole.sha256}`;
    const known = this.senders.get(id);
    if (known) return known;
    const label = utf8Prefix(author.text, this.caps.label);
    const key = `${authorKey(label)} sha256:${author.whole.sha256}`;
    const participant: ParsedParticipant = { key, label, handle: null, isOwner: false, truncated: [{ field: 'sender', ...author.whole }] };
    const sender: Sender = { participant, direction: this.decisions.custodianFound ? 'incoming' : 'unknown' };
    this.senders.set(id, sender);
    this.events.push({ type: 'participant', participant });
    this.events.push({ type: 'member', conversationKey: CONVERSATION_KEY, participantKey: key });
    return sender;
  }

  private senderFor(author: string): Sender {
    const known = this.senders.get(author);
    if (known) return known;
    const key = authorKey(author);
    let sender = this.byKey.get(key);
    if (!sender) {
      const isOwner = this.custodian !== null && nameForMatching(key) === this.custodian;
      const participant: ParsedParticipant = { key, label: author, handle: phoneHandle(key), isOwner };
      const direction: Direction = !this.decisions.custodianFound ? 'unknown' : isOwner ? 'outgoing' : 'incoming';
      sender = { participant, direction };
      this.byKey.set(key, sender);
      this.events.push({ type: 'participant', participant });
      this.events.push({ type: 'member', conversationKey: CONVERSATION_KEY, participantKey: key });
    }
    this.senders.set(author, sender);
    return sender;
  }

  /** The year of a date written without one: its run's, counted on each time the month goes back. */
  private undatedYearFor(month: number): number {
    if (!this.inUndatedRun) {
      this.undatedYear = this.decisions.undatedStartYears[this.undatedRun++] ?? this.undatedYear;
      this.inUndatedRun = true;
    } else if (month < this.undatedMonth) {
      this.undatedYear++;
    }
    this.undatedMonth = month;
    return this.undatedYear;
  }

  /** Timestamp notes point at the header line, where the timestamp is written. */
  private readTime(raw: string): ParsedTime {
    const m = this.m;
    const locator: Locator = { file: this.entry, lineStart: this.lineNo, lineEnd: this.lineNo };
    let year: number | undefined;
    if (m.monthName && m.noYear) year = this.undatedYearFor(m.d2);
    else if (m.monthName) this.inUndatedRun = false;
    // A counted year, or a defaulted order that reads this date differently the other way, is a reckoning.
    this.lowTime = year !== undefined || (this.decisions.orderDefaulted && !m.monthName && this.order !== 'ymd' && m.d1 !== m.d2);
    if (!toWallClock(m, this.order, this.wall, year)) {
      this.warn(`Timestamp "${raw}" is not a valid date when read as ${this.order}; the message is kept without a time.`, locator);
      return { utcMs: null, raw, basis: this.basis };
    }
    if (m.impossible) {
      this.lowTime = true;
      this.warn(
        `Timestamp "${raw}" has an hour that cannot be ${m.meridiem === PM ? 'PM' : 'AM'}; it was read as written on a 24-hour clock, ` +
          `${String(this.wall.hour).padStart(2, '0')}:${String(this.wall.minute).padStart(2, '0')}. The message is kept as its own and marked low confidence.`,
        locator,
      );
    }
    const utcMs = this.clock.read(this.wall, this.prevUtc);
    if (this.clock.choice) this.instantNote(this.clock.choice, raw, locator);
    this.prevUtc = utcMs;
    return { utcMs, raw, basis: this.basis };
  }

  private instantNote(choice: InstantChoice, raw: string, locator: Locator): void {
    const zone = this.zone;
    if (choice.kind === 'fold-first') {
      this.warn(
        `Local time "${raw}" occurred twice in ${zone} (the clocks went back); read as the first occurrence, ` +
          `${iso(choice.utcMs)}. The second would be ${iso(choice.alternative)}.`,
        locator,
      );
    } else if (choice.kind === 'fold-second') {
      this.warn(
        `Local time "${raw}" occurred twice in ${zone} (the clocks went back); read as the second occurrence, ` +
          `${iso(choice.utcMs)}, because the first (${iso(choice.alternative)}) would put it before the record above it.`,
        locator,
      );
    } else if (choice.kind === 'gap') {
      this.lowTime = true;
      this.warn(
        `Local time "${raw}" did not exist in ${zone} (the clocks went forward); read with the offset in force before ` +
          `the change, as ${iso(choice.utcMs)}, and marked low confidence. If the phone was in another time zone, ` +
          're-import with that zone given (--tz).',
        locator,
      );
    }
  }

  private warn(message: string, locator: Locator): void {
    this.events.push({ type: 'note', note: { kind: 'warning', message, locator } });
  }
}

/** The note suggesting a check of the zone, where the dates read as a US phone writes them (ZONE_CHECK_NOTE). */
function zoneCheckNotes(found: Survey, timeZone: string): ParseEvent[] {
  const monthFirst = found.dateOrder.order === 'mdy';
  if (!monthFirst && !found.twelveHour) return [];
  const written =
    monthFirst && found.twelveHour
      ? 'dates are written month first and times on a 12-hour clock, as a phone set to US English writes them'
      : monthFirst
        ? 'dates are written month first, as a phone set to US English writes them'
        : 'times are written on a 12-hour clock';
  const message =
    `${ZONE_CHECK_NOTE} ${written}, and the times were read in ${timeZone}. ` +
    'If the phone was elsewhere, every time here is out by the difference between the zones.';
  return [{ type: 'note', note: { kind: 'assumption', message } }];
}

function openingEvents(files: SourceFiles, entry: string, found: Survey, options: ParseOptions, custodian: string | null): ParseEvent[] {
  const events: ParseEvent[] = [
    {
      type: 'source',
      source: {
        format: 'whatsapp',
        producer: found.shape === 'android' ? 'WhatsApp Android' : 'WhatsApp iOS',
        producerVersion: null,
        dateOrder: found.dateOrder.order,
        dateOrderBasis: options.dateOrder ? 'given' : 'inferred',
      },
    },
    {
      type: 'conversation',
      conversation: {
        key: CONVERSATION_KEY,
        platform: 'whatsapp',
        kind: found.group ? 'group' : 'direct',
        title: chatTitle(files, entry, found, custodian),
        externalId: null,
      },
    },
    {
      type: 'note',
      note: {
        kind: 'assumption',
        message: `WhatsApp export times carry no zone or offset; they were read as wall-clock time in ${options.timeZone}.`,
      },
    },
    { type: 'note', note: { kind: found.dateOrder.noteKind, message: found.dateOrder.note } },
    ...zoneCheckNotes(found, options.timeZone),
    ...(found.undatedYears.note ? [{ type: 'note', note: { kind: 'warning', message: found.undatedYears.note } } as const] : []),
    ...decodingNotes(found),
  ];
  if (options.custodianName && !found.custodianFound) {
    events.push({
      type: 'note',
      note: {
        kind: 'warning',
        message: `No author matches the custodian's name "${options.custodianName}"; message directions are unknown.`,
      },
    });
  }
  return events;
}

/** Events are handed on in small batches, so they die young instead of piling up a chunk at a time. */
const BATCH = 256;

/** The custodian's name as authors are compared with it, or null when none was given. */
const custodianOf = (options: ParseOptions): string | null => (options.custodianName ? nameForMatching(options.custodianName) : null);

/**
 * Parses a WhatsApp export: a single `.txt`, or a folder or zip holding `_chat.txt` (or one `.txt`) and
 * any media files, which make the attachments that name them `present`. Nothing is emitted until the
 * survey pass has accepted the file, and errors surface from the first `next()`.
 */
async function* parse(files: SourceFiles, options: ParseOptions): AsyncGenerator<readonly ParseEvent[], void, undefined> {
  if (!isValidTimeZone(options.timeZone)) throw new RangeError(`Unknown time zone "${options.timeZone}"`);
  const entry = chooseChatEntry(files);
  const size = files.size(entry);
  if (size === 0) {
    throw new ImportInputError(files.displayName, 'the file is empty', entry === files.displayName ? undefined : { file: entry });
  }
  const custodian = custodianOf(options);
  const found = await survey(files, entry, options, custodian);
  yield openingEvents(files, entry, found, options, custodian);

  const caps = options.fieldCaps ?? FIELD_CAPS;
  const parser = new RecordParser(entry, decisionsOf(found, options), options.timeZone, custodian, new MediaIndex(files, entry), caps);
  const decoder = new ChatTextDecoder();
  const lines = new LineCursor(caps.body);
  let reported = 0;
  for await (const chunk of decoder.decode(files.stream(entry), options.token)) {
    lines.push(chunk);
    while (lines.next()) {
      parser.line(lines.text, lines.start, lines.end, lines.part);
      if (parser.pending >= BATCH) yield parser.take();
    }
    if (decoder.bytesRead - reported >= PROGRESS_STEP) {
      reported = decoder.bytesRead;
      parser.progress(reported, size);
    }
    yield parser.take();
  }
  if (lines.finish()) parser.line(lines.text, lines.start, lines.end, lines.part);
  parser.finish();
  parser.progress(decoder.bytesRead, size);
  yield parser.take();
}

export const whatsapp: ImportFormat = {
  id: 'whatsapp',
  // _chat.txt is the name the iOS app gives the chat; a line shaped like a header is the weakest mark.
  sniff: (head) => (head.names.has('_chat.txt') ? 0.97 : isChatHead(head.text) ? 0.5 : 0),
  parse,
  parserVersion: 'whatsapp/2',
  oneConversation: true,
  attachments: true,
};
