/**
 * One import: a file or folder from one custodian's device into the case, all or nothing. Everything
 * happens in one transaction on the caller's connection; any problem, a cancel, or a crash leaves the
 * case exactly as it was (an uncommitted WAL transaction is discarded when the case is next opened).
 */
import { createHash } from 'node:crypto';
import { basename, resolve } from 'node:path';
import type { WritableDB } from '../../db/connection';
import { custodianId, finishSource, importStatements, insertSource, sourceBySha, suspendMessageIndexes, type ImportStatements } from '../../db/queries/import';
import { appendAudit } from '../audit/log';
import type { DateOrder, SourceFormat } from '../domain/model';
import type { CancelSignal, Locator, ParsedAttachment, ParsedMessage, ParsedParticipant, ParseEvent, ParseNote, ParseProblem } from '../domain/parsed';
import { conversationFingerprint } from './content-key';
import { groupDuplicates } from './duplicates';
import { describeLocator, ImportInputError } from './errors';
import type { SourceFiles } from './files';
import { detectFormat, FORMATS } from './formats';
import { HashingCancelledError, openInput } from './open-input';
import { identityOf, senderKey } from './people';

export interface ImportRequest {
  readonly path: string;
  readonly custodian: string;
  readonly device?: string;
  readonly format?: SourceFormat;
  readonly timeZone: string;
  readonly dateOrder?: DateOrder;
}

export interface ImportProgress {
  readonly phase: 'hashing' | 'reading' | 'finishing';
  readonly bytesRead: number;
  readonly bytesTotal: number;
  readonly messages: number;
}

export interface ImportContext {
  readonly actor: string;
  readonly signal?: CancelSignal;
  readonly onProgress?: (progress: ImportProgress) => void;
}

export interface ImportSummary {
  readonly sourceId: number;
  readonly format: SourceFormat;
  readonly fileName: string;
  readonly sha256: string;
  readonly conversations: number;
  readonly messages: number;
  readonly participants: number;
  readonly attachments: number;
  readonly duplicatesGrouped: number;
  readonly notes: { readonly warnings: number; readonly repairs: number; readonly assumptions: number };
}

export class DuplicateSourceError extends Error {
  constructor(fileName: string, existing: { id: number; fileName: string; custodian: string; importedAt: number }) {
    super(
      `${fileName} has already been imported (source #${existing.id}, "${existing.fileName}" for ${existing.custodian}, ` +
        `${new Date(existing.importedAt).toISOString().slice(0, 10)}): the same file (same SHA-256) is never imported twice. Nothing was changed.`,
    );
    this.name = 'DuplicateSourceError';
  }
}

export class ImportCancelledError extends Error {
  constructor(fileName: string) {
    super(`Import of ${fileName} was cancelled. Nothing was changed.`);
    this.name = 'ImportCancelledError';
  }
}

export class ImportProblemsError extends Error {
  constructor(
    fileName: string,
    readonly problems: readonly ParseProblem[],
    total: number,
  ) {
    const listed = problems.slice(0, 5).map((p) => `  - ${p.message}${describeLocator(p.locator)}`);
    super(
      `${fileName} could not be imported: ${total} problem${total === 1 ? '' : 's'} found. Nothing was changed.\n${listed.join('\n')}` +
        (total > listed.length ? `\n  … and ${total - listed.length} more` : ''),
    );
    this.name = 'ImportProblemsError';
  }
}

const PROGRESS_INTERVAL_MS = 200;
const CANCEL_CHECK_EVERY = 512;
const MAX_PROBLEMS_KEPT = 100;

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
}

interface ParticipantState {
  readonly id: number;
  readonly key: string;
}

