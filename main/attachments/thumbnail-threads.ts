/**
 * Up to THREADS worker threads that make thumbnails (thumbnail-thread.ts), started when first needed
 * and ended after IDLE_MS without work, so a case that shows no images costs no threads. Requests queue
 * in order; each thread holds one image at a time, so memory holds at most THREADS images being decoded
 * (each capped at MAX_DECODED_PIXELS) plus the queue's encoded files.
 *
 * The thread runs from its bundle (dist/main/thumbnail-worker.cjs) or, when the services run from
 * TypeScript source (tests), through tsx, as the parse thread does.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { builtScript } from '../jobs/runner';

/** Two: the machine's other core serves the window and the database; libvips threads within each. */
const THREADS = 2;
const IDLE_MS = 30_000;

export interface ToThumbnailThread {
  readonly id: number;
  readonly bytes: Uint8Array;
}

export type FromThumbnailThread =
  | {
      readonly id: number;
      readonly ok: true;
      readonly bytes: Uint8Array;
      readonly mime: 'image/jpeg' | 'image/png';
      readonly width: number;
      readonly height: number;
    }
  | { readonly id: number; readonly ok: false; readonly reason: string };

export type MadeThumbnail =
  | {
      readonly ok: true;
      readonly bytes: Buffer;
      readonly mime: 'image/jpeg' | 'image/png';
      readonly width: number;
      readonly height: number;
    }
  | { readonly ok: false; readonly reason: string };

/** The thread stopped with a request unanswered (it crashed, or ran out of memory): not the image's fault, so not cached. */
export class ThumbnailThreadError extends Error {
  constructor(detail: string) {
    super(`The thumbnail thread stopped unexpectedly (${detail}); the thumbnail will be made again when next shown.`);
    this.name = 'ThumbnailThreadError';
  }
}

interface Waiting {
  readonly request: ToThumbnailThread;
  readonly resolve: (made: MadeThumbnail) => void;
  readonly reject: (error: Error) => void;
}

interface Thread {
  readonly worker: Worker;
  busy: Waiting | null;
  idle: NodeJS.Timeout | null;
}

let nextId = 1;
const queue: Waiting[] = [];
const threads: Thread[] = [];

/** A thumbnail of `bytes` (an image's whole file), made in a thumbnail thread. */
export function makeThumbnail(bytes: Uint8Array): Promise<MadeThumbnail> {
  return new Promise<MadeThumbnail>((resolve, reject) => {
    queue.push({ request: { id: nextId++, bytes }, resolve, reject });
    dispatch();
  });
}

function dispatch(): void {
  while (queue.length > 0) {
    let thread = threads.find((t) => t.busy === null);
    if (!thread) {
      if (threads.length >= THREADS) return;
      thread = startThread();
    }
    const waiting = queue.shift()!;
    if (thread.idle) clearTimeout(thread.idle);
    thread.idle = null;
    thread.busy = waiting;
    thread.worker.postMessage(waiting.request);
  }
}

function startThread(): Thread {
  const thread: Thread = { worker: startWorker(), busy: null, idle: null };
  threads.push(thread);
  thread.worker.unref();
  thread.worker.on('message', (reply: FromThumbnailThread) => {
    const waiting = thread.busy;
    thread.busy = null;
    if (waiting && waiting.request.id === reply.id) {
      waiting.resolve(
        reply.ok
          ? { ok: true, bytes: Buffer.from(reply.bytes), mime: reply.mime, width: reply.width, height: reply.height }
          : { ok: false, reason: reply.reason },
      );
    }
    thread.idle = setTimeout(() => void thread.worker.terminate(), IDLE_MS).unref();
    dispatch();
  });
  const gone = (detail: string) => {
    threads.splice(threads.indexOf(thread), 1);
    if (thread.idle) clearTimeout(thread.idle);
    thread.busy?.reject(new ThumbnailThreadError(detail));
    thread.busy = null;
    dispatch();
  };
  thread.worker.on('error', (error) => gone(error.message));
  thread.worker.on('exit', (code) => {
    if (threads.includes(thread)) gone(`exit code ${code}`);
  });
  return thread;
}

const SOURCE = join(__dirname, 'thumbnail-thread.ts');

function startWorker(): Worker {
  if (__filename.endsWith('.ts')) {
    const tsx = createRequire(__filename).resolve('tsx/cjs');
    return new Worker(`require(${JSON.stringify(tsx)}); require(${JSON.stringify(SOURCE)});`, { eval: true });
  }
  return new Worker(builtScript('thumbnail-worker.cjs'));
}
