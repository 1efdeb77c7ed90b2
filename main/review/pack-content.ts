/**
 * A hash of everything in a custodian check pack that the pack may not change: every table its guard
 * triggers protect (the material, its decisions, the case details and the pack's own description),
 * row by row in a fixed order, each value with its type. The flags, their audit trail and the derived
 * search index are left out: they are what a pack is for. The reviewer's case records this hash at
 * export; a returned pack whose hash differs was altered, whatever it says it is.
 */
import { createHash } from 'node:crypto';
import type { ReadableDB } from '../../db/connection';
import { schemaRows, tableRows, type SchemaRow } from '../../db/queries/pack';

/** The tables a pack guards: those with a pack_guard_<table>_insert trigger. */
export const guardedTablesOf = (schema: readonly SchemaRow[]): string[] =>
  schema
    .filter((row) => row.type === 'trigger' && row.name === `pack_guard_${row.tblName}_insert`)
    .map((row) => row.tblName)
    .sort();

const CHUNK = 1 << 20;

/**
 * Length-prefixed, typed fields written into one buffer and hashed a chunk at a time (a hash call
 * per value made a 50k-message pack take seconds), so no two different sequences of values hash
 * the same bytes.
 */
class FieldHasher {
  private readonly hash = createHash('sha256');
  private buffer = Buffer.alloc(CHUNK);
  private used = 0;

  private room(bytes: number): void {
    if (this.used + bytes <= this.buffer.length) return;
    this.hash.update(this.buffer.subarray(0, this.used));
    this.used = 0;
    if (bytes > this.buffer.length) this.buffer = Buffer.alloc(bytes);
  }

  header(tag: string, length: number): void {
    this.room(9 + length);
    this.buffer.write(tag, this.used, 'latin1');
    this.buffer.writeBigUInt64BE(BigInt(length), this.used + 1);
    this.used += 9;
  }

  text(tag: string, text: string): void {
    const length = Buffer.byteLength(text, 'utf8');
    this.header(tag, length);
    this.used += this.buffer.write(text, this.used, 'utf8');
  }

  value(v: unknown): void {
    if (v === null) this.header('n', 0);
    else if (typeof v === 'bigint') this.text('i', v.toString());
    else if (typeof v === 'string') this.text('s', v);
    else if (typeof v === 'number') {
      this.header('r', 8);
      this.used = this.buffer.writeDoubleBE(v, this.used);
    } else if (Buffer.isBuffer(v)) {
      this.header('b', v.length);
      this.used += v.copy(this.buffer, this.used);
    } else throw new Error(`unexpected SQLite value of type ${typeof v}`);
  }

  digest(): string {
    this.hash.update(this.buffer.subarray(0, this.used));
    return this.hash.digest('hex');
  }
}

export function packContentSha256(db: ReadableDB): string {
  const hasher = new FieldHasher();
  for (const table of guardedTablesOf(schemaRows(db))) {
    const { columns, rows } = tableRows(db, table);
    hasher.text('t', table);
    for (const column of columns) hasher.text('c', column);
    for (const row of rows) {
      hasher.header('w', 0);
      for (const v of row) hasher.value(v);
    }
  }
  return hasher.digest();
}