/** Resolves a participant to a person across sources by normalised phone, e-mail or username. */
function resolvePerson(db: WritableDB, participant: ParsedParticipant, custodian: number): number | null {
  const identity = identityOf(participant.handle, participant.label);
  if (!identity) return null;
  const found = db.prepare('SELECT person_id FROM person_identifiers WHERE kind = ? AND value = ?').pluck().get(identity.kind, identity.value) as
    | number
    | undefined;
  const personId =
    found ??
    Number(db.prepare('INSERT INTO people (display_name) VALUES (?)').run(participant.label.trim() || identity.value).lastInsertRowid);
  if (found === undefined) db.prepare('INSERT INTO person_identifiers (kind, value, person_id) VALUES (?, ?, ?)').run(identity.kind, identity.value, personId);
  if (participant.isOwner) db.prepare('UPDATE people SET custodian_id = ? WHERE id = ? AND custodian_id IS NULL').run(custodian, personId);
  return personId;
}

function locatorJson(locator: Locator | undefined): string | null {
  return locator ? JSON.stringify(locator) : null;
}

async function sha256Of(files: SourceFiles, entry: string): Promise<{ sha256: string; size: number }> {
  const digest = createHash('sha256');
  let size = 0;
  for await (const chunk of files.stream(entry)) {
    digest.update(chunk);
    size += chunk.length;
  }
  return { sha256: digest.digest('hex'), size };
}

class SourceWriter {
  readonly conversations = new Map<string, ConversationState>();
  readonly participants = new Map<string, ParticipantState>();
  readonly problems: ParseProblem[] = [];
  problemCount = 0;
  messages = 0;
  attachmentCount = 0;
  hasReplies = false;
  readonly noteCounts = { warnings: 0, repairs: 0, assumptions: 0 };
  dateOrder: DateOrder | null = null;
  dateOrderBasis: 'inferred' | 'given' | null = null;
  private readonly attachmentHashes = new Map<string, { sha256: string; size: number }>();
  private readonly statements: ImportStatements;

  constructor(
    private readonly db: WritableDB,
    private readonly files: SourceFiles,
    private readonly sourceId: number,
    private readonly custodian: number,
  ) {
    this.statements = importStatements(db);
  }

