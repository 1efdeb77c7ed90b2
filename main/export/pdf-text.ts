/**
 * The text of every page of a PDF as pdfjs-dist reads it, and its metadata, read by worker threads
 * (pdf-text-worker.ts) that each take a contiguous run of pages: an independent reader, off the
 * export's thread, on every core the machine offers.
 */
import { CancelledError, type CancellationToken } from '../domain/cancellation';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { builtScript } from '../jobs/runner';
import type { Haystack } from './leaks';

export interface PdfTextRequest {
  readonly bytes: Uint8Array;
  readonly from: number;
  readonly to: number | null;
  readonly metadata: boolean;
}

export type PdfTextMessage =
  | { readonly type: 'count'; readonly pages: number }
  /** The texts of pages from, from + 1, … */
  | { readonly type: 'pages'; readonly from: number; readonly texts: string[] }
  | { readonly type: 'metadata'; readonly texts: Haystack[] }
  | { readonly type: 'done' }
  | { readonly type: 'error'; readonly message: string };

export interface PdfText {
  /** Page n's text at index n - 1. */
  readonly pages: string[];
  readonly metadata: Haystack[];
}

export interface PdfTextOptions {
  readonly onPage?: (pagesRead: number, pages: number) => void;
  readonly token?: CancellationToken;
}


export class PdfReadError extends Error {
  constructor(message: string) {
    super(`The PDF could not be read back: ${message}`);
    this.name = 'PdfReadError';
  }
}

/** Below this many pages per thread, starting another thread (and another pdfjs) costs more than it saves. */
const MIN_PAGES_PER_THREAD = 150;
const MAX_THREADS = 4;

/** Contiguous page runs for `threads` readers; the last runs to the end, whatever the file holds. */
export function pageRuns(expectedPages: number, threads: number): { from: number; to: number | null }[] {
  const per = Math.ceil(Math.max(1, expectedPages) / threads);
  return Array.from({ length: threads }, (_, i) => ({ from: i * per + 1, to: i === threads - 1 ? null : (i + 1) * per }));
}

/**
 * Reader threads, started before the PDF exists so that loading pdfjs (most of a second) overlaps
 * the end of the export; `read` then hands each its run of pages. One read per set of readers;
 * `close` ends threads that were never used (an export that failed before verifying).
 */
export class PdfReaders {
  private readonly workers: Worker[];
  private used = false;

  private constructor(threads: number) {
    this.workers = Array.from({ length: threads }, () => new Worker(builtScript('pdf-text-worker.cjs')));
  }

  /** As many threads as the pages are worth and the machine has cores. */
  static forPages(expectedPages: number): PdfReaders {
    return new PdfReaders(Math.max(1, Math.min(availableParallelism(), MAX_THREADS, Math.floor(expectedPages / MIN_PAGES_PER_THREAD))));
  }

  /**
   * Reads `bytes` back. `expectedPages` (the manifest's count) only divides the work: every page the
   * file really has is read, and the returned array's length is the file's page count.
   */
  read(bytes: Uint8Array, expectedPages: number, options: PdfTextOptions = {}): Promise<PdfText> {
    if (this.used) throw new Error('These PDF readers have already read a file.');
    this.used = true;
    const { workers } = this;
    const runs = pageRuns(expectedPages, workers.length);
    return new Promise<PdfText>((resolve, reject) => {
      const pages: string[] = [];
      let metadata: Haystack[] = [];
      let total = -1;
      let read = 0;
      let finished = 0;
      let settled = false;
      const stop = (err: Error | null): void => {
        if (settled) return;
        settled = true;
        this.close();
        if (err) reject(err);
        else resolve({ pages: pages.slice(0, total), metadata });
      };
      workers.forEach((worker, i) => {
        let done = false;
        worker.on('message', (message: PdfTextMessage) => {
          if (options.token?.isCancellationRequested) return stop(new CancelledError('Reading the PDF back', 'No bundle was written.'));
          if (message.type === 'count') total = message.pages;
          else if (message.type === 'pages') {
            message.texts.forEach((text, i) => {
              pages[message.from + i - 1] = text;
              options.onPage?.(++read, total);
            });
          } else if (message.type === 'metadata') metadata = message.texts;
          else if (message.type === 'error') stop(new PdfReadError(message.message));
          else {
            done = true;
            if (++finished === workers.length) stop(null);
          }
        });
        worker.on('error', (err) => stop(err));
        worker.on('exit', (code) => {
          if (!done) stop(new PdfReadError(`a reader stopped before it finished (exit code ${code})`));
        });
        worker.postMessage({ bytes, ...(runs[i] as { from: number; to: number | null }), metadata: i === 0 } satisfies PdfTextRequest);
      });
    });
  }

  close(): void {
    for (const worker of this.workers) void worker.terminate();
  }
}

/** Reads `bytes` back with readers started for it (see PdfReaders.read). */
export const readPdfText = (bytes: Uint8Array, expectedPages: number, options: PdfTextOptions = {}): Promise<PdfText> =>
  PdfReaders.forPages(expectedPages).read(bytes, expectedPages, options);
