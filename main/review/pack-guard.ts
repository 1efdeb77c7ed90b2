/**
 * A custodian check pack refuses, in the database itself, every write except a flag. The services
 * refuse first with a clear message (mode.ts); these triggers are for every other path that writes
 * a case — an import running in a worker thread, a future feature that forgets to ask, a SQLite
 * client — so a pack cannot quietly become a second, divergent copy of the case.
 *
 * Not guarded: custodian_flags (the one permitted write), audit_log (each flag is audited) and the
 * search index tables (derived data the pack builds for itself).
 *
 * The triggers are stored in the pack, so a future migration that must rewrite rows of a guarded
 * table in existing packs has to drop them first (`DROP TRIGGER pack_guard_<table>_<op>`) and
 * recreate them with `installPackGuards`.
 */
import type { WritableDB } from '../../db/connection';

export const GUARDED_TABLES = [
  'case_meta',
  'custodians',
  'sources',
  'source_notes',
  'people',
  'person_identifiers',
  'participants',
  'conversations',
  'conversation_participants',
  'duplicate_groups',
  'messages',
  'reactions',
  'attachments',
  'article8_assessments',
  'review_events',
  'reviews',
  'reason_codes',
  'redactions',
  'bundles',
  'bundle_items',
  'review_batches',
  'custodian_packs',
  'custodian_pack_imports',
  'custodian_flag_resolutions',
] as const;

export const PACK_READ_ONLY_MESSAGE =
  'this case is a custodian check pack: the only change it accepts is flagging an item "personal — please withhold" with a reason';

export function installPackGuards(db: WritableDB): void {
  const message = PACK_READ_ONLY_MESSAGE.replace(/'/g, "''");
  for (const table of GUARDED_TABLES) {
    for (const op of ['INSERT', 'UPDATE', 'DELETE'] as const) {
      db.exec(`CREATE TRIGGER pack_guard_${table}_${op.toLowerCase()} BEFORE ${op} ON ${table} BEGIN SELECT RAISE(ABORT, '${message}'); END;`);
    }
  }
}
