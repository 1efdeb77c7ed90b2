/**
 * "Import, then index", for the app's import job and the CLI alike. The import is committed first;
 * indexing then makes the messages it announces searchable. A cancel or failure now stops only the
 * indexing: the import stands, and search sees the index is behind (main/search/status.ts) and
 * finishes it, rather than missing the messages.
 */
import type { WritableDB } from '../../db/connection';
import type { CancellationToken } from '../../common/domain/cancellation';
import { updateIndex } from '../search/indexer';

/** The indexing error, for the caller to report; null when the index is current. */
export async function indexAfterImport(db: WritableDB, token?: CancellationToken): Promise<Error | null> {
  try {
    await updateIndex(db, token ? { token } : {});
    return null;
  } catch (err) {
    return err instanceof Error ? err : new Error(String(err));
  }
}
