/**
 * Thumbnails for the timeline (docs/spec.md §13): of the original as the case holds it (no redaction
 * applied: only the reviewer sees them), answered from the case's cache (migration 0017) where it has
 * them and otherwise made in a thumbnail thread (thumbnail-threads.ts) and cached. The cache is keyed
 * by the content, so a photo many messages hold is made once; a file that cannot be decoded is cached
 * as unavailable with the decoder's reason, so it is not decoded again at every scroll.
 *
 * What the cache costs (measured on the benchmark's 1,000 phone-sized JPEGs, 192 px JPEG at quality
 * 75): about 8 KB a thumbnail, against about 2 MB for the photo the case already holds, so under half a
 * percent of the case; it has at most one row per stored file, and stays inside the one case file, so
 * the case stays one portable file. A custodian check pack and a read-only case show thumbnails without
 * caching them (the handler uses uncachedThumbnails).
 */
import type { ReadableDB, WritableDB } from '../../db/connection';
import { storeThumbnail, thumbnailSources, type CachedThumbnail, type ThumbnailSourceRow } from '../../db/queries/thumbnails';
import { CancelledError } from '../../common/domain/cancellation';
import { THUMBNAIL_SIZE, type AttachmentThumbnail } from '../../common/domain/media';
import { MAX_IMAGE_FILE_BYTES } from '../media/metadata';
import { SNIFF_HEAD_BYTES, sniff } from '../media/sniff';
import { AttachmentNotFoundError, openBlob, readAttachment } from './open';
import { makeThumbnail } from './thumbnail-threads';

/** How the cached rows are made; a change here makes every thumbnail again, replacing the old rows. */
export const THUMBNAIL_RECIPE = `${THUMBNAIL_SIZE}px jpeg-or-png q75 v1`;

type Store = (blobId: number, made: CachedThumbnail) => void;

/** Thumbnails of `attachmentIds` (in that order, each once), cached in the case. */
export function thumbnailsFor(db: WritableDB, attachmentIds: readonly number[], signal?: AbortSignal): Promise<AttachmentThumbnail[]> {
  const store: Store = (blobId, made) => {
    // The case may have closed while the thumbnail was made; it is made again when next asked for.
    if (db.open) storeThumbnail(db, blobId, THUMBNAIL_RECIPE, made, Date.now());
  };
  return thumbnails(db, attachmentIds, store, signal);
}

/** The same without writing the cache: for a case opened read-only, or a custodian check pack, which accept no writes. */
export function uncachedThumbnails(db: ReadableDB, attachmentIds: readonly number[], signal?: AbortSignal): Promise<AttachmentThumbnail[]> {
  return thumbnails(db, attachmentIds, () => undefined, signal);
}

/** Thumbnails being made, per connection and blob: a second request for the same one waits for the first. */
const making = new WeakMap<ReadableDB, Map<number, Promise<CachedThumbnail | string>>>();

async function thumbnails(
  db: ReadableDB,
  attachmentIds: readonly number[],
  store: Store,
  signal?: AbortSignal,
): Promise<AttachmentThumbnail[]> {
  const ids = [...new Set(attachmentIds)];
  const rows = new Map(thumbnailSources(db, ids, THUMBNAIL_RECIPE).map((row) => [row.attachmentId, row]));
  const unknown = ids.find((id) => !rows.has(id));
  if (unknown !== undefined) throw new AttachmentNotFoundError(unknown);
  const results = new Map<number, AttachmentThumbnail>();
  const toMake: ThumbnailSourceRow[] = [];
  for (const row of rows.values()) {
    const known = answerWithoutBytes(row);
    if (known) results.set(row.attachmentId, known);
    else toMake.push(row);
  }
  await Promise.all(
    toMake.map(async (row) => {
      const made = await madeOnce(db, row, store, signal);
      results.set(row.attachmentId, typeof made === 'string' ? unavailable(row.attachmentId, made) : answer(row.attachmentId, made));
    }),
  );
  return ids.map((id) => results.get(id)!);
}

