/**
 * Where an import's parsing runs, for every format alike. A large input is parsed in a thread of its own,
 * so that work overlaps the fingerprinting, the writing and the keeping of attachment files, which the
 * importing thread does (SQLite writes there); a small input is parsed in the importing thread, where
 * starting a thread would cost more than it saves. Either way the writer receives the same batches
 * (batch.ts).
 *
 * The parse thread runs parse-thread-main.ts: bundled (dist/main/parse-thread.cjs), or, when the
 * services run from TypeScript source (tests), through tsx. It reads the input itself; nothing it does
 * touches the case, so it starts parsing at once, while the importer fingerprints the input and checks
 * it was not imported before. It sends at most MAX_IN_FLIGHT batches (and MAX_IN_FLIGHT_BYTES of
 * text) ahead of the writer, so memory stays flat whatever the file size.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker, type MessagePort } from 'node:worker_threads';
import type { SourceFormat } from '../../common/domain/model';
import type { Locator, ParseEvent, ParseOptions } from '../../common/domain/parsed';
import { BatchEncoder, transferables, type EventBatch } from './batch';
import { builtScript } from '../jobs/runner';
import { ImportInputError } from './errors';
import { linkNotes, type SourceFiles } from './files';
import type { ImportFormat } from './format';
import { formatOf } from './formats';
import { openFiles } from './open-input';

/** Batches the parse thread may send before the writer has taken them. */
const MAX_IN_FLIGHT = 24;
/**
 * And the message text and embedded attachment bytes they may hold: batches of huge messages are few
 * messages each (BATCH_TEXT_BYTES).
 */
const MAX_IN_FLIGHT_BYTES = 64 * 1024 * 1024;
/**
 * A parse allocates a few short-lived objects per message; a larger young generation than a worker's
 * default lets far fewer of them survive into the old one (1M messages: about 0.3 s sooner).
 */
const PARSE_THREAD_LIMITS = { maxYoungGenerationSizeMb: 64 } as const;

/** How often a wait for the parse thread looks at the cancel flag. */
const CANCEL_POLL_MS = 100;

/** Inputs at least this large are parsed in a thread of their own. */
export const PARSE_THREAD_MIN_BYTES = 32 * 1024 * 1024;

export interface ParseThreadData {
  readonly kind: 'import-parse';
  readonly path: string;
  readonly format: SourceFormat;
  readonly options: Omit<ParseOptions, 'token'>;
}

export function isParseThreadData(data: unknown): data is ParseThreadData {
  return typeof data === 'object' && data !== null && (data as { kind?: unknown }).kind === 'import-parse';
}

/** An error as it crosses threads: ImportInputError keeps its parts, so it is rebuilt as itself. */
interface ThreadError {
  readonly name: string;
  readonly message: string;
  readonly input?: { readonly file: string; readonly reason: string; readonly locator?: Locator };
}

type FromParseThread =
  | { readonly type: 'batch'; readonly batch: EventBatch }
  | { readonly type: 'done' }
  | { readonly type: 'failed'; readonly error: ThreadError };

type ToParseThread = { readonly type: 'taken' };

function toThreadError(err: unknown): ThreadError {
  const error = err instanceof Error ? err : new Error(String(err));
  if (error instanceof ImportInputError) {
    return {
      name: error.name,
      message: error.message,
      input: { file: error.file, reason: error.reason, ...(error.locator && { locator: error.locator }) },
    };
  }
  return { name: error.name, message: error.message };
}

function fromThreadError(error: ThreadError): Error {
  if (error.input) return new ImportInputError(error.input.file, error.input.reason, error.input.locator);
  const rebuilt = new Error(error.message);
  rebuilt.name = error.name;
  return rebuilt;
}

/** Parses `files` into batches, in this thread: the format's events, then a note for each link not followed. */
export async function* parseBatches(
  files: SourceFiles,
  format: ImportFormat,
  options: ParseOptions,
): AsyncGenerator<EventBatch, void, undefined> {
  const encoder = new BatchEncoder(options.fieldCaps);
  for await (const events of format.parse(files, options)) {
    if (!format.attachments) refuseAttachments(format, events);
    yield* encodeAll(encoder, events);
  }
  yield* encodeAll(encoder, linkNotes(files));
  if (!encoder.empty) yield encoder.take();
}

/** A format that declares no attachments yet gives one has a bug worth naming, not a file to store half of. */
function refuseAttachments(format: ImportFormat, events: readonly ParseEvent[]): void {
  for (const event of events) {
    if (event.type === 'message' && event.message.attachments.length)
      throw new Error(`the ${format.id} parser gave an attachment, which its format declares it has none of`);
  }
}

