/**
 * The thumbnail thread's side (bundled as dist/main/thumbnail-worker.cjs): reads an image's bytes from
 * the case through a read-only connection of its own, checks them against their SHA-256, and makes the
 * thumbnail with main/media/render.ts, one request at a time. All of it runs here, not in the thread
 * that serves the window: reading and checking a 4 MB photo, and decoding it (HEIC in
 * JavaScript/WebAssembly), would each hold that thread while the reviewer scrolls.
 */
import { parentPort } from 'node:worker_threads';
import { closeCaseFile, openReader } from '../../db/connection';
import { THUMBNAIL_SIZE } from '../../common/domain/media';
import { MediaDecodeError } from '../media/errors';
import { MAX_IMAGE_FILE_BYTES } from '../media/metadata';
import { thumbnail } from '../media/render';
import { SNIFF_HEAD_BYTES, sniff } from '../media/sniff';
import { openBlob, readAttachment } from './open';
import type { FromThumbnailThread, ToThumbnailThread } from './thumbnail-threads';

const port = parentPort;
if (!port) throw new Error('main/attachments/thumbnail-thread.ts must run in a worker thread');

port.on('message', (request: ToThumbnailThread) => {
  void answer(request);
});

async function answer(request: ToThumbnailThread): Promise<void> {
  port!.postMessage(await make(request));
}

async function make({ id, casePath, sha256, name }: ToThumbnailThread): Promise<FromThumbnailThread> {
  let bytes: Buffer;
  // Opened for each request: a connection held between them would keep the case file open after it closes.
  const db = openReader(casePath);
  try {
    const opened = openBlob(db, sha256, name);
    const head = opened.chunks().next();
    const sniffed = sniff(head.done ? new Uint8Array() : head.value.subarray(0, SNIFF_HEAD_BYTES));
    if (sniffed.kind !== 'image') return { id, ok: false, cache: true, reason: `not an image: the content is ${sniffed.label}` };
    if (opened.size > MAX_IMAGE_FILE_BYTES) {
      const mb = (n: number) => Math.round(n / 1024 / 1024);
      const reason = `could not be decoded: the image file is ${mb(opened.size)} MB, more than the ${mb(MAX_IMAGE_FILE_BYTES)} MB limit`;
      return { id, ok: false, cache: true, reason };
    }
    bytes = readAttachment(opened, MAX_IMAGE_FILE_BYTES);
  } catch (error) {
    // The case's bytes are missing or altered: said, and not cached, as the case may be restored.
    return { id, ok: false, cache: false, reason: (error as Error).message };
  } finally {
    closeCaseFile(db);
  }
  try {
    const made = await thumbnail(bytes, { size: THUMBNAIL_SIZE, format: 'jpeg-or-png' });
    if (made.mime === 'image/webp') throw new Error('a thumbnail was encoded as WebP');
    return { id, ok: true, bytes: made.bytes, mime: made.mime, width: made.width, height: made.height };
  } catch (error) {
    const reason = error instanceof MediaDecodeError ? error.message : `could not be decoded: ${(error as Error).message ?? String(error)}`;
    return { id, ok: false, cache: true, reason };
  }
}
