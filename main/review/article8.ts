/**
 * The Article 8 record (docs/spec.md §5): one assessment per bulk run, referenced by every event and current
 * decision it covers. The questions are validated by Article8InputSchema at the boundary; here the
 * objective gets its default, which a court expects to be stated, not implied.
 */
import type { ReadableDB, WritableDB } from '../../db/connection';
import { getCaseMeta } from '../../db/queries/case-meta';
import { article8ByIds, insertArticle8, type Article8Row } from '../../db/queries/review';
import type { Article8Input, Article8Record } from '../../common/domain/review';
import type { Article8Engaged, Article8Whose, LessIntrusiveStep } from '../../common/domain/model';

/** The inquiry's terms of reference and the request: the objective disclosure serves (question 1). */
export function defaultObjective(inquiry: string, requestReference: string): string {
  const inquiryPart = inquiry ? `the terms of reference of ${inquiry}` : "the inquiry's terms of reference";
  const requestPart = requestReference ? `request ${requestReference}` : 'the request';
  return `To meet ${inquiryPart} and ${requestPart}.`;
}

export function caseObjective(db: ReadableDB): string {
  const meta = getCaseMeta(db);
  return defaultObjective(meta?.inquiry ?? '', meta?.requestReference ?? '');
}

export function recordArticle8(db: WritableDB, input: Article8Input, actor: string, at: number): number {
  return insertArticle8(db, {
    engaged: input.engaged,
    whose: input.whose,
    objective: input.objective || caseObjective(db),
    rationalConnection: input.rationalConnection,
    lessIntrusiveStep: input.lessIntrusiveStep,
    lessIntrusiveReasoning: input.lessIntrusiveReasoning,
    fairBalance: input.fairBalance,
    createdAt: at,
    createdBy: actor,
  });
}

const toRecord = (row: Article8Row): Article8Record => ({
  ...row,
  engaged: row.engaged as Article8Engaged,
  whose: row.whose as Article8Whose | null,
  lessIntrusiveStep: row.lessIntrusiveStep as LessIntrusiveStep,
});

export function article8Records(db: ReadableDB, ids: readonly number[]): Map<number, Article8Record> {
  return new Map(article8ByIds(db, ids).map((row) => [row.id, toRecord(row)]));
}
