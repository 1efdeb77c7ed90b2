/**
 * `audit --verify --against <bundle folder or pack file>`: proves the case's log still holds the chain
 * head a bundle or custodian check pack took away with it when it was exported. A log recomputed from
 * the start with the app's own algorithm is consistent in itself; only a head kept outside the case
 * (in a manifest handed to the inquiry, in a pack sent to a private office) can show it was rewritten.
 *
 * A bundle's head is its manifest's `auditChainHead`; a pack's is in its own first entry
 * (`pack.created`, `parentAuditChainHead`), read from a private copy so the pack is never written.
 */
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { closeCaseFile, openCaseFile, type ReadableDB } from '../../db/connection';
import { NotACaseFileError } from '../../db/errors';
import { firstAuditEntry, schemaObjectType } from '../../db/queries/audit';
import { getCaseMeta } from '../../db/queries/case-meta';
import { auditEntryHash } from '../../db/queries/export';
import { MANIFEST_FILE, readManifest } from '../export/manifest';
import { refusePartialFolder } from '../export/partials';
import { privateDatabaseCopy } from '../import/private-copy';
import { asChainHead, entryHash, GENESIS_HASH, verifyAudit, type AuditVerification, type ChainHead } from './log';

export type AnchorSource = 'bundle' | 'pack';

/** A chain head recorded outside the case, and the case it was recorded from. */
export interface AuditAnchor extends ChainHead {
  readonly source: AnchorSource;
  readonly path: string;
  readonly caseId: string;
}

export type AnchorStatus = 'intact' | 'missing' | 'rewritten';

export interface AnchoredVerification extends AuditVerification {
  readonly anchor: Omit<AuditAnchor, 'caseId'> & { readonly status: AnchorStatus; readonly message: string };
}

/** The bundle or pack cannot be read as an anchor: nothing was concluded about the log. */
export class AuditAnchorUnreadableError extends Error {
  constructor(path: string, reason: string) {
    super(`Cannot check the audit log against ${path}: ${reason}. Nothing was concluded about the log.`);
    this.name = 'AuditAnchorUnreadableError';
  }
}

/** The bundle or pack came from another case: its head says nothing about this log. */
export class AuditAnchorOtherCaseError extends Error {
  constructor(anchor: AuditAnchor) {
    super(`the ${label(anchor.source)} ${anchor.path} was exported from another case (case ${anchor.caseId}); check it against that case.`);
    this.name = 'AuditAnchorOtherCaseError';
  }
}

const label = (source: AnchorSource): string => (source === 'bundle' ? 'bundle' : 'custodian check pack');

function bundleAnchor(dir: string): AuditAnchor {
  refusePartialFolder(dir);
  const manifestPath = join(dir, MANIFEST_FILE);
  if (!existsSync(manifestPath))
    throw new AuditAnchorUnreadableError(dir, `the folder has no ${MANIFEST_FILE}; choose a bundle folder or a custodian check pack file`);
  let manifest;
  try {
    manifest = readManifest(manifestPath);
  } catch (err) {
    throw new AuditAnchorUnreadableError(dir, `its manifest ${manifestPath} cannot be read (${(err as Error).message})`);
  }
  const head = asChainHead(manifest.auditChainHead);
  const caseId = (manifest.case as { caseId?: unknown } | undefined)?.caseId;
  if (!head || typeof caseId !== 'string') {
    throw new AuditAnchorUnreadableError(dir, 'its manifest records no audit chain head (or no case), so it cannot anchor the log');
  }
  return { source: 'bundle', path: dir, caseId, ...head };
}

/** Opens `copy`, naming `path` (the file the user chose) in what goes wrong. */
function openPack(copy: string, path: string): ReadableDB {
  try {
    return openCaseFile(copy, { readOnly: true, untrusted: true }).db;
  } catch (err) {
    if (err instanceof NotACaseFileError)
      throw new AuditAnchorUnreadableError(path, 'it is not a Disclosure Desk case file, nor a bundle folder');
    throw new AuditAnchorUnreadableError(path, `it cannot be opened (${(err as Error).message.replaceAll(copy, path)})`);
  }
}