  /** Stores one event; a promise comes back only when the event needs asynchronous work. */
  write(event: ParseEvent): Promise<void> | undefined {
    switch (event.type) {
      case 'source':
        this.db
          .prepare('UPDATE sources SET producer = ?, producer_version = ? WHERE id = ?')
          .run(event.source.producer, event.source.producerVersion, this.sourceId);
        this.dateOrder = event.source.dateOrder;
        this.dateOrderBasis = event.source.dateOrder ? event.source.dateOrderBasis : null;
        return;
      case 'conversation': {
        const c = event.conversation;
        const id = Number(
          this.statements.conversation.run({ sourceId: this.sourceId, sourceKey: c.key, platform: c.platform, kind: c.kind, title: c.title, externalId: c.externalId })
            .lastInsertRowid,
        );
        this.conversations.set(c.key, { id, next: 0, firstAt: null, lastAt: null, platform: c.platform, kind: c.kind, title: c.title, members: new Set() });
        return;
      }
      case 'participant': {
        const p = event.participant;
        const personId = resolvePerson(this.db, p, this.custodian);
        const id = Number(
          this.statements.participant.run({ sourceId: this.sourceId, sourceKey: p.key, label: p.label, handle: p.handle, isOwner: p.isOwner ? 1 : 0, personId })
            .lastInsertRowid,
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
      case 'message':
        return this.message(event.message);
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

  /** Stores one message; returns a promise only when an attachment's file must be read and hashed. */
  private message(m: ParsedMessage): Promise<void> | undefined {
    const conversation = this.conversation(m.conversationKey);
    const sender = m.senderKey === null ? null : this.participant(m.senderKey);
    if (sender) conversation.members.add(sender.key);
    const { locator, time } = m;
    const statement = this.statements.message({
      tzBasis: time.basis, direction: m.direction, directionBasis: m.directionBasis, kind: m.kind, edited: m.edited, deleted: m.deleted, confidence: m.confidence,
    });
    const messageId = Number(
      statement.run(
        conversation.id, this.sourceId, m.seq, conversation.next++, m.externalId, time.utcMs, time.raw, sender?.id ?? null, m.systemKind, m.body,
        m.editHistory.length ? JSON.stringify(m.editHistory) : null, m.replyToExternalId, locator.file, locator.lineStart ?? null,
        locator.lineEnd ?? null, locator.record ?? null, locator.byteOffset ?? null, m.repairs.length ? JSON.stringify(m.repairs) : null,
      ).lastInsertRowid,
    );
    this.messages++;
    if (time.utcMs !== null) {
      if (conversation.firstAt === null || time.utcMs < conversation.firstAt) conversation.firstAt = time.utcMs;
      if (conversation.lastAt === null || time.utcMs > conversation.lastAt) conversation.lastAt = time.utcMs;
    }
    if (m.replyToExternalId !== null) this.hasReplies = true;
    for (const r of m.reactions) {
      this.statements.reaction.run({
        messageId,
        participantId: r.actorKey === null ? null : (this.participants.get(r.actorKey)?.id ?? null),
        actorLabel: r.actorLabel,
        reaction: r.reaction,
        reactedAt: r.time?.utcMs ?? null,
        reactedAtRaw: r.time?.raw ?? null,
      });
    }
    this.attachmentCount += m.attachments.length;
    return m.attachments.length ? this.attachments(messageId, m.attachments) : undefined;
  }

  private async attachments(messageId: number, attachments: readonly ParsedAttachment[]): Promise<void> {
    for (const a of attachments) {
      let hashed: { sha256: string; size: number } | null = null;
      if (a.embedded) hashed = { sha256: createHash('sha256').update(a.embedded).digest('hex'), size: a.embedded.length };
      else if (a.present && a.pathInSource) {
        hashed = this.attachmentHashes.get(a.pathInSource) ?? (await sha256Of(this.files, a.pathInSource));
        this.attachmentHashes.set(a.pathInSource, hashed);
      }
      const present = a.present && hashed !== null;
      this.statements.attachment.run({
        messageId,
        fileName: a.fileName,
        mime: a.mime,
        pathInSource: a.pathInSource,
        size: hashed?.size ?? null,
        sha256: hashed?.sha256 ?? null,
        present: present ? 1 : 0,
        missingReason: present ? null : (a.missingReason ?? 'not included in the export'),
      });
    }
  }

  /** Fingerprints each conversation from its members (for duplicates) and stores what was counted. */
  finish(): void {
    const setFingerprint = this.db.prepare('UPDATE conversations SET fingerprint = ? WHERE id = ?');
    for (const c of this.conversations.values()) setFingerprint.run(conversationFingerprint(c.platform, c.kind, c.title, [...c.members]), c.id);
    const totals = {
      messages: this.messages,
      conversations: this.conversations.size,
      participants: this.participants.size,
      attachments: this.attachmentCount,
      dateOrder: this.dateOrder,
      dateOrderBasis: this.dateOrderBasis,
    };
    const conversations = [...this.conversations.values()].map((c) => ({ id: c.id, messages: c.next, firstAt: c.firstAt, lastAt: c.lastAt }));
    finishSource(this.db, this.sourceId, totals, conversations, this.hasReplies);
  }
}

export async function importSource(db: WritableDB, request: ImportRequest, ctx: ImportContext): Promise<ImportSummary> {
  const path = resolve(request.path);
  const report = ctx.onProgress ?? (() => undefined);
  let lastReport = 0;
  const throttled = (progress: ImportProgress): void => {
    const now = Date.now();
    if (now - lastReport >= PROGRESS_INTERVAL_MS) {
      lastReport = now;
      report(progress);
    }
  };

  let input;
  try {
    input = await openInput(path, (bytesRead, bytesTotal) => throttled({ phase: 'hashing', bytesRead, bytesTotal, messages: 0 }), ctx.signal);
  } catch (err) {
    throw err instanceof HashingCancelledError ? new ImportCancelledError(basename(path)) : err;
  }
  const { files } = input;
  try {
    const existing = sourceBySha(db, input.sha256);
    if (existing) throw new DuplicateSourceError(files.displayName, existing);
    const format = request.format ?? (await detectFormat(files));
    const spec = FORMATS[format];
    const now = Date.now();

    db.exec('BEGIN IMMEDIATE');
    try {
      // Roughly 150 bytes a message: an import that brings more rows than the case holds builds the
      // message indexes once at the end rather than row by row.
      const existing = db.prepare('SELECT max(id) FROM messages').pluck().get() as number | null;
      const restoreIndexes = input.size / 150 > (existing ?? 0) ? suspendMessageIndexes(db) : () => undefined;
      const custodian = custodianId(db, request.custodian.trim(), now);
      const sourceId = insertSource(db, {
        custodianId: custodian,
        deviceLabel: request.device?.trim() ?? '',
        format,
        producer: null,
        producerVersion: null,
        fileName: files.displayName,
        filePath: path,
        fileSize: input.size,
        sha256: input.sha256,
        importedAt: now,
        importedBy: ctx.actor,
        parserVersion: spec.parserVersion,
        timeZone: request.timeZone,
      });
      const writer = new SourceWriter(db, files, sourceId, custodian);
      let events = 0;
      let bytesRead = 0;
      const options = { timeZone: request.timeZone, dateOrder: request.dateOrder, custodianName: request.custodian, signal: ctx.signal };
      for await (const event of spec.parse(files, options)) {
        if (++events % CANCEL_CHECK_EVERY === 0 && ctx.signal?.aborted) throw new ImportCancelledError(files.displayName);
        if (event.type === 'progress') {
          bytesRead = event.bytesRead;
          throttled({ phase: 'reading', bytesRead, bytesTotal: event.bytesTotal, messages: writer.messages });
        }
        try {
          const pending = writer.write(event);
          if (pending) await pending;
        } catch (err) {
          const locator = event.type === 'message' ? event.message.locator : undefined;
          throw new ImportInputError(files.displayName, `a record could not be stored: ${(err as Error).message}`, locator);
        }
      }
      if (ctx.signal?.aborted) throw new ImportCancelledError(files.displayName);
      if (writer.problemCount > 0) throw new ImportProblemsError(files.displayName, writer.problems, writer.problemCount);
      if (writer.messages === 0) throw new ImportInputError(files.displayName, 'no messages were found in it');

      report({ phase: 'finishing', bytesRead, bytesTotal: input.size, messages: writer.messages });
      restoreIndexes();
      writer.finish();
      const duplicatesGrouped = groupDuplicates(db, sourceId);
      const counts = db
        .prepare('SELECT conversation_count AS conversations, message_count AS messages, participant_count AS participants, attachment_count AS attachments FROM sources WHERE id = ?')
        .get(sourceId) as { conversations: number; messages: number; participants: number; attachments: number };
      appendAudit(db, {
        actor: ctx.actor,
        action: 'source.imported',
        subject: `source:${sourceId}`,
        details: { fileName: files.displayName, sha256: input.sha256, format, custodian: request.custodian, ...counts, notes: writer.noteCounts },
      });
      db.exec('COMMIT');
      return { sourceId, format, fileName: files.displayName, sha256: input.sha256, ...counts, duplicatesGrouped, notes: writer.noteCounts };
    } catch (err) {
      if (db.inTransaction) db.exec('ROLLBACK');
      // Parsers may stop on a cancel with errors of their own; the user asked to cancel, so say that.
      throw ctx.signal?.aborted ? new ImportCancelledError(files.displayName) : err;
    }
  } finally {
    await files.close();
  }
}
