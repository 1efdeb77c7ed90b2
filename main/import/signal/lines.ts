/**
 * The lines of one file of a signal-export folder, numbered from 1. signal-export writes UTF-8 (Python's
 * default on the machines it runs on, `ensure_ascii=False`), so a byte that is not UTF-8 is damage and
 * refuses the file rather than becoming U+FFFD. One line is held at a time, up to MAX_LINE_CHARS.
 */
import { TextDecoder } from 'node:util';
import { throwIfCancelled, type CancellationToken } from '../../../common/domain/cancellation';
import { ImportInputError } from '../errors';
import type { SourceFiles } from '../files';

/** Far above Signal's own limit on a message's text (a long message is an attachment past 2,000 bytes). */
export const MAX_LINE_CHARS = 16 * 1024 * 1024;

export interface Line {
  /** The line without its line break (`\n`, or `\r\n` from a file re-saved on Windows). */
  readonly text: string;
  readonly number: number;
  /** Bytes of the file read so far, for progress. */
  readonly bytesRead: number;
}

export async function* linesOf(files: SourceFiles, entry: string, token?: CancellationToken): AsyncGenerator<Line, void, undefined> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let pending = '';
  let number = 0;
  let bytesRead = 0;
  const decode = (chunk: Uint8Array | undefined): string => {
    try {
      return chunk === undefined ? decoder.decode() : decoder.decode(chunk, { stream: true });
    } catch {
      throw new ImportInputError(
        files.displayName,
        `it is not valid UTF-8 text after line ${number + 1}; signal-export writes UTF-8, so the file was damaged or re-saved in another encoding`,
        { file: entry, lineStart: number + 1 },
      );
    }
  };
  const tooLong = (): never => {
    throw new ImportInputError(
      files.displayName,
      `line ${number + 1} is longer than ${MAX_LINE_CHARS.toLocaleString('en-GB')} characters, which no signal-export line is; it is not a signal-export file`,
      { file: entry, lineStart: number + 1 },
    );
  };
  for await (const chunk of files.stream(entry)) {
    throwIfCancelled(token, `Import of ${files.displayName}`);
    bytesRead += chunk.byteLength;
    pending += decode(chunk);
    let start = 0;
    for (let end = pending.indexOf('\n'); end !== -1; end = pending.indexOf('\n', start)) {
      number++;
      const text = pending.slice(start, end > start && pending.charCodeAt(end - 1) === 13 ? end - 1 : end);
      start = end + 1;
      yield { text, number, bytesRead };
    }
    pending = pending.slice(start);
    if (pending.length > MAX_LINE_CHARS) tooLong();
  }
  pending += decode(undefined);
  if (pending !== '') {
    number++;
    yield { text: pending.endsWith('\r') ? pending.slice(0, -1) : pending, number, bytesRead };
  }
}
