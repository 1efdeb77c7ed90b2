import type Database from 'better-sqlite3';

/**
 * A step that moves existing rows (a backfill) where SQL alone cannot. Its name is part of the
 * migration's frozen identity; its code is held by the migrate-an-old-case tests.
 */
export interface DataStep {
  readonly data: string;
  run(db: Database.Database): void;
}

/** Literal SQL text, executed as written, or a data step. */
export type MigrationStep = string | DataStep;

/**
 * A forward-only schema step. Versions are contiguous from 1. A shipped migration is never edited:
 * its steps are hashed in test/db/frozen-migrations.test.ts, so a changed text fails the suite.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly steps: readonly MigrationStep[];
}
