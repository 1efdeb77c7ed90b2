/**
 * signal-export's `chat.md` (docs/formats/signal.md §1.1): a message starts at a line
 * `[YYYY-MM-DD HH:MM:SS] Sender: ` (or the older `[YYYY-MM-DD HH:MM]` and `[YYYY-MM-DD, HH:MM]`) and goes
 * on to the next such line. What `Message.to_md()` appended to the body is taken apart again from the
 * end: attachments, then a sticker, then reactions; a quote block comes before the body.
 *
 * signal-export removes backticks, so a line of a message that quotes a header is a header to the eye.
 * A line shaped like a header in another form than the file's first is text of the message above; one
 * in the file's form starts a message, and one whose time goes back is noted as possibly text.
 */
import type { Locator } from '../../../common/domain/parsed';
import { ImportInputError } from '../errors';
import { MAX_LINE_CHARS, type Line } from './lines';
import { DELETED_TEXT, type SignalAttachment, type SignalRecord, type SignalSticker } from './record';

/** How much of the lines before the first header a note shows. */
const STRAY_SHOWN = 200;

const HEADER = /^\[(\d{4}-\d{2}-\d{2})(,?) (\d{2}:\d{2})(:\d{2})?\] /;

/** The three shapes chat.md has had, by what the header holds beyond the minute. */
type Shape = 'seconds' | 'minutes' | 'comma';

const SHAPE_NAMES: Readonly<Record<Shape, string>> = {
  seconds: '[YYYY-MM-DD HH:MM:SS]',
  minutes: '[YYYY-MM-DD HH:MM]',
  comma: '[YYYY-MM-DD, HH:MM]',
};

interface Header {
  readonly shape: Shape;
  readonly date: string;
  readonly sender: string;
  /** The rest of the line after `Sender: `. */
  readonly rest: string;
}

function readHeader(text: string): Header | null {
  const match = HEADER.exec(text);
  if (!match) return null;
  const [whole, day, comma, minute, seconds] = match;
  const after = text.slice(whole.length);
  // The sender ends at the first ": "; an editor that trimmed the line may have left a bare ":" at its end.
  const colon = after.indexOf(': ');
  const end = colon === -1 && after.endsWith(':') ? after.length - 1 : colon;
  if (end <= 0) return null;
  return {
    shape: comma ? 'comma' : seconds ? 'seconds' : 'minutes',
    date: `${day}${comma} ${minute}${seconds ?? ''}`,
    sender: after.slice(0, end),
    rest: after.slice(end + 2),
  };
}

/** `to_md`'s call descriptions (`create._format_call`), the only trace of a call chat.md keeps. */
const CALL = /^(?:(?:Incoming|Outgoing) (?:(?:voice|video) )?call(?: \([^)\n]*\))?|Missed (?:(?:voice|video) )?call) {2}$/;
const ATTACHMENT = /(!?)\[([^\]\n]*)\]\(\.\/([^)\n]*)\) {2}$/;
const NOT_EXPORTED = /\((media|attachment) not exported\) {2}$/;
const STICKER_FILE = /\[([^\]\n]*)\]\(\.\.\/(exported_stickers\/[^)\n]*)\) {2}$/;
const STICKER_LABEL = /\n\(\( (.*) \)\)$/;
const REACTIONS = /\n\(- (.*) -\)$/;

/** The parts of what follows `Sender: `, as `to_md` put them together. */
export function decompose(text: string): Omit<SignalRecord, 'date' | 'sender' | 'lineStart' | 'lineEnd'> {
  const none = { quote: '', sticker: null, reactions: [], attachments: [], call: false, missed: false };
  if (text === DELETED_TEXT) return { ...none, body: text, deleted: true };
  let rest = text;
  let quote = '';
  if (rest.startsWith('\n\n> ')) {
    const end = rest.indexOf('\n\n', 2);
    if (end !== -1) {
      quote = rest.slice(0, end + 2);
      rest = rest.slice(end + 2);
    }
  }
  const attachments: SignalAttachment[] = [];
  for (;;) {
    const file = ATTACHMENT.exec(rest);
    const absent = file ? null : NOT_EXPORTED.exec(rest);
    const match = file ?? absent;
    if (!match) break;
    attachments.unshift(
      file ? { name: file[2]!, path: file[3]!, missing: null, image: file[1] === '!' } : { name: '', path: null, missing: absent![1]! },
    );
    rest = rest.slice(0, match.index);
  }
  let sticker: SignalSticker | null = null;
  const stickerFile = STICKER_FILE.exec(rest);
  const stickerLabel = stickerFile ? null : STICKER_LABEL.exec(rest);
  if (stickerFile) sticker = { label: stickerFile[1]!, path: stickerFile[2]! };
  else if (stickerLabel) sticker = { label: stickerLabel[1]!, path: null };
  const stickerMatch = stickerFile ?? stickerLabel;
  if (stickerMatch) rest = rest.slice(0, stickerMatch.index);
  const reactions: (readonly [string, string])[] = [];
  const reactionList = REACTIONS.exec(rest);
  if (reactionList) {
    for (const one of reactionList[1]!.split(', ')) {
      const at = one.lastIndexOf(': ');
      if (at > 0) reactions.push([one.slice(0, at), one.slice(at + 2)]);
    }
    rest = rest.slice(0, reactionList.index);
  }
  const call = CALL.test(rest);
  return { quote, body: rest, sticker, reactions, attachments, deleted: false, call, missed: call && /^Missed|\(unanswered\)/.test(rest) };
}