function packAnchorIn(db: ReadableDB, path: string): AuditAnchor {
  // A hostile file may put a view where a table belongs; a view is never read.
  if (schemaObjectType(db, 'audit_log') !== 'table')
    throw new AuditAnchorUnreadableError(path, 'its audit log is not a table; the file was altered');
  if (getCaseMeta(db)?.mode !== 'custodian_check') {
    throw new AuditAnchorUnreadableError(path, 'it is a full case, not a custodian check pack; choose a pack file or a bundle folder');
  }
  const first = firstAuditEntry(db);
  const intact =
    first !== undefined &&
    first.id === 1 &&
    first.action === 'pack.created' &&
    first.prevHash === GENESIS_HASH &&
    entryHash(GENESIS_HASH, first) === first.hash;
  if (!intact) throw new AuditAnchorUnreadableError(path, 'the pack’s own first entry, which records the chain head, was altered');
  const details = JSON.parse(first.details) as { parentCaseId?: unknown; parentAuditChainHead?: unknown };
  const head = asChainHead(details.parentAuditChainHead);
  if (!head || typeof details.parentCaseId !== 'string') {
    throw new AuditAnchorUnreadableError(
      path,
      'it was exported before packs recorded the case’s audit chain head, so it cannot anchor the log',
    );
  }
  return { source: 'pack', path, caseId: details.parentCaseId, ...head };
}

function packAnchor(path: string): AuditAnchor {
  // A private copy, with its -wal if one lies beside it: opening the pack itself would write beside it.
  let copy;
  try {
    copy = privateDatabaseCopy(path);
  } catch (err) {
    throw new AuditAnchorUnreadableError(path, `it cannot be read (${(err as Error).message})`);
  }
  try {
    const db = openPack(copy.path, path);
    try {
      return packAnchorIn(db, path);
    } finally {
      closeCaseFile(db);
    }
  } finally {
    copy.dispose();
  }
}

/** Reads the chain head a bundle folder or custodian check pack file recorded at export. */
export function readAuditAnchor(path: string): AuditAnchor {
  const absolute = resolve(path);
  if (!existsSync(absolute)) throw new AuditAnchorUnreadableError(absolute, 'it does not exist');
  return statSync(absolute).isDirectory() ? bundleAnchor(absolute) : packAnchor(absolute);
}

/** Holds an anchor to the log's check: the entry it names must still be there, with the same hash. */
export function checkAnchor(db: ReadableDB, anchor: AuditAnchor, verification: AuditVerification): AnchoredVerification {
  const caseId = getCaseMeta(db)?.caseId;
  if (anchor.caseId !== caseId) throw new AuditAnchorOtherCaseError(anchor);
  const what = `the ${label(anchor.source)} ${anchor.path}`;
  const now = auditEntryHash(db, anchor.id);
  let status: AnchorStatus;
  let message: string;
  if (now === anchor.hash) {
    status = 'intact';
    const tail = verification.head ? `; the chain from it runs to the current head, entry #${verification.head.id}` : '';
    message = `Intact since ${what} was exported: it recorded entry #${anchor.id} as the chain head, and the log still holds it (SHA-256 ${anchor.hash})${tail}.`;
  } else if (now === undefined) {
    status = 'missing';
    const how = (verification.head?.id ?? 0) < anchor.id ? 'it was truncated' : 'entries were deleted';
    message = `${what} recorded entry #${anchor.id} as the chain head when it was exported, but the log no longer holds entry #${anchor.id}: ${how} after the export`;
  } else {
    status = 'rewritten';
    message = `${what} recorded entry #${anchor.id} with SHA-256 ${anchor.hash} as the chain head when it was exported, but the log’s entry #${anchor.id} now has SHA-256 ${now}: the log was rewritten after the export`;
  }
  const ok = verification.ok && status === 'intact';
  return { ...verification, ok, anchor: { source: anchor.source, path: anchor.path, id: anchor.id, hash: anchor.hash, status, message } };
}

/** The whole check of the log, then the anchor held to it. */
export function verifyAuditAgainst(db: ReadableDB, path: string): AnchoredVerification {
  const anchor = readAuditAnchor(path);
  return checkAnchor(db, anchor, verifyAudit(db));
}
