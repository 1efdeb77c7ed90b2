/**
 * Job worker threads kept warm between jobs (main/jobs/pool.ts), with the real worker bundle
 * (dist/main/worker.cjs) running real imports: not timed, counted — which thread ran which job.
 */
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { closeCase } from '../../../main/cases/service';
import { importJob } from '../../../main/import/jobs';
import { createWorkerPool, type WorkerPool } from '../../../main/jobs/pool';
import { builtScript } from '../../../main/jobs/runner';
import { makeCase } from '../../helpers/case';
import { fixture } from '../../helpers/fixtures';
import { useTempDir } from '../../helpers/temp';

describe('the warm job worker', () => {
  const tempDir = useTempDir();
  const pools: WorkerPool[] = [];
  afterEach(() => pools.splice(0).forEach((pool) => pool.dispose()));

  function setup() {
    const dir = tempDir();
    const session = makeCase(dir);
    closeCase(session);
    const spawned: Worker[] = [];
    const pool = createWorkerPool(() => {
      const worker = new Worker(builtScript('worker.cjs'));
      spawned.push(worker);
      return worker;
    });
    pools.push(pool);
    const importing = (file: string, custodian: string) =>
      pool.launch(
        importJob,
        session.path,
        { actor: 'test-reviewer', request: { path: fixture(file), custodian, timeZone: 'Europe/London' } },
        () => undefined,
      );
    return { pool, spawned, importing };
  }

  it('runs the second import in the thread the first one used, loaded once', async () => {
    const { spawned, importing } = setup();
    const first = await importing('whatsapp/ios-en-GB.zip', 'Fiona Laird').done;
    const second = await importing('whatsapp/android-de.txt', 'Priya Nair').done;
    expect(first.messages).toBeGreaterThan(0);
    expect(second.messages).toBeGreaterThan(0);
    expect(second.sourceId).not.toBe(first.sourceId);
    expect(spawned).toHaveLength(1);
  });

  it('starts a thread when warmed, and the import that follows takes it', async () => {
    const { pool, spawned, importing } = setup();
    pool.warm();
    pool.warm();
    expect(spawned).toHaveLength(1);
    expect((await importing('whatsapp/ios-en-GB.zip', 'Fiona Laird').done).messages).toBeGreaterThan(0);
    expect(spawned).toHaveLength(1);
  });

  it('gives overlapping jobs a thread each, and keeps one warm afterwards', async () => {
    const { spawned, importing } = setup();
    // Two imports at once (the job manager queues imports; the pool itself does not): the second waits for the case's lock.
    const [a, b] = await Promise.all([
      importing('whatsapp/ios-en-GB.zip', 'Fiona Laird').done,
      importing('whatsapp/android-de.txt', 'Priya Nair').done,
    ]);
    expect(a.messages + b.messages).toBeGreaterThan(0);
    expect(spawned).toHaveLength(2);
    await importing('whatsapp/android-en-GB-24h.txt', 'Tom Reid').done;
    expect(spawned).toHaveLength(2);
  });

  it('a finished job’s cancel does not reach the next job its thread runs', async () => {
    const { importing } = setup();
    const first = importing('whatsapp/ios-en-GB.zip', 'Fiona Laird');
    await first.done;
    const second = importing('whatsapp/android-de.txt', 'Priya Nair');
    first.cancel();
    expect((await second.done).messages).toBeGreaterThan(0);
  });
});
