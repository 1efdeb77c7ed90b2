/**
 * Writes for one import. Statements are prepared once per import and reused for every row: at a
 * million messages, preparing per row would cost more than the inserts.
 */
import type Database from 'better-sqlite3';
import {
  DELETED_KINDS,
  DIRECTION_BASES,
  DIRECTIONS,
  EDITED_KINDS,
  isTzBasis,
  MESSAGE_KINDS,
  type DeletedKind,
  type Direction,
  type DirectionBasis,
  type EditedKind,
  type MessageKind,
  type TzBasis,
} from '../../common/domain/model';
import type { ReadableDB, WritableDB } from '../connection';
import { sql } from '../sql';
import { get, run } from './run';

export interface SourceRow {
  readonly custodianId: number;
  readonly deviceLabel: string;
  readonly format: string;
  readonly producer: string | null;
  readonly producerVersion: string | null;
  readonly fileName: string;
  readonly filePath: string;
  readonly fileSize: number;
  readonly sha256: string;
  readonly importedAt: number;
  readonly importedBy: string;
  readonly parserVersion: string;
  readonly timeZone: string;
}

export function custodianId(db: WritableDB, name: string, now: number): number {
  const existing = get<{ id: number }>(db, sql`SELECT id FROM custodians WHERE name = ${name}`);
  if (existing) return existing.id;
  return Number(run(db, sql`INSERT INTO custodians (name, created_at) VALUES (${name}, ${now})`).lastInsertRowid);
}

export const sourceBySha = (db: WritableDB, sha256: string) =>
  get<{ id: number; fileName: string; custodian: string; importedAt: number }>(
    db,
    sql`SELECT s.id, s.file_name AS fileName, c.name AS custodian, s.imported_at AS importedAt
        FROM sources s JOIN custodians c ON c.id = s.custodian_id WHERE s.sha256 = ${sha256}`,
  );

export function insertSource(db: WritableDB, s: SourceRow): number {
  return Number(
    run(
      db,
      sql`INSERT INTO sources (custodian_id, device_label, format, producer, producer_version, file_name, file_path, file_size,
            sha256, imported_at, imported_by, parser_version, time_zone)
          VALUES (${s.custodianId}, ${s.deviceLabel}, ${s.format}, ${s.producer}, ${s.producerVersion}, ${s.fileName}, ${s.filePath},
            ${s.fileSize}, ${s.sha256}, ${s.importedAt}, ${s.importedBy}, ${s.parserVersion}, ${s.timeZone})`,
    ).lastInsertRowid,
  );
}

/** The settings of a connection an import changes for its transaction, to put back afterwards. */
interface ConnectionSettings {
  readonly autoCheckpoint: number;
  readonly synchronous: number;
}

export interface ImportTransaction {
  commit(): void;
  /** Rolls back whatever was not committed and gives the connection its settings back; always called. */
  end(): void;
}

/**
 * Opens the one transaction an import writes in, with SQLite enforcing every foreign key and CHECK
 * constraint as it does for any other write.
 *
 * The commit does not fold the write-ahead log back into the case file (SQLite's automatic
 * checkpoint): a large import leaves hundreds of megabytes there, and copying them is work for the
 * next transaction (the search index update that follows every import) or for closing the case, not a
 * reason to keep the import waiting. The log is synced at the commit instead, so an import is as
 * durable when it returns as the checkpoint (which syncs it first) made it.
 */
export function beginImportTransaction(db: WritableDB): ImportTransaction {
  const saved: ConnectionSettings = {
    autoCheckpoint: db.pragma('wal_autocheckpoint', { simple: true }) as number,
    synchronous: db.pragma('synchronous', { simple: true }) as number,
  };
  const restore = (): void => {
    db.pragma(`synchronous = ${saved.synchronous}`);
    db.pragma(`wal_autocheckpoint = ${saved.autoCheckpoint}`);
  };
  db.pragma('wal_autocheckpoint = 0');
  db.pragma('synchronous = FULL');
  try {
    db.exec('BEGIN IMMEDIATE');
  } catch (err) {
    restore();
    throw err;
  }
  return {
    commit: () => db.exec('COMMIT'),
    end: () => {
      try {
        if (db.inTransaction) db.exec('ROLLBACK');
      } finally {
        restore();
      }
    },
  };
}

/** The id of the newest message in the case; 0 when it holds none. */
export const lastMessageId = (db: ReadableDB): number =>
  get<{ id: number }>(db, sql`SELECT coalesce(max(id), 0) AS id FROM messages`)?.id ?? 0;

/** How many messages have an id above `id`: those a failed multi-row insert kept. */
export const messagesAfter = (db: ReadableDB, id: number): number =>
  get<{ n: number }>(db, sql`SELECT count(*) AS n FROM messages WHERE id > ${id}`)?.n ?? 0;

