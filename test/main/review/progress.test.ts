import { describe, expect, it } from 'vitest';
import type { WritableDB } from '../../../db/connection';
import { decide } from '../../../main/review/decisions';
import { progress, reviewersProgress } from '../../../main/review/progress';
import { DecideArgsSchema } from '../../../common/contract/channels/review';
import { makeCase } from '../../helpers/case';
import { useTempDir } from '../../helpers/temp';
import { seedConversation } from './seed';

const set = (db: WritableDB, ids: readonly number[], change: Record<string, unknown>, actor = 'alice') =>
  decide(db, DecideArgsSchema.parse({ selector: { kind: 'ids', ids }, change }), actor);

/** The same figures counted the slow, obvious way: every message joined to its decision. */
function directCount(db: WritableDB, conversationId: number) {
  const one = (where: string): number =>
    db
      .prepare(`SELECT count(*) FROM messages m LEFT JOIN reviews r ON r.message_id = m.id WHERE m.conversation_id = ? AND (${where})`)
      .pluck()
      .get(conversationId) as number;
  return {
    total: one('1'),
    reviewed: one("r.classification <> 'unclassified' OR r.relevance <> 'unassessed' OR r.outcome <> 'pending'"),
    byClassification: {
      business: one("r.classification = 'business'"),
      personal: one("r.classification = 'personal'"),
      mixed: one("r.classification = 'mixed'"),
      unclassified: one("coalesce(r.classification, 'unclassified') = 'unclassified'"),
    },
    byRelevance: {
      relevant: one("r.relevance = 'relevant'"),
      not_relevant: one("r.relevance = 'not_relevant'"),
      unassessed: one("coalesce(r.relevance, 'unassessed') = 'unassessed'"),
    },
    byOutcome: {
      disclose: one("r.outcome = 'disclose'"),
      disclose_redacted: one("r.outcome = 'disclose_redacted'"),
      withhold: one("r.outcome = 'withhold'"),
      pending: one("coalesce(r.outcome, 'pending') = 'pending'"),
    },
  };
}

describe('review progress', () => {
  const tempDir = useTempDir();

  it('matches a direct count per conversation, and sums conversations per custodian', () => {
    const db = makeCase(tempDir()).writable!;
    const a = seedConversation(db, 'Fiona Laird', 40, 'Core group');
    const b = seedConversation(db, 'Fiona Laird', 25, 'Family');
    const c = seedConversation(db, 'Euan Baird', 30);
    set(db, a.ids.slice(0, 10), { classification: 'business', relevance: 'relevant', outcome: 'disclose' });
    set(db, a.ids.slice(10, 14), { classification: 'mixed', outcome: 'disclose_redacted' });
    set(db, b.ids.slice(0, 20), { classification: 'personal', relevance: 'not_relevant', outcome: 'withhold' });
    set(db, c.ids.slice(5, 6), { rationale: 'looked at, not decided' });
    // Decided, then set back to the defaults: counted as not reviewed.
    set(db, c.ids.slice(0, 2), { outcome: 'withhold' });
    set(db, c.ids.slice(0, 2), { outcome: 'pending' });

    const result = progress(db);
    for (const seeded of [a, b, c]) {
      const row = result.conversations.find((r) => r.conversationId === seeded.conversationId);
      expect(row).toEqual({
        conversationId: seeded.conversationId,
        custodianId: seeded.custodianId,
        ...directCount(db, seeded.conversationId),
      });
    }
    const fiona = result.custodians.find((r) => r.custodian === 'Fiona Laird');
    expect(fiona).toMatchObject({ total: 65, reviewed: 34, byClassification: { business: 10, personal: 20, mixed: 4, unclassified: 31 } });
    expect(result.custodians.map((r) => r.custodian)).toEqual(['Euan Baird', 'Fiona Laird']);
    expect(progress(db, c.custodianId).conversations.map((r) => r.conversationId)).toEqual([c.conversationId]);
  });

  it('counts the messages each reviewer last decided, by outcome, leaving out those set back to the defaults', () => {
    const db = makeCase(tempDir()).writable!;
    const { ids } = seedConversation(db, 'Fiona Laird', 20, 'Core group');
    set(db, ids.slice(0, 6), { outcome: 'disclose' });
    set(db, ids.slice(4, 9), { outcome: 'withhold' }, 'bob');
    set(db, ids.slice(9, 11), { classification: 'business' }, 'bob');
    set(db, ids.slice(11, 12), { outcome: 'withhold' }, 'carol');
    set(db, ids.slice(11, 12), { outcome: 'pending' }, 'carol');
    expect(reviewersProgress(db)).toEqual([
      { reviewer: 'bob', reviewed: 7, disclose: 0, discloseRedacted: 0, withhold: 5 },
      { reviewer: 'alice', reviewed: 4, disclose: 4, discloseRedacted: 0, withhold: 0 },
    ]);
  });
});
