/**
 * Where an import's parsing runs. A large file is fingerprinted, parsed and its attachments hashed in a
 * thread of its own, so that work overlaps the writing, which SQLite does on the importing thread; a
 * small file is parsed in the importing thread, where starting a thread would cost more than it saves.
 * Either way the writer receives the same batches (batch.ts).
 *
 * The parse thread runs parse-thread-main.ts: bundled (dist/main/parse-thread.cjs), or, when the
 * services run from TypeScript source (tests), through tsx. It reads the input itself; nothing it does
 * touches the case. It sends at most MAX_IN_FLIGHT batches ahead of the writer, and holds at most
 * SPECULATIVE_BATCHES parsed ahead, so memory stays flat whatever the file size.
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
import { FORMATS, type Speculation } from './formats';
import { fingerprint, openFiles } from './open-input';

/** Batches the parse thread may send before the writer has taken them. */
const MAX_IN_FLIGHT = 4;
/** Batches the parse thread may parse ahead, from a guess, while the importer runs the format's first pass. */
const SPECULATIVE_BATCHES = 24;
/** And the message text they may hold: batches of huge messages are few messages each (BATCH_TEXT_BYTES). */
const SPECULATIVE_TEXT_BYTES = 64 * 1024 * 1024;
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
  | { readonly type: 'hashing'; readonly bytesRead: number; readonly bytesTotal: number }
  | { readonly type: 'fingerprint'; readonly sha256: string }
  | { readonly type: 'batch'; readonly batch: EventBatch }
  | { readonly type: 'done' }
  | { readonly type: 'failed'; readonly error: ThreadError };

/** How often (in bytes hashed) the thread says how far it has got. */
const HASHING_PROGRESS_STEP = 8 * 1024 * 1024;

type ToParseThread = { readonly type: 'start'; readonly prepared: unknown } | { readonly type: 'taken' };

function toThreadError(err: unknown): ThreadError {
  const error = err instanceof Error ? err : new Error(String(err));
  if (error instanceof ImportInputError) {
    return { name: error.name, message: error.message, input: { file: error.file, reason: error.reason, ...(error.locator && { locator: error.locator }) } };
  }
  return { name: error.name, message: error.message };
}

function fromThreadError(error: ThreadError): Error {
  if (error.input) return new ImportInputError(error.input.file, error.input.reason, error.input.locator);
  const rebuilt = new Error(error.message);
  rebuilt.name = error.name;
  return rebuilt;
}

/** Parses `files` into batches, in this thread; `prepared` as FormatSpec.parse takes it. */
export async function* parseBatches(files: SourceFiles, format: SourceFormat, options: ParseOptions, prepared?: unknown): AsyncGenerator<EventBatch, void, undefined> {
  const encoder = new BatchEncoder(files, options.fieldCaps);
  const spec = FORMATS[format];
  if (spec.parseInBatches) {
    for await (const events of spec.parseInBatches(files, options, prepared)) yield* await encodeAll(encoder, events);
  } else {
    for await (const event of spec.parse(files, options, prepared)) {
      const pending = encoder.add(event);
      if (pending) await pending;
      if (encoder.full) yield encoder.take();
    }
  }
  yield* await encodeAll(encoder, linkNotes(files));
  if (!encoder.empty) yield encoder.take();
}

/** Adds `events` to a batch; the batches they filled. One await per array, not per event. */
async function encodeAll(encoder: BatchEncoder, events: Iterable<ParseEvent>): Promise<EventBatch[]> {
  const full: EventBatch[] = [];
  for (const event of events) {
    const pending = encoder.add(event);
    if (pending) await pending;
    if (encoder.full) full.push(encoder.take());
  }
  return full;
}

/**
 * The parse thread's side: opens and fingerprints the input (the importer refuses a file imported
 * before) and, once told to start (with what the format's `prepare` found, if the importer ran it
 * meanwhile), parses it and sends batches as the writer takes them. A format that allows it is parsed
 * ahead while the importer runs `prepare` (see Speculation), into batches held here until then.
 */
export async function runParseThread(port: MessagePort, data: ParseThreadData): Promise<void> {
  let taken: (() => void) | null = null;
  let inFlight = 0;
  let start: ((prepared: unknown) => void) | null = null;
  let startedYet = false;
  const started = new Promise<unknown>((resolve) => (start = resolve));
  port.on('message', (message: ToParseThread) => {
    if (message.type === 'start') {
      startedYet = true;
      start?.(message.prepared);
    }
    if (message.type !== 'taken') return;
    inFlight--;
    taken?.();
    taken = null;
  });
  const post = (message: FromParseThread, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);
  const send = async (batch: EventBatch): Promise<void> => {
    if (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => (taken = resolve));
    inFlight++;
    post({ type: 'batch', batch }, transferables(batch));
  };
  try {
    const opened = await openFiles(data.path);
    const { files } = opened;
    try {
      let reported = 0;
      const sha256 = await fingerprint(opened, (bytesRead, bytesTotal) => {
        if (bytesRead - reported < HASHING_PROGRESS_STEP) return;
        reported = bytesRead;
        post({ type: 'hashing', bytesRead, bytesTotal });
      });
      post({ type: 'fingerprint', sha256 });
      const speculation = FORMATS[data.format].speculation;
      const ahead = speculation && !startedYet ? await parseAhead(files, data.options, speculation, () => startedYet) : null;
      const prepared = await started;
      if (ahead && speculation?.holds(ahead.guessed, prepared)) {
        await sendAhead(ahead, speculation.opening(files, data.options, prepared), files, data.options, send);
      } else {
        await ahead?.records.return(undefined);
        for await (const batch of parseBatches(files, data.format, data.options, prepared)) await send(batch);
      }
    } finally {
      await files.close();
    }
    post({ type: 'done' });
  } catch (err) {
    post({ type: 'failed', error: toThreadError(err) });
  }
}

