/**
 * A custodian check pack refuses, in the database itself, every write except a flag. The services
 * refuse first with a clear message (mode.ts); these triggers are for every other path that writes
 * a case — an import running in a worker thread, a future feature that forgets to ask, a SQLite
 * client — so a pack cannot quietly become a second, divergent copy of the case.
 *
 * The triggers are stored in the pack, so a future migration that must rewrite rows of a guarded
 * table in existing packs has to drop them first (`DROP TRIGGER pack_guard_<table>_<op>`) and
 * recreate them with `installPackGuards`.
 */
import type { WritableDB } from '../../db/connection';
import { createRefusingTrigger, ordinaryTables } from '../../db/queries/pack-copy';

/**
 * Every table is guarded but these: the one permitted write, its audit trail, the migration record and
 * the derived search index. Guarding by exception means a table added by a later migration is guarded
 * without anyone remembering to list it.
 */
const UNGUARDED = ['custodian_flags', 'audit_log', 'schema_migrations'];
const isUnguarded = (table: string): boolean => UNGUARDED.includes(table) || table.startsWith('search_') || table.startsWith('sqlite_');

export function guardedTables(db: WritableDB): string[] {
  return ordinaryTables(db).filter((table) => !isUnguarded(table));
}

export const PACK_READ_ONLY_MESSAGE =
  'this case is a custodian check pack: the only change it accepts is flagging an item "personal — please withhold" with a reason';

export function installPackGuards(db: WritableDB): void {
  for (const table of guardedTables(db)) {
    for (const op of ['INSERT', 'UPDATE', 'DELETE'] as const) createRefusingTrigger(db, table, op, PACK_READ_ONLY_MESSAGE);
  }
}
