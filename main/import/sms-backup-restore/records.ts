/**
 * SMS Backup & Restore records (`<sms>`, `<mms>` with its `<part>`s and `<addr>`s) to parse events.
 * See formats/sms-backup-restore.md for the fields. The string `null` stands for "absent" in most
 * attributes; bodies and part texts are kept exactly as written, because a message whose text really
 * is "null" cannot be told apart.
 */
import type { Direction, DirectionBasis } from '../../../common/domain/model';
import type { Locator, ParsedAttachment, ParsedTime, ParseEvent, ParseOptions } from '../../../common/domain/parsed';
import type { Repair } from '../repair/repair-queue';
import { counterpart, counterparts, OWNER_PLACEHOLDER, type Counterpart } from './addresses';

export type Attributes = Readonly<Record<string, string>>;

/** An attribute value cut at import (repair/long-attributes.ts): the whole value's UTF-8 size and SHA-256. */
export interface WholeValue {
  readonly bytes: number;
  readonly sha256: string;
}

export interface MmsPart {
  readonly contentType: string;
  readonly fileName: string | null;
  readonly text: string | undefined;
  /** Set when `text` is the start of a longer text. */
  readonly textCut?: WholeValue;
  readonly data: Uint8Array | null;
}

export interface MmsAddress {
  readonly address: string;
  readonly type: string | undefined;
}

export interface SbrRecord {
  readonly element: 'sms' | 'mms';
  /** `sms#3`, `mms#1`: the element and its 1-based position among its kind in the file. */
  readonly name: string;
  readonly attributes: Attributes;
  /** Set when the `body` attribute of an `<sms>` is the start of a longer body. */
  readonly bodyCut?: WholeValue;
  readonly parts: MmsPart[];
  readonly addresses: MmsAddress[];
  readonly locator: Locator;
  readonly repairs: readonly Repair[];
}

export const OWNER_KEY = 'owner';

/** `<sms type>` and `<mms msg_box>`: 1 is the inbox; every other box holds the owner's own messages. */
const BOXES: ReadonlyMap<string, { readonly direction: Direction; readonly state: string | null }> = new Map([
  ['1', { direction: 'incoming', state: null }],
  ['2', { direction: 'outgoing', state: null }],
  ['3', { direction: 'outgoing', state: 'a draft, never sent' }],
  ['4', { direction: 'outgoing', state: 'in the outbox, not yet sent' }],
  ['5', { direction: 'outgoing', state: 'a message that failed to send' }],
  ['6', { direction: 'outgoing', state: 'queued, not yet sent' }],
]);

const MMS_FROM = '137';
const MMS_NOTIFICATION = '130';
/** MMS `date` is milliseconds, but some writers use seconds; no real date in ms is below 10^11 (1973). */
const SECONDS_LIMIT = 1e11;

/** "Absent" as SBR writes it: a missing attribute or the string `null`. */
export function present(attributes: Attributes, name: string): string | undefined {
  const value = attributes[name];
  return value === undefined || value === 'null' ? undefined : value;
}

/** Conversations, participants and message numbering shared by every file of one import. */
export class SbrBook {
  private readonly conversations = new Set<string>();
  /** Participant key to the label it was given when first seen. */
  private readonly participants = new Map<string, string>();
  private readonly members = new Set<string>();
  /** Conversation keys by counterpart list (counterparts() hands out one list per address list). */
  private readonly keyOf = new WeakMap<readonly Counterpart[], string>();
  private seq = 0;

  constructor(
    private readonly options: ParseOptions,
    private readonly events: ParseEvent[],
  ) {}

  add(record: SbrRecord): void {
    const { attributes, locator } = record;
    const isMms = record.element === 'mms';
    const who = counterparts(attributes.address ?? '');
    const contactName = present(attributes, 'contact_name');
    const conversationKey = this.conversation(who, contactName === '(Unknown)' ? undefined : contactName);

    const box = attributes[isMms ? 'msg_box' : 'type'];
    const known = box === undefined ? undefined : BOXES.get(box);
    if (known?.state) this.note('warning', `${record.name} is ${known.state} (${isMms ? 'msg_box' : 'type'} ${box})`, locator);
    if (!known)
      this.note(
        'warning',
        `${record.name} has an unknown ${isMms ? 'msg_box' : 'type'} (${box ?? 'none'}); its direction is unknown`,
        locator,
      );
    const direction = known?.direction ?? 'unknown';
    const directionBasis: DirectionBasis = known ? 'source' : 'unknown';

    let senderKey: string | null = null;
    if (direction === 'outgoing') senderKey = OWNER_KEY;
    else if (direction === 'incoming')
      senderKey = isMms ? this.mmsSender(record, who, conversationKey) : who.length === 1 ? (who[0]?.key ?? null) : null;

    if (isMms && attributes.m_type === MMS_NOTIFICATION) {
      this.note(
        'warning',
        `${record.name} is an MMS notification (m_type 130): the MMS was never downloaded, so it has no content`,
        locator,
      );
    }
    const attachments = isMms ? this.attachments(record) : [];
    for (const repair of record.repairs)
      this.note('repair', repair.description, { file: locator.file, lineStart: repair.line, record: record.name });
    const bodyCut = isMms ? this.mmsTextCut(record) : record.bodyCut;

    this.events.push({
      type: 'message',
      message: {
        conversationKey,
        seq: this.seq++,
        externalId: isMms ? (present(attributes, 'm_id') ?? null) : null,
        time: this.time(record),
        senderKey,
        direction,
        directionBasis,
        kind: attachments.length > 0 ? 'media' : 'text',
        systemKind: null,
        body: isMms ? mmsText(record.parts) : (attributes.body ?? ''),
        edited: 'none',
        editHistory: [],
        deleted: 'none',
        replyToExternalId: null,
        attachments,
        reactions: [],
        locator,
        repairs: record.repairs.map((repair) => repair.description),
        confidence: 'high',
        ...(bodyCut && { truncated: [{ field: 'body', ...bodyCut }] }),
      },
    });
  }