/** The answer when no bytes need reading: cached, or the case does not hold the file. */
function answerWithoutBytes(row: ThumbnailSourceRow): AttachmentThumbnail | undefined {
  const id = row.attachmentId;
  if (!row.present) return unavailable(id, `not in the case: ${row.missingReason ?? 'the export did not include the file'}`);
  if (!row.kept || row.sha256 === null) {
    return unavailable(
      id,
      `not in the case: ${row.notes[0] ?? 'it was imported before the case kept attachment files; import the source again'}`,
    );
  }
  if (!row.blob) {
    return unavailable(id, `the case file does not hold its bytes (sha256 ${row.sha256}); the case file may be damaged`);
  }
  return row.cached ? answer(id, row.cached) : undefined;
}

function answer(attachmentId: number, cached: CachedThumbnail): AttachmentThumbnail {
  if (cached.state === 'unavailable') return unavailable(attachmentId, cached.reason);
  const dataUrl = `data:${cached.mime};base64,${cached.bytes.toString('base64')}`;
  return { attachmentId, state: 'ready', dataUrl, width: cached.width, height: cached.height };
}

const unavailable = (attachmentId: number, reason: string): AttachmentThumbnail => ({ attachmentId, state: 'unavailable', reason });

/**
 * Makes and caches the thumbnail of the row's blob, once however many requests want it at the same
 * time; a string is a reason not to cache (the case's bytes are damaged, the thread failed).
 */
function madeOnce(db: ReadableDB, row: ThumbnailSourceRow, store: Store, signal?: AbortSignal): Promise<CachedThumbnail | string> {
  const blobId = row.blob!.id;
  let perBlob = making.get(db);
  if (!perBlob) {
    perBlob = new Map<number, Promise<CachedThumbnail | string>>();
    making.set(db, perBlob);
  }
  const pending = perBlob.get(blobId);
  if (pending) return pending;
  const started = makeAndStore(db, row, store, signal, perBlob);
  perBlob.set(blobId, started);
  return started;
}

async function makeAndStore(
  db: ReadableDB,
  row: ThumbnailSourceRow,
  store: Store,
  signal: AbortSignal | undefined,
  perBlob: Map<number, Promise<CachedThumbnail | string>>,
): Promise<CachedThumbnail | string> {
  const blobId = row.blob!.id;
  try {
    const made = await make(db, row, signal);
    if (typeof made !== 'string') store(blobId, made);
    return made;
  } finally {
    perBlob.delete(blobId);
  }
}

async function make(db: ReadableDB, row: ThumbnailSourceRow, signal?: AbortSignal): Promise<CachedThumbnail | string> {
  const name = row.fileName ?? `attachment #${row.attachmentId}`;
  let bytes: Buffer;
  try {
    const opened = openBlob(db, row.sha256!, name);
    const head = opened.chunks().next();
    const sniffed = sniff(head.done ? new Uint8Array() : head.value.subarray(0, SNIFF_HEAD_BYTES));
    if (sniffed.kind !== 'image') return { state: 'unavailable', reason: `not an image: the content is ${sniffed.label}` };
    if (opened.size > MAX_IMAGE_FILE_BYTES) {
      const mb = (n: number) => Math.round(n / 1024 / 1024);
      return {
        state: 'unavailable',
        reason: `could not be decoded: the image file is ${mb(opened.size)} MB, more than the ${mb(MAX_IMAGE_FILE_BYTES)} MB limit`,
      };
    }
    if (signal?.aborted) throw new CancelledError('Making thumbnails', 'They are made when next shown.');
    bytes = readAttachment(opened, MAX_IMAGE_FILE_BYTES);
  } catch (error) {
    if (error instanceof CancelledError) throw error;
    return (error as Error).message;
  }
  try {
    const made = await makeThumbnail(bytes);
    return made.ok
      ? { state: 'ready', mime: made.mime, width: made.width, height: made.height, bytes: made.bytes }
      : { state: 'unavailable', reason: made.reason };
  } catch (error) {
    return (error as Error).message;
  }
}
