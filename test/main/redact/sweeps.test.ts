import { describe, expect, it } from 'vitest';
import { CancelledError } from '../../../common/domain/cancellation';
import type { PayloadOf } from '../../../common/contract';
import { createJobs } from '../../../main/jobs/jobs';
import type { JobHandle, Launch } from '../../../main/jobs/runner';
import { SweepChoiceError, SweepIncompleteError, SweepStaleError } from '../../../main/redact/errors';
import { addRedaction } from '../../../main/redact/redactions';
import { applySweep, isStale, runSweep, type SweepProgress, type SweepResult } from '../../../main/redact/sweep';
import { sweepJobs } from '../../../main/redact/sweep-jobs';
import { previewOccurrences } from '../../../main/redact/occurrences';
import { AddRedactionArgsSchema, PreviewOccurrencesArgsSchema, SweepRequestSchema } from '../../../common/contract/channels/redaction';
import { makeCase } from '../../helpers/case';
import { SPELLINGS } from '../../helpers/phone-spellings';
import { useTempDir } from '../../helpers/temp';
import { seedConversation } from '../review/seed';
import { auditOf, caseWithBodies, count } from './seed';

const suggestions = SweepRequestSchema.parse({ kind: 'suggestions', scope: { kind: 'case' } });
const phoneEverywhere = SweepRequestSchema.parse({
  kind: 'occurrences',
  scope: { kind: 'case' },
  target: { kind: 'text', text: '07700 900461' },
});

