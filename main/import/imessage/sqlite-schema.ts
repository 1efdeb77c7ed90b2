/**
 * Reads table names out of the first bytes of an SQLite file without opening it, so the format sniffer
 * can tell a Messages database from any other SQLite file. The schema lives in the b-tree rooted at
 * page 1; in a real chat.db page 1 is usually an interior page whose leaves sit further into the file,
 * so the answer says whether the bytes held the whole schema.
 */

const MAGIC = 'SQLite format 3\0';
const LEAF_TABLE_PAGE = 0x0d;
const INTERIOR_TABLE_PAGE = 0x05;
const MAX_DEPTH = 8;

export interface VisibleSchema {
  readonly tables: ReadonlySet<string>;
  /** False when part of the schema b-tree lies beyond the bytes given. */
  readonly complete: boolean;
}

export function hasSqliteMagic(head: Uint8Array): boolean {
  if (head.length < 100) return false;
  for (let i = 0; i < MAGIC.length; i++) if (head[i] !== MAGIC.charCodeAt(i)) return false;
  return true;
}

/** Null when the bytes are not an SQLite file or its schema pages are not shaped as SQLite writes them. */
export function visibleSchema(head: Uint8Array): VisibleSchema | null {
  if (!hasSqliteMagic(head)) return null;
  const u16 = (at: number): number => ((head[at] ?? 0) << 8) | (head[at + 1] ?? 0);
  const u32 = (at: number): number => u16(at) * 0x10000 + u16(at + 2);
  const rawPageSize = u16(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) return null;

  const tables = new Set<string>();
  let complete = true;
  let malformed = false;
  const visited = new Set<number>();

  const varint = (at: number): [value: number, next: number] => {
    let value = 0;
    for (let i = 0; i < 9; i++) {
      const byte = head[at + i];
      if (byte === undefined) return [-1, -1];
      if (i === 8) return [value * 256 + byte, at + 9];
      value = value * 128 + (byte & 0x7f);
      if (byte < 0x80) return [value, at + i + 1];
    }
    return [-1, -1];
  };

  // A sqlite_master row is (type, name, tbl_name, rootpage, sql); only the first two are read.
  const readRow = (cellAt: number): void => {
    const [, afterPayloadSize] = varint(cellAt);
    const [, recordAt] = afterPayloadSize < 0 ? [0, -1] : varint(afterPayloadSize);
    if (recordAt < 0) return void (complete = false);
    const [headerSize, afterHeaderSize] = varint(recordAt);
    const [typeSerial, afterType] = afterHeaderSize < 0 ? [0, -1] : varint(afterHeaderSize);
    const [nameSerial] = afterType < 0 ? [0, -1] : varint(afterType);
    if (afterType < 0 || headerSize < 0) return void (complete = false);
    const text = (serial: number): number => (serial >= 13 && serial % 2 === 1 ? (serial - 13) / 2 : -1);
    const typeLength = text(typeSerial);
    const nameLength = text(nameSerial);
    if (typeLength < 0 || nameLength < 0) return;
    const typeAt = recordAt + headerSize;
    const nameAt = typeAt + typeLength;
    if (nameAt + nameLength > head.length) return void (complete = false);
    const decode = (at: number, length: number): string => new TextDecoder().decode(head.subarray(at, at + length));
    if (decode(typeAt, typeLength) === 'table') tables.add(decode(nameAt, nameLength));
  };

  const walk = (page: number, depth: number): void => {
    if (malformed) return;
    if (depth > MAX_DEPTH || visited.has(page) || page < 1) return void (malformed = true);
    visited.add(page);
    const pageAt = (page - 1) * pageSize;
    const headerAt = page === 1 ? 100 : pageAt;
    if (headerAt + 12 > head.length) return void (complete = false);
    const kind = head[headerAt];
    const cells = u16(headerAt + 3);
    const interior = kind === INTERIOR_TABLE_PAGE;
    if (!interior && kind !== LEAF_TABLE_PAGE) return void (malformed = true);
    const pointersAt = headerAt + (interior ? 12 : 8);
    if (pointersAt + 2 * cells > head.length) return void (complete = false);
    for (let i = 0; i < cells; i++) {
      const cellAt = pageAt + u16(pointersAt + 2 * i);
      if (cellAt + 4 > head.length) complete = false;
      else if (interior) walk(u32(cellAt), depth + 1);
      else readRow(cellAt);
    }
    if (interior) walk(u32(headerAt + 8), depth + 1);
  };

  walk(1, 0);
  return malformed ? null : { tables, complete };
}
