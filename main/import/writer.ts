/**
 * Writes one source's parse events, as batches (batch.ts), into the case: inside the caller's
 * transaction, on the caller's connection. Messages go in runs of one layout, many rows per INSERT.
 */
import type Database from 'better-sqlite3';
import type { WritableDB } from '../../db/connection';
import {
  finishSource,
  importStatements,
  lastMessageId,
  messagesAfter,
  ROWS_PER_INSERT,
  setSourceProducer,
  undone,
  valuesPerRow,
  type ImportStatements,
  type MessageShape,
} from '../../db/queries/import';
import { refusalInWords, type RefusedRow } from '../../db/queries/refusals';
import type { DateOrder } from '../../common/domain/model';
import type { Locator, ParseNote, ParseProblem } from '../../common/domain/parsed';
import { COLUMNS, locatorAt, PRESENT, type EventBatch, type MessageExtras, type PlacedEvent } from './batch';
import { conversationFingerprint } from './content-key';
import { ImportInputError } from './errors';
import { identityOf, senderKey } from './people';

const MAX_PROBLEMS_KEPT = 100;

// Copied once: the per-row loop reads them millions of times, and an imported binding can be an accessor.
const { NUMBERS, N_SEQ, N_SENT_AT, N_LINE_START, N_LINE_END, N_BYTE_OFFSET, REFS, R_CONVERSATION, R_SENDER, R_SHAPE, R_PRESENT, R_CODES } =
  COLUMNS;
const { CODE_KIND, CODE_DIRECTION, CODE_EDITED, CODE_DELETED } = COLUMNS;
const { TEXTS, T_BODY, T_SENT_AT_RAW, T_EXTERNAL_ID, T_SYSTEM_KIND, T_RECORD } = COLUMNS;
const P_EXTERNAL_ID = PRESENT.externalId;
const P_SENT_AT = PRESENT.sentAt;
const P_SENT_AT_RAW = PRESENT.sentAtRaw;
const P_SENDER = PRESENT.sender;
const P_SYSTEM_KIND = PRESENT.systemKind;
const P_EDIT_HISTORY = PRESENT.editHistory;
const P_REPLY_TO = PRESENT.replyTo;
const P_LINE_START = PRESENT.lineStart;
const P_LINE_END = PRESENT.lineEnd;
const P_RECORD = PRESENT.record;
const P_BYTE_OFFSET = PRESENT.byteOffset;
const P_REPAIRS = PRESENT.repairs;

interface ConversationState {
  readonly id: number;
  /** The next message's position within the conversation: also how many it holds. */
  next: number;
  firstAt: number | null;
  lastAt: number | null;
  readonly platform: string;
  readonly kind: string;
  readonly title: string;
  readonly members: Set<string>;
  /** The sender last added to `members`, so a run of one sender's messages adds it once. */
  lastMember: string | null;
}

interface ParticipantState {
  readonly id: number;
  readonly key: string;
}

/** A prepared multi-row insert and the array its arguments are gathered in. */
interface RowsStatement {
  readonly statement: Database.Statement;
  readonly args: unknown[];
}

/** A shape's statements, by the optional columns they bind and their ROWS_PER_INSERT index. */
interface ShapeStatements {
  readonly shape: MessageShape;
  readonly byColumns: Map<number, RowsStatement>;
}

function locatorJson(locator: Locator | undefined): string | null {
  return locator ? JSON.stringify(locator) : null;
}

const nullable = (value: number | undefined): number | null => (value === undefined || Number.isNaN(value) ? null : value);

export class SourceWriter {
  readonly conversations = new Map<string, ConversationState>();
  readonly participants = new Map<string, ParticipantState>();
  readonly problems: ParseProblem[] = [];
  problemCount = 0;
  messages = 0;
  attachmentCount = 0;
  hasReplies = false;
  bytesRead = 0;
  readonly noteCounts = { warnings: 0, repairs: 0, assumptions: 0 };
  dateOrder: DateOrder | null = null;
  dateOrderBasis: 'inferred' | 'given' | null = null;
  private readonly statements: ImportStatements;
  /** The batches' dictionaries, and what their numbers resolved to. */
  private readonly conversationKeys: string[] = [];
  private readonly participantKeys: string[] = [];
  private readonly shapes: ShapeStatements[] = [];
  private readonly conversationByRef: (ConversationState | undefined)[] = [];
  private readonly participantByRef: (ParticipantState | undefined)[] = [];

  /** The id of the last message stored (before the first: the highest in the case). */
  private lastMessageId: number;
  /** The current batch's extras by message index (empty when it has none). */
  private extrasByIndex: readonly (MessageExtras | undefined)[] = [];