export interface MarkdownNotes {
  /** A line the parser read in a way the user should know of. */
  note(message: string, locator: Locator): void;
  /** A defect `strict` refuses the file for; otherwise a note saying `leftOut` ("It was") not imported, and what it reads. */
  defect(what: string, locator: Locator, leftOut: string, text?: string): void;
}

/** Gathers a chat.md's lines into records, one at a time. */
export class MarkdownRecords {
  private shape: Shape | null = null;
  private open: { header: Header; lineStart: number; lineEnd: number; text: string } | null = null;
  private previousDate = '';
  private strayFirst = 0;
  private strayLast = 0;
  /** The start of the stray lines' text, for the note. */
  private strayText = '';

  constructor(
    private readonly displayName: string,
    private readonly entry: string,
    private readonly notes: MarkdownNotes,
  ) {}

  /** Takes a line; returns the record it closed, if it starts the next one. */
  line(line: Line): SignalRecord | null {
    const header = readHeader(line.text);
    if (header && this.shape !== null && header.shape !== this.shape) {
      this.notes.note(
        `line ${line.number} looks like a message header in the ${SHAPE_NAMES[header.shape]} form, but this file's headers are ` +
          `${SHAPE_NAMES[this.shape]}: it was read as text of the message above (signal-export removes backticks, so a header ` +
          'quoted in a message looks like a real one)',
        { file: this.entry, lineStart: line.number },
      );
    } else if (header) {
      const closed = this.close();
      this.shape ??= header.shape;
      if (this.previousDate !== '' && comparable(header.date) < comparable(this.previousDate)) {
        this.notes.note(
          `line ${line.number} starts a message dated ${header.date}, earlier than the message before it (${this.previousDate}); ` +
            'it was read as a new message, but it may be text of the message above that quoted a header (signal-export removes ' +
            'backticks, so the two cannot be told apart in chat.md; data.json, where there is one, has no such doubt)',
          { file: this.entry, lineStart: line.number },
        );
      }
      this.previousDate = header.date;
      this.open = { header, lineStart: line.number, lineEnd: line.number, text: header.rest };
      return closed;
    }
    if (this.open) {
      this.open.text += '\n' + line.text;
      this.open.lineEnd = line.number;
      if (this.open.text.length > MAX_LINE_CHARS) {
        throw new ImportInputError(
          this.displayName,
          `the message starting at line ${this.open.lineStart} is longer than any Signal message`,
          {
            file: this.entry,
            lineStart: this.open.lineStart,
          },
        );
      }
    } else if (line.text !== '') {
      this.strayFirst ||= line.number;
      this.strayLast = line.number;
      if (this.strayText.length < STRAY_SHOWN) {
        const joined = this.strayText === '' ? line.text : `${this.strayText}\n${line.text}`;
        this.strayText = joined.length > STRAY_SHOWN ? `${joined.slice(0, STRAY_SHOWN)}…` : joined;
      }
    }
    return null;
  }

  finish(): SignalRecord | null {
    return this.close();
  }

  /** The time shape of the file's headers, once one was read. */
  get headerShape(): string | null {
    return this.shape && SHAPE_NAMES[this.shape];
  }

  private close(): SignalRecord | null {
    if (this.strayFirst !== 0) {
      const lines = this.strayFirst === this.strayLast ? `line ${this.strayFirst}` : `lines ${this.strayFirst}-${this.strayLast}`;
      this.notes.defect(
        `${lines} before the first message header ${this.strayFirst === this.strayLast ? 'is' : 'are'} not part of any message`,
        { file: this.entry, lineStart: this.strayFirst, lineEnd: this.strayLast },
        this.strayFirst === this.strayLast ? 'It was' : 'They were',
        this.strayText,
      );
      this.strayFirst = this.strayLast = 0;
      this.strayText = '';
    }
    const open = this.open;
    if (!open) return null;
    this.open = null;
    return {
      date: open.header.date,
      sender: open.header.sender,
      ...decompose(open.text),
      lineStart: open.lineStart,
      lineEnd: open.lineEnd,
    };
  }
}

/** `2024-01-14, 13:30` and `2024-01-14 13:30:00` ordered as times. */
const comparable = (date: string): string => date.replace(',', '');