describe('sweeps: whole-scope scans that finish before they act', () => {
  const tempDir = useTempDir();

  it('suggests an NI number in every common spacing and a phone number in every spelling', async () => {
    const nis = ['QQ123456C', 'QQ 12 34 56 C', 'QQ 123456 C', 'qq-12-34-56-c'];
    const { db, ids } = caseWithBodies(tempDir(), [...nis.map((n) => `NI ${n} thanks`), ...SPELLINGS.map((p) => `ring ${p}`)]);
    const result = await runSweep(db, suggestions);
    expect(result.hits.map((h) => [h.messageId, h.kind, h.text])).toEqual([
      ...nis.map((n, i) => [ids[i], 'ni_number', n]),
      ...SPELLINGS.map((p, i) => [ids[nis.length + i], 'phone', p]),
    ]);
  });

  it('finds every spelling of a phone number as every occurrence of it, in a sweep and in a preview alike', async () => {
    const bodies = [...SPELLINGS.map((p) => `ring ${p} later`), 'not 07700 900462', 'nor 7700900461 alone'];
    const { db, ids } = caseWithBodies(tempDir(), bodies);
    const result = await runSweep(db, phoneEverywhere);
    expect(result.hits.map((h) => [h.messageId, h.text])).toEqual(SPELLINGS.map((p, i) => [ids[i], p]));
    const preview = previewOccurrences(
      db,
      PreviewOccurrencesArgsSchema.parse({ target: { kind: 'text', text: '+44 (0)7700 900461' }, scope: { kind: 'case' } }),
    );
    expect(preview.hits.map((h) => h.text)).toEqual(SPELLINGS);
  });

  it('reads the whole scope, reports progress up to the total, and lists hits by conversation, then time', async () => {
    const db = makeCase(tempDir()).writable!;
    const a = seedConversation(db, 'Zoe Quinn', 2_500, 'Zebra chat');
    const b = seedConversation(db, 'Adam Bell', 1_200, 'Alpha chat');
    const set = db.prepare('UPDATE messages SET body = ? WHERE id = ?');
    for (const id of [a.ids[10]!, a.ids[2_400]!, b.ids[5]!]) set.run(`call 07700 900461 (${id})`, id);
    // Later in the id order, earlier in time: the list goes by time within a conversation.
    db.prepare('UPDATE messages SET sent_at = 0 WHERE id = ?').run(a.ids[2_400]);
    const progress: SweepProgress[] = [];
    const result = await runSweep(db, suggestions, { onProgress: (p) => progress.push(p) });
    expect(progress.at(-1)).toEqual({ scanned: 3_700, total: 3_700, hits: 3 });
    expect(result).toMatchObject({ scanned: 3_700, total: 3_700 });
    expect(result.hits.map((h) => [h.index, h.messageId])).toEqual([
      [0, b.ids[5]],
      [1, a.ids[2_400]],
      [2, a.ids[10]],
    ]);
    expect(result.groups).toEqual([
      { conversationId: b.conversationId, title: 'Alpha chat', custodian: 'Adam Bell', first: 0, count: 1 },
      { conversationId: a.conversationId, title: 'Zebra chat', custodian: 'Zoe Quinn', first: 1, count: 2 },
    ]);
    expect(result.hits[0]).toMatchObject({
      sentAt: expect.any(Number),
      context: { before: 'call ', match: '07700 900461', after: ` (${b.ids[5]})` },
    });
  });

  it('stops between chunks when cancelled, with a clear error', async () => {
    const db = makeCase(tempDir()).writable!;
    seedConversation(db, 'Fiona Laird', 3_000);
    let checks = 0;
    const token = {
      get isCancellationRequested() {
        return ++checks > 1;
      },
    };
    await expect(runSweep(db, suggestions, { token })).rejects.toThrow(CancelledError);
    await expect(runSweep(db, suggestions, { token: { isCancellationRequested: true } })).rejects.toThrow(/had read 0 of 3,000 messages/);
  });

  it('refuses to apply a sweep that is still running, was cancelled or failed, and changes nothing', () => {
    const { db } = caseWithBodies(tempDir(), ['ring 07700 900461']);
    for (const state of ['running', 'cancelled', 'failed'] as const) {
      expect(() =>
        applySweep(db, { state, scanned: 500, total: 200_000 }, { kind: 'all', except: [] }, 'personal-contact', '', 'alice'),
      ).toThrow(SweepIncompleteError);
    }
    expect(() =>
      applySweep(db, { state: 'running', scanned: 500, total: 200_000 }, { kind: 'all', except: [] }, 'personal-contact', '', 'alice'),
    ).toThrow(/read only 500 of 200,000 messages so far/);
    expect(count(db, 'SELECT count(*) FROM redactions')).toBe(0);
    expect(auditOf(db)).toEqual([]);
  });

  it('refuses a sweep the case changed after, and applies a current one: all but the skipped hits, as one batch', async () => {
    const { db, ids } = caseWithBodies(
      tempDir(),
      SPELLINGS.slice(0, 3).map((p) => `ring ${p}`),
    );
    const stale = await runSweep(db, phoneEverywhere);
    addRedaction(db, AddRedactionArgsSchema.parse({ kind: 'whole', messageId: ids[2], reasonCode: 'irrelevant-sensitive' }), 'alice');
    expect(isStale(db, stale)).toBe(true);
    expect(() =>
      applySweep(db, { state: 'complete', result: stale }, { kind: 'all', except: [] }, 'personal-contact', '', 'alice'),
    ).toThrow(SweepStaleError);
    expect(count(db, 'SELECT count(*) FROM redactions')).toBe(1);

    const current = await runSweep(db, phoneEverywhere);
    expect(current.hits.map((h) => h.alreadyRedacted)).toEqual([false, false, true]);
    expect(() =>
      applySweep(db, { state: 'complete', result: current }, { kind: 'only', indices: [3] }, 'personal-contact', '', 'alice'),
    ).toThrow(SweepChoiceError);
    const applied = applySweep(db, { state: 'complete', result: current }, { kind: 'all', except: [1] }, 'personal-contact', '', 'alice');
    expect(applied).toMatchObject({ added: 1, alreadyRedacted: 1, messages: 1 });
    expect(count(db, 'SELECT count(*) FROM redactions WHERE message_id = ? AND kind = ?', ids[0], 'span')).toBe(1);
    expect(auditOf(db).map((a) => a.action)).toEqual(['redaction.added', 'redaction.occurrences_applied']);
    // Applying moved the case on: the same list cannot be applied twice.
    expect(() =>
      applySweep(db, { state: 'complete', result: current }, { kind: 'only', indices: [1] }, 'personal-contact', '', 'alice'),
    ).toThrow(SweepStaleError);
  });

  it('keeps each list in the main process: status and hits while running and after, apply only once complete', async () => {
    const { db, session } = caseWithBodies(tempDir(), ['ring 07700 900461', 'and +44 7700 900461']);
    const events: { event: string; payload: unknown }[] = [];
    let finish: (result: SweepResult) => void = () => undefined;
    let report: (p: SweepProgress) => void = () => undefined;
    // A stand-in for the worker thread: the test decides when the scan reports and finishes.
    const launch = ((_kind: unknown, _casePath: string, _data: unknown, onProgress: (p: SweepProgress) => void) => {
      report = onProgress;
      return { done: new Promise<SweepResult>((resolve) => (finish = resolve)), cancel: () => undefined } satisfies JobHandle<SweepResult>;
    }) as Launch;
    const jobs = sweepJobs(
      (event, payload) => events.push({ event, payload }),
      (result) => isStale(db, result),
      createJobs(launch),
    );
    const jobId = jobs.start(session.path, phoneEverywhere);
    report({ scanned: 1, total: 2, hits: 1 });
    expect(jobs.status(jobId)).toMatchObject({ state: 'running', scanned: 1, total: 2, hits: 1, groups: [] });
    expect(() => applySweep(db, jobs.state(jobId), { kind: 'all', except: [] }, 'personal-contact', '', 'alice')).toThrow(
      SweepIncompleteError,
    );
    expect(count(db, 'SELECT count(*) FROM redactions')).toBe(0);

    finish(await runSweep(db, phoneEverywhere));
    await new Promise((resolve) => setImmediate(resolve));
    const finished = events.find((e) => e.event === 'sweeps.finished')?.payload as PayloadOf<'sweeps.finished'>;
    expect(finished).toMatchObject({ jobId, state: 'complete', scanned: 2, hits: 2, stale: false, groups: [{ count: 2 }] });
    expect(jobs.hits(jobId, 1, 10).map((h) => h.text)).toEqual(['+44 7700 900461']);
    expect(applySweep(db, jobs.state(jobId), { kind: 'all', except: [] }, 'personal-contact', '', 'alice')).toMatchObject({
      added: 2,
      messages: 2,
    });
    expect(jobs.status(jobId).stale).toBe(true);
  });
});

