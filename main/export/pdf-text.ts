/**
 * The text of every page of a PDF as pdfjs-dist reads it, and its metadata, read by worker threads
 * (pdf-text-worker.ts) that each take a contiguous run of pages: an independent reader, off the
 * export's thread, on every core the machine offers.
 *
 * Each thread reads the file itself and pages are handed over as they are read, in order within a
 * run: the caller searches them as they come and keeps none (a bundle of one 200 MB message has tens
 * of thousands of pages). A page's text comes as its body (the text between the header and footer
 * rules, which continues from one page to the next) and its frame (header, footer, watermark).
 */
import { CancelledError, type CancellationToken } from '../../common/domain/cancellation';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { builtScript } from '../jobs/runner';
import type { Haystack } from './leaks';

export interface PdfTextRequest {
  readonly path: string;
  readonly from: number;
  readonly to: number | null;
  readonly metadata: boolean;
}

export type PdfTextMessage =
  | { readonly type: 'count'; readonly pages: number }
  /** The texts of pages from, from + 1, … */
  | { readonly type: 'pages'; readonly from: number; readonly texts: PageText[] }
  | { readonly type: 'metadata'; readonly texts: Haystack[] }
  | { readonly type: 'done' }
  | { readonly type: 'error'; readonly message: string };

/** One page's text: its body, and the header, footer and watermark around it. */
export interface PageText {
  readonly body: string;
  readonly frame: string;
}

export interface PdfText {
  /** Page n's text (body, then frame) at index n - 1. */
  readonly pages: string[];
  readonly metadata: Haystack[];
}

/** What reading page by page tells at the end. */
export interface PdfReadSummary {
  /** The file's page count. */
  readonly pages: number;
  readonly metadata: Haystack[];
  /** The runs of pages the threads read (1-based, inclusive), in order: texts run on within one. */
  readonly runs: readonly { readonly from: number; readonly to: number }[];
}

export interface PdfTextOptions {
  readonly onPage?: (pagesRead: number, pages: number) => void;
  readonly token?: CancellationToken;
}

export interface PdfStreamOptions extends PdfTextOptions {
  /** Page `page` (1-based) of run `run`: called in page order within each run. */
  readonly onText: (run: number, page: number, text: PageText) => void;
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
   * Reads the PDF at `path` back, handing each page's text to `onText` as it comes.
   * `expectedPages` (the manifest's count) only divides the work: every page the file really has is
   * read, and the summary gives the file's page count.
   */
  read(path: string, expectedPages: number, options: PdfStreamOptions): Promise<PdfReadSummary> {
    if (this.used) throw new Error('These PDF readers have already read a file.');
    this.used = true;
    const { workers } = this;
    const runs = pageRuns(expectedPages, workers.length);
    return new Promise<PdfReadSummary>((resolve, reject) => {
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
        else
          resolve({
            pages: total,
            metadata,
            runs: runs.map((r) => ({ from: r.from, to: Math.min(r.to ?? total, total) })).filter((r) => r.from <= r.to),
          });
      };
      workers.forEach((worker, i) => {
        let done = false;
        worker.on('message', (message: PdfTextMessage) => {
          if (options.token?.isCancellationRequested) return stop(new CancelledError('Reading the PDF back', 'No bundle was written.'));
          if (message.type === 'count') total = message.pages;
          else if (message.type === 'pages') {
            message.texts.forEach((text, n) => {
              options.onText(i, message.from + n, text);
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
        worker.postMessage({ path, ...(runs[i] as { from: number; to: number | null }), metadata: i === 0 } satisfies PdfTextRequest);
      });
    });
  }

  close(): void {
    for (const worker of this.workers) void worker.terminate();
  }
}

/** Every page's text of the PDF at `path`, held together: for small files (tests, previews). */
export async function readPdfText(path: string, expectedPages: number, options: PdfTextOptions = {}): Promise<PdfText> {
  const pages: string[] = [];
  const summary = await PdfReaders.forPages(expectedPages).read(path, expectedPages, {
    ...options,
    onText: (_run, page, text) => (pages[page - 1] = [text.body, text.frame].filter(Boolean).join(' ')),
  });
  return { pages: pages.slice(0, summary.pages), metadata: summary.metadata };
}
