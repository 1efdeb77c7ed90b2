/**
 * Signal chats as signal-export (`sigexport`, carderne/signal-export) writes them from Signal Desktop:
 * a folder per conversation with `data.json` (JSON Lines, preferred) and `chat.md` (the only file
 * before March 2024), and `media/` (docs/formats/signal.md). Several chat folders make several
 * conversations of one source.
 *
 * signal-export is a lossy source: it removes every backtick from a message and appends two spaces.
 * Bodies are kept as exported and the source says so; its times carry no zone and are read in the
 * case's, which the source says too.
 */
import { createHash } from 'node:crypto';
import type { Locator, ParseEvent, ParseOptions } from '../../common/domain/parsed';
import { isValidTimeZone } from '../../common/domain/time';
import type { SourceFiles } from './files';
import type { ImportFormat, SniffHead } from './format';
import { chatFolders, holdsChatPair, type ChatFolder } from './signal/chats';
import { compareChatFiles, type Disagreement } from './signal/compare';
import { NO_SENDER, toMarkdown, type SignalRecord } from './signal/record';
import { SignalEvents, type ChatPeople, type ChatWriter } from './signal/events';
import { BrokenLine, readJsonLine } from './signal/json-line';
import { linesOf } from './signal/lines';
import { MarkdownRecords, type MarkdownNotes } from './signal/markdown';

const BATCH = 256;

