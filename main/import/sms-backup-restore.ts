/**
 * Android "SMS Backup & Restore" XML (and the same format from Signal/Silence exporters). See
 * formats/sms-backup-restore.md. The file is streamed: bytes are decoded, passed through the XML repair
 * pass (surrogate-pair references, forbidden characters, and refusal of any DTD), then read by saxes,
 * which never expands entities. Only the record being read is held in memory; MMS part data is decoded
 * to bytes as soon as its element is read. An attribute value over the body cap is cut before saxes
 * sees it (repair/long-attributes.ts): a body so cut is stored marked with the whole body's size and
 * hash, any other attribute so cut is noted with its own.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { FIELD_CAPS } from '../../common/domain/field-caps';
import type { ParseEvent, ParseOptions } from '../../common/domain/parsed';
import { ImportInputError } from './errors';
import type { SourceFiles } from './files';
import type { ImportFormat } from './format';
import { decodeText, TextDecodingError, type CutCharacter } from './repair/decode';
import { LongAttributeCutter, type AttributeCut } from './repair/long-attributes';
import { pumpText } from './repair/pump';
import { RepairQueue, type Repair } from './repair/repair-queue';
import { XmlRepairer } from './repair/xml-repair';
import { pastProgress, scanFile, skipping } from './sms-backup-restore/fast-path';
import { mmsPart } from './sms-backup-restore/mms-part';
import { present, SbrBook, type MmsAddress, type MmsPart, type SbrRecord, type WholeValue } from './sms-backup-restore/records';
import { PRODUCER } from './sms-backup-restore/scanner';
import { MAX_NESTING_DEPTH, NestingTooDeepError } from './structure-limits';

/** True when the first bytes of a file look like an SMS Backup & Restore backup. */
function isBackupHead(head: string): boolean {
  return /<smses[\s>/]/.test(head) || head.includes('File Created By SMS Backup & Restore');
}

/** SBR's call log, written beside the message backup: `<calls>` of `<call>` records. */
function isCallLogHead(head: string): boolean {
  return /^\uFEFF?\s*(?:<\?[^>]*\?>\s*|<!--[\s\S]*?-->\s*)*<calls[\s>/]/.test(head);
}

const CALL_LOG =
  'a call log: it holds no messages (its root element is <calls>). SMS Backup & Restore writes messages to a separate file (sms-….xml); import that one';

class XmlSyntaxError extends Error {
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(reason);
    this.name = 'XmlSyntaxError';
  }
}

interface OpenRecord {
  readonly element: 'sms' | 'mms';
  readonly name: string;
  readonly line: number;
  attributes: Readonly<Record<string, string>>;
  bodyCut?: WholeValue;
  readonly parts: MmsPart[];
  readonly addresses: MmsAddress[];
}

type Parser = SaxesParser<{ xmlns: false; position: true }>;

/** Reads one file; records go to the shared book, everything else to `events`. */
class SbrFileReader {
  private readonly parser: Parser = new SaxesParser({ xmlns: false, position: true });
  private depth = 0;
  /** The start tag being read (its attributes are not complete yet), for saying where a file stops. */
  private startTag: { name: string; line: number; column: number } | null = null;
  private record: OpenRecord | null = null;
  private readonly counters = { sms: 0, mms: 0 };
  /** Undefined until the root element has been read. */
  private declaredCount: number | null | undefined = undefined;
  private producer: { name: string; version: string } | null = null;
  private closing = false;
  private wholeRecords = 0;
  /**
   * The text given to the parser since the end of the last whole record (`fedFrom` is where it starts
   * in all the text given): what a file cut off inside a record holds of that record.
   */
  private fed = '';
  private fedFrom = 0;
  private keepFrom = 0;
  /** Set when the file ends inside a character: the copy stopped mid-character. */
  cutCharacter: CutCharacter | null = null;

