/**
 * Redactions of participant labels and conversation titles (migration 6). Rows are never deleted (a
 * trigger forbids it): removal stamps removed_at/by and, where a replacement exists, superseded_by.
 */
import type { ReadableDB, WritableDB } from '../connection';
import { sql, type SqlQuery } from '../sql';
import { all, get, run } from './run';

export type LabelTarget = { readonly participantId: number } | { readonly conversationId: number };

export interface LabelRedactionRow {
  readonly id: number;
  readonly participantId: number | null;
  readonly conversationId: number | null;
  /** The label or title it hides, as imported: for the reviewer's list, never for a bundle. */
  readonly text: string;
  readonly reasonCode: string;
  /** The reason's current label in this case. */
  readonly label: string;
  readonly note: string;
  readonly createdAt: number;
  readonly createdBy: string;
  readonly removedAt: number | null;
  readonly removedBy: string | null;
  readonly supersededBy: number | null;
}

const COLUMNS = sql`x.id, x.participant_id AS participantId, x.conversation_id AS conversationId, coalesce(p.label, v.title) AS text,
  x.reason_code AS reasonCode, c.label, x.note, x.created_at AS createdAt, x.created_by AS createdBy,
  x.removed_at AS removedAt, x.removed_by AS removedBy, x.superseded_by AS supersededBy`;
const FROM = sql`FROM label_redactions x JOIN reason_codes c ON c.code = x.reason_code
  LEFT JOIN participants p ON p.id = x.participant_id LEFT JOIN conversations v ON v.id = x.conversation_id`;

const targetCondition = (target: LabelTarget): SqlQuery =>
  'participantId' in target ? sql`x.participant_id = ${target.participantId}` : sql`x.conversation_id = ${target.conversationId}`;

export interface NewLabelRedaction {
  readonly target: LabelTarget;
  readonly reasonCode: string;
  readonly note: string;
  readonly at: number;
  readonly actor: string;
}

export const insertLabelRedaction = (db: WritableDB, r: NewLabelRedaction): number => {
  const participantId = 'participantId' in r.target ? r.target.participantId : null;
  const conversationId = 'conversationId' in r.target ? r.target.conversationId : null;
  return Number(
    run(
      db,
      sql`INSERT INTO label_redactions (participant_id, conversation_id, reason_code, note, created_at, created_by)
          VALUES (${participantId}, ${conversationId}, ${r.reasonCode}, ${r.note}, ${r.at}, ${r.actor})`,
    ).lastInsertRowid,
  );
};

/** Marks a live label redaction removed; false when it was already removed (or does not exist). */
export const markLabelRedactionRemoved = (db: WritableDB, id: number, at: number, actor: string, supersededBy: number | null): boolean =>
  run(
    db,
    sql`UPDATE label_redactions SET removed_at = ${at}, removed_by = ${actor}, superseded_by = ${supersededBy}
        WHERE id = ${id} AND removed_at IS NULL`,
  ).changes === 1;

export const labelRedactionById = (db: ReadableDB, id: number): LabelRedactionRow | undefined =>
  get<LabelRedactionRow>(db, sql`SELECT ${COLUMNS} ${FROM} WHERE x.id = ${id}`);

export const liveLabelRedactionOf = (db: ReadableDB, target: LabelTarget): LabelRedactionRow | undefined =>
  get<LabelRedactionRow>(db, sql`SELECT ${COLUMNS} ${FROM} WHERE x.removed_at IS NULL AND ${targetCondition(target)}`);

export const liveLabelRedactions = (db: ReadableDB): LabelRedactionRow[] =>
  all<LabelRedactionRow>(db, sql`SELECT ${COLUMNS} ${FROM} WHERE x.removed_at IS NULL ORDER BY x.conversation_id IS NULL, x.id`);

/**
 * Label redactions live at `asOf` (epoch ms), or now when null, with the text each hides. Verifying
 * an older bundle asks for them as they stood when it was exported.
 */
export const labelRedactionsAsOf = (db: ReadableDB, asOf: number | null): LabelRedactionRow[] =>
  all<LabelRedactionRow>(
    db,
    asOf === null
      ? sql`SELECT ${COLUMNS} ${FROM} WHERE x.removed_at IS NULL ORDER BY x.id`
      : sql`SELECT ${COLUMNS} ${FROM} WHERE x.created_at <= ${asOf} AND (x.removed_at IS NULL OR x.removed_at > ${asOf}) ORDER BY x.id`,
  );

/** A label redaction a bundle of some conversations could print, with the text it hides. */
export interface HiddenLabelRow {
  readonly participantId: number | null;
  readonly conversationId: number | null;
  readonly reasonCode: string;
  readonly text: string;
}

/**
 * The label redactions live at `asOf` (now when null) that a bundle of these conversations could
 * print: their titles and their participants' labels, with the texts they hide. For the leak check.
 */
export const hiddenLabels = (db: ReadableDB, asOf: number | null, conversationIds: readonly number[]): HiddenLabelRow[] => {
  const ids = JSON.stringify(conversationIds);
  const live =
    asOf === null ? sql`x.removed_at IS NULL` : sql`x.created_at <= ${asOf} AND (x.removed_at IS NULL OR x.removed_at > ${asOf})`;
  return all<HiddenLabelRow>(
    db,
    sql`SELECT x.participant_id AS participantId, x.conversation_id AS conversationId, x.reason_code AS reasonCode, coalesce(p.label, v.title) AS text ${FROM}
        WHERE ${live} AND (x.conversation_id IN (SELECT value FROM json_each(${ids}))
          OR x.participant_id IN (SELECT cp.participant_id FROM conversation_participants cp WHERE cp.conversation_id IN (SELECT value FROM json_each(${ids}))))
        ORDER BY text, x.id`,
  );
};

/** The label or title a target names; undefined when the participant or conversation is not in the case. */
export const labelTextOf = (db: ReadableDB, target: LabelTarget): string | undefined =>
  get<{ text: string }>(
    db,
    'participantId' in target
      ? sql`SELECT label AS text FROM participants WHERE id = ${target.participantId}`
      : sql`SELECT title AS text FROM conversations WHERE id = ${target.conversationId}`,
  )?.text;

export const setLabelRedactionSupersededBy = (db: WritableDB, id: number, supersededBy: number): void => {
  run(db, sql`UPDATE label_redactions SET superseded_by = ${supersededBy} WHERE id = ${id}`);
};
