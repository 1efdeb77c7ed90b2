/**
 * How a backup file is read: by the scanner (scanner.ts) while the file is as the app writes it, and by
 * the saxes reader from the first thing the scanner does not handle. Events already handed on cannot be
 * taken back, so the saxes reader reads the file again from the start and skips the records the scanner
 * gave the book; everything before them was plain to the scanner, so it produced nothing else. The
 * events are the same either way; only the time differs.
 */
import { isUtf8 } from 'node:buffer';
import type { CancellationToken } from '../../../common/domain/cancellation';
import type { ParseEvent } from '../../../common/domain/parsed';
import type { SourceFiles } from '../files';
import type { SbrBook } from './records';
import { SbrScanner, type Producer } from './scanner';

/** Where the scanner left a file. */
export interface ScannedFile {
  /** True when it read the whole file, or stopped at a cancel: nothing is left for saxes. */
  readonly finished: boolean;
  /** False when it stopped at a cancel. */
  readonly completed: boolean;
  /** Records the book was given: the saxes reader skips as many. */
  readonly records: number;
  /** The progress reported so far: the saxes reader, starting again, reports only past it. */
  readonly bytesReported: number;
}

export interface ScanOptions {
  readonly files: SourceFiles;
  readonly entry: string;
  readonly book: SbrBook;
  /** Filled by the book; drained after every chunk. */
  readonly events: ParseEvent[];
  readonly onRoot: (producer: Producer | null) => void;
  /** The body cap: a value over it is saxes's to cut. */
  readonly cap: number;
  readonly token: CancellationToken | undefined;
}

/** Reads `entry` with the scanner, yielding its events a chunk at a time, as pumpText does. */
export async function* scanFile(options: ScanOptions): AsyncGenerator<readonly ParseEvent[], ScannedFile> {
  const { files, entry, events, token } = options;
  const scanner = new SbrScanner(entry, options.book, options.cap, options.onRoot);
  const bytes = new Utf8Bytes();
  const bytesTotal = files.size(entry);
  let bytesRead = 0;
  let bytesReported = 0;
  let stopped = false;
  read: for await (const chunk of files.stream(entry)) {
    if (token?.isCancellationRequested) return { finished: true, completed: false, records: scanner.records, bytesReported };
    bytesRead += chunk.length;
    for (let i = 0; i < chunk.length; i += PIECE_BYTES) {
      const text = bytes.push(chunk.subarray(i, i + PIECE_BYTES));
      stopped = text === null || !scanner.push(text);
      if (stopped) break read;
      // Handed on a piece at a time, the records die young: the garbage collector then has little to keep.
      if (i + PIECE_BYTES < chunk.length && events.length > 0) yield events.splice(0);
    }
    const found = events.splice(0);
    found.push({ type: 'progress', bytesRead, bytesTotal });
    yield found;
    bytesReported = bytesRead;
  }
  if (!stopped && bytes.end() && scanner.end()) return { finished: true, completed: true, records: scanner.records, bytesReported };
  // The records read before the scanner stopped go out first, as saxes's reader would have sent them.
  if (events.length > 0) yield events.splice(0);
  return { finished: false, completed: false, records: scanner.records, bytesReported };
}

/**
 * Bytes of at most this many go to the scanner at a time: Node hands the text of more than about a
 * megabyte out as an external string, which `charCodeAt` reads several times slower than its own.
 */
const PIECE_BYTES = 64 * 1024;

/**
 * UTF-8 bytes as the scanner reads them: one character a byte, checked as decodeText's decoder checks
 * them (it refuses what is not UTF-8, and drops a byte-order mark). Null for what the scanner leaves to
 * decodeText: a UTF-16 file, or bytes that are not UTF-8, which the saxes reader then reports.
 */
class Utf8Bytes {
  /** Bytes not handed out yet: the start of the file, until a byte-order mark can be ruled out, or a character cut short. */
  private held: Buffer = Buffer.alloc(0);
  private started = false;

  push(chunk: Uint8Array): string | null {
    const piece = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    let bytes = this.held.length > 0 ? Buffer.concat([this.held, piece]) : piece;
    if (!this.started) {
      if (bytes.length < 3) {
        this.held = Buffer.from(bytes);
        return '';
      }
      if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return null;
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
      this.started = true;
    }
    const end = wholeCharacters(bytes);
    this.held = Buffer.from(bytes.subarray(end));
    const whole = bytes.subarray(0, end);
    return isUtf8(whole) ? whole.toString('latin1') : null;
  }

  /** True when no byte is left over. */
  end(): boolean {
    return this.held.length === 0;
  }
}

/** How many of `bytes` are whole UTF-8 characters: all but a last character cut short. */
function wholeCharacters(bytes: Uint8Array): number {
  let lead = bytes.length - 1;
  while (lead >= 0 && lead > bytes.length - 4 && ((bytes[lead] ?? 0) & 0xc0) === 0x80) lead--;
  const first = bytes[lead] ?? 0;
  const length = first >= 0xf0 ? 4 : first >= 0xe0 ? 3 : first >= 0xc0 ? 2 : 1;
  return lead >= 0 && lead + length > bytes.length ? lead : bytes.length;
}

/** The book as the saxes reader sees it when it takes a file over: the first `records` records were given already. */
export function skipping(book: SbrBook, records: number): Pick<SbrBook, 'add' | 'note'> {
  let skipped = 0;
  return {
    add: (record) => {
      if (skipped < records) skipped++;
      else book.add(record);
    },
    note: (kind, message, locator) => book.note(kind, message, locator),
  };
}

/** The saxes reader's events without the progress the scanner reported already. */
export async function* pastProgress(
  bytesReported: number,
  events: AsyncGenerator<readonly ParseEvent[], boolean>,
): AsyncGenerator<readonly ParseEvent[], boolean> {
  try {
    for (;;) {
      const next = await events.next();
      if (next.done) return next.value;
      yield bytesReported === 0 ? next.value : next.value.filter((event) => event.type !== 'progress' || event.bytesRead > bytesReported);
    }
  } finally {
    await events.return(false);
  }
}
