/**
 * The case-level names list the suggestions look for (docs/spec.md §6). Names are compared by nameKey, so
 * "O’Neill" and "o'neill" are one entry; removing a name marks it, never deletes it.
 */
import type { ReadableDB, WritableDB } from '../../db/connection';
import { insertName, liveNameById, liveNameByKey, liveNames, markNameRemoved, type NameRow } from '../../db/queries/redaction';
import { transaction } from '../../db/queries/run';
import type { RedactionName } from '../../common/domain/redaction';
import { appendAudit } from '../audit/log';
import { assertFullCase } from '../review/mode';
import { NameExistsError, NameNotFoundError } from './errors';

/** The key two spellings of one name share, stored with it: NFC, case-folded, one apostrophe, single spaces. */
export const nameKey = (name: string): string =>
  name
    .trim()
    .replace(/\s+/gu, ' ')
    .normalize('NFC')
    .replace(/['\u2018\u2019\u02bc]/gu, "'")
    .toLocaleLowerCase('und');

const toName = (row: NameRow): RedactionName => ({
  id: row.id,
  name: row.name,
  note: row.note,
  addedAt: row.addedAt,
  addedBy: row.addedBy,
});

export const listNames = (db: ReadableDB): RedactionName[] => liveNames(db).map(toName);

export function addName(db: WritableDB, name: string, note: string, actor: string, at = Date.now()): RedactionName {
  assertFullCase(db, 'adding a name to redact');
  const clean = name.trim().replace(/\s+/gu, ' ').normalize('NFC');
  return transaction(db, () => {
    const key = nameKey(clean);
    if (liveNameByKey(db, key)) throw new NameExistsError(clean);
    const id = insertName(db, clean, key, note, at, actor);
    appendAudit(db, { actor, action: 'redaction-name.added', subject: `name:${id}`, at, details: { name: clean, note } });
    return toName(liveNameById(db, id)!);
  });
}

export function removeName(db: WritableDB, id: number, actor: string, at = Date.now()): { removed: number } {
  assertFullCase(db, 'removing a name to redact');
  return transaction(db, () => {
    const row = liveNameById(db, id);
    if (!row || !markNameRemoved(db, id, at, actor)) throw new NameNotFoundError(id);
    appendAudit(db, { actor, action: 'redaction-name.removed', subject: `name:${id}`, at, details: { name: row.name } });
    return { removed: id };
  });
}
