/**
 * Bringing a pack's flags back into the reviewer's case. The pack must be one this case exported
 * (its parent case id is this case's, and this case recorded exporting it) and not imported before;
 * every flagged message must be one of that custodian's messages here. All flags land in one
 * transaction with one audit entry; the reviewer then accepts or rejects each (flags.ts).
 */
import { resolve } from 'node:path';
import { closeCaseFile, openCaseFile, type WritableDB } from '../../db/connection';
import { getCaseMeta } from '../../db/queries/case-meta';
import { all, run, transaction } from '../../db/queries/run';
import { sql } from '../../db/sql';
import { appendAudit } from '../audit/log';
import { NotAPackError, PackAlreadyImportedError, PackMismatchError } from './errors';
import { assertFullCase } from './mode';
import { exportedPack, packImport, thisPack, type PackRow } from './pack-info';

interface PackFlag {
  readonly messageId: number;
  readonly reason: string;
  readonly flaggedAt: number;
  readonly flaggedBy: string;
}

function readPack(path: string): { pack: PackRow; flags: PackFlag[] } {
  const { db } = openCaseFile(path, { readOnly: true });
  try {
    const pack = thisPack(db);
    if (!pack) throw new NotAPackError(`${path} is a full case, not a custodian check pack.`);
    const flags = all<PackFlag>(
      db,
      sql`SELECT message_id AS messageId, reason, flagged_at AS flaggedAt, flagged_by AS flaggedBy FROM custodian_flags
          WHERE pack_id = ${pack.packId} ORDER BY id`,
    );
    return { pack, flags };
  } finally {
    closeCaseFile(db);
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
  const { pack, flags } = readPack(path);
  const meta = getCaseMeta(db);
  if (pack.parentCaseId !== meta?.caseId || !exportedPack(db, pack.packId)) {
    throw new PackMismatchError(
      `${path} is a custodian check pack of another case (case ${pack.parentCaseId}); open that case to import its flags. Nothing was imported.`,
    );
  }
  return transaction(db, () => {
    const previous = packImport(db, pack.packId);
    if (previous) throw new PackAlreadyImportedError(pack.packId, previous.importedAt, previous.importedBy);
    const flagsJson = JSON.stringify(flags);
    // A flag must name one of this custodian's messages here; anything else means the pack was altered.
    const strays = all<{ id: number }>(
      db,
      sql`SELECT json_extract(j.value, '$.messageId') AS id FROM json_each(${flagsJson}) j
          LEFT JOIN messages m ON m.id = json_extract(j.value, '$.messageId')
          LEFT JOIN sources s ON s.id = m.source_id
          WHERE s.custodian_id IS NOT ${pack.custodianId}`,
    );
    if (strays.length) {
      throw new PackMismatchError(
        `The pack flags message${strays.length === 1 ? '' : 's'} ${strays.map((s) => `#${s.id}`).join(', ')}, which ${strays.length === 1 ? 'is' : 'are'} not ${pack.custodian}'s in this case; the pack was altered. Nothing was imported.`,
      );
    }
    run(
      db,
      sql`INSERT INTO custodian_flags (pack_id, message_id, reason, flagged_at, flagged_by, imported_at)
          SELECT ${pack.packId}, json_extract(value, '$.messageId'), json_extract(value, '$.reason'), json_extract(value, '$.flaggedAt'),
            json_extract(value, '$.flaggedBy'), ${at}
          FROM json_each(${flagsJson})`,
    );
    run(
      db,
      sql`INSERT INTO custodian_pack_imports (pack_id, flags, imported_at, imported_by) VALUES (${pack.packId}, ${flags.length}, ${at}, ${actor})`,
    );
    appendAudit(db, {
      actor,
      action: 'pack.flagsImported',
      subject: `pack:${pack.packId}`,
      at,
      details: { custodian: pack.custodian, flags: flags.length, file: path },
    });
    return { packId: pack.packId, custodian: pack.custodian, flags: flags.length };
  });
}
