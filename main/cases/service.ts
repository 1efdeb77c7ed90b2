/**
 * Creating, opening and describing cases. Used by the IPC handlers and the CLI alike.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { closeCaseFile, createCaseFile, openCaseFile, type ReadableDB, type WritableDB } from '../../db/connection';
import { NotACaseFileError } from '../../db/errors';
import { countAll, getCaseMeta, insertCaseMeta, type CaseMetaRow } from '../../db/queries/case-meta';
import { transaction } from '../../db/queries/run';
import { schemaVersionOf } from '../../db/migrations';
import { appendAudit } from '../audit/log';
import { DEFAULT_REFERENCE_WIDTH, type CaseCounts, type CaseDetails, type CaseInfo } from '../../common/domain/model';

export interface Actor {
  readonly actor: string;
  readonly appVersion: string;
}

/** An open case: the read handle always, the write handle when the file is writable. */
export interface CaseSession {
  readonly path: string;
  readonly db: ReadableDB;
  readonly writable: WritableDB | null;
  readonly meta: CaseMetaRow;
}

export function createCase(path: string, details: CaseDetails, who: Actor): CaseSession {
  const absolute = resolve(path);
  mkdirSync(dirname(absolute), { recursive: true, mode: 0o700 });
  const db = createCaseFile(absolute);
  const meta: CaseMetaRow = {
    ...details,
    caseId: randomUUID(),
    referenceWidth: DEFAULT_REFERENCE_WIDTH,
    mode: 'full',
    createdAt: Date.now(),
    createdBy: who.actor,
    appVersion: who.appVersion,
  };
  transaction(db, () => {
    insertCaseMeta(db, meta);
    appendAudit(db, {
      actor: who.actor,
      action: 'case.created',
      subject: meta.caseId,
      details: { name: meta.name, referencePrefix: meta.referencePrefix, appVersion: who.appVersion },
      at: meta.createdAt,
    });
  });
  return { path: absolute, db, writable: db, meta };
}

export function openCase(path: string, options: { readOnly?: boolean } = {}): CaseSession {
  const absolute = resolve(path);
  const { db, writable } = openCaseFile(absolute, options);
  const meta = getCaseMeta(db);
  if (!meta) {
    closeCaseFile(db);
    throw new NotACaseFileError(absolute, 'it has no case details; it was not created by Disclosure Desk or is damaged');
  }
  return { path: absolute, db, writable, meta };
}

export function closeCase(session: CaseSession): void {
  closeCaseFile(session.db);
}

export function caseInfo(session: CaseSession): CaseInfo {
  const { meta } = session;
  return {
    caseId: meta.caseId,
    path: session.path,
    name: meta.name,
    inquiry: meta.inquiry,
    requestReference: meta.requestReference,
    referencePrefix: meta.referencePrefix,
    protectiveMarking: meta.protectiveMarking,
    defaultTimeZone: meta.defaultTimeZone,
    schemaVersion: schemaVersionOf(session.db),
    mode: meta.mode,
    createdAt: meta.createdAt,
    readOnly: session.writable === null,
  };
}

export const caseCounts = (session: CaseSession): CaseCounts => countAll(session.db);