/** Runs `work` and undoes whatever it wrote, keeping the rest of the transaction: for trying one row alone. */
export function undone<T>(db: WritableDB, work: () => T): T {
  db.exec('SAVEPOINT undone');
  try {
    return work();
  } finally {
    db.exec('ROLLBACK TO undone; RELEASE undone');
  }
}

export function setSourceProducer(db: WritableDB, sourceId: number, producer: string | null, producerVersion: string | null): void {
  run(db, sql`UPDATE sources SET producer = ${producer}, producer_version = ${producerVersion} WHERE id = ${sourceId}`);
}

export interface SourceCounts {
  readonly conversations: number;
  readonly messages: number;
  readonly participants: number;
  readonly attachments: number;
}

export function sourceCounts(db: ReadableDB, sourceId: number): SourceCounts {
  const counts = get<SourceCounts>(
    db,
    sql`SELECT conversation_count AS conversations, message_count AS messages, participant_count AS participants, attachment_count AS attachments
        FROM sources WHERE id = ${sourceId}`,
  );
  if (!counts) throw new Error(`source #${sourceId} is not in the case`);
  return counts;
}

/**
 * The columns of a message that stay the same for long runs of rows: a source's time basis, say, and
 * the file its locators point into. They are compiled into the insert as literals, one prepared
 * statement per shape met in the import (a handful), so a row binds none of them: binding a string
 * costs several times what binding a number does.
 */
export interface MessageShape {
  readonly tzBasis: TzBasis;
  readonly directionBasis: DirectionBasis;
  readonly confidence: 'high' | 'low';
  /** The file (inside the import) the locators point into. */
  readonly locatorFile: string;
}

const SHAPE_COLUMNS = ['tz_basis', 'direction_basis', 'confidence', 'locator_file'] as const;
const SHAPE_KEYS = ['tzBasis', 'directionBasis', 'confidence', 'locatorFile'] as const;

const SHAPE_VOCABULARY: Readonly<Record<keyof MessageShape, (value: string) => boolean>> = {
  tzBasis: isTzBasis,
  directionBasis: (v) => (DIRECTION_BASES as readonly string[]).includes(v),
  confidence: (v) => v === 'high' || v === 'low',
  locatorFile: (v) => typeof v === 'string',
};

const literal = (value: string): string => `'${value.replaceAll("'", "''")}'`;

/**
 * Any text as an SQL literal: quoted, or, should it hold a NUL (which would end the statement's text),
 * as its UTF-8 bytes cast to TEXT. Either way it is the value itself, never SQL.
 */
const textLiteral = (value: string): string =>
  value.includes('\0') ? `CAST(X'${Buffer.from(value, 'utf8').toString('hex')}' AS TEXT)` : literal(value);

/** Only values of the closed vocabularies, and open text quoted as a literal, ever become SQL text. */
function shapeLiterals(shape: MessageShape): string[] {
  return SHAPE_KEYS.map((key) => {
    const value = shape[key];
    if (!SHAPE_VOCABULARY[key](value)) throw new Error(`"${value}" is not a valid ${key}`);
    return key === 'locatorFile' ? textLiteral(value) : literal(value);
  });
}

/**
 * The closed-vocabulary columns that change from row to row (kind, direction as senders alternate,
 * edited, deleted). A row binds each as its index in the vocabulary, a number, and the statement turns
 * it back into the text (an unknown index becomes NULL, which the column refuses). Compiling them in as
 * literals instead would end a multi-row statement at every change of sender or kind.
 */
export const CODED_COLUMNS = [
  ['kind', MESSAGE_KINDS],
  ['direction', DIRECTIONS],
  ['edited', EDITED_KINDS],
  ['deleted', DELETED_KINDS],
] as const;

export const kindCode = (kind: MessageKind): number => MESSAGE_KINDS.indexOf(kind);
export const directionCode = (direction: Direction): number => DIRECTIONS.indexOf(direction);
export const editedCode = (edited: EditedKind): number => EDITED_KINDS.indexOf(edited);
export const deletedCode = (deleted: DeletedKind): number => DELETED_KINDS.indexOf(deleted);

const decoded = (vocabulary: readonly string[]): string =>
  `CASE ? ${vocabulary.map((value, i) => `WHEN ${i} THEN ${literal(value)}`).join(' ')} END`;

/**
 * The open columns of a message that a row may leave out. A statement binds only the ones its rows
 * have (the rest take the column default: NULL, or `'[]'` for `repairs`); a row of a statement that
 * binds a column it lacks binds what the default would be. Bit `i` of a layout's `present` stands for
 * `MESSAGE_OPTIONAL[i]`.
 */