  constructor(
    private readonly db: WritableDB,
    /** The imported file as the user named it, for errors. */
    private readonly displayName: string,
    private readonly sourceId: number,
    private readonly custodian: number,
  ) {
    this.statements = importStatements(db, sourceId);
    this.lastMessageId = lastMessageId(db);
  }

  /**
   * Stores a batch. A record that cannot be stored fails the import with its locator; the caller's
   * transaction is then rolled back.
   */
  write(batch: EventBatch): void {
    this.conversationKeys.push(...batch.added.conversations);
    this.participantKeys.push(...batch.added.participants);
    for (const shape of batch.added.shapes) this.shapes.push({ shape, byColumns: new Map() });
    const byIndex: (MessageExtras | undefined)[] = [];
    for (const extras of batch.extras) byIndex[extras.index] = extras;
    this.extrasByIndex = byIndex;
    let from = 0;
    for (const placed of batch.events) {
      if (placed.at > from) {
        this.rows(batch, from, placed.at);
        from = placed.at;
      }
      try {
        this.event(placed);
      } catch (err) {
        throw new ImportInputError(this.displayName, `a record could not be stored: ${(err as Error).message}`);
      }
    }
    if (batch.count > from) this.rows(batch, from, batch.count);
    if (batch.bytesRead > this.bytesRead) this.bytesRead = batch.bytesRead;
  }

  private event({ event }: PlacedEvent): void {
    switch (event.type) {
      case 'source':
        setSourceProducer(this.db, this.sourceId, event.source.producer, event.source.producerVersion);
        this.dateOrder = event.source.dateOrder;
        this.dateOrderBasis = event.source.dateOrder ? event.source.dateOrderBasis : null;
        return;
      case 'conversation': {
        const c = event.conversation;
        const id = Number(
          this.statements.conversation.run({
            sourceId: this.sourceId,
            sourceKey: c.key,
            platform: c.platform,
            kind: c.kind,
            title: c.title,
            externalId: c.externalId,
          }).lastInsertRowid,
        );
        this.conversations.set(c.key, {
          id,
          next: 0,
          firstAt: null,
          lastAt: null,
          platform: c.platform,
          kind: c.kind,
          title: c.title,
          members: new Set(),
          lastMember: null,
        });
        return;
      }
      case 'participant': {
        const p = event.participant;
        const identity = identityOf(p.handle, p.label);
        const personId = identity && this.statements.person(identity, p.label.trim() || identity.value, p.isOwner ? this.custodian : null);
        const id = Number(
          this.statements.participant.run({
            sourceId: this.sourceId,
            sourceKey: p.key,
            label: p.label,
            handle: p.handle,
            isOwner: p.isOwner ? 1 : 0,
            personId,
          }).lastInsertRowid,
        );
        this.participants.set(p.key, { id, key: senderKey(personId, p.label) });
        return;
      }
      case 'member': {
        const conversation = this.conversation(event.conversationKey);
        const participant = this.participant(event.participantKey);
        this.statements.member.run(conversation.id, participant.id);
        conversation.members.add(participant.key);
        return;
      }
      case 'note':
        this.note(event.note);
        return;
      case 'problem':
        this.problemCount++;
        if (this.problems.length < MAX_PROBLEMS_KEPT) this.problems.push(event.problem);
        return;
      case 'progress':
        return;
    }
  }

  private conversation(key: string): ConversationState {
    const found = this.conversations.get(key);
    if (!found) throw new Error(`a record refers to conversation "${key}" before it was described`);
    return found;
  }

  private participant(key: string): ParticipantState {
    const found = this.participants.get(key);
    if (!found) throw new Error(`a record refers to participant "${key}" before it was described`);
    return found;
  }

  private note(note: ParseNote): void {
    this.statements.note.run(this.sourceId, note.kind, note.message, locatorJson(note.locator));
    if (note.kind === 'warning') this.noteCounts.warnings++;
    else if (note.kind === 'repair') this.noteCounts.repairs++;
    else this.noteCounts.assumptions++;
  }

  private conversationAt(batch: EventBatch, i: number): ConversationState {
    const ref = batch.refs[i * REFS + R_CONVERSATION] ?? -1;
    let found = this.conversationByRef[ref];
    if (found === undefined) {
      found = this.conversation(this.conversationKeys[ref] ?? '');
      this.conversationByRef[ref] = found;
    }
    return found;
  }

  private senderAt(batch: EventBatch, i: number): ParticipantState | null {
    const ref = batch.refs[i * REFS + R_SENDER] ?? -1;
    if (ref < 0) return null;
    let found = this.participantByRef[ref];
    if (found === undefined) {
      found = this.participant(this.participantKeys[ref] ?? '');
      this.participantByRef[ref] = found;
    }
    return found;
  }

