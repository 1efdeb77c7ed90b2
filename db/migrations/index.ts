/**
 * Runs pending migrations in one transaction: a case is either at the old schema or the new one,
 * never between. A case from a newer build is refused before anything is touched.
 */
import type Database from 'better-sqlite3';
import { SchemaTooNewError, ReadOnlyCaseError } from '../errors';
import { initial } from './0001-initial';
import { conversationPosition } from './0002-conversation-position';
import { searchIndex } from './0003-search-index';
import { custodianFlags } from './0004-custodian-flags';
import { redactionNames } from './0005-redaction-names';
import { labelRedactions } from './0006-label-redactions';
import { redactionBatchChanges } from './0007-redaction-batch-changes';
import { auditBrowse } from './0008-audit-browse';
import { decisionLayers } from './0009-decision-layers';
import { bundleLedger } from './0010-bundle-ledger';
import { packRecords } from './0011-pack-records';
import { exportRuns } from './0012-export-runs';
import { fileNameRedactions } from './0013-file-name-redactions';
import { cheapMessageConstraints } from './0014-cheap-message-constraints';
import { attachmentBytes } from './0015-attachment-bytes';
import { attachmentDecisions } from './0016-attachment-decisions';
import { thumbnailCache } from './0017-thumbnail-cache';
import { imageRedactions } from './0018-image-redactions';
import { signalSourceFormat } from './0019-signal-source-format';
import { searchFilterIndex } from './0020-search-filter-index';
import type { Migration } from './types';

export const MIGRATIONS: readonly Migration[] = [
  initial,
  conversationPosition,
  searchIndex,
  custodianFlags,
  redactionNames,
  labelRedactions,
  redactionBatchChanges,
  auditBrowse,
  decisionLayers,
  bundleLedger,
  packRecords,
  exportRuns,
  fileNameRedactions,
  cheapMessageConstraints,
  attachmentBytes,
  attachmentDecisions,
  thumbnailCache,
  imageRedactions,
  signalSourceFormat,
  searchFilterIndex,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export function schemaVersionOf(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export interface MigrateOptions {
  /** Check only: a case that needs upgrading is refused instead of changed (read-only opens). */
  readonly dryRun?: boolean;
  readonly migrations?: readonly Migration[];
}

export function migrate(db: Database.Database, path: string, options: MigrateOptions = {}): number {
  const migrations = options.migrations ?? MIGRATIONS;
  const latest = migrations.length;
  const current = schemaVersionOf(db);
  if (current > latest) throw new SchemaTooNewError(path, current, latest);
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return current;
  if (options.dryRun) throw new ReadOnlyCaseError(path, `its schema v${current} must be upgraded to v${latest} first`);
  const record = (m: Migration): void => {
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, Date.now());
  };
  // Foreign keys are off while migrations run, as SQLite's procedure for changing a table's definition
  // requires (dropping a table others refer to would otherwise fail, and can only be switched outside
  // a transaction); a migration that rebuilds a table checks its references before the upgrade commits.
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      for (const migration of pending) {
        for (const step of migration.steps) {
          if (typeof step === 'string') db.exec(step);
          else step.run(db);
        }
        record(migration);
        db.pragma(`user_version = ${migration.version}`);
      }
    })();
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys}`);
  }
  return latest;
}
