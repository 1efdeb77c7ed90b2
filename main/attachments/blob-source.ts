/**
 * A blob the case holds, as a ByteSource (main/media/byte-source.ts), so the media readers can read an
 * attachment's headers where it is stored: a read loads only the chunks it covers, and the last chunk
 * read is kept, since header walks read a few bytes at a time from nearby offsets.
 */
import type { ReadableDB } from '../../db/connection';
import { blobChunk, type BlobRow } from '../../db/queries/blobs';
import type { ByteSource } from '../media/byte-source';
import { AttachmentBytesMissingError } from './open';

export function blobSource(db: ReadableDB, blob: BlobRow, name: string): ByteSource {
  let held: { n: number; bytes: Buffer } | null = null;
  const chunk = (n: number): Buffer => {
    if (held?.n === n) return held.bytes;
    const bytes = blobChunk(db, blob.id, n);
    if (!bytes) throw new AttachmentBytesMissingError(name, blob.sha256, `part ${n + 1} is missing`);
    held = { n, bytes };
    return bytes;
  };
  return {
    size: blob.size,
    read(offset, length) {
      const end = Math.min(blob.size, offset + length);
      if (end <= offset) return Promise.resolve(new Uint8Array());
      const first = Math.floor(offset / blob.chunkSize);
      const last = Math.floor((end - 1) / blob.chunkSize);
      if (first === last) {
        const start = offset - first * blob.chunkSize;
        return Promise.resolve(chunk(first).subarray(start, start + (end - offset)));
      }
      const out = Buffer.allocUnsafe(end - offset);
      for (let n = first; n <= last; n++) {
        const from = Math.max(offset, n * blob.chunkSize);
        const to = Math.min(end, (n + 1) * blob.chunkSize);
        chunk(n).copy(out, from - offset, from - n * blob.chunkSize, to - n * blob.chunkSize);
      }
      return Promise.resolve(out);
    },
  };
}
