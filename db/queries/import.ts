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
} from '../../main/domain/model';
import type { WritableDB } from '../connection';
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

/**
 * The closed-vocabulary columns of a message. They are compiled into the insert as literals, one
 * prepared statement per shape met in the import (a few dozen at most), so a row binds only its open
 * text and numbers: binding a string costs several times what binding a number does, and a million-
 * message import would otherwise bind seven enum strings per row.
 */
export interface MessageShape {
  readonly tzBasis: TzBasis;
  readonly direction: Direction;
  readonly directionBasis: DirectionBasis;
  readonly kind: MessageKind;
  readonly edited: EditedKind;
  readonly deleted: DeletedKind;
  readonly confidence: 'high' | 'low';
}

const SHAPE_COLUMNS = ['tz_basis', 'direction', 'direction_basis', 'kind', 'edited', 'deleted', 'confidence'] as const;

const SHAPE_VOCABULARY: Readonly<Record<keyof MessageShape, (value: string) => boolean>> = {
  tzBasis: isTzBasis,
  direction: (v) => (DIRECTIONS as readonly string[]).includes(v),
  directionBasis: (v) => (DIRECTION_BASES as readonly string[]).includes(v),
  kind: (v) => (MESSAGE_KINDS as readonly string[]).includes(v),
  edited: (v) => (EDITED_KINDS as readonly string[]).includes(v),
  deleted: (v) => (DELETED_KINDS as readonly string[]).includes(v),
  confidence: (v) => v === 'high' || v === 'low',
};

const SHAPE_KEYS = ['tzBasis', 'direction', 'directionBasis', 'kind', 'edited', 'deleted', 'confidence'] as const;

const sameShape = (a: MessageShape, b: MessageShape): boolean =>
  a.tzBasis === b.tzBasis && a.direction === b.direction && a.directionBasis === b.directionBasis && a.kind === b.kind &&
  a.edited === b.edited && a.deleted === b.deleted && a.confidence === b.confidence;

/** Only values of the closed vocabularies ever become SQL text; anything else is refused. */
function shapeLiterals(shape: MessageShape): string[] {
  return SHAPE_KEYS.map((key) => {
    const value = shape[key];
    if (!SHAPE_VOCABULARY[key](value)) throw new Error(`"${value}" is not a valid ${key}`);
    return `'${value.replaceAll("'", "''")}'`;
  });
}

/** The open columns of a message, bound per row in this order; a null `repairs` stands for none. */
export const MESSAGE_COLUMNS = [
  'conversation_id', 'source_id', 'seq', 'position', 'external_id', 'sent_at', 'sent_at_raw', 'sender_participant_id', 'system_kind',
  'body', 'edit_history', 'reply_to_external_id', 'locator_file', 'locator_line_start', 'locator_line_end', 'locator_record',
  'locator_byte_offset', 'repairs',
] as const;

/** The per-row statements of an import, prepared once and reused for every row. */
export function importStatements(db: WritableDB) {
  const prepare = (text: string): Database.Statement => db.prepare(text);
  const messageByShape = new Map<string, Database.Statement>();
  let last: { shape: MessageShape; statement: Database.Statement } | undefined;
  const values = MESSAGE_COLUMNS.map((column) => (column === 'repairs' ? "coalesce(?, '[]')" : '?'));
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
    /** Positional, not named: at a million rows, binding by name costs more than the insert itself. */
    message(shape: MessageShape): Database.Statement {
      // Consecutive rows nearly always share a shape: compare with the last before building a key.
      if (last && sameShape(last.shape, shape)) return last.statement;
      const key = SHAPE_KEYS.map((k) => shape[k]).join('|');
      let statement = messageByShape.get(key);
      if (!statement) {
        statement = prepare(
          `INSERT INTO messages (${[...MESSAGE_COLUMNS, ...SHAPE_COLUMNS].join(', ')}) VALUES (${[...values, ...shapeLiterals(shape)].join(', ')})`,
        );
        messageByShape.set(key, statement);
      }
      last = { shape, statement };
      return statement;
    },
    attachment: prepare(
      `INSERT INTO attachments (message_id, file_name, mime, path_in_source, size, sha256, present, missing_reason)
       VALUES (@messageId, @fileName, @mime, @pathInSource, @size, @sha256, @present, @missingReason)`,
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
export function finishSource(db: WritableDB, sourceId: number, totals: SourceTotals, conversations: readonly ConversationTotals[], hasReplies: boolean): void {
  if (hasReplies) {
    // A join, so SQLite can index the targets for the duration of the statement: a reply looked up by
    // scanning its conversation would make a large Telegram chat quadratic.
    db.prepare(
      `UPDATE messages SET reply_to_message_id = t.id FROM messages t
       WHERE messages.source_id = ? AND messages.reply_to_external_id IS NOT NULL
         AND t.conversation_id = messages.conversation_id AND t.external_id = messages.reply_to_external_id`,
    ).run(sourceId);
  }
  const conversation = db.prepare('UPDATE conversations SET message_count = @messages, first_at = @firstAt, last_at = @lastAt WHERE id = @id');
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
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'messages' AND sql IS NOT NULL AND sql NOT LIKE '% WHERE %'")
    .all() as { name: string; sql: string }[];
  for (const index of indexes) db.exec(`DROP INDEX ${index.name}`);
  return () => {
    for (const index of indexes) db.exec(index.sql);
  };
}
