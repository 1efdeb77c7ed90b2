/**
 * The format parsers, and how a format is recognised from content (docs/spec.md §3: detected from content;
 * the user can override).
 */
import type { SourceFormat } from '../../common/domain/model';
import type { ParseEvent, ParseOptions } from '../../common/domain/parsed';
import { parseCellebrite, sniffCellebrite } from './cellebrite';
import { ImportInputError } from './errors';
import type { SourceFiles } from './files';
import { parseIMessage, sniffIMessage } from './imessage';
import { parseRsmf, sniffRsmf } from './rsmf';
import { parseSmsBackupRestore, sniffSmsBackupRestore } from './sms-backup-restore';
import { parseTelegram, sniffTelegram } from './telegram';
import {
  guessWhatsAppSurvey,
  isWhatsAppSurvey,
  parseWhatsApp,
  parseWhatsAppInBatches,
  parseWhatsAppRecords,
  sniffWhatsApp,
  surveyWhatsApp,
  whatsAppOpeningEvents,
  whatsAppRecordsHold,
  type WhatsAppSurvey,
} from './whatsapp';

/** `prepared`, when given, is what the format's `prepare` returned for the same files and options. */
export type Parser = (files: SourceFiles, options: ParseOptions, prepared?: unknown) => AsyncGenerator<ParseEvent>;

/** A Parser's events in the arrays a parser produces them in, for readers that take them that way. */
export type BatchParser = (files: SourceFiles, options: ParseOptions, prepared?: unknown) => AsyncGenerator<readonly ParseEvent[]>;

/**
 * How a format with a first pass (`prepare`) can be parsed ahead while that pass runs: from a guess at
 * its result made on the start of the input, held back until the real result shows whether the guess
 * holds. The events are then the same as FormatSpec.parse gives: `opening` from the real result,
 * followed by `records` from the guess.
 */
export interface Speculation {
  /** A guess at what `prepare` will return for the same files and options, or null where none can be made. */
  readonly guess: (files: SourceFiles, options: ParseOptions) => Promise<unknown>;
  /** Whether `records` gives the same events from `guessed` as from `prepared`. */
  readonly holds: (guessed: unknown, prepared: unknown) => boolean;
  /** The events before the first record. */
  readonly opening: (files: SourceFiles, options: ParseOptions, prepared: unknown) => readonly ParseEvent[];
  /** All the other events, in the arrays the parser makes. */
  readonly records: (files: SourceFiles, options: ParseOptions, prepared: unknown) => AsyncGenerator<readonly ParseEvent[]>;
}

export interface FormatSpec {
  readonly parse: Parser;
  /**
   * The same events in arrays, where the parser makes them that way: taking a million events one at
   * a time costs a resolved promise each.
   */
  readonly parseInBatches?: BatchParser;
  readonly speculation?: Speculation;
  /**
   * A first pass some formats make before their first event, as plain data: an import that parses in a
   * thread of its own runs it while that thread starts, and hands the result over.
   */
  readonly prepare?: (files: SourceFiles, options: ParseOptions) => Promise<unknown>;
  /** Bumped when a parser's output changes, and recorded on every source it produced. */
  readonly parserVersion: string;
  /**
   * Whether a source of this format is one conversation, its messages in time order: its rows then
   * arrive in the order of every message index (conversation and position, source and sequence, time).
   */
  readonly oneConversation?: true;
}

function whatsAppSurvey(prepared: unknown): WhatsAppSurvey {
  if (!isWhatsAppSurvey(prepared)) throw new TypeError('a WhatsApp survey was expected');
  return prepared;
}

export const FORMATS: Readonly<Record<SourceFormat, FormatSpec>> = {
  whatsapp: {
    parse: (files, options, prepared) => parseWhatsApp(files, options, isWhatsAppSurvey(prepared) ? prepared : undefined),
    parseInBatches: (files, options, prepared) => parseWhatsAppInBatches(files, options, isWhatsAppSurvey(prepared) ? prepared : undefined),
    speculation: {
      guess: guessWhatsAppSurvey,
      holds: (guessed, prepared) => isWhatsAppSurvey(guessed) && isWhatsAppSurvey(prepared) && whatsAppRecordsHold(guessed, prepared),
      opening: (files, options, prepared) => whatsAppOpeningEvents(files, options, whatsAppSurvey(prepared)),
      records: (files, options, prepared) => parseWhatsAppRecords(files, options, whatsAppSurvey(prepared)),
    },
    prepare: surveyWhatsApp,
    parserVersion: 'whatsapp/1',
    oneConversation: true,
  },
  sms_backup_restore: { parse: parseSmsBackupRestore, parserVersion: 'sbr/1' },
  telegram: { parse: parseTelegram, parserVersion: 'telegram/1' },
  imessage: { parse: parseIMessage, parserVersion: 'imessage/1' },
  cellebrite_ufdr: { parse: parseCellebrite, parserVersion: 'ufdr/1' },
  rsmf: { parse: parseRsmf, parserVersion: 'rsmf/1' },
};

const HEAD_BYTES = 64 * 1024;

async function head(files: SourceFiles, entry: string): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of files.stream(entry)) {
    chunks.push(chunk);
    length += chunk.length;
    if (length >= HEAD_BYTES) break;
  }
  return Buffer.concat(chunks).subarray(0, HEAD_BYTES);
}

function decodeHead(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}

const TEXT_SNIFFERS: readonly [SourceFormat, (head: string) => boolean][] = [
  ['rsmf', sniffRsmf],
  ['cellebrite_ufdr', sniffCellebrite],
  ['sms_backup_restore', sniffSmsBackupRestore],
  ['telegram', sniffTelegram],
  ['whatsapp', sniffWhatsApp],
];

/** Names the format of an opened input from its contents, or says plainly that none matched. */
export async function detectFormat(files: SourceFiles): Promise<SourceFormat> {
  const names = new Set(files.entries.map((e) => e.split('/').pop() ?? e));
  if (names.has('report.xml')) return 'cellebrite_ufdr';
  if (names.has('rsmf_manifest.json') || files.entries.some((e) => e.toLowerCase().endsWith('.rsmf'))) return 'rsmf';
  if (names.has('chat.db') || names.has('sms.db')) return 'imessage';
  if (names.has('_chat.txt')) return 'whatsapp';
  if (names.has('result.json')) return 'telegram';
  const candidates = files.entries.filter((e) => !/\.(jpe?g|png|gif|webp|heic|mp4|mov|opus|m4a|pdf|vcf)$/i.test(e));
  for (const entry of candidates.slice(0, 8)) {
    const bytes = await head(files, entry);
    if (sniffIMessage(bytes)) return 'imessage';
    const text = decodeHead(bytes);
    for (const [format, sniff] of TEXT_SNIFFERS) if (sniff(text)) return format;
  }
  const textEntry = candidates.find((e) => e.toLowerCase().endsWith('.txt'));
  if (textEntry && !(await head(files, textEntry)).includes(0)) {
    throw new ImportInputError(
      files.displayName,
      'a text file with no WhatsApp message header (a line such as "12/03/2021, 09:14 - Name: text"); it is not a chat export',
    );
  }
  throw new ImportInputError(
    files.displayName,
    'not a recognised export (expected a WhatsApp chat export, SMS Backup & Restore XML, Telegram result.json, ' +
      'iMessage chat.db/sms.db, Cellebrite UFDR or RSMF); choose the format explicitly if you are sure',
  );
}
