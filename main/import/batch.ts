/**
 * Parse events in columns, as a parser's output travels to the writer: a batch holds up to
 * BATCH_MESSAGES messages as typed arrays of numbers and one buffer of UTF-8 text (no object or string
 * per message), plus the rarer events and message parts in the order they came. A batch crosses from a
 * parse thread to the writing thread with its buffers transferred, not copied: cloning a string per
 * message cost the writing thread about a microsecond a message. In-thread imports use the same
 * batches, so there is one writer.
 *
 * Everything a message refers to by a repeated value (conversation and sender keys, shapes) is a small
 * integer into dictionaries that grow across the batches of one import: each batch carries the entries
 * first used in it. Closed vocabularies that change from row to row (kind, direction, edited, deleted)
 * are their codes (db/queries/import.ts), packed into one integer.
 */
import { deletedCode, directionCode, editedCode, kindCode, MESSAGE_OPTIONAL, presentBit, type MessageShape } from '../../db/queries/import';
import type { FieldCaps } from '../../common/domain/field-caps';
import type { Locator, ParsedAttachment, ParsedMessage, ParsedReaction, ParseEvent } from '../../common/domain/parsed';
import { EventCaps } from './cap-events';

/** Messages per batch: large enough that per-batch costs vanish, small enough to keep memory flat. */
export const BATCH_MESSAGES = 1024;
/**
 * Text bytes after which a batch is full whatever its message count: with bodies of up to the body cap
 * (field-caps.ts), 1,024 messages could otherwise hold gigabytes.
 */
export const BATCH_TEXT_BYTES = 8 * 1024 * 1024;

/** Numbers per message in `numbers`: seq, sent_at, line start, line end, byte offset (NaN for null). */
const NUMBERS = 5;
const N_SEQ = 0;
const N_SENT_AT = 1;
const N_LINE_START = 2;
const N_LINE_END = 3;
const N_BYTE_OFFSET = 4;

/**
 * Integers per message in `refs`: conversation key, sender key (-1 for none), shape (which includes
 * the locator file), the optional columns it has (a MESSAGE_OPTIONAL bit set), and its codes (CODE_*
 * bytes).
 */
const REFS = 5;
const R_CONVERSATION = 0;
const R_SENDER = 1;
const R_SHAPE = 2;
const R_PRESENT = 3;
const R_CODES = 4;

/** Bit offsets of the codes packed into a message's R_CODES: kind, direction, edited, deleted. */
const CODE_KIND = 0;
const CODE_DIRECTION = 8;
const CODE_EDITED = 16;
const CODE_DELETED = 24;

/**
 * Texts per message, as UTF-8 in `text` at [start, end) pairs in `spans` (start -1 for null): body,
 * sent_at_raw, external id, system kind, locator record. Bytes cross threads by transfer, without a
 * copy, where a string per message would be copied twice; SQLite binds them as they are.
 */
const TEXTS = 5;
const T_BODY = 0;
const T_SENT_AT_RAW = 1;
const T_EXTERNAL_ID = 2;
const T_SYSTEM_KIND = 3;
const T_RECORD = 4;

/** Where each value of a message sits in a batch's `numbers`, `refs` and `spans`. */
export const COLUMNS = Object.freeze({
  NUMBERS,
  N_SEQ,
  N_SENT_AT,
  N_LINE_START,
  N_LINE_END,
  N_BYTE_OFFSET,
  REFS,
  R_CONVERSATION,
  R_SENDER,
  R_SHAPE,
  R_PRESENT,
  R_CODES,
  CODE_KIND,
  CODE_DIRECTION,
  CODE_EDITED,
  CODE_DELETED,
  TEXTS,
  T_BODY,
  T_SENT_AT_RAW,
  T_EXTERNAL_ID,
  T_SYSTEM_KIND,
  T_RECORD,
});

