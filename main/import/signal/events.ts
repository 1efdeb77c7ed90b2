/**
 * signal-export's messages as parse events. Senders are names (signal-export keeps no numbers or ids):
 * `Me` is the owner and sent what is outgoing, any other name received; `No-Sender` is a message
 * signal-export could not attribute. A quote becomes a reply when its text is an earlier message's;
 * otherwise the quote block stays in the body, as chat.md shows it.
 */
import { createHash } from 'node:crypto';
import type { ConversationKind, MessageKind } from '../../../common/domain/model';
import type { Locator, ParsedAttachment, ParseEvent } from '../../../common/domain/parsed';
import type { SourceFiles } from '../files';
import type { ChatFolder } from './chats';
import { NO_SENDER, OWNER, quotedText, type SignalAttachment, type SignalRecord } from './record';
import { readSignalTime } from './time';

/** Who appears in a chat, found by a first pass so the conversation is described before its messages. */
export interface ChatPeople {
  readonly names: Set<string>;
  noSender: number;
}

export const participantKey = (name: string): string => `signal:${name}`;

/** A group when more than one other person speaks or reacts; one to one when the only other is the one the folder is named for. */
export function conversationKind(title: string, people: ChatPeople): ConversationKind {
  const others = [...people.names].filter((name) => name !== OWNER);
  if (others.length >= 2) return 'group';
  const [other] = others;
  if (other === undefined) return title === 'Note to Self' ? 'direct' : 'unknown';
  // signal-export makes folder names unique with a number (Alice, Alice2).
  return other === title || other === title.replace(/\d+$/, '') ? 'direct' : 'unknown';
}

/** A short, fixed-size key for text an earlier message held, so a long chat's index stays small. */
const textKey = (kind: 'text' | 'file', text: string): string =>
  createHash('sha256').update(kind).update('\0').update(text).digest('base64');

/** What signal-export appended to every body ("so that markdown newlines"). */
const withoutAppendedSpaces = (body: string): string => (body.endsWith('  ') ? body.slice(0, -2) : body);

function messageKind(record: SignalRecord): MessageKind {
  if (record.deleted) return 'deleted';
  if (record.call) return 'call';
  if (record.attachments.length > 0 || record.sticker) return 'media';
  return 'text';
}

/** Makes one source's events, chat after chat; participants are shared by name across its chats. */
export class SignalEvents {
  readonly events: ParseEvent[] = [];
  private readonly participants = new Set<string>();
  private seq = 0;

  constructor(
    private readonly files: SourceFiles,
    private readonly zone: string,
  ) {}

  note(kind: 'warning' | 'assumption' | 'repair', message: string, locator?: Locator): void {
    this.events.push({ type: 'note', note: { kind, message, ...(locator && { locator }) } });
  }

  /** Describes a chat and its people; returns what its messages are written with. */
  startChat(chat: ChatFolder, entry: string, people: ChatPeople): ChatWriter {
    const key = `signal:${chat.folder || chat.title}`;
    this.events.push({
      type: 'conversation',
      conversation: { key, platform: 'signal', kind: conversationKind(chat.title, people), title: chat.title, externalId: null },
    });
    for (const name of [...people.names].sort()) {
      const participant = participantKey(name);
      if (!this.participants.has(participant)) {
        this.participants.add(participant);
        this.events.push({ type: 'participant', participant: { key: participant, label: name, handle: null, isOwner: name === OWNER } });
      }
      this.events.push({ type: 'member', conversationKey: key, participantKey: participant });
    }
    if (people.noSender > 0) {
      this.note(
        'warning',
        `${people.noSender} message${people.noSender === 1 ? '' : 's'} in "${chat.title}" ${people.noSender === 1 ? 'has' : 'have'} the sender ` +
          `"${NO_SENDER}": signal-export could not tell who sent ${people.noSender === 1 ? 'it' : 'them'}, so the sender is unknown`,
        { file: entry },
      );
    }
    return new ChatWriter(this, this.files, chat, entry, key, this.zone);
  }

  nextSeq(): number {
    return this.seq++;
  }
}

interface Earlier {
  readonly externalId: string;
  readonly line: number;
  count: number;
}

/** One chat's messages. */
export class ChatWriter {
  private previousUtc: number | null = null;
  private readonly earlier = new Map<string, Earlier>();

  constructor(
    private readonly source: SignalEvents,
    private readonly files: SourceFiles,
    private readonly chat: ChatFolder,
    private readonly entry: string,
    private readonly key: string,
    private readonly zone: string,
  ) {}