  constructor(
    private readonly file: string,
    private readonly book: Pick<SbrBook, 'add' | 'note'>,
    private readonly repairs: RepairQueue,
    private readonly cutter: LongAttributeCutter,
    private readonly onRoot: (producer: { name: string; version: string } | null) => void,
    private readonly strict: boolean,
  ) {
    const parser = this.parser;
    parser.on('error', (error) => {
      throw new XmlSyntaxError(this.describeError(error.message.replace(/^\d+:\d+: /, '')), parser.line, parser.column);
    });
    parser.on('comment', (comment) => {
      const match = this.depth === 0 ? PRODUCER.exec(comment) : null;
      if (match?.[1] && match[2]) this.producer ??= { name: match[1], version: match[2] };
    });
    parser.on('opentagstart', (tag) => {
      if (this.depth >= MAX_NESTING_DEPTH) throw new NestingTooDeepError('elements', parser.line);
      // Saxes has read the name and the character after it; its column counts from 0.
      this.startTag = { name: tag.name, line: parser.line, column: parser.column - tag.name.length - 1 };
      if (this.depth === 1 && (tag.name === 'sms' || tag.name === 'mms')) {
        const number = ++this.counters[tag.name];
        // Repairs before the record's "<" belong to no record.
        this.noteRepairs(this.repairs.takeBefore(this.cutter.sourceOffset(parser.position - tag.name.length - 2)));
        this.record = {
          element: tag.name,
          name: `${tag.name}#${number}`,
          line: parser.line,
          attributes: {},
          parts: [],
          addresses: [],
        };
      }
    });
    parser.on('opentag', (tag) => this.open(tag));
    parser.on('closetag', () => this.close());
  }

  write(text: string): void {
    this.fed = this.fed.slice(this.keepFrom - this.fedFrom) + text;
    this.fedFrom = this.keepFrom;
    this.parser.write(text);
  }

  end(): void {
    this.closing = true;
    try {
      this.parser.close();
      const cut = this.cutCharacter;
      if (cut) this.book.note('warning', `the file ends with ${this.cutBytes(cut)}`, { file: this.file, byteOffset: cut.byteOffset });
    } catch (error) {
      // A file cut off after its root opened (an interrupted copy) holds whole records before the cut.
      if (!(error instanceof XmlSyntaxError) || this.strict || this.declaredCount === undefined) throw error;
      this.noteCutOff();
    }
    this.noteRepairs(this.repairs.takeBefore(Infinity));
    for (const cut of this.cutter.takeBefore(Infinity)) this.noteCut(cut, 0);
  }

  private open(tag: SaxesTagPlain): void {
    this.startTag = null;
    this.depth++;
    const { name, attributes } = tag;
    const cuts = this.cutter.takeBefore(this.parser.position);
    const cut = (element: string, attribute: string): WholeValue | undefined => {
      const found = cuts.find((c) => c.element === element && c.attribute === attribute && c.element === name);
      return found && { bytes: found.bytes, sha256: found.sha256 };
    };
    const record = this.record;
    const bodyCut = record && this.depth === 2 ? cut('sms', 'body') : undefined;
    const textCut = record?.element === 'mms' && this.depth > 2 ? cut('part', 'text') : undefined;
    for (const c of cuts) {
      if (c.attribute === 'body' && bodyCut) continue;
      if (c.attribute === 'text' && textCut) continue;
      this.noteCut(c, Buffer.byteLength(attributes[c.attribute] ?? '', 'utf8'));
    }
    if (this.depth === 1) {
      if (name === 'calls') throw new ImportInputError(this.file, CALL_LOG, { file: this.file, lineStart: this.parser.line });
      if (name !== 'smses') {
        throw new XmlSyntaxError(
          `the root element is <${name}>; an SMS Backup & Restore file has <smses>`,
          this.parser.line,
          this.parser.column,
        );
      }
      const count = present(attributes, 'count');
      this.declaredCount = count !== undefined && /^\d+$/.test(count) ? Number(count) : null;
      this.onRoot(this.producer);
      return;
    }
    if (!record) return;
    if (this.depth === 2) {
      record.attributes = attributes;
      if (bodyCut) record.bodyCut = bodyCut;
    } else if (record.element === 'mms' && name === 'part') record.parts.push(mmsPart(attributes, textCut));
    else if (record.element === 'mms' && name === 'addr')
      record.addresses.push({ address: attributes.address ?? '', type: attributes.type });
  }

