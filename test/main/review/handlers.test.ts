import { afterEach, describe, expect, it } from 'vitest';
import { closeCase } from '../../../main/cases/service';
import { createDispatch } from '../../../main/dispatch';
import { createHandlers, type HandlerSet } from '../../../main/handlers';
import type { Envelope } from '../../../common/contract';
import { makeCase } from '../../helpers/case';
import { testHost } from '../../helpers/host';
import { useTempDir } from '../../helpers/temp';
import { seedConversation } from './seed';

const value = <T>(envelope: Envelope<unknown>): T => {
  if (!envelope.ok) throw new Error(`expected success, got ${envelope.error.name}: ${envelope.error.message}`);
  return envelope.value as T;
};

describe('the review channels', () => {
  const tempDir = useTempDir();
  const sets: HandlerSet[] = [];
  afterEach(() => sets.splice(0).forEach((s) => s.dispose()));

  const setup = async () => {
    const dir = tempDir();
    const session = makeCase(dir);
    const seeded = seedConversation(session.writable!, 'Fiona Laird', 8);
    closeCase(session);
    const set = createHandlers(testHost(dir));
    sets.push(set);
    const dispatch = createDispatch(set.handlers);
    value(await dispatch('case.open', { path: session.path }));
    return { dispatch, ...seeded };
  };

  it('decide → get → history → undo, as the coding panel uses them', async () => {
    const { dispatch, ids, conversationId } = await setup();
    const decided = value<{ batchId: string; changed: number }>(
      await dispatch('review.decide', {
        selector: { kind: 'conversation', conversationId },
        change: {
          classification: 'personal',
          outcome: 'withhold',
          article8: { engaged: 'unclear', whose: 'custodian' },
          rationale: 'family',
        },
      }),
    );
    expect(decided.changed).toBe(8);

    const [current] = value<{ article8: Record<string, unknown> }[]>(await dispatch('review.get', { messageIds: [ids[0]] }));
    expect(current).toMatchObject({
      classification: 'personal',
      outcome: 'withhold',
      rationale: 'family',
      updatedBy: 'test-reviewer',
      article8: {
        engaged: 'unclear',
        whose: 'custodian',
        objective: value<{ objective: string }>(await dispatch('review.article8Defaults', {})).objective,
      },
    });

    const page = value<{ messages: { classification: string; outcome: string; relevance: string }[] }>(
      await dispatch('messages.window', { conversationId, from: 0, count: 2 }),
    );
    expect(page.messages.map((m) => [m.classification, m.relevance, m.outcome])).toEqual([
      ['personal', 'unassessed', 'withhold'],
      ['personal', 'unassessed', 'withhold'],
    ]);

    expect(value(await dispatch('review.undoState', {}))).toMatchObject({ undo: { batchId: decided.batchId, messages: 8 }, redo: null });
    expect(value(await dispatch('review.undo', {}))).toMatchObject({ targetBatchId: decided.batchId, changed: 8 });
    expect(value<{ origin: string }[]>(await dispatch('review.history', { messageId: ids[0] })).map((e) => e.origin)).toEqual([
      'bulk',
      'undo',
    ]);
    expect(value(await dispatch('review.redo', {}))).toMatchObject({ targetBatchId: decided.batchId });
    expect(value<{ custodians: { reviewed: number }[] }>(await dispatch('review.progress', {})).custodians).toEqual([
      expect.objectContaining({ custodian: 'Fiona Laird', total: 8, reviewed: 8 }),
    ]);
  });

  it('rejects an engaged Article 8 assessment without a fair balance before anything is written', async () => {
    const { dispatch, ids } = await setup();
    const result = await dispatch('review.decide', {
      selector: { kind: 'ids', ids: [ids[0]] },
      change: { article8: { engaged: 'yes', whose: 'both', rationalConnection: 'x', lessIntrusiveReasoning: 'y' } },
    });
    expect(result).toMatchObject({
      ok: false,
      error: { name: 'InvalidPayloadError', message: expect.stringContaining('change.article8.fairBalance: a fair balance is required') },
    });
    expect(value<{ updatedAt: number | null }[]>(await dispatch('review.get', { messageIds: [ids[0]] }))[0]?.updatedAt).toBeNull();
  });

  it('names unknown messages instead of returning fewer rows', async () => {
    const { dispatch } = await setup();
    expect(await dispatch('review.get', { messageIds: [4242] })).toMatchObject({
      ok: false,
      error: { name: 'MessagesNotFoundError', message: expect.stringContaining('#4242') },
    });
  });
});