  /** Messages `from` to `to` of a batch: runs of one shape, each in as few statements as ROWS_PER_INSERT allows. */
  private rows(batch: EventBatch, from: number, to: number): void {
    const refs = batch.refs;
    let extra = 0;
    while (extra < batch.extras.length && (batch.extras[extra]?.index ?? to) < from) extra++;
    let i = from;
    while (i < to) {
      const shapeRef = refs[i * REFS + R_SHAPE] ?? -1;
      let end = i + 1;
      while (end < to && refs[end * REFS + R_SHAPE] === shapeRef) end++;
      const shape = this.shapes[shapeRef];
      if (!shape) throw this.storeError(batch, i, new Error('the message has no shape'));
      while (i < end) {
        let size = 0;
        while ((ROWS_PER_INSERT[size] ?? 1) > end - i) size++;
        const rows = ROWS_PER_INSERT[size] ?? 1;
        let present = 0;
        for (let j = i; j < i + rows; j++) present |= refs[j * REFS + R_PRESENT] ?? 0;
        const lastId = this.insert(batch, shape, present, size, i, rows);
        for (; extra < batch.extras.length; extra++) {
          const extras = batch.extras[extra];
          if (!extras || extras.index >= i + rows) break;
          try {
            this.extras(extras, lastId - (i + rows - 1 - extras.index));
          } catch (err) {
            throw this.storeError(batch, extras.index, err as Error);
          }
        }
        i += rows;
      }
    }
  }

  /**
   * Inserts `rows` messages from `first` in one statement that binds the `present` optional columns
   * (those any of the rows has; a row without one binds null, or `'[]'` for repairs); returns the last
   * one's id.
   */
  private insert(batch: EventBatch, shape: ShapeStatements, present: number, size: number, first: number, rows: number): number {
    const key = present * ROWS_PER_INSERT.length + size;
    let prepared = shape.byColumns.get(key);
    if (!prepared) {
      prepared = {
        statement: this.statements.messages({ ...shape.shape, present }, rows),
        args: new Array<unknown>(rows * valuesPerRow(present)),
      };
      shape.byColumns.set(key, prepared);
    }
    const { statement, args } = prepared;
    const { numbers, refs, text, spans } = batch;
    const { buffer, byteOffset } = text;
    const extras = this.extrasByIndex;
    // A text is bound as a view of the batch's UTF-8 bytes: no string is made for it.
    const textAt = (i: number, field: number): Uint8Array | null => {
      const at = (i * TEXTS + field) * 2;
      const start = spans[at] ?? -1;
      return start < 0 ? null : new Uint8Array(buffer, byteOffset + start, (spans[at + 1] ?? start) - start);
    };
    let k = 0;
    for (let i = first; i < first + rows; i++) {
      let conversation: ConversationState;
      let sender: ParticipantState | null;
      try {
        conversation = this.conversationAt(batch, i);
        sender = this.senderAt(batch, i);
      } catch (err) {
        throw this.storeError(batch, i, err as Error);
      }
      const at = i * NUMBERS;
      const ref = i * REFS;
      const seq = numbers[at + N_SEQ] ?? Number.NaN;
      const sentAt = numbers[at + N_SENT_AT] ?? Number.NaN;
      const lineStart = numbers[at + N_LINE_START] ?? Number.NaN;
      const lineEnd = numbers[at + N_LINE_END] ?? Number.NaN;
      const codes = refs[ref + R_CODES] ?? -1;
      const rowExtras = extras[i];
      args[k++] = conversation.id;
      args[k++] = seq;
      args[k++] = conversation.next++;
      args[k++] = textAt(i, T_BODY);
      args[k++] = (codes >>> CODE_KIND) & 0xff;
      args[k++] = (codes >>> CODE_DIRECTION) & 0xff;
      args[k++] = (codes >>> CODE_EDITED) & 0xff;
      args[k++] = (codes >>> CODE_DELETED) & 0xff;
      if (present & P_EXTERNAL_ID) args[k++] = textAt(i, T_EXTERNAL_ID);
      if (present & P_SENT_AT) args[k++] = Number.isNaN(sentAt) ? null : sentAt;
      if (present & P_SENT_AT_RAW) args[k++] = textAt(i, T_SENT_AT_RAW);
      if (present & P_SENDER) args[k++] = sender === null ? null : sender.id;
      if (present & P_SYSTEM_KIND) args[k++] = textAt(i, T_SYSTEM_KIND);
      if (present & P_EDIT_HISTORY) args[k++] = rowExtras?.editHistory ?? null;
      if (present & P_REPLY_TO) args[k++] = rowExtras?.replyTo ?? null;
      if (present & P_LINE_START) args[k++] = nullable(lineStart);
      if (present & P_LINE_END) args[k++] = nullable(lineEnd);
      if (present & P_RECORD) args[k++] = textAt(i, T_RECORD);
      if (present & P_BYTE_OFFSET) args[k++] = nullable(numbers[at + N_BYTE_OFFSET]);
      if (present & P_REPAIRS) args[k++] = rowExtras?.repairs ?? '[]';
      if (!Number.isNaN(sentAt)) {
        if (conversation.firstAt === null || sentAt < conversation.firstAt) conversation.firstAt = sentAt;
        if (conversation.lastAt === null || sentAt > conversation.lastAt) conversation.lastAt = sentAt;
      }
      if (sender !== null && conversation.lastMember !== sender.key) {
        conversation.members.add(sender.key);
        conversation.lastMember = sender.key;
      }
    }
    let lastId: number;
    try {
      const result = statement.run(...args);
      if (result.changes !== rows) throw new Error(`${result.changes} of ${rows} messages were stored`);
      lastId = Number(result.lastInsertRowid);
    } catch (err) {
      throw this.rowError(batch, shape, first, rows, err as Error);
    }
    this.lastMessageId = lastId;
    this.messages += rows;
    if (present & P_REPLY_TO) this.hasReplies = true;
    return lastId;
  }

