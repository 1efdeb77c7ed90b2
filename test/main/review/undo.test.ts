import { describe, expect, it } from 'vitest';
import type { WritableDB } from '../../../db/connection';
import { verifyAudit } from '../../../main/audit/log';
import { decide, summaryInWords } from '../../../main/review/decisions';
import { UndoConflictError } from '../../../main/review/errors';
import { redo, replayStacks, undo, undoState } from '../../../main/review/undo';
import { DecideArgsSchema } from '../../../common/contract/channels/review';
import { makeCase } from '../../helpers/case';
import { useTempDir } from '../../helpers/temp';
import { linkDuplicates, reviewOf, seedConversation } from './seed';

const set = (db: WritableDB, actor: string, ids: readonly number[], change: Record<string, unknown>, propagate = false) =>
  decide(db, DecideArgsSchema.parse({ selector: { kind: 'ids', ids }, change, propagate }), actor);
const count = (db: WritableDB, query: string): number => db.prepare(query).pluck().get() as number;

describe('undo and redo', () => {
  const tempDir = useTempDir();
  const setup = () => {
    const db = makeCase(tempDir()).writable!;
    return { db, ...seedConversation(db, 'Fiona Laird', 6) };
  };

  it('restores the state before the batch with new "undo" events, deleting nothing, and audits it', () => {
    const { db, ids } = setup();
    set(db, 'alice', ids.slice(0, 2), { classification: 'business', rationale: 'first' });
    const second = set(db, 'alice', ids.slice(0, 3), { classification: 'personal', outcome: 'withhold' });
    const events = count(db, 'SELECT count(*) FROM review_events');

    const undone = undo(db, 'alice');
    expect(undone).toEqual({ batchId: expect.any(String), targetBatchId: second.batchId, changed: 3 });
    expect(reviewOf(db, ids[0]!)).toMatchObject({ classification: 'business', outcome: 'pending', rationale: 'first' });
    // A message the batch decided for the first time goes back to unreviewed.
    expect(reviewOf(db, ids[2]!)).toMatchObject({
      classification: 'unclassified',
      relevance: 'unassessed',
      outcome: 'pending',
      rationale: '',
    });
    expect(count(db, 'SELECT count(*) FROM review_events')).toBe(events + 3);
    expect(count(db, "SELECT count(*) FROM review_events WHERE origin = 'undo'")).toBe(3);
    expect(db.prepare("SELECT action FROM audit_log WHERE action LIKE 'review.%' ORDER BY id").pluck().all()).toEqual([
      'review.decided',
      'review.decided',
      'review.undone',
    ]);
    expect(verifyAudit(db).ok).toBe(true);
  });

  it('steps back through several batches, then redoes them in order as "redo" events', () => {
    const { db, ids } = setup();
    const a = set(db, 'alice', [ids[0]!], { classification: 'business' });
    const b = set(db, 'alice', [ids[0]!], { outcome: 'disclose' });
    expect(undo(db, 'alice')?.targetBatchId).toBe(b.batchId);
    expect(undo(db, 'alice')?.targetBatchId).toBe(a.batchId);
    expect(undo(db, 'alice')).toBeNull();
    expect(reviewOf(db, ids[0]!)).toMatchObject({ classification: 'unclassified', outcome: 'pending' });

    expect(redo(db, 'alice')?.targetBatchId).toBe(a.batchId);
    expect(reviewOf(db, ids[0]!)).toMatchObject({ classification: 'business', outcome: 'pending' });
    expect(redo(db, 'alice')?.targetBatchId).toBe(b.batchId);
    expect(reviewOf(db, ids[0]!)).toMatchObject({ classification: 'business', outcome: 'disclose' });
    expect(redo(db, 'alice')).toBeNull();
    expect(count(db, "SELECT count(*) FROM review_events WHERE origin = 'redo'")).toBe(2);

    // A redo is itself undoable.
    undo(db, 'alice');
    expect(reviewOf(db, ids[0]!)).toMatchObject({ classification: 'business', outcome: 'pending' });
  });

  it('undoes the propagated copies with the rest of their batch', () => {
    const db = makeCase(tempDir()).writable!;
    const fiona = seedConversation(db, 'Fiona Laird', 2);
    const euan = seedConversation(db, 'Euan Baird', 2);
    linkDuplicates(db, fiona.ids, euan.ids);
    set(db, 'alice', [fiona.ids[0]!], { outcome: 'withhold' }, true);
    expect(reviewOf(db, euan.ids[0]!)).toMatchObject({ outcome: 'withhold' });
    expect(undo(db, 'alice')?.changed).toBe(2);
    expect(reviewOf(db, euan.ids[0]!)).toMatchObject({ outcome: 'pending' });
  });

  it("keeps a stack per actor: one reviewer's undo never reverses another's work", () => {
    const { db, ids } = setup();
    const mine = set(db, 'alice', [ids[0]!], { classification: 'business' });
    set(db, 'bob', [ids[1]!], { classification: 'personal' });
    expect(undo(db, 'alice')?.targetBatchId).toBe(mine.batchId);
    expect(reviewOf(db, ids[1]!)).toMatchObject({ classification: 'personal' });
    expect(undoState(db, 'bob').undo).toMatchObject({ messages: 1, summary: `classification: Personal on message #${ids[1]}` });
  });

  it('names what it would undo in words, also for a batch recorded before the labels were words', () => {
    const { db, ids } = setup();
    set(db, 'alice', [ids[0]!], { relevance: 'not_relevant', outcome: 'disclose_redacted' });
    expect(undoState(db, 'alice').undo?.summary).toBe(`relevance: Not relevant, outcome: Disclose with redactions on message #${ids[0]}`);
    // Batches are append-only: an old case's wording is reworded as it is read.
    expect(summaryInWords('relevance → not_relevant, outcome → withhold on conversation #1')).toBe(
      'relevance: Not relevant, outcome: Withhold on conversation #1',
    );
  });

  it('refuses to undo a batch whose messages were changed since, naming them, and changes nothing', () => {
    const { db, ids } = setup();
    set(db, 'alice', ids.slice(0, 3), { classification: 'business' });
    set(db, 'bob', [ids[1]!], { classification: 'mixed' });
    const events = count(db, 'SELECT count(*) FROM review_events');
    expect(() => undo(db, 'alice')).toThrow(UndoConflictError);
    expect(() => undo(db, 'alice')).toThrow(`1 of its messages has been changed since (#${ids[1]} by bob)`);
    expect(count(db, 'SELECT count(*) FROM review_events')).toBe(events);
    expect(reviewOf(db, ids[0]!)).toMatchObject({ classification: 'business' });
  });

  it('refuses a redo when a message was changed after the undo', () => {
    const { db, ids } = setup();
    set(db, 'alice', [ids[0]!], { classification: 'business' });
    undo(db, 'alice');
    set(db, 'bob', [ids[0]!], { classification: 'personal' });
    expect(() => redo(db, 'alice')).toThrow(/Cannot redo .* has been changed since/);
  });

  it('forgets the redo stack once the actor makes a new decision', () => {
    const { db, ids } = setup();
    set(db, 'alice', [ids[0]!], { classification: 'business' });
    undo(db, 'alice');
    expect(undoState(db, 'alice')).toMatchObject({ undo: null, redo: { messages: 1 } });
    set(db, 'alice', [ids[1]!], { classification: 'personal' });
    expect(undoState(db, 'alice').redo).toBeNull();
    expect(redo(db, 'alice')).toBeNull();
  });

  it('replays the stacks from batches alone (pure)', () => {
    const stacks = replayStacks([
      { batchId: 'a', kind: 'decision', targetBatchId: null },
      { batchId: 'b', kind: 'decision', targetBatchId: null },
      { batchId: 'u1', kind: 'undo', targetBatchId: 'b' },
      { batchId: 'f', kind: 'custodian_flag', targetBatchId: null },
      { batchId: 'r1', kind: 'redo', targetBatchId: 'b' },
      { batchId: 'u2', kind: 'undo', targetBatchId: 'r1' },
    ]);
    expect(stacks.undo).toEqual(['a']);
    expect(stacks.redo).toEqual(['r1']);
    expect(stacks.undoneBy.get('r1')).toBe('u2');
  });
});
