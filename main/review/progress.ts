/**
 * Review progress per conversation and per custodian. Totals come from conversations.message_count
 * (kept by the importer) and decision counts from `reviews` alone, so the cost grows with the number
 * of decisions, not messages; custodians are a sum over their conversations, done here in memory
 * (a case has thousands of conversations, not millions).
 */
import type { ReadableDB } from '../../db/connection';
import {
  conversationTotals,
  decisionCountsByConversation,
  decisionCountsByReviewer,
  type DecisionCountsRow,
} from '../../db/queries/review';
import type { ConversationProgress, CustodianProgress, Progress, ReviewerProgress } from '../../common/domain/review';

type Counts = Omit<ConversationProgress, 'conversationId' | 'custodianId'>;

const NONE: Omit<DecisionCountsRow, 'conversationId'> = {
  reviewed: 0,
  business: 0,
  personal: 0,
  mixed: 0,
  relevant: 0,
  notRelevant: 0,
  disclose: 0,
  discloseRedacted: 0,
  withhold: 0,
};

/** Unreviewed messages have no reviews row, so each "default" bucket is the total minus the rest. */
function countsFor(total: number, d: Omit<DecisionCountsRow, 'conversationId'>): Counts {
  return {
    total,
    reviewed: d.reviewed,
    byClassification: {
      business: d.business,
      personal: d.personal,
      mixed: d.mixed,
      unclassified: total - d.business - d.personal - d.mixed,
    },
    byRelevance: { relevant: d.relevant, not_relevant: d.notRelevant, unassessed: total - d.relevant - d.notRelevant },
    byOutcome: {
      disclose: d.disclose,
      disclose_redacted: d.discloseRedacted,
      withhold: d.withhold,
      pending: total - d.disclose - d.discloseRedacted - d.withhold,
    },
  };
}

function add(a: Counts, b: Counts): Counts {
  const sum = <K extends string>(x: Record<K, number>, y: Record<K, number>): Record<K, number> =>
    Object.fromEntries(Object.keys(x).map((k) => [k, x[k as K] + y[k as K]])) as Record<K, number>;
  return {
    total: a.total + b.total,
    reviewed: a.reviewed + b.reviewed,
    byClassification: sum(a.byClassification, b.byClassification),
    byRelevance: sum(a.byRelevance, b.byRelevance),
    byOutcome: sum(a.byOutcome, b.byOutcome),
  };
}

export function progress(db: ReadableDB, custodianId: number | null = null): Progress {
  const decided = new Map(decisionCountsByConversation(db, custodianId).map((row) => [row.conversationId, row]));
  const conversations: ConversationProgress[] = [];
  const custodians = new Map<number, CustodianProgress>();
  for (const row of conversationTotals(db, custodianId)) {
    const counts = countsFor(row.total, decided.get(row.conversationId) ?? NONE);
    conversations.push({ conversationId: row.conversationId, custodianId: row.custodianId, ...counts });
    const sofar = custodians.get(row.custodianId);
    custodians.set(row.custodianId, { custodianId: row.custodianId, custodian: row.custodian, ...(sofar ? add(sofar, counts) : counts) });
  }
  return { conversations, custodians: [...custodians.values()].sort((a, b) => a.custodian.localeCompare(b.custodian)) };
}

/** Who decided what: the messages each reviewer last decided, for the Overview. */
export const reviewersProgress = (db: ReadableDB): ReviewerProgress[] => decisionCountsByReviewer(db);