  /**
   * The row of a failed statement that could not be stored, and why. A message insert stops at the
   * row that fails, keeping those before it (see importStatements), unless the failure undoes the
   * whole statement (a foreign key, a value of the wrong type); so the rows from the first not kept are
   * tried again, each alone and undone, until one fails. The import is rolled back whatever happens here.
   */
  private rowError(batch: EventBatch, shape: ShapeStatements, first: number, rows: number, err: Error): ImportInputError {
    // An error that ended the transaction (a full disk, say) leaves nothing to try; a row alone is the one.
    if (!this.db.inTransaction || rows === 1) return this.storeError(batch, first, err);
    const kept = messagesAfter(this.db, this.lastMessageId);
    for (let i = first + kept; i < first + rows; i++) {
      try {
        undone(this.db, () => this.insert(batch, shape, batch.refs[i * REFS + R_PRESENT] ?? 0, ROWS_PER_INSERT.length - 1, i, 1));
      } catch (one) {
        if (one instanceof ImportInputError) return one;
      }
    }
    return this.storeError(batch, first + kept, err);
  }

  private storeError(batch: EventBatch, i: number, err: Error): ImportInputError {
    const at = i * NUMBERS;
    const row: RefusedRow = {
      seq: batch.numbers[at + N_SEQ],
      lineStart: batch.numbers[at + N_LINE_START],
      lineEnd: batch.numbers[at + N_LINE_END],
    };
    return new ImportInputError(
      this.displayName,
      `a record could not be stored: ${refusalInWords(err, row)}`,
      locatorAt(
        batch,
        this.shapes.map((s) => s.shape),
        i,
      ),
      { cause: err },
    );
  }

  private extras(extras: MessageExtras, messageId: number): void {
    for (const r of extras.reactions) {
      this.statements.reaction.run({
        messageId,
        participantId: r.actorKey === null ? null : (this.participants.get(r.actorKey)?.id ?? null),
        actorLabel: r.actorLabel,
        reaction: r.reaction,
        reactedAt: r.time?.utcMs ?? null,
        reactedAtRaw: r.time?.raw ?? null,
      });
    }
    for (const a of extras.attachments) {
      const row = {
        messageId,
        fileName: a.fileName,
        mime: a.mime,
        pathInSource: a.pathInSource,
        size: a.size,
        sha256: a.sha256,
        present: a.present ? 1 : 0,
        missingReason: a.missingReason,
        kept: a.kept ? 1 : 0,
        notes: JSON.stringify(a.notes),
        detectedMime: a.detectedMime,
      } as const;
      try {
        this.statements.attachment.run(row);
      } catch (err) {
        const name = a.fileName ?? a.pathInSource;
        throw new Error(`${name === null ? 'an attachment' : `attachment "${name}"`}: ${refusalInWords(err as Error, row)}`, {
          cause: err,
        });
      }
    }
    this.attachmentCount += extras.attachments.length;
  }

  /** Fingerprints each conversation from its members (for duplicates) and stores what was counted. */
  finish(): void {
    const totals = {
      messages: this.messages,
      conversations: this.conversations.size,
      participants: this.participants.size,
      attachments: this.attachmentCount,
      dateOrder: this.dateOrder,
      dateOrderBasis: this.dateOrderBasis,
    };
    const conversations = [...this.conversations.values()].map((c) => ({
      id: c.id,
      fingerprint: conversationFingerprint(c.platform, c.kind, c.title, [...c.members]),
      messages: c.next,
      firstAt: c.firstAt,
      lastAt: c.lastAt,
    }));
    finishSource(this.db, this.sourceId, totals, conversations, this.hasReplies);
  }
}
