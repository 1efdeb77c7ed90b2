import { describe, expect, it } from 'vitest';
import { CancellationTokenSource, CancelledError, isCancelled } from '../../../common/domain/cancellation';
import { createJobs } from '../../../main/jobs/jobs';
import { defineJob, type JobKind } from '../../../main/jobs/kind';
import { JobFailedError, type JobHandle, type Launch } from '../../../main/jobs/runner';
import { JobRegistry } from '../../../main/jobs/worker-host';

const toy = defineJob({ kind: 'toy', run: async (_job, data: string) => data });
const other = defineJob({ kind: 'other', run: async (_job, data: number) => data * 2 });

/** A stand-in for worker threads: each launched job waits until the test settles it. */
function fakeLaunch() {
  const launched: { kind: string; data: unknown; finish(value: unknown): void; fail(error: JobFailedError): void; cancelled: boolean }[] =
    [];
  const launch = ((kind: JobKind<unknown, unknown, unknown>, _casePath: string, data: unknown) => {
    const entry = {
      kind: kind.kind,
      data,
      finish: (_: unknown) => undefined as void,
      fail: (_: JobFailedError) => undefined as void,
      cancelled: false,
    };
    const done = new Promise<unknown>((resolve, reject) => {
      entry.finish = resolve;
      entry.fail = reject;
    });
    launched.push(entry);
    return { done, cancel: () => (entry.cancelled = true) } satisfies JobHandle<unknown>;
  }) as Launch;
  return { launch, launched };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('the job manager', () => {
  it('gives every job of every kind an id from one sequence', () => {
    const { launch } = fakeLaunch();
    const jobs = createJobs(launch);
    const ids = [
      jobs.start(toy, 'c', 'a', () => undefined).jobId,
      jobs.start(other, 'c', 1, () => undefined).jobId,
      jobs.enqueue(toy, 'c', 'b', () => undefined, 'Toy').jobId,
    ];
    expect(ids).toEqual(['job-1', 'job-2', 'job-3']);
  });

  it('runs queued jobs one after another, each only once the one before has settled', async () => {
    const { launch, launched } = fakeLaunch();
    const jobs = createJobs(launch);
    const first = jobs.enqueue(toy, 'c', 'first', () => undefined, 'First');
    const second = jobs.enqueue(toy, 'c', 'second', () => undefined, 'Second');
    await tick();
    expect(launched.map((l) => l.data)).toEqual(['first']);
    launched[0]!.fail(new JobFailedError({ name: 'ImportProblemsError', message: 'bad line', cancelled: false }));
    await expect(first.done).rejects.toThrow('bad line');
    await tick();
    expect(launched.map((l) => l.data)).toEqual(['first', 'second']);
    launched[1]!.finish('second');
    await expect(second.done).resolves.toBe('second');
  });

  it('cancels a queued job before it starts, saying so, and never launches it', async () => {
    const { launch, launched } = fakeLaunch();
    const jobs = createJobs(launch);
    jobs.enqueue(toy, 'c', 'running', () => undefined, 'Import of a.zip');
    const waiting = jobs.enqueue(toy, 'c', 'waiting', () => undefined, 'Import of b.zip');
    jobs.cancel(waiting.jobId);
    await tick();
    launched[0]!.finish('running');
    const failure = await waiting.done.catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(JobFailedError);
    expect(failure).toMatchObject({
      name: 'CancelledError',
      cancelled: true,
      message: 'Import of b.zip was cancelled before it started. Nothing was changed.',
    });
    await tick();
    expect(launched.map((l) => l.data)).toEqual(['running']);
  });

  it('cancels every running and queued job when the case closes', async () => {
    const { launch, launched } = fakeLaunch();
    const jobs = createJobs(launch);
    const running = jobs.start(other, 'c', 2, () => undefined);
    const queued = jobs.enqueue(toy, 'c', 'q', () => undefined, 'Queued');
    jobs.cancelAll();
    expect(launched[0]!.cancelled).toBe(true);
    launched[0]!.fail(new JobFailedError({ name: 'CancelledError', message: 'cancelled', cancelled: true }));
    await expect(running.done).rejects.toMatchObject({ cancelled: true });
    await expect(queued.done).rejects.toMatchObject({ cancelled: true });
  });
});

describe('the worker registry and the one cancellation token', () => {
  it('refuses a kind registered twice and names a kind that is not registered', () => {
    const registry = new JobRegistry().register(toy);
    expect(() => registry.register(toy)).toThrow(/registered twice/);
    expect(() => registry.get('nope')).toThrow(/no job kind "nope"/);
    expect(registry.get('toy')).toBe(toy);
  });

  it('cancels through a token source, and one error class says what was cancelled', () => {
    const source = new CancellationTokenSource();
    expect(source.token.isCancellationRequested).toBe(false);
    source.cancel();
    expect(source.token.isCancellationRequested).toBe(true);
    const error = new CancelledError('Import of chat.zip');
    expect(error.message).toBe('Import of chat.zip was cancelled. Nothing was changed.');
    expect(isCancelled(error)).toBe(true);
    expect(isCancelled(new Error('other'))).toBe(false);
  });
});
