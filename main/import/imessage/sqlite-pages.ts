/**
 * One column value of one row, read straight from an SQLite file's pages a page at a time: the
 * incremental blob reading better-sqlite3 does not offer. SQLite itself loads a whole value to hand out
 * any part of it (substr), so reading a 500 MB message in parts through SQL held it whole in memory
 * and read it once per part. Here the table's b-tree is walked to the row, and the row's record is
 * followed from its cell through the overflow pages (the file format: sqlite.org/fileformat2.html).
 *
 * Only for a database file that holds every committed page itself (no write-ahead log beside it) and
 * is UTF-8. Anything unexpected is a PageReadError: the caller reads the value through SQL instead.
 */
import { closeSync, openSync, readSync } from 'node:fs';

export class PageReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PageReadError';
  }
}

const INTERIOR_TABLE = 0x05;
const LEAF_TABLE = 0x0d;
const MAX_DEPTH = 64;

/** A varint at `at`: its value (as a number: rowids and sizes here stay below 2^53) and its length. */
function varint(buf: Buffer, at: number): { value: number; length: number } {
  let value = 0;
  for (let i = 0; i < 8; i++) {
    const byte = buf[at + i];
    if (byte === undefined) throw new PageReadError('a varint runs past its page');
    value = value * 128 + (byte & 0x7f);
    if (byte < 0x80) return { value, length: i + 1 };
  }
  const last = buf[at + 8];
  if (last === undefined) throw new PageReadError('a varint runs past its page');
  return { value: value * 256 + last, length: 9 };
}

/** Bytes a record value of serial type `type` takes. */
function serialSize(type: number): number {
  if (type >= 12) return Math.floor((type - 12) / 2);
  return [0, 1, 2, 3, 4, 6, 8, 8, 0, 0][type] ?? Number.NaN;
}

export class PageReader {
  private readonly fd: number;
  private readonly pageSize: number;
  private readonly usable: number;
  private readonly page: Buffer;

  constructor(path: string) {
    this.fd = openSync(path, 'r');
    try {
      const header = Buffer.alloc(100);
      if (readSync(this.fd, header, 0, 100, 0) !== 100 || header.toString('latin1', 0, 16) !== 'SQLite format 3\0')
        throw new PageReadError('not an SQLite file');
      const size = header.readUInt16BE(16);
      this.pageSize = size === 1 ? 65536 : size;
      this.usable = this.pageSize - (header[20] ?? 0);
      if (header.readUInt32BE(56) !== 1) throw new PageReadError('the database is not UTF-8');
      this.page = Buffer.alloc(this.pageSize);
    } catch (err) {
      closeSync(this.fd);
      throw err;
    }
  }

  close(): void {
    closeSync(this.fd);
  }

  private read(page: number): Buffer {
    if (!Number.isInteger(page) || page < 1) throw new PageReadError(`page ${page} does not exist`);
    if (readSync(this.fd, this.page, 0, this.pageSize, (page - 1) * this.pageSize) !== this.pageSize)
      throw new PageReadError(`page ${page} is past the end of the file`);
    return this.page;
  }

  /**
   * The bytes of column `column` (its position in the table's record) of the row `rowid` in the table
   * whose b-tree starts at `rootPage`, in pieces of at most a page. The pieces share one buffer: use
   * each before asking for the next.
   */
  *value(rootPage: number, rowid: number, column: number): Generator<Buffer, void, undefined> {
    const payload = this.payload(rootPage, rowid);
    let first = payload.next();
    if (first.done) throw new PageReadError('the row has no record');
    const head = first.value;
    const headerSize = varint(head, 0);
    if (headerSize.value > head.length) throw new PageReadError('the record header runs past the row cell');
    let at = headerSize.length;
    let offset = headerSize.value;
    let size = 0;
    for (let i = 0; i <= column; i++) {
      if (at >= headerSize.value) throw new PageReadError(`the record has no column ${column}`);
      const type = varint(head, at);
      at += type.length;
      size = serialSize(type.value);
      if (Number.isNaN(size)) throw new PageReadError(`serial type ${type.value} is not one SQLite writes`);
      if (i < column) offset += size;
    }
    // `offset` counts from the start of the payload; walk its pieces to it, then hand on `size` bytes.
    let skipped = 0;
    let left = size;
    for (
      let piece: Buffer | undefined = head;
      piece !== undefined && left > 0;
      piece = (first = payload.next()).done ? undefined : first.value
    ) {
      const start = Math.max(0, offset - skipped);
      skipped += piece.length;
      if (start >= piece.length) continue;
      const part = piece.subarray(start, start + Math.min(left, piece.length - start));
      left -= part.length;
      yield part;
    }
    if (left > 0) throw new PageReadError(`the row's record ends ${left} bytes short`);
  }

  /** The record of row `rowid`: the part in its cell, then each overflow page's part. */
  private *payload(rootPage: number, rowid: number): Generator<Buffer, void, undefined> {
    let page = rootPage;
    for (let depth = 0; depth < MAX_DEPTH; depth++) {
      const buf = this.read(page);
      const h = page === 1 ? 100 : 0;
      const type = buf[h];
      const cells = buf.readUInt16BE(h + 3);
      if (type === INTERIOR_TABLE) {
        // The first cell whose key is at least the rowid holds the subtree with it; past all, the right-most child.
        let next = buf.readUInt32BE(h + 8);
        let lo = 0;
        let hi = cells - 1;
        while (lo <= hi) {
          const mid = (lo + hi) >> 1;
          const cell = buf.readUInt16BE(h + 12 + 2 * mid);
          if (varint(buf, cell + 4).value >= rowid) {
            next = buf.readUInt32BE(cell);
            hi = mid - 1;
          } else {
            lo = mid + 1;
          }
        }
        page = next;
        continue;
      }
      if (type !== LEAF_TABLE) throw new PageReadError(`page ${page} is not a table b-tree page`);
      for (let i = 0; i < cells; i++) {
        const cell = buf.readUInt16BE(h + 8 + 2 * i);
        const size = varint(buf, cell);
        const key = varint(buf, cell + size.length);
        if (key.value !== rowid) continue;
        yield* this.overflowing(buf, cell + size.length + key.length, size.value);
        return;
      }
      throw new PageReadError(`row ${rowid} is not in the table`);
    }
    throw new PageReadError('the table b-tree is deeper than any SQLite writes');
  }

  /** A payload of `size` bytes that starts at `start` of a leaf page and may go on in overflow pages. */
  private *overflowing(leaf: Buffer, start: number, size: number): Generator<Buffer, void, undefined> {
    const u = this.usable;
    const x = u - 35;
    const m = Math.floor(((u - 12) * 32) / 255) - 23;
    const k = m + ((size - m) % (u - 4));
    const local = size <= x ? size : k <= x ? k : m;
    let next = local < size ? leaf.readUInt32BE(start + local) : 0;
    // The leaf's buffer is reused by the reads below: its part is copied first.
    yield Buffer.from(leaf.subarray(start, start + local));
    let left = size - local;
    while (left > 0) {
      if (next === 0) throw new PageReadError('an overflow chain ends early');
      const page = this.read(next);
      next = page.readUInt32BE(0);
      const part = page.subarray(4, 4 + Math.min(left, u - 4));
      left -= part.length;
      yield part;
    }
  }
}