export const MESSAGE_OPTIONAL = [
  'external_id',
  'sent_at',
  'sent_at_raw',
  'sender_participant_id',
  'system_kind',
  'edit_history',
  'reply_to_external_id',
  'locator_line_start',
  'locator_line_end',
  'locator_record',
  'locator_byte_offset',
  'repairs',
] as const;

/**
 * Bound by every row, first, in this order: the open columns every message has, then the coded
 * vocabularies (CODED_COLUMNS), then the present MESSAGE_OPTIONAL ones.
 */
export const MESSAGE_REQUIRED = ['conversation_id', 'seq', 'position', 'body'] as const;

export type OptionalColumn = (typeof MESSAGE_OPTIONAL)[number];

export const presentBit = (column: OptionalColumn): number => 1 << MESSAGE_OPTIONAL.indexOf(column);

/** What a multi-row message insert compiles in: the rows' shape and which optional columns they bind. */
export interface MessageLayout extends MessageShape {
  /** Bit set over MESSAGE_OPTIONAL. */
  readonly present: number;
}

/** How many values a row of this layout binds. */
export function valuesPerRow(present: number): number {
  let n = MESSAGE_REQUIRED.length + CODED_COLUMNS.length;
  for (let bits = present; bits !== 0; bits &= bits - 1) n++;
  return n;
}

/**
 * Columns a row may bind as UTF-8 bytes (a Buffer or Uint8Array) rather than a string: the import hands
 * its texts over as bytes, and the cast stores them as the TEXT they are (a string is stored unchanged).
 */
const BOUND_AS_BYTES: ReadonlySet<string> = new Set(['body', 'external_id', 'sent_at_raw', 'system_kind', 'locator_record']);

const placeholder = (column: string): string => (BOUND_AS_BYTES.has(column) ? 'CAST(? AS TEXT)' : '?');

/** Rows per multi-row INSERT: a run of same-layout rows is written in statements of these sizes, largest first. */
export const ROWS_PER_INSERT = [64, 16, 4, 1] as const;

/** The per-row statements of an import, prepared once and reused for every row. */
export function importStatements(db: WritableDB, sourceId: number) {
  if (!Number.isSafeInteger(sourceId) || sourceId <= 0) throw new Error(`"${sourceId}" is not a source id`);
  const prepare = (text: string): Database.Statement => db.prepare(text);
  const byLayout = new Map<string, Database.Statement>();
  return {
    conversation: prepare(
      `INSERT INTO conversations (source_id, source_key, platform, kind, title, external_id, fingerprint)
       VALUES (@sourceId, @sourceKey, @platform, @kind, @title, @externalId, '')`,
    ),
    participant: prepare(
      `INSERT INTO participants (source_id, source_key, label, handle, is_owner, person_id)
       VALUES (@sourceId, @sourceKey, @label, @handle, @isOwner, @personId)`,
    ),
    member: prepare(`INSERT OR IGNORE INTO conversation_participants (conversation_id, participant_id) VALUES (?, ?)`),
    /**
     * Inserts `rows` messages of one layout in one statement: per row, the MESSAGE_REQUIRED values, the
     * CODED_COLUMNS codes, then the present MESSAGE_OPTIONAL values, positionally (binding by name costs
     * more than the insert itself at a million rows, and a call per row as much again). The rows get
     * consecutive ids, the last being the result's `lastInsertRowid`.
     *
     * `OR FAIL`: a row that breaks a constraint stops the statement there, keeping the rows before it,
     * instead of undoing the whole statement. Being able to undo it would make SQLite copy every page
     * the statement touches into a statement journal first, a quarter of the cost of each row. Nothing
     * is lost: an import that meets such a row is rolled back whole, and the count of rows kept names
     * the one that failed.
     */
    messages(layout: MessageLayout, rows: number): Database.Statement {
      const key = JSON.stringify([...SHAPE_KEYS.map((k) => layout[k]), layout.present, rows]);
      let statement = byLayout.get(key);
      if (!statement) {
        if (!Number.isInteger(rows) || rows < 1) throw new Error(`cannot insert ${rows} rows`);
        if (!Number.isInteger(layout.present) || layout.present < 0 || layout.present >= 1 << MESSAGE_OPTIONAL.length) {
          throw new Error(`"${layout.present}" is not a set of message columns`);
        }
        const optional = MESSAGE_OPTIONAL.filter((_, i) => layout.present & (1 << i));
        const columns = [...MESSAGE_REQUIRED, ...CODED_COLUMNS.map(([column]) => column), ...optional, 'source_id', ...SHAPE_COLUMNS];
        const values = [
          ...MESSAGE_REQUIRED.map(placeholder),
          ...CODED_COLUMNS.map(([, vocabulary]) => decoded(vocabulary)),
          ...optional.map(placeholder),
          String(sourceId),
          ...shapeLiterals(layout),
        ];
        const row = `(${values.join(', ')})`;
        statement = prepare(
          `INSERT OR FAIL INTO messages (${columns.join(', ')}) VALUES ${Array.from({ length: rows }, () => row).join(', ')}`,
        );
        byLayout.set(key, statement);
      }
      return statement;
    },
    /**
     * The person a participant's normalised identifier belongs to, made on first sight; an owner's
     * person is claimed for the custodian unless another custodian already has it.
     */
    person: (() => {
      const byIdentifier = prepare('SELECT person_id FROM person_identifiers WHERE kind = ? AND value = ?').pluck();
      const insertPerson = prepare('INSERT INTO people (display_name) VALUES (?)');
      const insertIdentifier = prepare('INSERT INTO person_identifiers (kind, value, person_id) VALUES (?, ?, ?)');
      const claim = prepare('UPDATE people SET custodian_id = ? WHERE id = ? AND custodian_id IS NULL');
      return (identity: { readonly kind: string; readonly value: string }, displayName: string, ownerOf: number | null): number => {
        const found = byIdentifier.get(identity.kind, identity.value) as number | undefined;
        const personId = found ?? Number(insertPerson.run(displayName).lastInsertRowid);
        if (found === undefined) insertIdentifier.run(identity.kind, identity.value, personId);
        if (ownerOf !== null) claim.run(ownerOf, personId);
        return personId;
      };
    })(),
    attachment: prepare(
      `INSERT INTO attachments (message_id, file_name, mime, path_in_source, size, sha256, present, missing_reason, kept, notes, detected_mime)
       VALUES (@messageId, @fileName, @mime, @pathInSource, @size, @sha256, @present, @missingReason, @kept, @notes, @detectedMime)`,
    ),
    reaction: prepare(
      `INSERT INTO reactions (message_id, participant_id, actor_label, reaction, reacted_at, reacted_at_raw)
       VALUES (@messageId, @participantId, @actorLabel, @reaction, @reactedAt, @reactedAtRaw)`,
    ),
    note: prepare(`INSERT INTO source_notes (source_id, kind, message, locator) VALUES (?, ?, ?, ?)`),
  };
}

