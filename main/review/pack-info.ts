/** Which pack a case is (in a pack), and which packs a case has exported (in the reviewer's case). */
import type { ReadableDB } from '../../db/connection';
import { packRows, type PackRow } from '../../db/queries/pack';
import { caseMode } from './mode';

/** In a custodian check pack, its one custodian_packs row; null in a full case. */
export function thisPack(db: ReadableDB): PackRow | null {
  if (caseMode(db) !== 'custodian_check') return null;
  const rows = packRows(db);
  if (rows.length !== 1) throw new Error(`a custodian check pack must describe exactly one pack; this one has ${rows.length}`);
  return rows[0] ?? null;
}
