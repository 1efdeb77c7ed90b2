/**
 * A worker thread that re-reads pages of a bundle PDF with pdfjs-dist (see pdf-text.ts). It loads
 * pdfjs at once, then waits for its one request: the text of pages `from`..`to` (1-based, inclusive;
 * `to` null for "to the last page"), one message per page, and, when asked, the document information,
 * XMP metadata and outline.
 *
 * pdfjs runs here rather than in the export's own thread for two reasons. Its pages are independent,
 * so several threads read one bundle faster than one. And its legacy (Node) build installs core-js
 * polyfills over built-ins V8 already provides — Array.prototype.push, JSON.parse and JSON.stringify
 * among them, replaced by slower JavaScript copies for spec corner cases (array lengths past 2^32,
 * JSON.parse's source-text access) that neither pdfjs nor this thread meets. Confined to this thread,
 * they cannot slow the rest of the export; here, the native functions are put back after loading.
 */
import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import type * as pdfjsTypes from 'pdfjs-dist/legacy/build/pdf.mjs';
import { isBodyBaseline } from './layout';
import type { PageText, PdfTextRequest, PdfTextMessage } from './pdf-text';

const port = parentPort;
if (!port) throw new Error('main/export/pdf-text-worker.ts must run in a worker thread');
const CLEANUP_EVERY = 1000;
/** Pages per message to the export: one message per page was ~5% of a reader's time. */
const PAGES_PER_MESSAGE = 20;
const post = (message: PdfTextMessage): void => port.postMessage(message);

async function loadPdfjs(): Promise<typeof pdfjsTypes> {
  const natives = { push: Array.prototype.push, parse: JSON.parse, stringify: JSON.stringify };
  // The worker half first: it registers itself globally, so pdfjs runs it in this thread without
  // loading it (and its own polyfills) later, after the natives are back.
  await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  Array.prototype.push = natives.push;
  JSON.parse = natives.parse;
  JSON.stringify = natives.stringify;
  return pdfjs;
}

const loading = loadPdfjs();
// Reported when the request comes, not here: a reader closed unused must not log a failure.
loading.catch(() => undefined);

async function read(request: PdfTextRequest): Promise<void> {
  const { getDocument } = await loading;
  const doc = await getDocument({
    data: new Uint8Array(readFileSync(request.path)),
    disableFontFace: true,
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
  try {
    post({ type: 'count', pages: doc.numPages });
    const last = Math.min(request.to ?? doc.numPages, doc.numPages);
    let batch: PageText[] = [];
    let batchFrom = request.from;
    for (let n = request.from; n <= last; n++) {
      const page = await doc.getPage(n);
      // Not normalised (NFKC): the text exactly as drawn. A redacted "ﬁle" normalised to "file" would
      // slip past the leak search; compared as drawn, it cannot.
      const content = await page.getTextContent({ disableNormalization: true });
      const body: string[] = [];
      const frame: string[] = [];
      for (const item of content.items) {
        if (!('str' in item)) continue;
        const [, b, c, , , y] = item.transform as number[];
        (b === 0 && c === 0 && isBodyBaseline(y ?? 0) ? body : frame).push(item.str);
      }
      batch.push({ body: body.join(' '), frame: frame.join(' ') });
      if (batch.length === PAGES_PER_MESSAGE || n === last) {
        post({ type: 'pages', from: batchFrom, texts: batch });
        batch = [];
        batchFrom = n + 1;
      }
      page.cleanup();
      // pdfjs keeps what it parsed for the document's life: on a 10,109-page bundle one reader grew to
      // 831 MB; dropping its caches every 1,000 pages (fonts kept) held it to ~450 MB for ~3% time.
      if (n % CLEANUP_EVERY === 0) await doc.cleanup(true);
    }
    if (request.metadata) {
      const { info, metadata } = await doc.getMetadata();
      const texts = Object.entries(info as Record<string, unknown>).map(([key, value]) => ({
        where: `PDF document information (${key})`,
        text: typeof value === 'string' ? value : JSON.stringify(value),
      }));
      if (metadata) texts.push({ where: 'PDF XMP metadata', text: String(metadata.getRaw()) });
      const titles: string[] = [];
      const walk = (items: readonly { title: string; items: unknown[] }[] | null): void => {
        for (const item of items ?? []) {
          titles.push(item.title);
          walk(item.items as { title: string; items: unknown[] }[]);
        }
      };
      walk(await doc.getOutline());
      if (titles.length) texts.push({ where: 'PDF bookmarks', text: titles.join('\n') });
      post({ type: 'metadata', texts });
    }
    post({ type: 'done' });
  } finally {
    await doc.destroy();
  }
}

port.once('message', (request: PdfTextRequest) => {
  read(request).catch((err: unknown) => post({ type: 'error', message: err instanceof Error ? err.message : String(err) }));
});
