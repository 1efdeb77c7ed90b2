/**
 * Messages a bundle should not produce without the reviewer saying so (docs/spec.md §12): classified
 * personal, not relevant, flagged by the custodian with the flag still open, or Article 8 engaged
 * without an assessment. Only messages whose outcome the bundle produces are read; whether each is in
 * the bundle's scope is the export plan's call.
 */
import type { ReadableDB } from '../connection';
import { sql } from '../sql';
import { all } from './run';

export interface WarningCandidateRow {
  readonly id: number;
  readonly conversationId: number;
  readonly position: number;
  readonly classification: string;
  readonly relevance: string;
  /** The reason of the oldest open custodian flag, or null. */
  readonly openFlag: string | null;
  /**
   * 1 when Article 8 is engaged (or unclear) and not assessed: the decision's record says so with a
   * question unanswered, or there is no record while a live redaction gives Article 8 as its reason.
   */
  readonly article8Unassessed: number;
}

export const warningCandidates = (db: ReadableDB, outcomes: readonly string[]): WarningCandidateRow[] =>
  all<WarningCandidateRow>(
    db,
    sql`WITH candidate(id) AS (
          SELECT message_id FROM reviews WHERE classification = 'personal' OR relevance = 'not_relevant' OR article8_id IS NOT NULL
          UNION SELECT f.message_id FROM custodian_flags f WHERE NOT EXISTS (SELECT 1 FROM custodian_flag_resolutions x WHERE x.flag_id = f.id)
          UNION SELECT message_id FROM redactions WHERE removed_at IS NULL AND kind = 'span' AND reason_code = 'article-8'
        ),
        facts AS (
          SELECT m.id, m.conversation_id AS conversationId, m.position,
            coalesce(r.classification, 'unclassified') AS classification, coalesce(r.relevance, 'unassessed') AS relevance,
            (SELECT f.reason FROM custodian_flags f WHERE f.message_id = m.id
               AND NOT EXISTS (SELECT 1 FROM custodian_flag_resolutions x WHERE x.flag_id = f.id) ORDER BY f.id LIMIT 1) AS openFlag,
            CASE WHEN r.article8_id IS NOT NULL THEN
                (SELECT a.engaged = 'unclear' OR (a.engaged = 'yes' AND (a.rational_connection = '' OR a.less_intrusive_reasoning = '' OR a.fair_balance = ''))
                   FROM article8_assessments a WHERE a.id = r.article8_id)
              ELSE EXISTS (SELECT 1 FROM redactions x WHERE x.message_id = m.id AND x.removed_at IS NULL AND x.kind = 'span' AND x.reason_code = 'article-8')
            END AS article8Unassessed
          FROM candidate c JOIN messages m ON m.id = c.id LEFT JOIN reviews r ON r.message_id = m.id
          WHERE coalesce(r.outcome, 'pending') IN (SELECT value FROM json_each(${JSON.stringify(outcomes)}))
        )
        SELECT * FROM facts
        WHERE classification = 'personal' OR relevance = 'not_relevant' OR openFlag IS NOT NULL OR article8Unassessed
        ORDER BY id`,
  );
