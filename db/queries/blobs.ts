/**
 * Attachment bytes in the case (migration 0015): one `blobs` row per distinct SHA-256, its bytes in
 * `blob_chunks` of BLOB_CHUNK_BYTES. A chunk is written and read whole (better-sqlite3 has no
 * incremental blob I/O), so no more than one chunk of a file is in memory at a time.
 */
import type { ReadableDB, WritableDB } from '../connection';
import { sql } from '../sql';
import { get, run } from './run';

/** Bytes per chunk row: large enough that per-row costs vanish, small enough to hold one in memory. */
export const BLOB_CHUNK_BYTES = 1024 * 1024;

export interface BlobRow {
  readonly id: number;
  readonly sha256: string;
  readonly size: number;
  readonly chunkSize: number;
}

export const blobBySha = (db: ReadableDB, sha256: string): BlobRow | undefined =>
  get<BlobRow>(db, sql`SELECT id, sha256, size, chunk_size AS chunkSize FROM blobs WHERE sha256 = ${sha256}`);

/** An id no blob has: a large file's chunks are written under it before its hash (and so its row) is known. */
export const unusedBlobId = (db: WritableDB): number =>
  get<{ next: number }>(db, sql`SELECT coalesce(max(id), 0) + 1 AS next FROM blobs`)!.next;

export function insertBlobChunk(db: WritableDB, blobId: number, n: number, bytes: Uint8Array): void {
  run(db, sql`INSERT INTO blob_chunks (blob_id, n, bytes) VALUES (${blobId}, ${n}, ${bytes})`);
}

/** The row that makes chunks written under `id` the bytes of `sha256`. */
export function insertBlob(db: WritableDB, id: number, sha256: string, size: number, chunkSize: number = BLOB_CHUNK_BYTES): void {
  run(db, sql`INSERT INTO blobs (id, sha256, size, chunk_size) VALUES (${id}, ${sha256}, ${size}, ${chunkSize})`);
}

/** Chunks written under an id that will have no row: the content was already in the case, or reading it failed. */
export function dropBlobChunks(db: WritableDB, blobId: number): void {
  run(db, sql`DELETE FROM blob_chunks WHERE blob_id = ${blobId}`);
}

/** Chunk `n` of a blob, or undefined when the case does not hold it. */
export const blobChunk = (db: ReadableDB, blobId: number, n: number): Buffer | undefined =>
  get<{ bytes: Buffer }>(db, sql`SELECT bytes FROM blob_chunks WHERE blob_id = ${blobId} AND n = ${n}`)?.bytes;

/** What a reader needs to find an attachment's bytes: the attachment and, when the case holds it, its blob. */
export interface AttachmentBytesRow {
  readonly id: number;
  readonly fileName: string | null;
  readonly mime: string | null;
  readonly sha256: string | null;
  readonly size: number | null;
  readonly present: boolean;
  readonly kept: boolean;
  readonly missingReason: string | null;
  readonly notes: readonly string[];
  readonly blob: BlobRow | null;
}

export function attachmentBytesRow(db: ReadableDB, attachmentId: number): AttachmentBytesRow | undefined {
  const row = get<{
    id: number;
    fileName: string | null;
    mime: string | null;
    sha256: string | null;
    size: number | null;
    present: number;
    kept: number;
    missingReason: string | null;
    notes: string;
    blobId: number | null;
    blobSize: number | null;
    chunkSize: number | null;
  }>(
    db,
    sql`SELECT a.id, a.file_name AS fileName, a.mime, a.sha256, a.size, a.present, a.kept, a.missing_reason AS missingReason, a.notes,
               b.id AS blobId, b.size AS blobSize, b.chunk_size AS chunkSize
        FROM attachments a LEFT JOIN blobs b ON b.sha256 = a.sha256 WHERE a.id = ${attachmentId}`,
  );
  if (!row) return undefined;
  return {
    id: row.id,
    fileName: row.fileName,
    mime: row.mime,
    sha256: row.sha256,
    size: row.size,
    present: row.present === 1,
    kept: row.kept === 1,
    missingReason: row.missingReason,
    notes: JSON.parse(row.notes) as string[],
    blob:
      row.blobId === null || row.sha256 === null
        ? null
        : { id: row.blobId, sha256: row.sha256, size: row.blobSize ?? 0, chunkSize: row.chunkSize ?? BLOB_CHUNK_BYTES },
  };
}
