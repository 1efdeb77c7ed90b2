/**
 * Exports under way: each export records the hidden folder it writes into (beside the bundle's) when
 * it starts, and removes the row when it ends, whether it kept the bundle or not. A row left behind
 * is an export that was killed: the next time the case is opened its folder, unverified files and
 * all, is removed (main/export/interrupted.ts), wherever it was.
 */
import type { Migration } from './types';

export const exportRuns: Migration = {
  version: 12,
  name: 'export runs',
  steps: [
    `
      CREATE TABLE export_runs (
        id INTEGER PRIMARY KEY,
        partial_dir TEXT NOT NULL UNIQUE CHECK (length(partial_dir) > 0),
        bundle_dir TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        started_by TEXT NOT NULL
      ) STRICT;
    `,
  ],
};
