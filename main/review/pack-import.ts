/**
 * Bringing a pack's flags back into the reviewer's case. The returned file is checked against this
 * case's own record of the pack it exported, never against what the file says about itself:
 *
 * 1. SQLite never opens the returned file: a private copy (with its -wal) is made, the log folded in,
 *    and the copy read with trusted_schema off.
 * 2. Its schema must be exactly a pack's (pack-schema.ts), checked before any table is read.
 * 3. The pack id it names must be one this case exported, for the same custodian, and the content
 *    the pack may not change must hash to what this case recorded at export (pack-content.ts): a
 *    pack relabelled with another's id, or edited, is refused and leaves that other pack importable.
 * 4. Every flag must be on a message the pack held at export, under this pack's id, with a reason
 *    within bounds (flag-reason.ts).
 *
 * Anything else refuses the whole pack and changes nothing. The flags then land in one transaction
 * with one audit entry; the reviewer accepts or rejects each (flags.ts).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ReadableDB, WritableDB } from '../../db/connection';
import { CaseNotFoundError } from '../../db/errors';
import { SCHEMA_VERSION } from '../../db/migrations';
import { openPackCopy, userVersion } from '../../db/pack-file';
import { getCaseMeta } from '../../db/queries/case-meta';
import {
  flagCount,
  idsOutsidePack,
  insertReturnedFlags,
  packFlags,
  packImport,
  packRecord,
  schemaRows,
  type PackRecord,
  type ReturnedFlag,
} from '../../db/queries/pack';
import { transaction } from '../../db/queries/run';
import { appendAudit } from '../audit/log';
import { privateDatabaseCopy } from '../import/private-copy';
import {
  FlagOutsidePackError,
  FlagReasonError,
  NotAPackError,
  PackAlreadyImportedError,
  PackAlteredError,
  PackMismatchError,
  PackUnreadableError,
  PackNotRecordedError,
} from './errors';
import { MAX_FLAG_REASON, MAX_FLAGGED_BY, maxBytesOf, textProblem } from './flag-reason';
import { assertFullCase } from './mode';
import { packContentSha256 } from './pack-content';
import { thisPack } from './pack-info';
import { expectedPackSchema, schemaDifferences } from './pack-schema';

const isSqliteError = (err: unknown): err is Error => err instanceof Error && /^SQLITE_/.test(String((err as { code?: unknown }).code));

const SHOWN_DIFFERENCES = 6;

const summary = (items: readonly string[]): string =>
  items.length <= SHOWN_DIFFERENCES
    ? items.join('; ')
    : `${items.slice(0, SHOWN_DIFFERENCES).join('; ')}; and ${items.length - SHOWN_DIFFERENCES} more`;

/** Opens the private copy; anything SQLite refuses (a damaged file, a log that will not fold) is named. */
function openCopy(path: string, copyPath: string): ReadableDB {
  try {
    return openPackCopy(copyPath);
  } catch (err) {
    throw new PackUnreadableError(path, err instanceof Error ? err.message : String(err));
  }
}

/** Step 2: the schema, compared before anything else in the file is read. */
function assertPackSchema(pack: ReadableDB, path: string): number {
  const version = userVersion(pack);
  if (version > SCHEMA_VERSION)
    throw new PackUnreadableError(
      path,
      `it was written by a newer Disclosure Desk (schema v${version}); update Disclosure Desk to import it`,
    );
  if (version < 1) throw new PackUnreadableError(path, 'it is not a Disclosure Desk case file');
  const found = schemaRows(pack);
  if (!found.some((row) => row.type === 'trigger' && row.name.startsWith('pack_guard_'))) {
    throw new NotAPackError(
      `${path} is not a custodian check pack: it has none of a pack's guards (it is a full case, or a pack stripped of them).`,
    );
  }
  const differences = schemaDifferences(found, expectedPackSchema(version));
  if (differences.length) throw new PackAlteredError(path, `its schema is not a pack's: ${summary(differences)}`);
  return version;
}