export type ImportStatements = ReturnType<typeof importStatements>;

export interface ConversationTotals {
  readonly id: number;
  /** Identifies the same chat collected from another custodian's device (duplicates.ts). */
  readonly fingerprint: string;
  readonly messages: number;
  readonly firstAt: number | null;
  readonly lastAt: number | null;
}

export interface SourceTotals {
  readonly messages: number;
  readonly conversations: number;
  readonly participants: number;
  readonly attachments: number;
  readonly dateOrder: string | null;
  readonly dateOrderBasis: string | null;
}

/** Derived facts filled in once all of a source's rows are written (the writer counted them on the way). */
export function finishSource(
  db: WritableDB,
  sourceId: number,
  totals: SourceTotals,
  conversations: readonly ConversationTotals[],
  hasReplies: boolean,
): void {
  if (hasReplies) {
    // A join, so SQLite can index the targets for the duration of the statement: a reply looked up by
    // scanning its conversation would make a large Telegram chat quadratic.
    db.prepare(
      `UPDATE messages SET reply_to_message_id = t.id FROM messages t
       WHERE messages.source_id = ? AND messages.reply_to_external_id IS NOT NULL
         AND t.conversation_id = messages.conversation_id AND t.external_id = messages.reply_to_external_id`,
    ).run(sourceId);
  }
  const conversation = db.prepare(
    'UPDATE conversations SET fingerprint = @fingerprint, message_count = @messages, first_at = @firstAt, last_at = @lastAt WHERE id = @id',
  );
  for (const c of conversations) conversation.run(c);
  db.prepare(
    `UPDATE sources SET message_count = @messages, conversation_count = @conversations, participant_count = @participants,
       attachment_count = @attachments, date_order = @dateOrder, date_order_basis = @dateOrderBasis
     WHERE id = @id`,
  ).run({ id: sourceId, ...totals });
}

/**
 * A bulk load into a table much smaller than what arrives builds its secondary indexes once, sorted,
 * instead of updating them row by row. Inside the import's transaction, so a failure restores them.
 */
export function suspendMessageIndexes(db: WritableDB): () => void {
  const indexes = db
    // Partial indexes stay: they skip the NULL rows an import writes, and rebuilding one rescans the table.
    .prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'messages' AND sql IS NOT NULL AND sql NOT LIKE '% WHERE %'",
    )
    .all() as { name: string; sql: string }[];
  for (const index of indexes) db.exec(`DROP INDEX ${index.name}`);
  return () => {
    for (const index of indexes) db.exec(index.sql);
  };
}
