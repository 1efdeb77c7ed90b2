import { describe, expect, it } from 'vitest';
import type { WritableDB } from '../../../db/connection';
import { verifyAudit } from '../../../main/audit/log';
import { ConversationNotFoundError } from '../../../main/browse/timeline';
import { decide } from '../../../main/review/decisions';
import { MessagesNotFoundError } from '../../../main/review/errors';
import { updateIndex } from '../../../main/search/indexer';
import type { DecideArgs } from '../../../common/contract/channels/review';
import { DecideArgsSchema } from '../../../common/contract/channels/review';
import { makeCase } from '../../helpers/case';
import { useTempDir } from '../../helpers/temp';
import { MINUTE, START, linkDuplicates, reviewOf, seedConversation } from './seed';

const args = (raw: unknown): DecideArgs => DecideArgsSchema.parse(raw);
const count = (db: WritableDB, query: string, ...params: unknown[]): number =>
  db
    .prepare(query)
    .pluck()
    .get(...params) as number;
const auditActions = (db: WritableDB): string[] => db.prepare('SELECT action FROM audit_log ORDER BY id').pluck().all() as string[];

describe('review decisions', () => {
  const tempDir = useTempDir();

  const setup = () => {
    const session = makeCase(tempDir());
    const db = session.writable!;
    const fiona = seedConversation(db, 'Fiona Laird', 10);
    const euan = seedConversation(db, 'Euan Baird', 5);
    return { db, fiona, euan };
  };

  it('decides the listed ids: one batch, one event and one current decision per message, one audit entry', () => {
    const { db, fiona } = setup();
    const ids = fiona.ids.slice(0, 3);
    const result = decide(
      db,
      args({ selector: { kind: 'ids', ids }, change: { classification: 'business', outcome: 'disclose' } }),
      'alice',
      1000,
    );
    expect(result).toMatchObject({ matched: 3, changed: 3, propagated: 0, article8Id: null, batchId: expect.any(String) });
    expect(count(db, 'SELECT count(*) FROM review_events WHERE batch_id = ?', result.batchId)).toBe(3);
    expect(count(db, "SELECT count(*) FROM review_events WHERE origin = 'bulk'")).toBe(3);
    for (const id of ids)
      expect(reviewOf(db, id)).toEqual({
        classification: 'business',
        relevance: 'unassessed',
        outcome: 'disclose',
        article8Id: null,
        rationale: '',
      });
    expect(reviewOf(db, fiona.ids[3]!)).toBeUndefined();
    expect(auditActions(db)).toEqual(['case.created', 'review.decided']);
    const details = JSON.parse(
      db.prepare("SELECT details FROM audit_log WHERE action = 'review.decided'").pluck().get() as string,
    ) as Record<string, unknown>;
    expect(details).toMatchObject({ matched: 3, changed: 3, propagated: 0, selector: { kind: 'ids', count: 3, ids } });
    expect(verifyAudit(db).ok).toBe(true);
  });

  it('records a single message as a decision and several as a bulk action', () => {
    const { db, fiona } = setup();
    decide(db, args({ selector: { kind: 'ids', ids: [fiona.ids[0]] }, change: { relevance: 'relevant' } }), 'alice');
    expect(db.prepare('SELECT origin FROM review_events').pluck().all()).toEqual(['decision']);
  });

  it('decides a whole conversation and nothing outside it', () => {
    const { db, fiona, euan } = setup();
    const result = decide(
      db,
      args({ selector: { kind: 'conversation', conversationId: euan.conversationId }, change: { classification: 'personal' } }),
      'alice',
    );
    expect(result).toMatchObject({ matched: 5, changed: 5 });
    expect(
      count(
        db,
        "SELECT count(*) FROM reviews r JOIN messages m ON m.id = r.message_id WHERE m.conversation_id = ? AND classification = 'personal'",
        euan.conversationId,
      ),
    ).toBe(5);
    expect(
      count(db, 'SELECT count(*) FROM reviews r JOIN messages m ON m.id = r.message_id WHERE m.conversation_id = ?', fiona.conversationId),
    ).toBe(0);
  });

  it('decides a date range: from inclusive, to exclusive, optionally within one custodian', () => {
    const { db, fiona, euan } = setup();
    // Both conversations start at START, one message a minute: minutes 2, 3 and 4 of each.
    const range = { kind: 'dateRange', from: START + 2 * MINUTE, to: START + 5 * MINUTE };
    expect(decide(db, args({ selector: range, change: { relevance: 'not_relevant' } }), 'alice')).toMatchObject({ matched: 6 });
    const decided = db.prepare('SELECT message_id FROM reviews ORDER BY message_id').pluck().all();
    expect(decided).toEqual([...fiona.ids.slice(2, 5), ...euan.ids.slice(2, 5)]);

    const mine = decide(
      db,
      args({ selector: { ...range, to: START + 6 * MINUTE, custodianId: euan.custodianId }, change: { relevance: 'relevant' } }),
      'alice',
    );
    // Euan has five messages (minutes 0-4), so minutes 2-5 of his are three; Fiona's minute 5 is not his.
    expect(mine).toMatchObject({ matched: 3, changed: 3 });
    expect(reviewOf(db, fiona.ids[5]!)).toBeUndefined();
  });

  it('decides a search result: exactly the messages the query and filters match', async () => {
    const { db, fiona, euan } = setup();
    await updateIndex(db);
    // Bodies are "message 0" … "message 9"; "1" matches message 1 in both conversations.
    const result = decide(
      db,
      args({
        selector: { kind: 'search', query: '1', filters: { custodianIds: [fiona.custodianId] } },
        change: { classification: 'mixed' },
      }),
      'alice',
    );
    expect(result).toMatchObject({ matched: 1, changed: 1 });
    expect(reviewOf(db, fiona.ids[1]!)).toMatchObject({ classification: 'mixed' });
    expect(reviewOf(db, euan.ids[1]!)).toBeUndefined();
  });

  it('decides every message with "all"', () => {
    const { db } = setup();
    expect(decide(db, args({ selector: { kind: 'all' }, change: { outcome: 'withhold' } }), 'alice')).toMatchObject({
      matched: 15,
      changed: 15,
    });
  });

  it('changes only the fields given, keeping the rest of each decision', () => {
    const { db, fiona } = setup();
    const id = fiona.ids[0]!;
    decide(
      db,
      args({ selector: { kind: 'ids', ids: [id] }, change: { classification: 'business', outcome: 'disclose', rationale: 'briefing' } }),
      'alice',
    );
    decide(db, args({ selector: { kind: 'ids', ids: [id] }, change: { relevance: 'relevant' } }), 'alice');
    expect(reviewOf(db, id)).toEqual({
      classification: 'business',
      relevance: 'relevant',
      outcome: 'disclose',
      article8Id: null,
      rationale: 'briefing',
    });
  });

  it('skips messages whose decision would not change, and writes nothing at all when none would', () => {
    const { db, fiona } = setup();
    decide(db, args({ selector: { kind: 'ids', ids: fiona.ids.slice(0, 4) }, change: { classification: 'business' } }), 'alice');
    const events = count(db, 'SELECT count(*) FROM review_events');
    const partly = decide(
      db,
      args({ selector: { kind: 'ids', ids: fiona.ids.slice(2, 6) }, change: { classification: 'business' } }),
      'alice',
    );
    expect(partly).toMatchObject({ matched: 4, changed: 2 });
    expect(count(db, 'SELECT count(*) FROM review_events')).toBe(events + 2);

    const audits = count(db, 'SELECT count(*) FROM audit_log');
    const none = decide(
      db,
      args({ selector: { kind: 'ids', ids: fiona.ids.slice(0, 6) }, change: { classification: 'business' } }),
      'alice',
    );
    expect(none).toEqual({
      batchId: null,
      matched: 6,
      changed: 0,
      propagated: 0,
      article8Id: null,
      kept: 0,
      overwritten: 0,
      heldByRedactions: 0,
      keptGroups: [],
    });
    expect(count(db, 'SELECT count(*) FROM audit_log')).toBe(audits);
    // Setting an unreviewed message to the defaults is no change either.
    expect(
      decide(db, args({ selector: { kind: 'ids', ids: [fiona.ids[9]] }, change: { classification: 'unclassified' } }), 'alice').batchId,
    ).toBeNull();
  });

  it('propagates to the other custodians\' copies in the same batch, as origin "propagation"', () => {
    const { db, fiona, euan } = setup();
    linkDuplicates(db, fiona.ids.slice(0, 3), euan.ids.slice(0, 3));
    const selected = fiona.ids.slice(0, 2);
    const without = decide(db, args({ selector: { kind: 'ids', ids: selected }, change: { relevance: 'relevant' } }), 'alice');
    expect(without).toMatchObject({ changed: 2, propagated: 0 });
    expect(reviewOf(db, euan.ids[0]!)).toBeUndefined();

    const result = decide(
      db,
      args({ selector: { kind: 'ids', ids: selected }, change: { classification: 'business' }, propagate: true }),
      'alice',
    );
    expect(result).toMatchObject({ matched: 2, changed: 2, propagated: 2 });
    const rows = db
      .prepare('SELECT message_id AS id, origin FROM review_events WHERE batch_id = ? ORDER BY message_id')
      .all(result.batchId);
    expect(rows).toEqual([
      { id: fiona.ids[0], origin: 'bulk' },
      { id: fiona.ids[1], origin: 'bulk' },
      { id: euan.ids[0], origin: 'propagation' },
      { id: euan.ids[1], origin: 'propagation' },
    ]);
    expect(reviewOf(db, euan.ids[2]!)).toBeUndefined(); // its twin was not selected
    expect(count(db, "SELECT count(*) FROM audit_log WHERE action = 'review.decided'")).toBe(2);
  });

  it('stores one Article 8 assessment for the whole run and points every decision at it', () => {
    const { db, fiona } = setup();
    const article8 = {
      engaged: 'yes',
      whose: 'third_party',
      rationalConnection: 'The messages arrange the 4 May meeting the request covers.',
      lessIntrusiveStep: 'redaction',
      lessIntrusiveReasoning: "Redacting the child's name removes the intrusion and keeps the meeting.",
      fairBalance: 'With the name redacted the benefit outweighs the residual intrusion.',
    };
    const result = decide(
      db,
      args({ selector: { kind: 'conversation', conversationId: fiona.conversationId }, change: { article8 } }),
      'alice',
    );
    expect(result.article8Id).toEqual(expect.any(Number));
    expect(count(db, 'SELECT count(*) FROM article8_assessments')).toBe(1);
    expect(count(db, 'SELECT count(DISTINCT article8_id) FROM reviews')).toBe(1);
    expect(count(db, 'SELECT count(*) FROM review_events WHERE article8_id = ?', result.article8Id)).toBe(10);
    const objective = db.prepare('SELECT objective FROM article8_assessments').pluck().get();
    expect(objective).toBe('To meet the terms of reference of UK Covid-19 Inquiry and request M2/R9.');

    decide(db, args({ selector: { kind: 'ids', ids: [fiona.ids[0]] }, change: { article8: null } }), 'alice');
    expect(reviewOf(db, fiona.ids[0]!)).toMatchObject({ article8Id: null });
  });

  it('refuses unknown messages and conversations by name, changing nothing', () => {
    const { db, fiona } = setup();
    expect(() =>
      decide(db, args({ selector: { kind: 'ids', ids: [fiona.ids[0], 9999, 10000] }, change: { outcome: 'withhold' } }), 'alice'),
    ).toThrow(new MessagesNotFoundError([9999, 10000]));
    expect(() =>
      decide(db, args({ selector: { kind: 'conversation', conversationId: 77 }, change: { outcome: 'withhold' } }), 'alice'),
    ).toThrow(ConversationNotFoundError);
    expect(count(db, 'SELECT count(*) FROM review_events')).toBe(0);
  });

  it('rejects a change that changes nothing and a backwards date range at the boundary', () => {
    expect(DecideArgsSchema.safeParse({ selector: { kind: 'all' }, change: {} }).error?.issues[0]?.message).toBe(
      'choose at least one thing to change',
    );
    expect(DecideArgsSchema.safeParse({ selector: { kind: 'dateRange', from: 5, to: 5 }, change: { outcome: 'pending' } }).success).toBe(
      false,
    );
    expect(DecideArgsSchema.safeParse({ selector: { kind: 'all' }, change: { outcome: 'maybe' } }).success).toBe(false);
  });
});
