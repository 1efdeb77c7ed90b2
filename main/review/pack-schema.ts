/**
 * The schema a custodian check pack must have: exactly what this build's migrations create at the
 * pack's schema version, plus the pack's guard triggers. A returned pack with any other table, view,
 * trigger or index, or with one defined differently, is refused before any of its tables is read (a
 * "table" could be a view that never finishes).
 */
import { memoryCaseAt } from '../../db/pack-file';
import { schemaRows, type SchemaRow } from '../../db/queries/pack';
import { installPackGuards } from './pack-guard';

const expected = new Map<number, readonly SchemaRow[]>();

export function expectedPackSchema(version: number): readonly SchemaRow[] {
  let rows = expected.get(version);
  if (!rows) {
    const db = memoryCaseAt(version);
    try {
      installPackGuards(db);
      rows = schemaRows(db);
    } finally {
      db.close();
    }
    expected.set(version, rows);
  }
  return rows;
}

/** What differs, in words, one entry per object; empty when the schemas are the same. */
export function schemaDifferences(found: readonly SchemaRow[], wanted: readonly SchemaRow[]): string[] {
  const byName = new Map(found.map((row) => [row.name, row]));
  const differences: string[] = [];
  for (const want of wanted) {
    const row = byName.get(want.name);
    byName.delete(want.name);
    if (!row) differences.push(`${want.type} "${want.name}" is missing`);
    else if (row.type !== want.type) differences.push(`${row.type} "${row.name}" where a ${want.type} was expected`);
    else if (row.tblName !== want.tblName || row.sql !== want.sql) differences.push(`${row.type} "${row.name}" has a changed definition`);
  }
  for (const row of byName.values()) differences.push(`unexpected ${row.type} "${row.name}"`);
  return differences;
}
