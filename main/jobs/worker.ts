/**
 * The worker thread that runs long jobs off the main process's event loop. It opens its own
 * connection to the case (SQLite serialises the writers; WAL lets the app keep reading meanwhile).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { closeCaseFile, openCaseFile } from '../../db/connection';
import { ReadOnlyCaseError } from '../../db/errors';
import { verifyAuditInSteps } from '../audit/log';
import { exportBundle } from '../export/run';
import { BundleVerificationError } from '../export/verify';
import { getCaseMeta } from '../../db/queries/case-meta';
import { importSource } from '../import/run';
import { runSweep } from '../redact/sweep';
import { updateIndex } from '../search/indexer';
import type { FromWorker, JobData, ToWorker } from './protocol';

const port = parentPort;
if (!port) throw new Error('main/jobs/worker.ts must run in a worker thread');

const data = workerData as JobData;
const cancelled = { aborted: false };
const post = (message: FromWorker): void => port.postMessage(message);
port.on('message', (message: ToWorker) => {
  if (message.type === 'cancel') cancelled.aborted = true;
});

async function run(): Promise<void> {
  const { db, writable } = openCaseFile(data.casePath);
  try {
    if (data.kind === 'audit-verify') {
      post({ type: 'done', result: await verifyAuditInSteps(db, { signal: cancelled, onProgress: (progress) => post({ type: 'progress', progress }) }) });
      return;
    }
    if (data.kind === 'index') {
      if (!writable) throw new ReadOnlyCaseError(data.casePath, 'its search index cannot be updated');
      const outcome = await updateIndex(writable, { signal: cancelled, rebuild: data.rebuild, onProgress: (progress) => post({ type: 'progress', progress }) });
      post({ type: 'done', result: outcome });
      return;
    }
    if (data.kind === 'sweep') {
      const result = await runSweep(db, data.request, { signal: cancelled, onProgress: (progress) => post({ type: 'progress', progress }) });
      post({ type: 'done', result });
      return;
    }
    if (data.kind === 'export') {
      const meta = getCaseMeta(db);
      if (!writable || !meta) throw new ReadOnlyCaseError(data.casePath, 'a bundle cannot be recorded in it');
      const result = await exportBundle(writable, meta, data.settings, {
        actor: data.actor,
        appVersion: data.appVersion,
        casePath: data.casePath,
        signal: cancelled,
        onProgress: (progress) => post({ type: 'progress', progress }),
        ...(data.acknowledged === null ? {} : { acknowledged: { fingerprint: data.acknowledged } }),
      });
      post({ type: 'done', result });
      return;
    }
    if (!writable) throw new ReadOnlyCaseError(data.casePath, 'nothing can be imported into it');
    const result = await importSource(writable, data.request, {
      actor: data.actor,
      signal: cancelled,
      onProgress: (progress) => post({ type: 'progress', progress }),
    });
    // The import is committed. Index it here, before reporting done, so the messages the Sources
    // screen announces are searchable, and the next queued import cannot hold the lock meanwhile.
    // A cancel or failure now stops only the indexing: the import stands, and search sees the
    // index is behind (main/search/status.ts) instead of missing the messages.
    await updateIndex(writable, { signal: cancelled }).catch(() => undefined);
    post({ type: 'done', result });
  } finally {
    closeCaseFile(db);
  }
}

run().catch((err: unknown) => {
  const error = err instanceof Error ? err : new Error(String(err));
  post({ type: 'failed', error: { name: error.name, message: error.message, ...(error instanceof BundleVerificationError ? { verification: error.report } : {}) } });
});
