/**
 * The thumbnail cache (migration 0017): one row per blob, found through the attachments that hold it.
 * A row of another recipe than the caller's counts as absent, and is replaced when made again.
 */
import type { ReadableDB, WritableDB } from '../connection';
import { sql } from '../sql';
import { all, run } from './run';

export type CachedThumbnail =
  | {
      readonly state: 'ready';
      readonly mime: 'image/jpeg' | 'image/png';
      readonly width: number;
      readonly height: number;
      readonly bytes: Buffer;
    }
  | { readonly state: 'unavailable'; readonly reason: string };

/** What making an attachment's thumbnail needs: whether the case holds its bytes, and what is cached for them. */
export interface ThumbnailSourceRow {
  readonly attachmentId: number;
  readonly fileName: string | null;
  readonly present: boolean;
  readonly kept: boolean;
  readonly missingReason: string | null;
  readonly notes: readonly string[];
  readonly detectedMime: string | null;
  readonly sha256: string | null;
  /** The blob holding the bytes, when the case has one with the attachment's hash. */
  readonly blob: { readonly id: number; readonly size: number; readonly chunkSize: number } | null;
  readonly cached: CachedThumbnail | null;
}

interface Row {
  attachmentId: number;
  fileName: string | null;
  present: number;
  kept: number;
  missingReason: string | null;
  notes: string;
  detectedMime: string | null;
  sha256: string | null;
  blobId: number | null;
  blobSize: number | null;
  chunkSize: number | null;
  state: 'ready' | 'unavailable' | null;
  mime: 'image/jpeg' | 'image/png' | null;
  width: number | null;
  height: number | null;
  bytes: Buffer | null;
  reason: string | null;
}

/** The rows of the attachments among `ids` that the case has (in no particular order), with cached thumbnails of `recipe`. */
export function thumbnailSources(db: ReadableDB, ids: readonly number[], recipe: string): ThumbnailSourceRow[] {
  return all<Row>(
    db,
    sql`SELECT a.id AS attachmentId, a.file_name AS fileName, a.present, a.kept, a.missing_reason AS missingReason, a.notes,
               a.detected_mime AS detectedMime, a.sha256, b.id AS blobId, b.size AS blobSize, b.chunk_size AS chunkSize,
               t.state, t.mime, t.width, t.height, t.bytes, t.reason
        FROM attachments a
        LEFT JOIN blobs b ON b.sha256 = a.sha256
        LEFT JOIN thumbnails t ON t.blob_id = b.id AND t.recipe = ${recipe}
        WHERE a.id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`,
  ).map((r) => ({
    attachmentId: r.attachmentId,
    fileName: r.fileName,
    present: r.present === 1,
    kept: r.kept === 1,
    missingReason: r.missingReason,
    notes: JSON.parse(r.notes) as string[],
    detectedMime: r.detectedMime,
    sha256: r.sha256,
    blob: r.blobId === null ? null : { id: r.blobId, size: r.blobSize ?? 0, chunkSize: r.chunkSize ?? 1 },
    cached:
      r.state === 'ready'
        ? { state: 'ready', mime: r.mime!, width: r.width!, height: r.height!, bytes: r.bytes! }
        : r.state === 'unavailable'
          ? { state: 'unavailable', reason: r.reason! }
          : null,
  }));
}

/** Caches what was made for blob `blobId` under `recipe`, replacing whatever was cached for it. */
export function storeThumbnail(db: WritableDB, blobId: number, recipe: string, made: CachedThumbnail, at: number): void {
  if (made.state === 'ready') {
    run(
      db,
      sql`INSERT OR REPLACE INTO thumbnails (blob_id, recipe, state, mime, width, height, bytes, reason, made_at)
          VALUES (${blobId}, ${recipe}, 'ready', ${made.mime}, ${made.width}, ${made.height}, ${made.bytes}, NULL, ${at})`,
    );
  } else {
    run(
      db,
      sql`INSERT OR REPLACE INTO thumbnails (blob_id, recipe, state, mime, width, height, bytes, reason, made_at)
          VALUES (${blobId}, ${recipe}, 'unavailable', NULL, NULL, NULL, NULL, ${made.reason}, ${at})`,
    );
  }
}

/** Bytes and rows the cache holds, for the measure of what it costs. */
export const thumbnailCacheSize = (db: ReadableDB): { rows: number; bytes: number } =>
  all<{ rows: number; bytes: number }>(db, sql`SELECT count(*) AS rows, coalesce(sum(length(bytes)), 0) AS bytes FROM thumbnails`)[0]!;
