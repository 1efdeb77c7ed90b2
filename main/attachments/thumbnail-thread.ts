/**
 * The thumbnail thread's side (bundled as dist/main/thumbnail-worker.cjs): turns an image's bytes into
 * a thumbnail with main/media/render.ts, one request at a time. Decoding runs here, not in the thread
 * that serves the window: HEIC is decoded by heic-decode in JavaScript/WebAssembly, which would hold
 * that thread for the whole decode.
 */
import { parentPort } from 'node:worker_threads';
import { THUMBNAIL_SIZE } from '../../common/domain/media';
import { MediaDecodeError } from '../media/errors';
import { thumbnail } from '../media/render';
import type { FromThumbnailThread, ToThumbnailThread } from './thumbnail-threads';

const port = parentPort;
if (!port) throw new Error('main/attachments/thumbnail-thread.ts must run in a worker thread');

port.on('message', (request: ToThumbnailThread) => {
  void answer(request);
});

async function answer(request: ToThumbnailThread): Promise<void> {
  port!.postMessage(await make(request));
}

async function make({ id, bytes }: ToThumbnailThread): Promise<FromThumbnailThread> {
  try {
    const made = await thumbnail(bytes, { size: THUMBNAIL_SIZE, format: 'jpeg-or-png' });
    if (made.mime === 'image/webp') throw new Error('a thumbnail was encoded as WebP');
    return { id, ok: true, bytes: made.bytes, mime: made.mime, width: made.width, height: made.height };
  } catch (error) {
    const reason = error instanceof MediaDecodeError ? error.message : `could not be decoded: ${(error as Error).message ?? String(error)}`;
    return { id, ok: false, reason };
  }
}
