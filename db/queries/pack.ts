/**
 * Custodian check packs: the reviewer's record of each exported pack (what it held), and the reads a
 * returned pack is checked with. Reads of a returned pack other than `schemaRows` are only safe once
 * its schema has been compared with the expected one: before that, a "table" may be a view.
 */
import type { ReadableDB, WritableDB } from '../connection';
import { raw, sql } from '../sql';
import { all, get, prepare, run } from './run';

// ——— In the reviewer's case ———

/** A custodian check pack as the custodian_packs table records it (in the pack, and in the case it came from). */
export interface PackRow {
  readonly packId: string;
  readonly parentCaseId: string;
  readonly custodianId: number;
  readonly custodian: string;
  readonly messages: number;
  readonly exportedAt: number;
  readonly exportedBy: string;
}

export const packRows = (db: ReadableDB): PackRow[] =>
  all<PackRow>(
    db,
    sql`SELECT pack_id AS packId, parent_case_id AS parentCaseId, custodian_id AS custodianId, custodian_name AS custodian,
          messages, exported_at AS exportedAt, exported_by AS exportedBy FROM custodian_packs`,
  );

export const packImport = (db: ReadableDB, packId: string): { importedAt: number; importedBy: string } | undefined =>
  get(db, sql`SELECT imported_at AS importedAt, imported_by AS importedBy FROM custodian_pack_imports WHERE pack_id = ${packId}`);

/** A returned pack's flags, checked, brought into the case, and the import recorded (once per pack). */
export interface ReturnedFlag {
  readonly messageId: number;
  readonly reason: string;
  readonly flaggedAt: number;
  readonly flaggedBy: string;
}

export function insertReturnedFlags(db: WritableDB, packId: string, flags: readonly ReturnedFlag[], at: number, actor: string): void {
  run(
    db,
    sql`INSERT INTO custodian_flags (pack_id, message_id, reason, flagged_at, flagged_by, imported_at)
        SELECT ${packId}, json_extract(value, '$.messageId'), json_extract(value, '$.reason'), json_extract(value, '$.flaggedAt'),
          json_extract(value, '$.flaggedBy'), ${at}
        FROM json_each(${JSON.stringify(flags)})`,
  );
  run(
    db,
    sql`INSERT INTO custodian_pack_imports (pack_id, flags, imported_at, imported_by) VALUES (${packId}, ${flags.length}, ${at}, ${actor})`,
  );
}

export interface PackRecord {
  readonly packId: string;
  readonly parentCaseId: string;
  readonly custodianId: number;
  readonly custodian: string;
  /** Null for a pack exported before packs were recorded: it cannot be checked. */
  readonly schemaVersion: number | null;
  readonly contentSha256: string | null;
  readonly messages: number;
}

export function recordPack(
  db: WritableDB,
  packId: string,
  schemaVersion: number,
  contentSha256: string,
  messageIds: readonly number[],
): void {
  run(
    db,
    sql`INSERT INTO custodian_pack_records (pack_id, schema_version, content_sha256, messages)
        VALUES (${packId}, ${schemaVersion}, ${contentSha256}, ${messageIds.length})`,
  );
  run(
    db,
    sql`INSERT INTO custodian_pack_messages (pack_id, message_id) SELECT ${packId}, value FROM json_each(${JSON.stringify(messageIds)})`,
  );
}

export const packRecord = (db: ReadableDB, packId: string): PackRecord | undefined =>
  get<PackRecord>(
    db,
    sql`SELECT p.pack_id AS packId, p.parent_case_id AS parentCaseId, p.custodian_id AS custodianId, p.custodian_name AS custodian,
          r.schema_version AS schemaVersion, r.content_sha256 AS contentSha256, coalesce(r.messages, p.messages) AS messages
        FROM custodian_packs p LEFT JOIN custodian_pack_records r ON r.pack_id = p.pack_id WHERE p.pack_id = ${packId}`,
  );

/** The ids among `messageIds` that were not in the pack when it was exported, in the given order. */
export const idsOutsidePack = (db: ReadableDB, packId: string, messageIds: readonly number[]): number[] =>
  all<{ id: number }>(
    db,
    sql`SELECT j.value AS id FROM json_each(${JSON.stringify(messageIds)}) j
        WHERE NOT EXISTS (SELECT 1 FROM custodian_pack_messages m WHERE m.pack_id = ${packId} AND m.message_id = j.value)
        ORDER BY j.key`,
  ).map((r) => r.id);

/** The ids among `messageIds` no longer in this case (removed since the pack was exported). */
export const idsNotInCase = (db: ReadableDB, messageIds: readonly number[]): number[] =>
  all<{ id: number }>(
    db,
    sql`SELECT j.value AS id FROM json_each(${JSON.stringify(messageIds)}) j WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.id = j.value) ORDER BY j.key`,
  ).map((r) => r.id);

// ——— In a pack ———

export interface SchemaRow {
  readonly type: string;
  readonly name: string;
  readonly tblName: string;
  readonly sql: string | null;
}

/** Every object the file defines. Reading the schema table runs nothing the file defines. */
export const schemaRows = (db: ReadableDB): SchemaRow[] =>
  all<SchemaRow>(db, sql`SELECT type, name, tbl_name AS tblName, sql FROM main.sqlite_schema ORDER BY name`);

export const packMessageIds = (db: ReadableDB): number[] =>
  all<{ id: number }>(db, sql`SELECT id FROM messages ORDER BY id`).map((r) => r.id);

export const flagCount = (db: ReadableDB): number => get<{ n: number }>(db, sql`SELECT count(*) AS n FROM custodian_flags`)?.n ?? 0;

export interface PackFlagRow {
  readonly packId: string;
  readonly messageId: number;
  /** Null when longer than the bytes asked for: such a value is never loaded. */
  readonly reason: string | null;
  readonly flaggedAt: number;
  readonly flaggedBy: string | null;
}

/**
 * Every flag in the pack, with text longer than the bytes of UTF-8 given left unread. octet_length, not
 * length: length() stops at a NUL, so a huge value behind one would pass for short.
 */
export const packFlags = (db: ReadableDB, maxReasonBytes: number, maxByBytes: number): PackFlagRow[] =>
  all<PackFlagRow>(
    db,
    sql`SELECT pack_id AS packId, message_id AS messageId,
          CASE WHEN octet_length(reason) > ${maxReasonBytes} THEN NULL ELSE reason END AS reason, flagged_at AS flaggedAt,
          CASE WHEN octet_length(flagged_by) > ${maxByBytes} THEN NULL ELSE flagged_by END AS flaggedBy
        FROM custodian_flags ORDER BY id`,
  );

const quoted = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/**
 * The rows of `table` in a fixed order, as arrays of its columns' values, integers as bigint (so no
 * value is rounded): primary key first, then every column, so even a table without a unique key
 * reads in the same order from any copy of the same content.
 */
export function tableRows(db: ReadableDB, table: string): { columns: string[]; rows: Iterable<unknown[]> } {
  const info = all<{ name: string; pk: number }>(db, sql`SELECT name, pk FROM pragma_table_info(${table}) ORDER BY cid`);
  const columns = info.map((c) => c.name);
  const keys = info
    .filter((c) => c.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((c) => c.name);
  const order = [...keys, ...columns.filter((c) => !keys.includes(c))].map(quoted).join(', ');
  const statement = prepare(
    db,
    sql`SELECT ${raw(columns.map(quoted).join(', '))} FROM main.${raw(quoted(table))} ORDER BY ${raw(order)}`.text,
  );
  return { columns, rows: statement.raw(true).safeIntegers(true).iterate() as Iterable<unknown[]> };
}
