/**
 * Telegram Desktop "Machine-readable JSON" exports (`result.json`), single-chat or full. See
 * formats/telegram.md: the file is streamed through the `\xNN` repair pass and a strict tokenizer, and
 * each message is assembled on its own.
 */
import type { ConversationKind, Direction, DirectionBasis, MessageKind } from '../../common/domain/model';
import type { Locator, ParsedAttachment, ParsedReaction, ParsedTime, ParseEvent, ParseOptions } from '../../common/domain/parsed';
import { FIELD_CAPS } from '../../common/domain/field-caps';
import { chooseInstant } from '../../common/domain/time';
import { ImportInputError } from './errors';
import type { SourceFiles } from './files';
import type { ImportFormat } from './format';
import { pumpText } from './repair/pump';
import { JsonRepairer } from './repair/json-repair';
import { RepairQueue, type Repair } from './repair/repair-queue';
import { isJsonObject, JsonSyntaxError, JsonTokenizer, type CutString, type JsonObject, type JsonValue } from './telegram/json-tokenizer';
import { readTelegramDate, telegramUserId } from './telegram/dates';
import { namedAsSender } from './telegram/sender-scan';
import { ExportWalker, type ChatHeader, type ExportSink, type MessageSpan } from './telegram/walker';

const CHAT_TYPES = [
  'saved_messages',
  'replies',
  'personal_chat',
  'bot_chat',
  'private_group',
  'private_supergroup',
  'public_supergroup',
  'private_channel',
  'public_channel',
] as const;

const KIND_OF_CHAT: ReadonlyMap<string, ConversationKind> = new Map([
  ['saved_messages', 'direct'],
  ['personal_chat', 'direct'],
  ['bot_chat', 'direct'],
  ['private_group', 'group'],
  ['private_supergroup', 'group'],
  ['public_supergroup', 'group'],
  ['private_channel', 'channel'],
  ['public_channel', 'channel'],
]);

