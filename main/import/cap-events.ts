/**
 * The field caps (domain/field-caps.ts), applied once to every parse event on its way to the case,
 * whatever the format. A field over its cap is cut and marked, and a note on the source points at the
 * record; a field a parser already cut (FieldTruncation) is marked with the size and hash the parser
 * worked out for the whole. Keys are cut the same way, with their hash in the marker, so every
 * reference to a key still finds it.
 */
import {
  FIELD_CAPS,
  truncationMarker,
  truncationNote,
  type FieldCaps,
  type FieldTruncation,
  type TruncatedField,
} from '../../common/domain/field-caps';
import type {
  Locator,
  ParsedAttachment,
  ParsedEdit,
  ParsedMessage,
  ParsedReaction,
  ParseEvent,
  ParseNote,
} from '../../common/domain/parsed';
import { capText, utf8Prefix } from './capped-text';

/** A field as stored: cut and marked when over its cap (or when the parser cut it), else as it was. */
interface Stored {
  readonly text: string;
  readonly note: string | null;
}

export class EventCaps {
  /** Notes the capping left, for the caller to store before the event they are about. */
  readonly notes: ParseNote[] = [];

  constructor(private readonly caps: FieldCaps = FIELD_CAPS) {}

  /** `event` with its fields within their caps; the same object when none was over. */
  event(event: ParseEvent): ParseEvent {
    switch (event.type) {
      case 'message':
        return this.overAny(event.message) ? { type: 'message', message: this.message(event.message) } : event;
      case 'participant': {
        const p = event.participant;
        if (!p.truncated && !this.over(p.label, 'label') && !this.over(p.handle, 'label') && !this.over(p.key, 'label')) return event;
        const where = `participant ${this.name(p.label)}`;
        return {
          type: 'participant',
          participant: {
            key: this.key(p.key),
            label: this.field(p.label, 'sender', p.truncated, undefined, where),
            handle: p.handle === null ? null : this.field(p.handle, 'handle', p.truncated, undefined, where),
            isOwner: p.isOwner,
          },
        };
      }
      case 'conversation': {
        const c = event.conversation;
        if (!c.truncated && !this.over(c.title, 'label') && !this.over(c.externalId, 'label') && !this.over(c.key, 'label')) return event;
        const where = `conversation ${this.name(c.title)}`;
        return {
          type: 'conversation',
          conversation: {
            key: this.key(c.key),
            platform: c.platform,
            kind: c.kind,
            title: this.field(c.title, 'title', c.truncated, undefined, where),
            externalId: c.externalId === null ? null : this.field(c.externalId, 'identifier', undefined, undefined, where),
          },
        };
      }
      case 'member':
        if (!this.over(event.conversationKey, 'label') && !this.over(event.participantKey, 'label')) return event;
        return { type: 'member', conversationKey: this.key(event.conversationKey), participantKey: this.key(event.participantKey) };
      case 'note':
        if (!this.over(event.note.message, 'body')) return event;
        return { type: 'note', note: { ...event.note, message: this.marked(event.note.message, 'note').text } };
      case 'problem':
        if (!this.over(event.problem.message, 'body')) return event;
        return { type: 'problem', problem: { ...event.problem, message: this.marked(event.problem.message, 'note').text } };
      default:
        return event;
    }
  }

  private over(text: string | null | undefined, cap: keyof FieldCaps): boolean {
    // A UTF-16 code unit is at most 3 bytes of UTF-8: most texts are settled without counting.
    return text != null && text.length * 3 > this.caps[cap];
  }

  private overAny(m: ParsedMessage): boolean {
    if (m.truncated || this.over(m.body, 'body')) return true;
    if (this.over(m.externalId, 'label') || this.over(m.replyToExternalId, 'label') || this.over(m.systemKind, 'label')) return true;
    if (
      this.over(m.time.raw, 'label') ||
      this.over(m.locator.record, 'label') ||
      this.over(m.senderKey, 'label') ||
      this.over(m.conversationKey, 'label')
    )
      return true;
    for (const e of m.editHistory) if (this.over(e.body, 'body') || this.over(e.time?.raw, 'label')) return true;
    for (const a of m.attachments)
      if (this.over(a.fileName, 'label') || this.over(a.mime, 'label') || this.over(a.missingReason, 'label')) return true;
    for (const r of m.reactions)
      if (
        this.over(r.actorLabel, 'label') ||
        this.over(r.reaction, 'label') ||
        this.over(r.actorKey, 'label') ||
        this.over(r.time?.raw, 'label')
      )
        return true;
    return false;
  }