  private close(): void {
    this.depth--;
    const record = this.record;
    if (this.depth === 1 && record) {
      this.record = null;
      this.wholeRecords++;
      this.keepFrom = this.parser.position;
      const lineEnd = this.parser.line;
      const sbr: SbrRecord = {
        element: record.element,
        name: record.name,
        attributes: record.attributes,
        ...(record.bodyCut && { bodyCut: record.bodyCut }),
        parts: record.parts,
        addresses: record.addresses,
        locator: { file: this.file, lineStart: record.line, lineEnd: lineEnd === record.line ? undefined : lineEnd, record: record.name },
        repairs: this.repairs.takeBefore(this.cutter.sourceOffset(this.parser.position)),
      };
      this.book.add(sbr);
    } else if (this.depth === 0) {
      const counted = this.counters.sms + this.counters.mms;
      if (this.declaredCount !== null && this.declaredCount !== counted) {
        this.book.note('warning', `<smses count="${this.declaredCount}"> but the file holds ${counted} records`, { file: this.file });
      }
    }
  }

  /**
   * Says where the file stops and keeps what it holds of the record it stops in, as read; the whole
   * records before it are imported. Strict refuses such a file instead (describeError words why).
   */
  private noteCutOff(): void {
    const record = this.record;
    const tag = this.startTag;
    const records = `the ${this.wholeRecords} whole record${this.wholeRecords === 1 ? '' : 's'} before ${record ? 'it' : 'the end'} were imported`;
    const declared =
      this.declaredCount === null || this.declaredCount === undefined
        ? ''
        : `, and <smses count="${this.declaredCount}"> says the backup held ${this.declaredCount}`;
    const cut = this.cutCharacter;
    const tail = this.fed.slice(this.keepFrom - this.fedFrom).trimStart() + (cut ? ` (then ${this.cutBytes(cut)})` : '');
    if (!record) {
      const kept =
        tail === '' ? '' : `; the text after the last whole record is kept in this note as read (${tail.length} characters): ${tail}`;
      this.book.note('warning', `the file ends before </smses> (an interrupted copy?): ${records}${declared}${kept}`, {
        file: this.file,
        ...(tag && { lineStart: tag.line }),
      });
      return;
    }
    this.book.note(
      'warning',
      `the file ends inside record ${record.name}, which begins at line ${record.line} (an interrupted copy?): ${records}${declared}; ` +
        `the cut record is kept in this note as read (${tail.length} characters): ${tail}`,
      { file: this.file, lineStart: record.line, record: record.name },
    );
  }

  /** The bytes of a character the copy cut off, which decode to no text: said in hex. */
  private cutBytes(cut: CutCharacter): string {
    const hex = [...cut.bytes].map((byte) => byte.toString(16).toUpperCase().padStart(2, '0')).join(' ');
    return `${cut.bytes.length} byte${cut.bytes.length === 1 ? '' : 's'} (${hex}) of a character the copy cut off`;
  }

  /** A value cut that no message field stands for (a label, a key, a date): a note with the whole value's size and hash. */
  private noteCut(cut: AttributeCut, keptBytes: number): void {
    const where = this.record ? `${this.record.name}: the` : 'The';
    this.book.note(
      'warning',
      `${where} ${cut.attribute} attribute of <${cut.element}> is ${count(cut.bytes)} bytes, over the import's cap of ${count(this.cutter.cap)} bytes: ` +
        `the first ${count(keptBytes)} bytes were read. SHA-256 of the whole value: ${cut.sha256}.`,
      { file: this.file, lineStart: this.parser.line, ...(this.record && { record: this.record.name }) },
    );
  }

  private noteRepairs(repairs: readonly Repair[]): void {
    for (const repair of repairs) this.book.note('repair', repair.description, { file: this.file, lineStart: repair.line });
  }

  /** Saxes words errors for parser authors; at the end of the file, say what was cut off instead. */
  private describeError(reason: string): string {
    if (!this.closing) return reason;
    const tag = this.startTag;
    const record = this.record;
    const inRecord = record ? ` (record ${record.name})` : '';
    if (tag) {
      return (
        `the file ends inside the start tag of <${tag.name}> that begins at line ${tag.line}, column ${tag.column}${inRecord}: ` +
        'expected the rest of its attributes and its closing "/>" or ">", then </smses>'
      );
    }
    if (record)
      return `the file ends inside <${record.element}> ${record.name}, which begins at line ${record.line}: expected </${record.element}>, then </smses>`;
    if (this.depth > 0) return 'the file ends before </smses>';
    return reason;
  }
}