/** A line of signal-export's JSON: the keys of its `Message` dataclass, in the order it writes them. */
const JSON_HEAD = /^\{"date": "\d{4}-\d{2}-\d{2}T[\d:.]+", "sender": "/;
const MARKDOWN_HEAD = /^\[\d{4}-\d{2}-\d{2},? \d{2}:\d{2}(:\d{2})?\] [^\n]*?: /;

function sniff(head: SniffHead): number {
  if (holdsChatPair(head.entries)) return 0.95;
  if (head.names.has('data.json') && JSON_HEAD.test(head.text)) return 0.85;
  if (head.names.has('chat.md') && MARKDOWN_HEAD.test(head.text)) return 0.8;
  return 0;
}

/**
 * A note, or with `strict` a problem that refuses the file, for a defect the import can work around;
 * `leftOut` says what of it is not imported ("It was", "They were"), and `text` is what it reads.
 */
function defect(events: SignalEvents, strict: boolean | undefined, what: string, locator: Locator, leftOut: string, text?: string): void {
  const reads = text === undefined ? '' : ` It reads: ${text}`;
  if (strict) {
    events.events.push({
      type: 'problem',
      problem: { message: `${what}. Import without strict to keep it as a note and import the rest.${reads}`, locator },
    });
  } else {
    events.note('warning', `${what}. ${leftOut} not imported; the rest of the file was.${reads}`, locator);
  }
}

interface Survey {
  readonly people: ChatPeople;
  /** Messages that repeat an earlier one of the file exactly, and the first such pair of lines. */
  readonly repeats: number;
  readonly firstRepeat: { readonly line: number; readonly of: number } | null;
}

/**
 * Who speaks and reacts in the chosen file (a first pass: the conversation is described before its
 * messages), and whether any message repeats an earlier one exactly: signal-export writes each message
 * once, so a repeat means the file was edited or joined with another export (docs/formats/signal.md §1).
 */
async function surveyChat(records: AsyncIterable<SignalRecord>): Promise<Survey> {
  const people: ChatPeople = { names: new Set(), noSender: 0 };
  const seen = new Map<string, number>();
  let repeats = 0;
  let firstRepeat: Survey['firstRepeat'] = null;
  for await (const record of records) {
    if (record.sender === NO_SENDER) people.noSender++;
    else people.names.add(record.sender);
    for (const [name] of record.reactions) if (name !== NO_SENDER) people.names.add(name);
    const key = createHash('sha256').update(toMarkdown(record)).digest('base64');
    const earlier = seen.get(key);
    if (earlier === undefined) seen.set(key, record.lineStart);
    else {
      repeats++;
      firstRepeat ??= { line: record.lineStart, of: earlier };
    }
  }
  return { people, repeats, firstRepeat };
}

const SILENT: MarkdownNotes = { note: () => undefined, defect: () => undefined };

/** The records of a chat's chosen file; `notes` hears of lines that are not whole messages. */
async function* recordsOf(
  files: SourceFiles,
  chat: ChatFolder,
  options: ParseOptions,
  notes: MarkdownNotes,
  onLine: (bytesRead: number) => void = () => undefined,
): AsyncGenerator<SignalRecord> {
  if (chat.json !== null) {
    const entry = chat.json;
    for await (const line of linesOf(files, entry, options.token)) {
      onLine(line.bytesRead);
      if (line.text.trim() === '') continue;
      const record = readJsonLine(line.text, line.number);
      if (!(record instanceof BrokenLine)) {
        yield record;
        continue;
      }
      const shown =
        line.text.length > 200 ? `${line.text.slice(0, 200)}… (${line.text.length.toLocaleString('en-GB')} characters in all)` : line.text;
      notes.defect(
        `line ${line.number} of ${entry} is not a message: ${record.reason}` +
          (chat.markdown === null ? '' : ` (${chat.markdown} may hold the message)`),
        { file: entry, lineStart: line.number },
        'It was',
        shown,
      );
    }
    return;
  }
  const entry = chat.markdown!;
  const markdown = new MarkdownRecords(files.displayName, entry, notes);
  for await (const line of linesOf(files, entry, options.token)) {
    onLine(line.bytesRead);
    const record = markdown.line(line);
    if (record) yield record;
  }
  const last = markdown.finish();
  if (last) yield last;
}

function disagreementNote(chat: ChatFolder, d: Disagreement): string {
  const quote = (text: string | null): string =>
    text === null ? 'nothing (the file ends)' : `"${text.length > 120 ? `${text.slice(0, 120)}…` : text}"`;
  return (
    `${chat.markdown} and ${chat.json} disagree: line ${d.markdownLine} of chat.md reads ${quote(d.found)}, where ` +
    (d.jsonLine === null ? 'data.json has no more messages' : `the message at line ${d.jsonLine} of data.json gives ${quote(d.expected)}`) +
    ` (${d.differingLines.toLocaleString('en-GB')} line${d.differingLines === 1 ? '' : 's'} differ; data.json holds ` +
    `${d.jsonMessages.toLocaleString('en-GB')} message${d.jsonMessages === 1 ? '' : 's'}, chat.md ${d.markdownMessages.toLocaleString('en-GB')}). ` +
    'data.json was imported, as it holds the messages field by field; chat.md was compared with it and not imported. One of them was ' +
    'edited, joined with another export or written by another version of signal-export: ask the producing party which is original'
  );
}

async function* parse(files: SourceFiles, options: ParseOptions): AsyncGenerator<readonly ParseEvent[], void, undefined> {
  if (!isValidTimeZone(options.timeZone)) throw new RangeError(`Unknown time zone "${options.timeZone}"`);
  const chats = chatFolders(files);
  const source = new SignalEvents(files, options.timeZone);
  const { events } = source;
  events.push({
    type: 'source',
    source: { format: 'signal', producer: 'signal-export', producerVersion: null, dateOrder: null, dateOrderBasis: null },
  });
  source.note(
    'warning',
    'signal-export is a lossy source: it removes every backtick (`) from a message and appends two spaces to it. The messages ' +
      'are kept as exported, so a message may differ from what was sent by those characters.',
  );
  source.note(
    'assumption',
    `signal-export times carry no zone or offset (they are the exporting computer's local time); they were read as wall-clock time in ${options.timeZone}.`,
  );
  const chosen = (chat: ChatFolder): string => chat.json ?? chat.markdown!;
  const bytesTotal = chats.reduce((total, chat) => total + files.size(chosen(chat)), 0);
  let bytesBefore = 0;
  const notes: MarkdownNotes = {
    note: (message, locator) => source.note('warning', message, locator),
    defect: (what, locator, leftOut, text) => defect(source, options.strict, what, locator, leftOut, text),
  };

  for (const chat of chats) {
    const entry = chosen(chat);
    if (files.entries.length === 1 && chat.markdown !== null && files.has('data.json')) {
      source.note(
        'warning',
        `data.json beside ${entry} was not read, as ${entry} alone was chosen; import the chat's folder to read data.json`,
        {
          file: entry,
        },
      );
    }
    if (chat.json !== null && chat.markdown !== null) {
      const disagreement = await compareChatFiles(files, chat.json, chat.markdown, options.token);
      if (disagreement)
        source.note('warning', disagreementNote(chat, disagreement), { file: chat.markdown, lineStart: disagreement.markdownLine });
    }
    const survey = await surveyChat(recordsOf(files, chat, options, SILENT));
    const writer: ChatWriter = source.startChat(chat, entry, survey.people);
    if (survey.firstRepeat) {
      const { repeats, firstRepeat } = survey;
      source.note(
        'warning',
        `${repeats.toLocaleString('en-GB')} message${repeats === 1 ? '' : 's'} of ${entry} repeat${repeats === 1 ? 's' : ''} an earlier one exactly ` +
          `(first: line ${firstRepeat.line} repeats line ${firstRepeat.of}). signal-export writes each message once, so the file was edited ` +
          'or joined with another export; every message was imported as it stands, repeats included',
        { file: entry, lineStart: firstRepeat.line },
      );
    }
    let bytesRead = 0;
    for await (const record of recordsOf(files, chat, options, notes, (read) => (bytesRead = read))) {
      writer.message(record);
      if (events.length >= BATCH) {
        events.push({ type: 'progress', bytesRead: bytesBefore + bytesRead, bytesTotal });
        yield events.splice(0);
      }
    }
    bytesBefore += files.size(entry);
    events.push({ type: 'progress', bytesRead: bytesBefore, bytesTotal });
    yield events.splice(0);
  }
}

export const signal: ImportFormat = {
  id: 'signal',
  // data.json beside chat.md is signal-export's alone; either file's first line is a weaker mark.
  sniff,
  parse,
  parserVersion: 'signal/1',
  oneConversation: false,
  attachments: true,
};