/**
 * An attachment as it travels to the writer. The encoder fills what the parser said; the writing
 * thread's keeper (keep.ts) then reads each present file once, hashing it and keeping its bytes in the
 * case, and sets `sha256`, `size`, `kept` and `notes` (or marks it absent, with the reason, when the
 * file cannot be read).
 */
export interface StoredAttachment {
  readonly fileName: string | null;
  readonly mime: string | null;
  readonly pathInSource: string | null;
  /** Bytes the source itself holds (SBR MMS parts, files in an RSMF e-mail's zip), in a buffer of their own. */
  readonly embedded: Uint8Array | null;
  present: boolean;
  missingReason: string | null;
  sha256: string | null;
  size: number | null;
  /** The bytes are in the case (db/queries/blobs.ts). */
  kept: boolean;
  /** Sentences about the file itself, such as why its bytes were not kept. */
  notes: string[];
  /** The type its content is (main/media/sniff.ts), once the keeper has read it. */
  detectedMime: string | null;
}

/** What few messages have: replies, edit histories, repairs, attachments, reactions. */
export interface MessageExtras {
  /** Index of the message within its batch. */
  readonly index: number;
  readonly replyTo: string | null;
  /** JSON, as stored. */
  readonly editHistory: string | null;
  readonly repairs: string | null;
  readonly attachments: readonly StoredAttachment[];
  readonly reactions: readonly ParsedReaction[];
}

/** Any other event, placed before the message at index `at` of the batch (at = count: after the last). */
export interface PlacedEvent {
  readonly at: number;
  readonly event: Exclude<ParseEvent, { type: 'message' }>;
}

export interface EventBatch {
  readonly count: number;
  readonly numbers: Float64Array;
  readonly refs: Int32Array;
  /** UTF-8 text of every message's TEXTS, at `spans`. */
  readonly text: Uint8Array;
  readonly spans: Int32Array;
  /** Sorted by index. */
  readonly extras: readonly MessageExtras[];
  readonly events: readonly PlacedEvent[];
  /** Dictionary entries first used in this batch, in order of their numbers. */
  readonly added: {
    readonly conversations: readonly string[];
    readonly participants: readonly string[];
    readonly shapes: readonly MessageShape[];
  };
  /** Bytes of the input read so far, and its size, when the parser said (a progress event). */
  readonly bytesRead: number;
  readonly bytesTotal: number;
}

/** The typed arrays a batch owns, to transfer rather than copy. */
export function transferables(batch: EventBatch): ArrayBuffer[] {
  const owned = [
    batch.numbers.buffer as ArrayBuffer,
    batch.refs.buffer as ArrayBuffer,
    batch.text.buffer as ArrayBuffer,
    batch.spans.buffer as ArrayBuffer,
  ];
  for (const extras of batch.extras) for (const a of extras.attachments) if (a.embedded) owned.push(a.embedded.buffer as ArrayBuffer);
  return owned;
}

/** Message `i`'s text `field` (COLUMNS.T_*) as UTF-8 bytes, or null. */
function textAt(batch: EventBatch, i: number, field: number): Uint8Array | null {
  const at = (i * TEXTS + field) * 2;
  const start = batch.spans[at] ?? -1;
  return start < 0 ? null : batch.text.subarray(start, batch.spans[at + 1]);
}