/** True when the first bytes of a file look like a Telegram Desktop JSON export. */
function isExportHead(head: string): boolean {
  if (!/^\uFEFF?\s*\{/.test(head)) return false;
  const chatType = new RegExp(`"type"\\s*:\\s*"(?:${CHAT_TYPES.join('|')})"`);
  return chatType.test(head) || /"personal_information"\s*:\s*\{/.test(head) || /"chats"\s*:\s*\{\s*"about"/.test(head);
}

function pickEntry(files: SourceFiles): string {
  const candidates = files.entries.filter((entry) => /(^|\/)result\.json$/i.test(entry));
  const [only] = files.entries;
  if (candidates.length === 0 && files.entries.length === 1 && only !== undefined) return only;
  // The shallowest result.json is the export; deeper ones would be exports nested inside it.
  const [best] = candidates.sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
  if (best === undefined)
    throw new ImportInputError(files.displayName, 'no result.json found; expected a Telegram Desktop export in JSON format');
  return best;
}

async function* parse(files: SourceFiles, options: ParseOptions): AsyncGenerator<readonly ParseEvent[]> {
  const entry = pickEntry(files);
  const events: ParseEvent[] = [];
  const repairs = new RepairQueue();
  const repairer = new JsonRepairer((repair) => repairs.add(repair));
  let tokenizer: JsonTokenizer | null = null;
  const custodian = options.custodianName;
  const custodianSends = custodian === undefined ? false : await namedAsSender(files, entry, custodian);
  const chats = new TelegramChats(files, entry, { ...options, custodianSends }, events, repairs, () => tokenizer?.takeCut() ?? []);
  const walker = new ExportWalker(chats);
  tokenizer = new JsonTokenizer(walker, { maxString: (options.fieldCaps ?? FIELD_CAPS).body });

  yield [
    {
      type: 'source',
      source: { format: 'telegram', producer: 'Telegram Desktop', producerVersion: null, dateOrder: null, dateOrderBasis: null },
    },
  ];
  const completed = yield* pumpText({
    files,
    entry,
    repairer,
    parser: tokenizer,
    events,
    token: options.token,
    syntax: { is: (error): error is JsonSyntaxError => error instanceof JsonSyntaxError, failure: 'not valid JSON' },
  });
  if (!completed) return;
  chats.finish();
  yield events.splice(0);
  if (walker.chatCount === 0) {
    yield [
      {
        type: 'problem',
        problem: {
          message: 'not a Telegram Desktop export: it has neither a "messages" array nor a "chats" list',
          locator: { file: entry },
        },
      },
    ];
  }
}

export const telegram: ImportFormat = {
  id: 'telegram',
  // result.json is the name Telegram Desktop gives its export; JSON keys are a weaker mark than most.
  sniff: (head) => (head.names.has('result.json') ? 0.96 : isExportHead(head.text) ? 0.6 : 0),
  parse,
  parserVersion: 'telegram/1',
  oneConversation: false,
  attachments: true,
};

interface ChatState {
  readonly key: string;
  readonly externalId: string;
  readonly title: string;
  previousUtc: number | null;
  warnedLocalTime: boolean;
}

/** Turns the walker's chats and messages into parse events. */
class TelegramChats implements ExportSink<ChatState> {
  private readonly files: SourceFiles;
  private readonly folder: string;
  private readonly participants = new Set<string>();
  private readonly members = new Set<string>();
  private readonly conversations = new Set<string>();
  private ownerHandle: string | null = null;
  private warnedNoCustodian = false;
  private seq = 0;

  constructor(
    files: SourceFiles,
    private readonly entry: string,
    private readonly options: ParseOptions & { readonly custodianSends: boolean },
    private readonly events: ParseEvent[],
    private readonly repairs: RepairQueue,
    /** The strings the tokenizer cut since it was last asked (field-caps.ts). */
    private readonly cut: () => readonly CutString[],
  ) {
    this.files = files;
    this.folder = entry.slice(0, entry.lastIndexOf('/') + 1);
  }

  ownerInformation(info: JsonObject): void {
    const userId = info.user_id;
    if (typeof userId === 'number' || typeof userId === 'string') this.ownerHandle = telegramUserId(userId);
  }

  chatStart(header: ChatHeader, line: number): ChatState {
    const externalId = header.id ?? `#${this.conversations.size + 1}`;
    let key = `telegram:${externalId}`;
    for (let n = 2; this.conversations.has(key); n++) key = `telegram:${externalId}#${n}`;
    this.conversations.add(key);
    const kind = (header.type !== null && KIND_OF_CHAT.get(header.type)) || 'unknown';
    const title = header.name ?? (header.type === 'saved_messages' ? 'Saved Messages' : `Telegram chat ${externalId}`);
    this.events.push({ type: 'conversation', conversation: { key, platform: 'telegram', kind, title, externalId: header.id } });
    if (header.type === null)
      this.note('warning', `chat "${title}" has no "type" before its messages; its kind is unknown`, { file: this.entry, lineStart: line });
    return { key, externalId, title, previousUtc: null, warnedLocalTime: false };
  }

  message(chat: ChatState, message: JsonObject, span: MessageSpan): void {
    this.repairNotes(this.repairs.takeBefore(span.startOffset), null);
    const id = scalarText(message.id);
    const locator: Locator = {
      file: this.entry,
      lineStart: span.lineStart,
      lineEnd: span.lineEnd,
      record: `${chat.externalId}/${id ?? '?'}`,
    };
    const repairs = this.repairs.takeBefore(span.endOffset);
    this.repairNotes(repairs, locator.record ?? null);

    const type = message.type;
    const isService = type === 'service';
    const senderId = isService ? (message.actor_id ?? message.from_id) : message.from_id;
    const senderLabel = isService ? (message.actor ?? message.from) : message.from;
    const handle = userIdOf(senderId);
    const label = typeof senderLabel === 'string' ? senderLabel : null;
    const senderKey = handle === null ? null : this.participant(chat, handle, label);
    const [direction, directionBasis] = isService ? (['system', 'source'] as const) : this.direction(handle, label, locator);
    const time = this.time(chat, message, locator);
    if (time.utcMs !== null) chat.previousUtc = time.utcMs;
    const reply = message.reply_to_message_id;
    const text = textOf(message.text);
    // A body that is one string the tokenizer cut carries the whole string's size and hash; any other
    // string it cut in the message is noted with them.
    const cut = this.cut();
    const bodyCut = cut.find((c) => c.text === text.text && text.text !== '');
    for (const other of cut) {
      if (other === bodyCut) continue;
      this.note(
        'warning',
        `a string of ${other.whole.bytes.toLocaleString('en-GB')} bytes in message ${locator.record} was cut to its first ${Buffer.byteLength(other.text).toLocaleString('en-GB')} bytes (SHA-256 of the whole string: ${other.whole.sha256})`,
        locator,
      );
    }
    if (text.notText > 0) {
      this.note(
        'warning',
        `${text.notText} part${text.notText === 1 ? '' : 's'} of the text of message ${locator.record} ${text.notText === 1 ? 'is' : 'are'} not text (a number, a value of another kind, or a run without text); ${text.notText === 1 ? 'it was' : 'they were'} left out of its body`,
        locator,
      );
    }

    this.events.push({
      type: 'message',
      message: {
        conversationKey: chat.key,
        seq: this.seq++,
        externalId: id,
        time,
        senderKey,
        direction,
        directionBasis,
        kind: messageKind(message),
        systemKind: isService ? (typeof message.action === 'string' ? message.action : 'service') : null,
        body: text.text,
        edited: 'edited' in message || 'edited_unixtime' in message ? 'edited_history_unknown' : 'none',
        editHistory: [],
        deleted: 'none',
        // A reply to a message in another chat (reply_to_peer_id) cannot be linked within this one.
        replyToExternalId:
          (typeof reply === 'number' || typeof reply === 'string') && !('reply_to_peer_id' in message) ? String(reply) : null,
        attachments: this.attachments(message),
        reactions: this.reactions(message),
        locator,
        repairs: repairs.map((repair) => repair.description),
        confidence: text.notText > 0 ? 'low' : 'high',
        ...(bodyCut && { truncated: [{ field: 'body', ...bodyCut.whole }] }),
      },
    });
  }

  /** Notes for repairs that fell outside any message. */
  finish(): void {
    this.repairNotes(this.repairs.takeBefore(Infinity), null);
  }

  private repairNotes(repairs: readonly Repair[], record: string | null): void {
    for (const repair of repairs) {
      this.note('repair', repair.description, { file: this.entry, lineStart: repair.line, ...(record === null ? {} : { record }) });
    }
  }

  private note(kind: 'warning' | 'repair' | 'assumption', message: string, locator: Locator): void {
    this.events.push({ type: 'note', note: { kind, message, locator } });
  }

  private participant(chat: ChatState, handle: string, label: string | null): string {
    const key = `telegram:${handle}`;
    if (!this.participants.has(key)) {
      this.participants.add(key);
      const isOwner = this.ownerHandle !== null ? handle === this.ownerHandle : label !== null && label === this.options.custodianName;
      this.events.push({ type: 'participant', participant: { key, label: label ?? handle, handle, isOwner } });
    }
    const membership = `${chat.key}\u0000${key}`;
    if (!this.members.has(membership)) {
      this.members.add(membership);
      this.events.push({ type: 'member', conversationKey: chat.key, participantKey: key });
    }
    return key;
  }

  /** The export has no "sent by me" flag: only the account's user id (full exports) or the custodian's name tells. */
  private direction(handle: string | null, label: string | null, locator: Locator): readonly [Direction, DirectionBasis] {
    if (handle === null) return ['unknown', 'unknown'];
    if (this.ownerHandle !== null) return [handle === this.ownerHandle ? 'outgoing' : 'incoming', 'owner_handle'];
    const custodian = this.options.custodianName;
    if (custodian === undefined || label === null) return ['unknown', 'unknown'];
    if (this.options.custodianSends) return [label === custodian ? 'outgoing' : 'incoming', 'custodian_name'];
    if (!this.warnedNoCustodian) {
      this.warnedNoCustodian = true;
      this.note('warning', `No sender in this export matches the custodian's name "${custodian}"; message directions are unknown.`, {
        file: locator.file,
      });
    }
    return ['unknown', 'unknown'];
  }

  private time(chat: ChatState, message: JsonObject, locator: Locator): ParsedTime {
    const raw = typeof message.date === 'string' ? message.date : null;
    const unix = scalarText(message.date_unixtime);
    if (unix !== null && /^\d+$/.test(unix)) {
      if (raw === null) this.missingDate(unix, locator);
      return { utcMs: Number(unix) * 1000, raw: raw ?? `date_unixtime="${unix}"`, basis: 'explicit' };
    }

    const zone = this.options.timeZone;
    const date = raw === null ? null : readTelegramDate(raw);
    if (date?.kind === 'instant') return { utcMs: date.utcMs, raw, basis: 'explicit' };
    const wall = date?.wall ?? null;
    if (wall === null) {
      this.note('warning', `message has no usable date (${raw === null ? 'none' : `"${raw}"`}); its time is unknown`, locator);
      return { utcMs: null, raw, basis: 'unknown' };
    }
    if (!chat.warnedLocalTime) {
      chat.warnedLocalTime = true;
      this.note(
        'warning',
        `chat "${chat.title}" has no date_unixtime (an export made before mid-2022): its dates are the exporting ` +
          `computer's local time without an offset, read as ${zone} time`,
        locator,
      );
    }
    const choice = chooseInstant(wall, zone, chat.previousUtc);
    const iso = (ms: number): string => new Date(ms).toISOString();
    if (choice.kind === 'fold-first' || choice.kind === 'fold-second') {
      const which =
        choice.kind === 'fold-second'
          ? 'the later occurrence, because the earlier one would put it before the previous message'
          : 'the earlier occurrence';
      this.note(
        'assumption',
        `${raw} happened twice in ${zone}; read as ${iso(choice.utcMs)}, ${which} (the other reading is ${iso(choice.alternative)})`,
        locator,
      );
    } else if (choice.kind === 'gap') {
      this.note(
        'assumption',
        `${raw} did not exist in ${zone} (the clocks went forward); read as ${iso(choice.utcMs)} using the offset before the change`,
        locator,
      );
    }
    return { utcMs: choice.utcMs, raw, basis: `assumed:${zone}` };
  }

  /** The instant is whole without `date` (the local time tdesktop writes beside it); strict refuses the file all the same. */
  private missingDate(unix: string, locator: Locator): void {
    const what = `message ${locator.record} has date_unixtime "${unix}" but no "date"`;
    if (this.options.strict) {
      this.events.push({
        type: 'problem',
        problem: { message: `${what}; import without strict to take its time from date_unixtime`, locator },
      });
    } else {
      this.note('warning', `${what}: its time was read from date_unixtime, which states the instant`, locator);
    }
  }

  private attachments(message: JsonObject): ParsedAttachment[] {
    const found: ParsedAttachment[] = [];
    for (const field of ['photo', 'file'] as const) {
      const value = message[field];
      if (typeof value !== 'string') continue;
      // tdesktop writes "(File not included. …)" and similar in place of a path when it skipped the file.
      const skipped = value.startsWith('(') && value.endsWith(')');
      const path = skipped ? null : this.folder + value;
      const fileName =
        field === 'file' && typeof message.file_name === 'string'
          ? message.file_name
          : skipped
            ? null
            : value.slice(value.lastIndexOf('/') + 1);
      const present = path !== null && this.files.has(path);
      found.push({
        fileName,
        mime: field === 'file' && typeof message.mime_type === 'string' ? message.mime_type : null,
        pathInSource: path,
        present,
        missingReason: skipped ? value : present ? null : 'file not in the export folder',
      });
    }
    return found;
  }

  private reactionTime(raw: string): ParsedTime {
    const date = readTelegramDate(raw);
    if (date === null) return { utcMs: null, raw, basis: 'unknown' };
    if (date.kind === 'instant') return { utcMs: date.utcMs, raw, basis: 'explicit' };
    return { utcMs: chooseInstant(date.wall, this.options.timeZone, null).utcMs, raw, basis: `assumed:${this.options.timeZone}` };
  }

  /** `recent` names a sample of the people who reacted (not all of them); each becomes one reaction. */
  private reactions(message: JsonObject): ParsedReaction[] {
    const reactions = message.reactions;
    if (!Array.isArray(reactions)) return [];
    const found: ParsedReaction[] = [];
    for (const reaction of reactions) {
      if (!isJsonObject(reaction) || !Array.isArray(reaction.recent)) continue;
      const symbol =
        typeof reaction.emoji === 'string'
          ? reaction.emoji
          : `${scalarText(reaction.type) ?? 'reaction'}:${scalarText(reaction.document_id) ?? '?'}`;
      for (const actor of reaction.recent) {
        if (!isJsonObject(actor)) continue;
        const handle = userIdOf(actor.from_id);
        const key = handle === null ? null : `telegram:${handle}`;
        const raw = typeof actor.date === 'string' ? actor.date : null;
        found.push({
          actorKey: key !== null && this.participants.has(key) ? key : null,
          actorLabel: typeof actor.from === 'string' ? actor.from : (handle ?? ''),
          reaction: symbol,
          time: raw === null ? null : this.reactionTime(raw),
        });
      }
    }
    return found;
  }
}

function userIdOf(value: JsonValue | undefined): string | null {
  return typeof value === 'string' || typeof value === 'number' ? telegramUserId(value) : null;
}

function scalarText(value: JsonValue | undefined): string | null {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
}

/**
 * Plain text of a `text` value: a string, or runs (strings and `{type, text}` objects, whose own `text`
 * may be runs again, to any depth) joined as they are; and how many parts were something else.
 */
function textOf(value: JsonValue | undefined): { readonly text: string; readonly notText: number } {
  if (typeof value === 'string') return { text: value, notText: 0 };
  if (value === undefined || value === null) return { text: '', notText: 0 };
  let text = '';
  let notText = 0;
  // A stack rather than recursion: nesting is as deep as the file makes it.
  const pending: JsonValue[] = [value];
  for (let part = pending.pop(); part !== undefined; part = pending.pop()) {
    if (typeof part === 'string') text += part;
    else if (Array.isArray(part)) for (let i = part.length - 1; i >= 0; i--) pending.push(part[i] as JsonValue);
    else if (isJsonObject(part) && (typeof part.text === 'string' || Array.isArray(part.text) || isJsonObject(part.text)))
      pending.push(part.text);
    else notText++;
  }
  return { text, notText };
}

function messageKind(message: JsonObject): MessageKind {
  if (message.type === 'service') return 'system';
  if (message.type !== 'message') return 'other';
  if ('poll' in message) return 'poll';
  if ('contact_information' in message) return 'contact';
  if ('location_information' in message) return 'location';
  if ('photo' in message || 'file' in message) return 'media';
  return 'text';
}
