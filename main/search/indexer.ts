/**
 * Brings the index up to date: the messages above the watermark, in batches, each batch and the
 * watermark's move in one transaction — so a crash, a cancel or a failure leaves a consistent index
 * that the next update continues from. A missing or other-version index is emptied and rebuilt.
 * Runs in the job worker after an import, from the CLI after `import`, and inline for small gaps.
 */
import { CancelledError, type CancellationToken } from '../../common/domain/cancellation';
import { setTimeout as sleep } from 'node:timers/promises';
import type { WritableDB } from '../../db/connection';
import { transaction } from '../../db/queries/run';
import { clearSearchIndex, countMessagesAfter, indexMessagesAfter, saveSearchState, searchState } from '../../db/queries/search';
import { INDEX_VERSION, indexStatus } from './status';

/** ~25k short messages a batch: a fraction of a second, so cancel is prompt and an import waiting for the lock waits little. */
export const INDEX_BATCH = 25_000;

export interface IndexProgress {
  readonly indexed: number;
  readonly total: number;
}

export interface IndexOptions {
  readonly token?: CancellationToken;
  readonly onProgress?: (progress: IndexProgress) => void;
  /** Empty the index and index every message again. */
  readonly rebuild?: boolean;
  readonly batchSize?: number;
}

export interface IndexOutcome {
  readonly indexed: number;
  readonly rebuilt: boolean;
}

const indexCancelled = (indexed: number, remaining: number): CancelledError =>
  new CancelledError(
    'Updating the search index',
    `${indexed.toLocaleString('en-GB')} messages were indexed; ${remaining.toLocaleString('en-GB')} are not yet searchable. ` +
      'What was indexed is kept: updating again continues from there.',
  );

const isBusy = (err: unknown): boolean => err instanceof Error && 'code' in err && (err as { code: unknown }).code === 'SQLITE_BUSY';

/**
 * One batch, retried while another writer (an import, which holds the lock for its whole source)
 * keeps the case busy beyond SQLite's busy timeout. The watermark is read inside the transaction, so
 * two indexers (the job worker and an inline update) can never index the same messages twice.
 */
async function indexBatch(db: WritableDB, size: number, token: IndexOptions['token']): Promise<{ last: number | null; count: number }> {
  for (;;) {
    try {
      return transaction(db, () => {
        const batch = indexMessagesAfter(db, searchState(db)?.indexedUpTo ?? 0, size);
        if (batch.last !== null) saveSearchState(db, INDEX_VERSION, batch.last, Date.now());
        return batch;
      });
    } catch (err) {
      if (!isBusy(err) || token?.isCancellationRequested) throw err;
      await sleep(250);
    }
  }
}

export async function updateIndex(db: WritableDB, options: IndexOptions = {}): Promise<IndexOutcome> {
  const status = indexStatus(db);
  const rebuilt = options.rebuild === true || status.state === 'missing';
  if (rebuilt) {
    transaction(db, () => {
      clearSearchIndex(db);
      saveSearchState(db, INDEX_VERSION, 0, Date.now());
    });
  } else if (status.state === 'current') {
    return { indexed: 0, rebuilt: false };
  }
  const total = countMessagesAfter(db, rebuilt ? 0 : status.indexedUpTo);
  let indexed = 0;
  options.onProgress?.({ indexed, total });
  for (;;) {
    if (options.token?.isCancellationRequested) throw indexCancelled(indexed, total - indexed);
    const { last, count } = await indexBatch(db, options.batchSize ?? INDEX_BATCH, options.token);
    if (last === null) break;
    indexed += count;
    options.onProgress?.({ indexed, total });
    // Let a cancel message (worker) or Ctrl+C (CLI) arrive between batches.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return { indexed, rebuilt };
}