/** Records parsed from a guess while the importer runs `prepare`, and how to go on parsing them. */
interface ParsedAhead {
  readonly guessed: unknown;
  readonly encoder: BatchEncoder;
  readonly records: AsyncGenerator<readonly ParseEvent[]>;
  readonly held: EventBatch[];
  /** Set when the records ran out. */
  done: boolean;
  /** What stopped the parse, if anything did: it is the importer's to hear only if the guess holds. */
  error: Error | null;
}

/** Parses ahead from a guess until `started()` or SPECULATIVE_BATCHES are held; null where no guess can be made. */
async function parseAhead(files: SourceFiles, options: ParseThreadData['options'], speculation: Speculation, started: () => boolean): Promise<ParsedAhead | null> {
  const guessed = await speculation.guess(files, options).catch(() => null);
  if (guessed === null || started()) return null;
  const ahead: ParsedAhead = { guessed, encoder: new BatchEncoder(files, options.fieldCaps), records: speculation.records(files, options, guessed), held: [], done: false, error: null };
  try {
    let held = 0;
    while (!started() && ahead.held.length < SPECULATIVE_BATCHES && held < SPECULATIVE_TEXT_BYTES) {
      const next = await ahead.records.next();
      if (next.done) {
        ahead.done = true;
        break;
      }
      const full = await encodeAll(ahead.encoder, next.value);
      for (const batch of full) held += batch.text.byteLength;
      ahead.held.push(...full);
    }
  } catch (err) {
    ahead.error = err instanceof Error ? err : new Error(String(err));
  }
  return ahead;
}

/** Sends the opening events, then what was parsed ahead, then the rest of the records. */
async function sendAhead(ahead: ParsedAhead, opening: readonly ParseEvent[], files: SourceFiles, options: ParseThreadData['options'], send: (batch: EventBatch) => Promise<void>): Promise<void> {
  // Opening events mention no dictionary entries, so an encoder of their own numbers nothing the records use.
  const first = new BatchEncoder(files, options.fieldCaps);
  for (const batch of await encodeAll(first, opening)) await send(batch);
  await send(first.take());
  for (const batch of ahead.held.splice(0)) await send(batch);
  if (ahead.error !== null) throw ahead.error;
  const { encoder } = ahead;
  if (!ahead.done) {
    for await (const events of ahead.records) for (const batch of await encodeAll(encoder, events)) await send(batch);
  }
  for (const batch of await encodeAll(encoder, linkNotes(files))) await send(batch);
  if (!encoder.empty) await send(encoder.take());
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

/**
 * A parse thread: the input's fingerprint, then batches once told to `start`. The thread is stopped
 * when the batches end, fail, or are abandoned, or by `stop`.
 */
export interface ThreadBatches extends AsyncIterable<EventBatch> {
  /** The SHA-256 the thread worked out for the input (as open-input's `fingerprint`); null if cancelled meanwhile. */
  fingerprint(): Promise<string | null>;
  start(prepared: unknown): void;
  stop(): Promise<void>;
}

/**
 * Starts a thread that fingerprints `path` and parses it; null when no thread can be started here.
 * `onHashing` hears how far the fingerprinting has got.
 */
export function parseInThread(
  path: string,
  format: SourceFormat,
  options: ParseOptions,
  onHashing: (bytesRead: number, bytesTotal: number) => void = () => undefined,
): ThreadBatches | null {
  const start = threadStarter();
  if (!start) return null;
  const { token, ...plain } = options;
  const worker = start({ kind: 'import-parse', path, format, options: plain });
  const queue: EventBatch[] = [];
  let sha256: string | null = null;
  let finished = false;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const notify = (): void => {
    wake?.();
    wake = null;
  };
  worker.on('message', (message: FromParseThread) => {
    if (message.type === 'hashing') return onHashing(message.bytesRead, message.bytesTotal);
    if (message.type === 'fingerprint') sha256 = message.sha256;
    else if (message.type === 'batch') queue.push(message.batch);
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
    async fingerprint() {
      for (;;) {
        if (failure) throw failure;
        if (sha256 !== null) return sha256;
        if (token?.isCancellationRequested || finished) return null;
        await next();
      }
    },
    start: (prepared) => worker.postMessage({ type: 'start', prepared } satisfies ToParseThread),
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