/** Message `i`'s text `field` as a string, or null (for messages about a record, not for storing it). */
export function stringAt(batch: EventBatch, i: number, field: number): string | null {
  const bytes = textAt(batch, i, field);
  return bytes === null ? null : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

const NULL_NUMBER = Number.NaN;

const B_EXTERNAL_ID = presentBit('external_id');
const B_SENT_AT = presentBit('sent_at');
const B_SENT_AT_RAW = presentBit('sent_at_raw');
const B_SENDER = presentBit('sender_participant_id');
const B_SYSTEM_KIND = presentBit('system_kind');
const B_EDIT_HISTORY = presentBit('edit_history');
const B_REPLY_TO = presentBit('reply_to_external_id');
const B_LINE_START = presentBit('locator_line_start');
const B_LINE_END = presentBit('locator_line_end');
const B_RECORD = presentBit('locator_record');
const B_BYTE_OFFSET = presentBit('locator_byte_offset');
const B_REPAIRS = presentBit('repairs');
export const PRESENT = {
  externalId: B_EXTERNAL_ID,
  sentAt: B_SENT_AT,
  sentAtRaw: B_SENT_AT_RAW,
  sender: B_SENDER,
  systemKind: B_SYSTEM_KIND,
  editHistory: B_EDIT_HISTORY,
  replyTo: B_REPLY_TO,
  lineStart: B_LINE_START,
  lineEnd: B_LINE_END,
  record: B_RECORD,
  byteOffset: B_BYTE_OFFSET,
  repairs: B_REPAIRS,
} as const;
if (Object.keys(PRESENT).length !== MESSAGE_OPTIONAL.length) throw new Error('every optional message column needs a presence bit');

function presentColumns(m: ParsedMessage): number {
  const { locator, time } = m;
  return (
    (m.externalId !== null ? B_EXTERNAL_ID : 0) |
    (time.utcMs !== null ? B_SENT_AT : 0) |
    (time.raw !== null ? B_SENT_AT_RAW : 0) |
    (m.senderKey !== null ? B_SENDER : 0) |
    (m.systemKind !== null ? B_SYSTEM_KIND : 0) |
    (m.editHistory.length ? B_EDIT_HISTORY : 0) |
    (m.replyToExternalId !== null ? B_REPLY_TO : 0) |
    (locator.lineStart !== undefined ? B_LINE_START : 0) |
    (locator.lineEnd !== undefined ? B_LINE_END : 0) |
    (locator.record !== undefined ? B_RECORD : 0) |
    (locator.byteOffset !== undefined ? B_BYTE_OFFSET : 0) |
    (m.repairs.length ? B_REPAIRS : 0)
  );
}

/** A vocabulary's code for a value; the parsers' types allow no other, so another is a bug worth naming. */
function code(n: number, value: string): number {
  if (n < 0) throw new Error(`"${value}" is not in its vocabulary`);
  return n;
}

class Dictionary<T> {
  private readonly numbers = new Map<string, number>();
  added: T[] = [];

  number(key: string, value: T): number {
    let n = this.numbers.get(key);
    if (n === undefined) {
      n = this.numbers.size;
      this.numbers.set(key, n);
      this.added.push(value);
    }
    return n;
  }

  take(): T[] {
    const added = this.added;
    this.added = [];
    return added;
  }
}

/** Turns parse events into batches; `full` says when a batch should be taken. */
export class BatchEncoder {
  private count = 0;
  private numbers = new Float64Array(BATCH_MESSAGES * NUMBERS);
  private refs = new Int32Array(BATCH_MESSAGES * REFS);
  private spans = new Int32Array(BATCH_MESSAGES * TEXTS * 2);
  private text = Buffer.allocUnsafeSlow(1 << 18);
  private textLength = 0;
  /** Bytes of attachments embedded in the source held so far: a batch of MMS photos is full at BATCH_TEXT_BYTES of them too. */
  private embeddedLength = 0;
  private extras: MessageExtras[] = [];
  private events: PlacedEvent[] = [];
  private bytesRead = 0;
  private bytesTotal = 0;
  private readonly conversations = new Dictionary<string>();
  private readonly participants = new Dictionary<string>();
  private readonly shapes = new Dictionary<MessageShape>();
  /** The last message's shape and its number: consecutive messages nearly always share one. */
  private last: { shape: MessageShape; n: number } | null = null;
  private lastConversation: { key: string; n: number } | null = null;
  /** The raw time text of the message last added (see putRawTime). */
  private lastRawTime: string | null = null;
  private readonly caps: EventCaps;

  constructor(caps?: FieldCaps) {
    this.caps = new EventCaps(caps);
  }

  get full(): boolean {
    return (
      this.count >= BATCH_MESSAGES ||
      this.events.length >= BATCH_MESSAGES ||
      this.textLength >= BATCH_TEXT_BYTES ||
      this.embeddedLength >= BATCH_TEXT_BYTES
    );
  }

  /** UTF-8 bytes of message text held so far. */
  get textBytes(): number {
    return this.textLength;
  }

  get empty(): boolean {
    return this.count === 0 && this.events.length === 0;
  }

  add(parsed: ParseEvent): void {
    const event = this.caps.event(parsed);
    if (this.caps.notes.length)
      for (const note of this.caps.notes.splice(0)) this.events.push({ at: this.count, event: { type: 'note', note } });
    if (event.type === 'message') return this.message(event.message);
    if (event.type === 'progress') {
      this.bytesRead = event.bytesRead;
      this.bytesTotal = event.bytesTotal;
    }
    this.events.push({ at: this.count, event });
  }

  take(): EventBatch {
    const count = this.count;
    const batch: EventBatch = {
      count,
      numbers: this.numbers.slice(0, count * NUMBERS),
      refs: this.refs.slice(0, count * REFS),
      text: new Uint8Array(this.text.buffer, this.text.byteOffset, this.textLength).slice(),
      spans: this.spans.slice(0, count * TEXTS * 2),
      extras: this.extras,
      events: this.events,
      added: { conversations: this.conversations.take(), participants: this.participants.take(), shapes: this.shapes.take() },
      bytesRead: this.bytesRead,
      bytesTotal: this.bytesTotal,
    };
    this.count = 0;
    this.textLength = 0;
    this.embeddedLength = 0;
    this.extras = [];
    this.events = [];
    return batch;
  }

  private shapeOf(m: ParsedMessage): number {
    const last = this.last;
    const basis = m.time.basis;
    const file = m.locator.file;
    if (
      last !== null &&
      last.shape.tzBasis === basis &&
      last.shape.directionBasis === m.directionBasis &&
      last.shape.confidence === m.confidence &&
      last.shape.locatorFile === file
    ) {
      return last.n;
    }
    const shape: MessageShape = { tzBasis: basis, directionBasis: m.directionBasis, confidence: m.confidence, locatorFile: file };
    const n = this.shapes.number(JSON.stringify([shape.tzBasis, shape.directionBasis, shape.confidence, shape.locatorFile]), shape);
    this.last = { shape, n };
    return n;
  }

  private conversationOf(key: string): number {
    const last = this.lastConversation;
    if (last !== null && last.key === key) return last.n;
    const n = this.conversations.number(key, key);
    this.lastConversation = { key, n };
    return n;
  }

  /**
   * A message's raw time text. Consecutive messages often share it (a chat's times are to the minute),
   * and then share its bytes too.
   */
  private putRawTime(i: number, raw: string | null): void {
    const at = (i * TEXTS + T_SENT_AT_RAW) * 2;
    if (raw !== null && i > 0 && raw === this.lastRawTime) {
      const before = at - TEXTS * 2;
      this.spans[at] = this.spans[before] ?? -1;
      this.spans[at + 1] = this.spans[before + 1] ?? -1;
      return;
    }
    this.putText(i, T_SENT_AT_RAW, raw);
    this.lastRawTime = raw;
  }

  private putText(i: number, field: number, value: string | null): void {
    const at = (i * TEXTS + field) * 2;
    if (value === null) {
      this.spans[at] = -1;
      this.spans[at + 1] = -1;
      return;
    }
    // A UTF-16 code unit is at most 3 bytes of UTF-8.
    if (this.textLength + value.length * 3 > this.text.length) {
      const grown = Buffer.allocUnsafeSlow(Math.max(this.text.length * 2, this.textLength + value.length * 3));
      this.text.copy(grown, 0, 0, this.textLength);
      this.text = grown;
    }
    this.spans[at] = this.textLength;
    this.textLength += this.text.write(value, this.textLength, 'utf8');
    this.spans[at + 1] = this.textLength;
  }

  private message(m: ParsedMessage): void {
    const i = this.count++;
    const { locator, time } = m;
    const at = i * NUMBERS;
    const numbers = this.numbers;
    numbers[at + N_SEQ] = m.seq;
    numbers[at + N_SENT_AT] = time.utcMs ?? NULL_NUMBER;
    numbers[at + N_LINE_START] = locator.lineStart ?? NULL_NUMBER;
    numbers[at + N_LINE_END] = locator.lineEnd ?? NULL_NUMBER;
    numbers[at + N_BYTE_OFFSET] = locator.byteOffset ?? NULL_NUMBER;
    const ref = i * REFS;
    const refs = this.refs;
    refs[ref + R_CONVERSATION] = this.conversationOf(m.conversationKey);
    refs[ref + R_SENDER] = m.senderKey === null ? -1 : this.participants.number(m.senderKey, m.senderKey);
    refs[ref + R_SHAPE] = this.shapeOf(m);
    refs[ref + R_PRESENT] = presentColumns(m);
    refs[ref + R_CODES] =
      (code(kindCode(m.kind), m.kind) << CODE_KIND) |
      (code(directionCode(m.direction), m.direction) << CODE_DIRECTION) |
      (code(editedCode(m.edited), m.edited) << CODE_EDITED) |
      (code(deletedCode(m.deleted), m.deleted) << CODE_DELETED);
    this.putText(i, T_BODY, m.body);
    this.putRawTime(i, time.raw);
    this.putText(i, T_EXTERNAL_ID, m.externalId);
    this.putText(i, T_SYSTEM_KIND, m.systemKind);
    this.putText(i, T_RECORD, locator.record ?? null);
    if (m.replyToExternalId === null && !m.editHistory.length && !m.repairs.length && !m.attachments.length && !m.reactions.length) return;
    this.extras.push({
      index: i,
      replyTo: m.replyToExternalId,
      editHistory: m.editHistory.length ? JSON.stringify(m.editHistory) : null,
      repairs: m.repairs.length ? JSON.stringify(m.repairs) : null,
      attachments: m.attachments.map(stored),
      reactions: m.reactions,
    });
    for (const a of m.attachments) this.embeddedLength += a.embedded?.byteLength ?? 0;
  }
}

function stored(a: ParsedAttachment): StoredAttachment {
  const readable = a.present && (a.embedded !== undefined || a.pathInSource !== null);
  return {
    fileName: a.fileName,
    mime: a.mime,
    pathInSource: a.pathInSource,
    // A copy with a buffer of its own, so that it can be transferred across threads (a parser's bytes may
    // be a view of a larger or shared buffer).
    embedded: readable && a.embedded ? new Uint8Array(a.embedded) : null,
    present: readable,
    missingReason: readable ? null : (a.missingReason ?? 'not included in the export'),
    sha256: null,
    size: null,
    kept: false,
    notes: [],
    detectedMime: null,
  };
}

/** The locator of message `i` of a batch, as the parser gave it (for error messages); `shapes` as the writer has them. */
export function locatorAt(batch: EventBatch, shapes: readonly MessageShape[], i: number): Locator {
  const at = i * NUMBERS;
  const number = (k: number): number | undefined => {
    const value = batch.numbers[at + k];
    return value === undefined || Number.isNaN(value) ? undefined : value;
  };
  const lineStart = number(N_LINE_START);
  const lineEnd = number(N_LINE_END);
  const byteOffset = number(N_BYTE_OFFSET);
  const record = stringAt(batch, i, T_RECORD);
  return {
    file: shapes[batch.refs[i * REFS + R_SHAPE] ?? -1]?.locatorFile ?? '',
    ...(lineStart !== undefined && { lineStart }),
    ...(lineEnd !== undefined && { lineEnd }),
    ...(record != null && { record }),
    ...(byteOffset !== undefined && { byteOffset }),
  };
}
