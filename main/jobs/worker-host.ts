/**
 * The worker thread's side of a job: opens its own connection to the case (SQLite serialises the
 * writers; WAL lets the app keep reading meanwhile), runs the registered kind, and reports.
 */
import { parentPort } from 'node:worker_threads';
import { closeCaseFile, openCaseFile } from '../../db/connection';
import { CancellationTokenSource, isCancelled } from '../../common/domain/cancellation';
import type { JobKind } from './kind';
import type { FromWorker, JobRequest, ToWorker } from './protocol';

/** The kinds a worker can run, registered by the worker's entry point (main/worker.ts). */
export class JobRegistry {
  readonly #kinds = new Map<string, JobKind<unknown, unknown, unknown>>();

  register<Data, Progress, Result>(kind: JobKind<Data, Progress, Result>): this {
    if (this.#kinds.has(kind.kind)) throw new Error(`job kind "${kind.kind}" is registered twice`);
    this.#kinds.set(kind.kind, kind);
    return this;
  }

  get(kind: string): JobKind<unknown, unknown, unknown> {
    const found = this.#kinds.get(kind);
    if (!found) throw new Error(`no job kind "${kind}" is registered in the worker (main/worker.ts)`);
    return found;
  }
}

/**
 * Serves jobs, one at a time, for as long as the thread lives: the bundle is loaded once, so a job
 * after the first starts without paying for it (main/jobs/pool.ts keeps such a thread warm).
 */
export function serveJobs(registry: JobRegistry): void {
  const port = parentPort;
  if (!port) throw new Error('a job worker must run in a worker thread');
  const post = (message: FromWorker): void => port.postMessage(message);
  let current: CancellationTokenSource | null = null;

  const run = async (request: JobRequest, source: CancellationTokenSource): Promise<void> => {
    const kind = registry.get(request.kind);
    const { db, writable } = openCaseFile(request.casePath);
    try {
      const result = await kind.run({ path: request.casePath, db, writable }, request.data, {
        token: source.token,
        progress: (progress) => post({ type: 'progress', progress }),
      });
      post({ type: 'done', result });
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      const details = kind.details?.(error);
      post({
        type: 'failed',
        error: { name: error.name, message: error.message, cancelled: isCancelled(error), ...(details === undefined ? {} : { details }) },
      });
    } finally {
      closeCaseFile(db);
    }
  };

  port.on('message', (message: ToWorker) => {
    if (message.type === 'cancel') {
      current?.cancel();
      return;
    }
    if (current) throw new Error('a job worker was given a second job while one is running');
    const source = new CancellationTokenSource();
    current = source;
    void (async () => {
      try {
        await run(message.request, source);
      } catch (err) {
        const error = err instanceof Error ? err : new Error(String(err));
        post({ type: 'failed', error: { name: error.name, message: error.message, cancelled: false } });
      } finally {
        current = null;
      }
    })();
  });
}