  private message(m: ParsedMessage): ParsedMessage {
    const repairs: string[] = [];
    const where = m.locator;
    const store = (text: string, field: TruncatedField): string => {
      const stored = this.marked(text, field, m.truncated);
      if (stored.note !== null) {
        repairs.push(stored.note);
        this.notes.push({ kind: 'warning', message: stored.note, locator: where });
      }
      return stored.text;
    };
    const optional = (text: string | null, field: TruncatedField): string | null => (text === null ? null : store(text, field));
    const key = (k: string | null): string | null => (k === null ? null : this.key(k));
    const editHistory = m.editHistory.map((e): ParsedEdit => ({
      body: store(e.body, 'edit'),
      time: e.time && { ...e.time, raw: optional(e.time.raw, 'time') },
    }));
    const attachments = m.attachments.map((a): ParsedAttachment => ({
      ...a,
      fileName: optional(a.fileName, 'attachment'),
      mime: optional(a.mime, 'attachment'),
      missingReason: optional(a.missingReason, 'attachment'),
    }));
    const reactions = m.reactions.map((r): ParsedReaction => ({
      actorKey: key(r.actorKey),
      actorLabel: store(r.actorLabel, 'sender'),
      reaction: store(r.reaction, 'reaction'),
      time: r.time && { ...r.time, raw: optional(r.time.raw, 'time') },
    }));
    const record = m.locator.record === undefined ? undefined : store(m.locator.record, 'identifier');
    const locator: Locator = record === undefined ? m.locator : { ...m.locator, record };
    const capped: ParsedMessage = {
      ...m,
      conversationKey: this.key(m.conversationKey),
      senderKey: key(m.senderKey),
      externalId: optional(m.externalId, 'identifier'),
      replyToExternalId: optional(m.replyToExternalId, 'identifier'),
      systemKind: optional(m.systemKind, 'identifier'),
      time: { ...m.time, raw: optional(m.time.raw, 'time') },
      body: store(m.body, 'body'),
      editHistory,
      attachments,
      reactions,
      locator,
      repairs: [...m.repairs, ...repairs],
    };
    delete (capped as { truncated?: unknown }).truncated;
    return capped;
  }

  /** A key cut to the label cap, its hash in the marker: the same key always becomes the same text. */
  private key(key: string): string {
    return this.over(key, 'label') ? this.marked(key, 'identifier').text : key;
  }

  /** A participant's or conversation's field; a note names the record by the start of its name. */
  private field(
    text: string,
    field: TruncatedField,
    truncated: readonly FieldTruncation[] | undefined,
    locator: Locator | undefined,
    where: string,
  ): string {
    const stored = this.marked(text, field, truncated);
    if (stored.note !== null) this.notes.push({ kind: 'warning', message: `${where}: ${stored.note}`, ...(locator && { locator }) });
    return stored.text;
  }

  /** `text` within its field's cap, with the marker and the note when it was cut here or by the parser. */
  private marked(text: string, field: TruncatedField, truncated?: readonly FieldTruncation[]): Stored {
    const cap = field === 'body' || field === 'edit' || field === 'note' ? this.caps.body : this.caps.label;
    const byParser = truncated?.find((t) => t.field === field);
    const capped = capText(text, cap);
    const whole: FieldTruncation | null = byParser ?? (capped.whole && { field, ...capped.whole });
    if (whole === null) return { text, note: null };
    const kept = Buffer.byteLength(capped.text, 'utf8');
    return { text: capped.text + truncationMarker(whole, kept), note: truncationNote(whole, kept, cap) };
  }

  /** The start of a name, to say which record a note is about. */
  private name(text: string): string {
    const start = utf8Prefix(text, 60);
    return JSON.stringify(start.length < text.length ? `${start}…` : start);
  }
}
