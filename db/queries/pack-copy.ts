/**
 * Writing a custodian check pack (main/review/pack-export.ts): one custodian's rows copied from the
 * case into a new case file with the same ids, and the triggers that keep the pack read-only except
 * for flags (main/review/pack-guard.ts says which tables).
 */
import type { ReadableDB, WritableDB } from '../connection';
import { raw, sql, type SqlQuery } from '../sql';
import { get, prepare, run } from './run';

/** Makes the case at `casePath` readable from `pack` as `parent`, until detachParent. */
export function attachParent(pack: WritableDB, casePath: string): void {
  prepare(pack, 'ATTACH DATABASE ? AS parent').run(casePath);
}

export function detachParent(pack: WritableDB): void {
  pack.exec('DETACH DATABASE parent');
}

/**
 * Copies `table` from the attached parent into the pack: the columns are read from the pack's own
 * schema (never `SELECT *`, which would silently shift values if the column order ever differed),
 * `override` replaces a column's value with an expression, `where` picks the rows of `p` (parent).
 */
function copy(pack: WritableDB, table: string, where: SqlQuery, override: Readonly<Record<string, string>> = {}): number {
  const columns = (pack.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);
  const values = columns.map((c) => override[c] ?? `p.${c}`).join(', ');
  return run(
    pack,
    sql`INSERT INTO main.${raw(table)} (${raw(columns.join(', '))}) SELECT ${raw(values)} FROM parent.${raw(table)} p WHERE ${where}`,
  ).changes;
}

/**
 * One custodian's material with its current decisions: other custodians' material, duplicate-group
 * links and resolved identities (people) are left out, as are redactions and the decision history.
 */
export function copyCustodianFromParent(pack: WritableDB, custodianId: number): { messages: number; conversations: number } {
  const inSources = sql`p.source_id IN (SELECT id FROM main.sources)`;
  const inMessages = sql`p.message_id IN (SELECT id FROM main.messages)`;
  copy(pack, 'custodians', sql`p.id = ${custodianId}`);
  copy(pack, 'sources', sql`p.custodian_id = ${custodianId}`);
  copy(pack, 'source_notes', inSources);
  copy(pack, 'participants', inSources, { person_id: 'NULL' });
  const conversations = copy(pack, 'conversations', inSources);
  copy(pack, 'conversation_participants', sql`p.conversation_id IN (SELECT id FROM main.conversations)`);
  const messages = copy(pack, 'messages', inSources, {
    content_key: 'NULL',
    duplicate_group_id: 'NULL',
    // A reply to a message outside the pack would point at nothing there.
    reply_to_message_id:
      '(SELECT r.id FROM parent.messages r WHERE r.id = p.reply_to_message_id AND r.source_id IN (SELECT id FROM main.sources))',
  });
  // The custodian's attachment files go with their rows (an attachment kept in the case is kept in the pack).
  copy(
    pack,
    'blobs',
    sql`p.sha256 IN (SELECT a.sha256 FROM parent.attachments a WHERE a.kept = 1 AND a.message_id IN (SELECT id FROM main.messages))`,
  );
  copy(pack, 'blob_chunks', sql`p.blob_id IN (SELECT id FROM main.blobs)`);
  copy(pack, 'attachments', inMessages);
  copy(pack, 'reactions', inMessages);
  // Current decisions only: each review's latest event (its foreign key) and the assessments used.
  copy(
    pack,
    'article8_assessments',
    sql`p.id IN (SELECT r.article8_id FROM parent.reviews r WHERE r.message_id IN (SELECT id FROM main.messages))`,
  );
  copy(
    pack,
    'review_events',
    sql`p.id IN (SELECT r.last_event_id FROM parent.reviews r WHERE r.message_id IN (SELECT id FROM main.messages))`,
  );
  copy(pack, 'reviews', inMessages);
  return { messages, conversations };
}

export const custodianNameById = (db: ReadableDB, custodianId: number): string | undefined =>
  get<{ name: string }>(db, sql`SELECT name FROM custodians WHERE id = ${custodianId}`)?.name;

export interface PackEntry {
  readonly packId: string;
  readonly parentCaseId: string;
  readonly custodianId: number;
  readonly custodian: string;
  readonly messages: number;
  readonly fileName: string;
  readonly at: number;
  readonly actor: string;
}

/** The custodian_packs row: in the pack, what it is; in the case, that it was exported. */
export function insertPackEntry(db: WritableDB, p: PackEntry): void {
  run(
    db,
    sql`INSERT INTO custodian_packs (pack_id, parent_case_id, custodian_id, custodian_name, messages, file_name, exported_at, exported_by)
        VALUES (${p.packId}, ${p.parentCaseId}, ${p.custodianId}, ${p.custodian}, ${p.messages}, ${p.fileName}, ${p.at}, ${p.actor})`,
  );
}

/** The case's ordinary tables (not virtual ones, whose shadow tables are listed themselves), by name. */
export const ordinaryTables = (db: ReadableDB): string[] =>
  prepare(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name")
    .pluck()
    .all() as string[];

/** A trigger refusing every `op` on `table` with `message`. */
export function createRefusingTrigger(db: WritableDB, table: string, op: 'INSERT' | 'UPDATE' | 'DELETE', message: string): void {
  const quotedMessage = message.replace(/'/g, "''");
  db.exec(
    `CREATE TRIGGER pack_guard_${table}_${op.toLowerCase()} BEFORE ${op} ON ${table} BEGIN SELECT RAISE(ABORT, '${quotedMessage}'); END;`,
  );
}
