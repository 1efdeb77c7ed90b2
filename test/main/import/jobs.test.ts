import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Envelope, EventName, JobFinished, JobProgress } from '../../../common/contract';
import { createDispatch } from '../../../main/dispatch';
import { createHandlers, type HandlerSet } from '../../../main/handlers';
import { fixture } from '../../helpers/fixtures';
import { testHost } from '../../helpers/host';
import { useTempDir } from '../../helpers/temp';

const root = join(__dirname, '..', '..', '..');

const value = <T>(envelope: Envelope<unknown>): T => {
  if (!envelope.ok) throw new Error(`${envelope.error.name}: ${envelope.error.message}`);
  return envelope.value as T;
};

describe('import jobs through the app contract', () => {
  const tempDir = useTempDir();
  const sets: HandlerSet[] = [];
  afterEach(() => sets.splice(0).forEach((s) => s.dispose()));

  function setup() {
    const dir = tempDir();
    const progress: JobProgress[] = [];
    const finished: JobFinished[] = [];
    const waiters: ((f: JobFinished) => void)[] = [];
    const host = {
      ...testHost(dir),
      emit: (event: EventName, payload: unknown) => {
        if (event === 'job.progress') progress.push(payload as JobProgress);
        if (event === 'job.finished') {
          finished.push(payload as JobFinished);
          waiters.shift()?.(payload as JobFinished);
        }
      },
    };
    const set = createHandlers(host);
    sets.push(set);
    const dispatch = createDispatch(set.handlers);
    const nextFinish = () => new Promise<JobFinished>((resolve) => waiters.push(resolve));
    return { dir, dispatch, progress, finished, nextFinish };
  }

  it('imports in a worker, reports progress and the outcome, then shows the source, its conversation and timeline', async () => {
    const { dir, dispatch, progress, nextFinish } = setup();
    value(await dispatch('case.create', { path: join(dir, 'c.ddcase'), name: 'C' }));
    expect(value(await dispatch('import.detect', { path: fixture('whatsapp/ios-en-GB.zip') }))).toEqual({
      format: 'whatsapp',
      label: 'WhatsApp export',
      problem: null,
    });

    const done = nextFinish();
    const { jobId } = value<{ jobId: string }>(
      await dispatch('import.start', { path: fixture('whatsapp/ios-en-GB.zip'), custodian: 'Fiona Laird', device: 'iPhone 12' }),
    );
    const finished = await done;
    expect(finished).toMatchObject({ jobId, ok: true, summary: { format: 'whatsapp', messages: 57, conversations: 1 } });
    expect(progress.filter((p) => p.jobId === jobId).map((p) => p.phase)).toContain('queued');

    const [source] = value<{ id: number; custodian: string; deviceLabel: string; formatLabel: string; messages: number }[]>(
      await dispatch('sources.list', {}),
    );
    expect(source).toMatchObject({ custodian: 'Fiona Laird', deviceLabel: 'iPhone 12', formatLabel: 'WhatsApp export', messages: 57 });
    const notes = value<{ total: number; notes: { kind: string }[] }>(await dispatch('sources.notes', { sourceId: source!.id }));
    expect(notes.notes.map((n) => n.kind)).toContain('assumption');

    const [conversation] = value<{ id: number; messages: number }[]>(await dispatch('conversations.list', { sourceId: source!.id }));
    const page = value<{ total: number; messages: { position: number; locator: { file: string } }[] }>(
      await dispatch('messages.window', { conversationId: conversation!.id, from: 50, count: 20 }),
    );
    expect(page.total).toBe(57);
    expect(page.messages.map((m) => m.position)).toEqual([50, 51, 52, 53, 54, 55, 56]);
    expect(page.messages[0]?.locator.file).toBe('_chat.txt');
    expect(value(await dispatch('custodians.list', {}))).toEqual([
      expect.objectContaining({ name: 'Fiona Laird', sources: 1, messages: 57 }),
    ]);
  });

  it('reports a rejected file as a failed job in plain words, and changes nothing', async () => {
    const { dir, dispatch, nextFinish } = setup();
    value(await dispatch('case.create', { path: join(dir, 'c.ddcase'), name: 'C' }));
    const done = nextFinish();
    value(await dispatch('import.start', { path: fixture('bad/truncated.xml'), custodian: 'Tom Reid', strict: true }));
    expect(await done).toMatchObject({ ok: false, cancelled: false, error: { message: expect.stringContaining('Nothing was changed') } });
    expect(value(await dispatch('sources.list', {}))).toEqual([]);
  });

  // Large enough (about 37 MB) to be parsed in a thread of its own, started from the job's worker.
  it('cancels an import under way, leaving nothing behind', async () => {
    const { dir, dispatch, progress, nextFinish } = setup();
    value(await dispatch('case.create', { path: join(dir, 'c.ddcase'), name: 'C' }));
    const chat = join(dir, 'big.txt');
    writeFileSync(
      chat,
      spawnSync(process.execPath, [join(root, 'test', 'bench', 'gen-whatsapp.mjs'), '--messages', '250000', '--seed', '3'], {
        maxBuffer: 1 << 30,
      }).stdout,
    );
    const done = nextFinish();
    const { jobId } = value<{ jobId: string }>(await dispatch('import.start', { path: chat, custodian: 'Tom Reid' }));
    while (!progress.some((p) => p.jobId === jobId && p.phase === 'reading' && p.messages > 0)) await new Promise((r) => setTimeout(r, 10));
    value(await dispatch('job.cancel', { jobId }));
    expect(await done).toMatchObject({ jobId, ok: false, cancelled: true });
    expect(value(await dispatch('sources.list', {}))).toEqual([]);
    expect(value<{ counts: { messages: number } }>(await dispatch('case.summary', {})).counts.messages).toBe(0);
  });

  it('refuses to add the same custodian twice', async () => {
    const { dir, dispatch } = setup();
    value(await dispatch('case.create', { path: join(dir, 'c.ddcase'), name: 'C' }));
    value(await dispatch('custodians.add', { name: 'Euan Baird', role: 'Special adviser' }));
    expect(await dispatch('custodians.add', { name: 'euan baird' })).toMatchObject({ ok: false, error: { name: 'CustodianExistsError' } });
  });
});
