/**
 * What a case's mode allows. A full case takes decisions, exports packs and imports flags; a
 * custodian check pack takes flags and nothing else. Services check here first, so the refusal is the
 * same whichever caller (IPC handler, CLI, test) asked.
 */
import type { ReadableDB } from '../../db/connection';
import { getCaseMeta } from '../../db/queries/case-meta';
import type { CaseMode } from '../../common/domain/model';
import { NotAPackError, PackModeError } from './errors';

export function caseMode(db: ReadableDB): CaseMode {
  const meta = getCaseMeta(db);
  if (!meta) throw new Error('the case has no case details (case_meta is empty)');
  return meta.mode;
}

/** `what`: the refused action, in words ("a review decision"). */
export function assertFullCase(db: ReadableDB, what: string): void {
  if (caseMode(db) === 'custodian_check') throw new PackModeError(what);
}

export function assertPack(db: ReadableDB): void {
  if (caseMode(db) !== 'custodian_check')
    throw new NotAPackError('This is a full case, not a custodian check pack: flag nothing here; decide the item instead.');
}