/** Adds `events` to a batch; the batches they filled. */
function encodeAll(encoder: BatchEncoder, events: Iterable<ParseEvent>): EventBatch[] {
  const full: EventBatch[] = [];
  for (const event of events) {
    encoder.add(event);
    if (encoder.full) full.push(encoder.take());
  }
  return full;
}

/** A batch's message text and embedded attachment bytes: what the in-flight cap holds to. */
function batchBytes(batch: EventBatch): number {
  let bytes = batch.text.byteLength;
  for (const extras of batch.extras) for (const a of extras.attachments) bytes += a.embedded?.byteLength ?? 0;
  return bytes;
}

/** The parse thread's side: opens the input, parses it and sends batches as the writer takes them. */
export async function runParseThread(port: MessagePort, data: ParseThreadData): Promise<void> {
  let taken: (() => void) | null = null;
  /** The text bytes of each batch sent and not yet taken, oldest first. */
  const inFlight: number[] = [];
  let inFlightBytes = 0;
  port.on('message', (message: ToParseThread) => {
    if (message.type !== 'taken') return;
    inFlightBytes -= inFlight.shift() ?? 0;
    taken?.();
    taken = null;
  });
  const post = (message: FromParseThread, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);
  const send = async (batch: EventBatch): Promise<void> => {
    const bytes = batchBytes(batch);
    while (inFlight.length >= MAX_IN_FLIGHT || (inFlight.length > 0 && inFlightBytes + bytes > MAX_IN_FLIGHT_BYTES)) {
      await new Promise<void>((resolve) => (taken = resolve));
    }
    inFlight.push(bytes);
    inFlightBytes += bytes;
    post({ type: 'batch', batch }, transferables(batch));
  };
  try {
    const { files } = await openFiles(data.path);
    try {
      for await (const batch of parseBatches(files, formatOf(data.format), data.options)) await send(batch);
    } finally {
      await files.close();
    }
    post({ type: 'done' });
  } catch (err) {
    post({ type: 'failed', error: toThreadError(err) });
  }
}

const PARSE_THREAD_SOURCE = join(__dirname, 'parse-thread-main.ts');

/**
 * How to start a parse thread here, or null where none can be: from its bundle (beside the bundle this
 * code runs in, as in dist/main, or in dist/main two levels up, as for the benchmark's bundles), or
 * from source through tsx.
 */
function threadStarter(): ((data: ParseThreadData) => Worker) | null {
  if (__filename.endsWith('.ts')) {
    let tsx: string;
    try {
      tsx = createRequire(__filename).resolve('tsx/cjs');
    } catch {
      return null;
    }
    const code = `require(${JSON.stringify(tsx)}); require(${JSON.stringify(PARSE_THREAD_SOURCE)});`;
    return (data) => new Worker(code, { eval: true, workerData: data, resourceLimits: PARSE_THREAD_LIMITS });
  }
  let bundled: string;
  try {
    bundled = builtScript('parse-thread.cjs');
  } catch {
    return null;
  }
  return (data) => new Worker(bundled, { workerData: data, resourceLimits: PARSE_THREAD_LIMITS });
}

/** A parse thread's batches. The thread is stopped when they end, fail, or are abandoned, or by `stop`. */
export interface ThreadBatches extends AsyncIterable<EventBatch> {
  stop(): Promise<void>;
}

/** Starts a thread that parses `path` as `format`; null when no thread can be started here. */
export function parseInThread(path: string, format: SourceFormat, options: ParseOptions): ThreadBatches | null {
  const start = threadStarter();
  if (!start) return null;
  const { token, ...plain } = options;
  const worker = start({ kind: 'import-parse', path, format, options: plain });
  const queue: EventBatch[] = [];
  let finished = false;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const notify = (): void => {
    wake?.();
    wake = null;
  };
  worker.on('message', (message: FromParseThread) => {
    if (message.type === 'batch') queue.push(message.batch);
    else if (message.type === 'done') finished = true;
    else failure ??= fromThreadError(message.error);
    notify();
  });
  worker.on('error', (err) => {
    failure ??= err;
    notify();
  });
  worker.on('exit', (code) => {
    if (!finished) failure ??= new Error(`the parse thread stopped unexpectedly (exit code ${code})`);
    notify();
  });
  const stop = async (): Promise<void> => {
    finished = true;
    await worker.terminate();
  };
  // A cancel sets a flag, not an event: a wait for the thread looks at it now and then.
  const next = (): Promise<void> =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, CANCEL_POLL_MS);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  return {
    stop,
    async *[Symbol.asyncIterator]() {
      try {
        for (;;) {
          if (failure) throw failure;
          if (token?.isCancellationRequested) return;
          const batch = queue.shift();
          if (batch) {
            worker.postMessage({ type: 'taken' } satisfies ToParseThread);
            yield batch;
            continue;
          }
          if (finished) return;
          await next();
        }
      } finally {
        await stop();
      }
    },
  };
}