describe('sweep jobs in the worker thread', () => {
  const tempDir = useTempDir();

  async function finished(events: { event: string; payload: unknown }[]): Promise<PayloadOf<'sweeps.finished'>> {
    for (let i = 0; i < 200; i += 1) {
      const found = events.find((e) => e.event === 'sweeps.finished');
      if (found) return found.payload as PayloadOf<'sweeps.finished'>;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('the sweep never finished');
  }

  it('scans in the job runner with progress, and a cancel ends it as cancelled, its list unusable', async () => {
    const session = makeCase(tempDir());
    const db = session.writable!;
    seedConversation(db, 'Fiona Laird', 30_000);
    db.prepare("UPDATE messages SET body = 'ring 07700 900461' WHERE id % 1000 = 0").run();
    const events: { event: string; payload: unknown }[] = [];
    const jobs = sweepJobs(
      (event, payload) => events.push({ event, payload }),
      (result) => isStale(db, result),
      createJobs(),
    );

    const done = jobs.start(session.path, suggestions);
    expect(await finished(events)).toMatchObject({
      jobId: done,
      state: 'complete',
      scanned: 30_000,
      total: 30_000,
      hits: 30,
      stale: false,
    });
    expect(events.some((e) => e.event === 'sweeps.progress')).toBe(true);

    events.length = 0;
    const cancelled = jobs.start(session.path, suggestions);
    jobs.cancel(cancelled);
    expect(await finished(events)).toMatchObject({ jobId: cancelled, state: 'cancelled', error: { name: 'CancelledError' } });
    expect(() => applySweep(db, jobs.state(cancelled), { kind: 'all', except: [] }, 'personal-contact', '', 'alice')).toThrow(
      /cancelled after/,
    );
    expect(count(db, 'SELECT count(*) FROM redactions')).toBe(0);
  });
});
