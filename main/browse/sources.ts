/**
 * Custodians, sources and conversations as the contract describes them.
 */
import type { ReadableDB, WritableDB } from '../../db/connection';
import * as q from '../../db/queries/browse';
import { transaction } from '../../db/queries/run';
import { appendAudit } from '../audit/log';
import {
  SOURCE_FORMAT_LABELS,
  type DateOrder,
  type Platform,
  type ConversationKind,
  type SourceFormat,
  type SourceNoteKind,
} from '../../common/domain/model';
import type { ConversationInfo, CustodianInfo, SourceInfo, SourceNotesPage } from '../../common/domain/browse';
import type { Locator } from '../../common/domain/parsed';

export class CustodianExistsError extends Error {
  constructor(name: string) {
    super(`${name} is already a custodian in this case.`);
    this.name = 'CustodianExistsError';
  }
}

export const listCustodians = (db: ReadableDB): CustodianInfo[] => q.listCustodians(db);

/** Adds a custodian and its audit entry in one transaction. */
export function addCustodian(db: WritableDB, name: string, role: string, actor: string): CustodianInfo {
  return transaction(db, () => {
    if (q.custodianByName(db, name)) throw new CustodianExistsError(name);
    const id = q.addCustodian(db, name, role, Date.now());
    appendAudit(db, { actor, action: 'custodian.added', subject: `custodian:${id}`, details: { name, role } });
    return { id, name, role, sources: 0, messages: 0 };
  });
}

export const listSources = (db: ReadableDB): SourceInfo[] =>
  q.listSources(db).map((row) => ({
    ...row,
    format: row.format as SourceFormat,
    formatLabel: SOURCE_FORMAT_LABELS[row.format as SourceFormat],
    dateOrder: row.dateOrder as DateOrder | null,
    dateOrderBasis: row.dateOrderBasis as 'inferred' | 'given' | null,
  }));

export function sourceNotes(db: ReadableDB, sourceId: number, limit: number, offset: number): SourceNotesPage {
  const { total, notes } = q.sourceNotes(db, sourceId, limit, offset);
  return {
    total,
    notes: notes.map((n) => ({
      kind: n.kind as SourceNoteKind,
      message: n.message,
      locator: n.locator ? (JSON.parse(n.locator) as Locator) : null,
    })),
  };
}

export const listConversations = (db: ReadableDB, sourceId: number | null): ConversationInfo[] =>
  q.listConversations(db, sourceId).map((row) => ({ ...row, platform: row.platform as Platform, kind: row.kind as ConversationKind }));