  message(record: SignalRecord): void {
    const locator: Locator = { file: this.entry, lineStart: record.lineStart, lineEnd: record.lineEnd };
    const time = readSignalTime(record.date, this.zone, this.previousUtc, locator, (kind, message, at) =>
      this.source.note(kind, message, at),
    );
    if (time.utcMs !== null) this.previousUtc = time.utcMs;
    const externalId = `line:${record.lineStart}`;
    const replyTo = this.replyTarget(record, locator);
    const outgoing = record.sender === OWNER;
    this.source.events.push({
      type: 'message',
      message: {
        conversationKey: this.key,
        seq: this.source.nextSeq(),
        externalId,
        time,
        senderKey: record.sender === NO_SENDER ? null : participantKey(record.sender),
        // signal-export writes `Me` exactly for Signal's outgoing messages (create.py), so the file states the direction.
        direction: outgoing ? 'outgoing' : 'incoming',
        directionBasis: 'source',
        kind: messageKind(record),
        systemKind: null,
        body: record.quote !== '' && replyTo === null ? record.quote + record.body : record.body,
        edited: 'none',
        editHistory: [],
        deleted: record.deleted ? 'placeholder' : 'none',
        replyToExternalId: replyTo,
        attachments: this.attachments(record, locator),
        reactions: record.reactions.map(([name, reaction]) => ({
          actorKey: name === NO_SENDER ? null : participantKey(name),
          actorLabel: name,
          reaction,
          time: null,
        })),
        locator,
        repairs: [],
        confidence: 'high',
      },
    });
    this.remember(record, externalId);
  }

  /** The earlier message a quote's text is, when one is; the latest of several, with a note. */
  private replyTarget(record: SignalRecord, locator: Locator): string | null {
    const quoted = quotedText(record.quote);
    if (quoted === null) return null;
    // signal-export removed backticks from the quoted message's body, not from the quote.
    const text = quoted.replaceAll('`', '');
    const found = this.earlier.get(textKey('text', text)) ?? this.earlier.get(textKey('file', quoted));
    if (!found) return null;
    if (found.count > 1) {
      this.source.note(
        'assumption',
        `the quote in the message at line ${record.lineStart} matches ${found.count} earlier messages; it was linked as a reply to the latest (line ${found.line})`,
        locator,
      );
    }
    return found.externalId;
  }

  private remember(record: SignalRecord, externalId: string): void {
    if (record.deleted) return;
    const keys = [
      ...(record.body.trim() === '' ? [] : [textKey('text', withoutAppendedSpaces(record.body))]),
      ...record.attachments.map((a) => textKey('file', a.name)),
    ];
    for (const key of new Set(keys)) {
      const before = this.earlier.get(key);
      this.earlier.set(key, { externalId, line: record.lineStart, count: (before?.count ?? 0) + 1 });
    }
  }

  private attachments(record: SignalRecord, locator: Locator): ParsedAttachment[] {
    const found = record.attachments.map((a) => this.attachment(a, locator));
    if (record.sticker) found.push(this.sticker(record.sticker.label, record.sticker.path));
    return found;
  }

  private attachment(a: SignalAttachment, locator: Locator): ParsedAttachment {
    const fileName = a.name === '' ? null : a.name;
    const notExported = `signal-export did not export it ("${a.missing ?? 'attachment'} not exported")`;
    if (a.path === null) return { fileName, mime: null, pathInSource: null, present: false, missingReason: notExported };
    // signal-export wrote whitespace in a path as %20; the file itself keeps the name.
    const decoded = a.path.replaceAll('%20', ' ');
    const candidates = [decoded, a.path, ...(fileName === null ? [] : [`media/${fileName}`])].map((path) => this.chat.folder + path);
    const present = candidates.find((path) => this.files.has(path));
    if (present !== undefined) return { fileName, mime: null, pathInSource: present, present: true, missingReason: null };
    const where = `${describeLines(locator)} of ${this.entry}`;
    return {
      fileName,
      mime: null,
      pathInSource: this.chat.folder + decoded,
      present: false,
      missingReason:
        a.missing !== null ? notExported : `not in the export: ${where} names "${a.path}", but the chat's folder holds no such file`,
    };
  }

  /** A sticker's image sits in exported_stickers/ beside the chat folders, when it was exported at all. */
  private sticker(label: string, path: string | null): ParsedAttachment {
    const fileName = path === null ? `sticker ${label}` : path.slice(path.lastIndexOf('/') + 1);
    if (path === null)
      return { fileName, mime: null, pathInSource: null, present: false, missingReason: `sticker ${label}: its image was not exported` };
    if (this.chat.folder === '') {
      return {
        fileName,
        mime: null,
        pathInSource: null,
        present: false,
        missingReason: `sticker ${label}: its image (${path}) sits beside the chat's folder, outside what was imported`,
      };
    }
    const parent = this.chat.folder.slice(0, -1);
    const full = parent.slice(0, parent.lastIndexOf('/') + 1) + path;
    const present = this.files.has(full);
    return {
      fileName,
      mime: null,
      pathInSource: full,
      present,
      missingReason: present ? null : `sticker ${label}: ${path} is not in the export`,
    };
  }
}

const describeLines = (locator: Locator): string =>
  locator.lineEnd !== undefined && locator.lineEnd !== locator.lineStart
    ? `lines ${locator.lineStart}-${locator.lineEnd}`
    : `line ${locator.lineStart}`;