/** Step 3: the pack this case exported under the id the file names, and the file's content is that pack's. */
function recordedPack(db: WritableDB, pack: ReadableDB, path: string, version: number): PackRecord {
  let self;
  try {
    self = thisPack(pack);
  } catch (err) {
    // More or fewer than one pack row; a damaged page is reported as unreadable (readCheckedPack).
    throw isSqliteError(err) || !(err instanceof Error) ? err : new PackAlteredError(path, err.message);
  }
  if (!self) throw new NotAPackError(`${path} is a full case, not a custodian check pack.`);
  const record = packRecord(db, self.packId);
  if (self.parentCaseId !== getCaseMeta(db)?.caseId) {
    throw new PackMismatchError(
      `${path} is a custodian check pack of another case (case ${self.parentCaseId}); open that case to import its flags. Nothing was imported.`,
    );
  }
  if (!record) throw new PackAlteredError(path, `it names itself pack ${self.packId}, which this case never exported`);
  if (record.contentSha256 === null || record.schemaVersion === null) throw new PackNotRecordedError(record.packId, record.custodian);
  if (record.custodianId !== self.custodianId) {
    throw new PackAlteredError(
      path,
      `pack ${record.packId} was exported for ${record.custodian}, but this file names ${self.custodian} (custodian #${self.custodianId})`,
    );
  }
  if (record.schemaVersion !== version) {
    throw new PackAlteredError(path, `pack ${record.packId} was exported at schema v${record.schemaVersion}, but this file is v${version}`);
  }
  if (packContentSha256(pack) !== record.contentSha256) {
    throw new PackAlteredError(
      path,
      `its content is not what this case exported as pack ${record.packId} for ${record.custodian} (the recorded content hash differs)`,
    );
  }
  return record;
}

/** Step 4: every flag on a message of the recorded set, under this pack's id, within bounds. */
function checkedFlags(db: WritableDB, pack: ReadableDB, path: string, record: PackRecord): ReturnedFlag[] {
  const count = flagCount(pack);
  if (count > record.messages)
    throw new PackAlteredError(path, `it holds ${count} flags, but pack ${record.packId} held only ${record.messages} messages to flag`);
  const rows = packFlags(pack, maxBytesOf(MAX_FLAG_REASON), maxBytesOf(MAX_FLAGGED_BY));
  const foreign = rows.find((r) => r.packId !== record.packId);
  if (foreign)
    throw new PackAlteredError(path, `it holds a flag recorded under another pack (${foreign.packId}) on message #${foreign.messageId}`);
  const outside = idsOutsidePack(
    db,
    record.packId,
    rows.map((r) => r.messageId),
  );
  if (outside.length) throw new FlagOutsidePackError(record.packId, outside);
  return rows.map((row) => {
    const problem = textProblem(row.reason, MAX_FLAG_REASON);
    if (problem)
      throw new FlagReasonError(
        `The flag on message #${row.messageId} has a reason that ${problem}. The app never writes such a reason, so ${path} was altered; nothing was imported.`,
      );
    const byProblem = textProblem(row.flaggedBy, MAX_FLAGGED_BY);
    if (byProblem)
      throw new FlagReasonError(
        `The flag on message #${row.messageId} names who flagged it with text that ${byProblem}, so ${path} was altered; nothing was imported.`,
      );
    return { messageId: row.messageId, reason: row.reason ?? '', flaggedAt: row.flaggedAt, flaggedBy: row.flaggedBy ?? '' };
  });
}

function readCheckedPack(db: WritableDB, path: string): { record: PackRecord; flags: ReturnedFlag[] } {
  if (!existsSync(path)) throw new CaseNotFoundError(path);
  const copy = privateDatabaseCopy(path);
  try {
    const pack = openCopy(path, copy.path);
    try {
      const version = assertPackSchema(pack, path);
      const record = recordedPack(db, pack, path, version);
      return { record, flags: checkedFlags(db, pack, path, record) };
    } catch (err) {
      // A damaged page anywhere in the copy surfaces only when it is read.
      throw isSqliteError(err) ? new PackUnreadableError(path, err.message) : err;
    } finally {
      pack.close();
    }
  } finally {
    copy.dispose();
  }
}

export interface ImportedFlags {
  readonly packId: string;
  readonly custodian: string;
  readonly flags: number;
}

export function importPackFlags(db: WritableDB, packPath: string, actor: string, at = Date.now()): ImportedFlags {
  assertFullCase(db, 'importing custodian flags');
  const path = resolve(packPath);
  const { record, flags } = readCheckedPack(db, path);
  return transaction(db, () => {
    const previous = packImport(db, record.packId);
    if (previous) throw new PackAlreadyImportedError(record.packId, previous.importedAt, previous.importedBy);
    insertReturnedFlags(db, record.packId, flags, at, actor);
    appendAudit(db, {
      actor,
      action: 'pack.flagsImported',
      subject: `pack:${record.packId}`,
      at,
      details: { custodian: record.custodian, flags: flags.length, file: path },
    });
    return { packId: record.packId, custodian: record.custodian, flags: flags.length };
  });
}
