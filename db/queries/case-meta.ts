import type { CaseCounts, CaseDetails, CaseMode } from '../../common/domain/model';
import type { ReadableDB, WritableDB } from '../connection';
import { sql } from '../sql';
import { get, run } from './run';

export interface CaseMetaRow extends CaseDetails {
  readonly caseId: string;
  readonly referenceWidth: number;
  readonly mode: CaseMode;
  readonly createdAt: number;
  readonly createdBy: string;
  readonly appVersion: string;
}

export function insertCaseMeta(db: WritableDB, meta: CaseMetaRow): void {
  run(
    db,
    sql`INSERT INTO case_meta (id, case_id, name, inquiry, request_reference, default_tz, protective_marking,
          reference_prefix, reference_width, mode, created_at, created_by, app_version)
        VALUES (1, ${meta.caseId}, ${meta.name}, ${meta.inquiry}, ${meta.requestReference}, ${meta.defaultTimeZone},
          ${meta.protectiveMarking}, ${meta.referencePrefix}, ${meta.referenceWidth}, ${meta.mode}, ${meta.createdAt},
          ${meta.createdBy}, ${meta.appVersion})`,
  );
}

export function getCaseMeta(db: ReadableDB): CaseMetaRow | undefined {
  return get<CaseMetaRow>(
    db,
    sql`SELECT case_id AS caseId, name, inquiry, request_reference AS requestReference, default_tz AS defaultTimeZone,
          protective_marking AS protectiveMarking, reference_prefix AS referencePrefix, reference_width AS referenceWidth,
          mode, created_at AS createdAt, created_by AS createdBy, app_version AS appVersion
        FROM case_meta WHERE id = 1`,
  );
}

export function countAll(db: ReadableDB): CaseCounts {
  const counts = get<CaseCounts>(
    db,
    sql`SELECT
          (SELECT count(*) FROM custodians) AS custodians,
          (SELECT count(*) FROM sources) AS sources,
          (SELECT count(*) FROM conversations) AS conversations,
          (SELECT count(*) FROM messages) AS messages,
          (SELECT count(*) FROM participants) AS participants,
          (SELECT count(*) FROM people) AS people,
          (SELECT count(*) FROM attachments) AS attachments,
          (SELECT count(*) FROM reviews) AS reviews,
          (SELECT count(*) FROM review_events) AS reviewEvents,
          (SELECT count(*) FROM redactions WHERE removed_at IS NULL) AS redactions,
          (SELECT count(*) FROM bundles) AS bundles,
          (SELECT count(*) FROM audit_log) AS auditEntries`,
  );
  if (!counts) throw new Error('count query returned no row');
  return counts;
}
