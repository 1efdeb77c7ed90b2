/**
 * Custodian flags and their resolutions (main/review/flags.ts): a pack's one permitted write, and the
 * reviewer's accept or reject of each when the pack comes back.
 */
import type { CustodianFlag } from '../../common/domain/review';
import type { ReadableDB, WritableDB } from '../connection';
import { sql } from '../sql';
import { all, get, run } from './run';

/** A flag as stored: its status is the resolution's decision, none while it is open. */
export interface FlagRow extends Omit<CustodianFlag, 'status'> {
  readonly decision: 'accepted' | 'rejected' | null;
}

const FLAG_QUERY = sql`SELECT f.id, f.pack_id AS packId, f.message_id AS messageId, m.conversation_id AS conversationId, f.reason,
    f.flagged_at AS flaggedAt, f.flagged_by AS flaggedBy, f.imported_at AS importedAt, r.decision,
    r.resolved_at AS resolvedAt, r.resolved_by AS resolvedBy, r.note
  FROM custodian_flags f JOIN messages m ON m.id = f.message_id LEFT JOIN custodian_flag_resolutions r ON r.flag_id = f.id`;

/** Flags of one pack (or all), of one resolution status ('open' for none; null for any), by id. */
export const flagRows = (db: ReadableDB, packId: string | null, status: string | null): FlagRow[] =>
  all<FlagRow>(
    db,
    sql`${FLAG_QUERY} WHERE (${packId} IS NULL OR f.pack_id = ${packId})
        AND (${status} IS NULL OR coalesce(r.decision, 'open') = ${status}) ORDER BY f.id`,
  );

export const flagRow = (db: ReadableDB, id: number): FlagRow | undefined => get<FlagRow>(db, sql`${FLAG_QUERY} WHERE f.id = ${id}`);

export const isFlagged = (db: ReadableDB, packId: string, messageId: number): boolean =>
  get(db, sql`SELECT 1 AS x FROM custodian_flags WHERE pack_id = ${packId} AND message_id = ${messageId}`) !== undefined;

export interface NewFlag {
  readonly packId: string;
  readonly messageId: number;
  readonly reason: string;
  readonly at: number;
  readonly actor: string;
}

export const insertFlag = (db: WritableDB, f: NewFlag): number =>
  Number(
    run(
      db,
      sql`INSERT INTO custodian_flags (pack_id, message_id, reason, flagged_at, flagged_by)
          VALUES (${f.packId}, ${f.messageId}, ${f.reason}, ${f.at}, ${f.actor})`,
    ).lastInsertRowid,
  );

/** Each of `ids` found in the case, and whether it is resolved already. */
export const flagStates = (db: ReadableDB, ids: readonly number[]): { id: number; resolved: number }[] =>
  all(
    db,
    sql`SELECT f.id, r.flag_id IS NOT NULL AS resolved
        FROM custodian_flags f LEFT JOIN custodian_flag_resolutions r ON r.flag_id = f.id
        WHERE f.id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`,
  );

/** The messages `flagIds` flag, as a selection for review targets (db/queries/review.ts addTargets). */
export const flaggedMessages = (flagIds: readonly number[]) =>
  sql`SELECT message_id AS id FROM custodian_flags WHERE id IN (SELECT value FROM json_each(${JSON.stringify(flagIds)}))`;

export interface Resolved {
  readonly flagIds: readonly number[];
  readonly decision: 'accepted' | 'rejected';
  readonly note: string;
  readonly batchId: string | null;
  readonly at: number;
  readonly actor: string;
}

export const insertResolutions = (db: WritableDB, r: Resolved): void => {
  run(
    db,
    sql`INSERT INTO custodian_flag_resolutions (flag_id, decision, note, batch_id, resolved_at, resolved_by)
        SELECT value, ${r.decision}, ${r.note}, ${r.batchId}, ${r.at}, ${r.actor} FROM json_each(${JSON.stringify(r.flagIds)})`,
  );
};
