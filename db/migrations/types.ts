import type Database from 'better-sqlite3';

/** A forward-only schema step. Versions are contiguous from 1; a shipped migration is never edited. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database.Database): void;
}