  /**
   * The whole MMS text's size and hash when its one text part was cut. With several text parts the
   * cut part's own hash is all there is: a note gives it, and the stored text is the parts as kept.
   */
  private mmsTextCut(record: SbrRecord): WholeValue | undefined {
    const texts = record.parts.filter((part) => part.contentType === 'text/plain');
    const [only] = texts;
    if (texts.length === 1) return only?.textCut;
    texts.forEach((part, index) => {
      if (!part.textCut) return;
      this.note(
        'warning',
        `${record.name}: text part ${index + 1} of ${texts.length} is ${part.textCut.bytes.toLocaleString('en-GB')} bytes, over the import's cap: only its start was read. ` +
          `SHA-256 of that part's whole text: ${part.textCut.sha256}.`,
        record.locator,
      );
    });
    return undefined;
  }

  note(kind: 'warning' | 'repair' | 'assumption', message: string, locator: Locator): void {
    this.events.push({ type: 'note', note: { kind, message, locator } });
  }

  /**
   * One conversation per set of counterparts. Participants are labelled with `contact_name` only in a
   * one-to-one thread: for a group it lists several names whose order is not documented, so there the
   * number as written is the label.
   */
  private conversation(who: readonly Counterpart[], contactName: string | undefined): string {
    let key = this.keyOf.get(who);
    if (key === undefined) {
      key = `sms:${who.map((c) => c.key).join('~')}`;
      this.keyOf.set(who, key);
    }
    if (this.conversations.has(key)) return key;
    this.conversations.add(key);
    const labels = who.map((c) => this.participant(c, who.length === 1 ? contactName : undefined));
    const title = labels.length === 0 ? '(no address)' : labels.join(', ');
    const kind = who.length === 0 ? 'unknown' : who.length === 1 ? 'direct' : 'group';
    this.events.push({ type: 'conversation', conversation: { key, platform: 'sms', kind, title, externalId: null } });
    if (!this.participants.has(OWNER_KEY)) {
      const label = this.options.custodianName ?? 'Device owner';
      this.participants.set(OWNER_KEY, label);
      this.events.push({ type: 'participant', participant: { key: OWNER_KEY, label, handle: null, isOwner: true } });
    }
    // The backup is the owner's phone: they are in every thread on it.
    for (const participantKey of [...who.map((c) => c.key), OWNER_KEY]) this.member(key, participantKey);
    return key;
  }

  /** Emits the participant on first sight; returns the label it was given then. */
  private participant(who: Counterpart, contactName: string | undefined): string {
    const known = this.participants.get(who.key);
    if (known !== undefined) return known;
    const label = contactName ?? who.written;
    this.participants.set(who.key, label);
    this.events.push({ type: 'participant', participant: { key: who.key, label, handle: who.written, isOwner: false } });
    return label;
  }

  private member(conversationKey: string, participantKey: string): void {
    const membership = `${conversationKey}\u0000${participantKey}`;
    if (this.members.has(membership)) return;
    this.members.add(membership);
    this.events.push({ type: 'member', conversationKey, participantKey });
  }

  /** The sender of an incoming MMS is its `From` address (type 137); a one-to-one thread has only one candidate. */
  private mmsSender(record: SbrRecord, who: readonly Counterpart[], conversationKey: string): string | null {
    const from = record.addresses.find((addr) => addr.type === MMS_FROM && addr.address.trim() !== OWNER_PLACEHOLDER);
    if (from) {
      const sender = counterpart(from.address);
      this.participant(sender, undefined);
      this.member(conversationKey, sender.key);
      return sender.key;
    }
    if (who.length === 1) return who[0]?.key ?? null;
    this.note('warning', `${record.name} is an incoming group MMS with no From address; its sender is unknown`, record.locator);
    return null;
  }

  private time(record: SbrRecord): ParsedTime {
    const date = record.attributes.date;
    const readable = present(record.attributes, 'readable_date');
    const raw =
      readable === undefined
        ? date === undefined
          ? ''
          : `date="${date}"`
        : date === undefined
          ? `readable_date="${readable}"`
          : `readable_date="${readable}" date="${date}"`;
    if (date === undefined || !/^\d+$/.test(date)) {
      this.note(
        'warning',
        `${record.name} has no usable date (${date === undefined ? 'none' : `"${date}"`}); its time is unknown`,
        record.locator,
      );
      return { utcMs: null, raw: raw || null, basis: 'unknown' };
    }
    let utcMs = Number(date);
    if (record.element === 'mms' && utcMs < SECONDS_LIMIT) {
      utcMs *= 1000;
      this.note('assumption', `${record.name}: MMS date ${date} is too small for milliseconds; read as seconds`, record.locator);
    }
    return { utcMs, raw, basis: 'explicit' };
  }

  private attachments(record: SbrRecord): ParsedAttachment[] {
    return record.parts
      .filter((part) => part.contentType !== 'application/smil' && part.contentType !== 'text/plain')
      .map((part) => ({
        fileName: part.fileName,
        mime: part.contentType || null,
        pathInSource: null,
        present: part.data !== null,
        missingReason: part.data !== null ? null : 'part data not in the backup',
        ...(part.data !== null ? { embedded: part.data } : {}),
      }));
  }
}

/** An MMS body is its text/plain parts in document order; the writers split long texts across parts. */
function mmsText(parts: readonly MmsPart[]): string {
  return parts
    .filter((part) => part.contentType === 'text/plain')
    .map((part) => part.text ?? '')
    .join('');
}