const count = (n: number): string => n.toLocaleString('en-GB');

async function readHead(files: SourceFiles, entry: string): Promise<string> {
  try {
    for await (const { text } of decodeText(files.stream(entry))) return text.slice(0, 4096);
  } catch (error) {
    if (!(error instanceof TextDecodingError)) throw error;
  }
  return '';
}

/**
 * The backup files among the entries: a single file as given, or every XML file that sniffs as a
 * backup; and the call logs beside them, which are said to be left out.
 */
async function backupEntries(files: SourceFiles): Promise<{ readonly backups: string[]; readonly callLogs: string[] }> {
  const [only] = files.entries;
  if (files.entries.length === 1 && only !== undefined) return { backups: [only], callLogs: [] };
  const backups: string[] = [];
  const callLogs: string[] = [];
  for (const entry of files.entries) {
    if (!/\.xml$/i.test(entry)) continue;
    const head = await readHead(files, entry);
    if (isBackupHead(head)) backups.push(entry);
    else if (isCallLogHead(head)) callLogs.push(entry);
  }
  if (backups.length === 0)
    throw new ImportInputError(files.displayName, 'no SMS Backup & Restore XML file found (expected a file whose root element is <smses>)');
  return { backups, callLogs };
}

async function* parse(files: SourceFiles, options: ParseOptions): AsyncGenerator<readonly ParseEvent[]> {
  const events: ParseEvent[] = [];
  const book = new SbrBook(options, events);
  let described = false;
  const onRoot = (producer: { name: string; version: string } | null): void => {
    if (described) return;
    described = true;
    // Emitted at the root element, once the header comment naming the producer has been read.
    events.push({
      type: 'source',
      source: {
        format: 'sms_backup_restore',
        producer: producer?.name ?? null,
        producerVersion: producer?.version ?? null,
        dateOrder: null,
        dateOrderBasis: null,
      },
    });
  };

  const cap = (options.fieldCaps ?? FIELD_CAPS).body;
  const { backups, callLogs } = await backupEntries(files);
  for (const entry of callLogs)
    book.note('warning', `${entry} is a call log: it holds no messages, so it was not imported`, { file: entry });
  for (const entry of backups) {
    // A file as the app writes it is read by a scanner of its own, several times faster; from the first
    // thing it does not handle, by saxes below (sms-backup-restore/fast-path.ts).
    const scanned = yield* scanFile({ files, entry, book, events, onRoot, cap, token: options.token });
    if (scanned.finished) {
      if (!scanned.completed) return;
      yield events.splice(0);
      continue;
    }
    const repairs = new RepairQueue();
    // MMS part data is base64 media, decoded to bytes as soon as its part is read: it is never text to cap.
    const cutter = new LongAttributeCutter(cap, (element, attribute) => element === 'part' && attribute === 'data');
    const repairer = new XmlRepairer(
      (repair) => repairs.add(repair),
      (line) => {
        throw new ImportInputError(entry, 'DTDs and entity declarations are not allowed; nothing was imported', {
          file: entry,
          lineStart: line,
        });
      },
    );
    const reader = new SbrFileReader(entry, skipping(book, scanned.records), repairs, cutter, onRoot, options.strict === true);
    const completed = yield* pastProgress(
      scanned.bytesReported,
      pumpText({
        files,
        entry,
        repairer: { push: (text) => cutter.push(repairer.push(text)), end: () => cutter.push(repairer.end()) + cutter.end() },
        parser: reader,
        events,
        token: options.token,
        syntax: { is: (error): error is XmlSyntaxError => error instanceof XmlSyntaxError, failure: 'not well-formed XML' },
        ...(!options.strict && { onCutEnd: (cut: CutCharacter) => (reader.cutCharacter = cut) }),
      }),
    );
    if (!completed) return;
    yield events.splice(0);
  }
}

export const smsBackupRestore: ImportFormat = {
  id: 'sms_backup_restore',
  // An <smses> root is distinctive, though plainer than another format's namespace or version header.
  // Its call log is recognised too, to be refused as what it is rather than as no export at all.
  sniff: (head) => (isBackupHead(head.text) ? 0.7 : isCallLogHead(head.text) ? 0.5 : 0),
  parse,
  parserVersion: 'sbr/1',
  oneConversation: false,
  attachments: true,
};
