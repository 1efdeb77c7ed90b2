/**
 * The streaming loop of the text formats (SBR XML, Telegram JSON): bytes are decoded, repaired and fed
 * to a strict parser; the events it produced are handed on after each chunk, with progress. A syntax
 * or decoding error, or nesting past the cap, becomes one `problem` naming the line (the import then
 * changes nothing).
 */
import type { CancellationToken } from '../../../common/domain/cancellation';
import type { ParseEvent, ParseProblem } from '../../../common/domain/parsed';
import type { SourceFiles } from '../files';
import { NestingTooDeepError } from '../structure-limits';
import { decodeText, TextDecodingError, type CutCharacter } from './decode';

/** A strict parser's complaint: where it stopped and what it expected. */
export interface SyntaxFailure {
  readonly reason: string;
  readonly line: number;
  readonly column: number;
}

export interface PumpOptions {
  readonly files: SourceFiles;
  readonly entry: string;
  /** The pre-passes in front of the parser (repair/stream-repairer.ts, repair/long-attributes.ts). */
  readonly repairer: { push(text: string): string; end(): string };
  readonly parser: { write(text: string): void; end(): void };
  /** Filled by the parser's callbacks; drained after every chunk. */
  readonly events: ParseEvent[];
  readonly token: CancellationToken | undefined;
  /** Recognises the parser's syntax errors and names the syntax ("not valid JSON"). */
  readonly syntax: { readonly is: (error: unknown) => error is SyntaxFailure; readonly failure: string };
  /** Takes a character the input ends inside, instead of its being a decoding problem (decode.ts). */
  readonly onCutEnd?: (cut: CutCharacter) => void;
}

/** Yields the parser's events, a chunk's at a time; returns false when it stopped early (a problem, or a cancel). */
export async function* pumpText(options: PumpOptions): AsyncGenerator<readonly ParseEvent[], boolean> {
  const { files, entry, repairer, parser, events, syntax } = options;
  const bytesTotal = files.size(entry);
  try {
    for await (const { text, bytesRead } of decodeText(files.stream(entry), options.onCutEnd)) {
      // The caller owns the token and reports the cancellation; stopping is all that is left to do.
      if (options.token?.isCancellationRequested) return false;
      parser.write(repairer.push(text));
      const chunk = events.splice(0);
      chunk.push({ type: 'progress', bytesRead, bytesTotal });
      yield chunk;
    }
    parser.write(repairer.end());
    parser.end();
  } catch (error) {
    const problem: ParseProblem | null = syntax.is(error)
      ? {
          message: `${syntax.failure} at line ${error.line}, column ${error.column}: ${error.reason}`,
          locator: { file: entry, lineStart: error.line },
        }
      : error instanceof TextDecodingError
        ? { message: error.message, locator: { file: entry, byteOffset: error.byteOffset, lineStart: error.line } }
        : error instanceof NestingTooDeepError
          ? { message: error.message, locator: { file: entry, lineStart: error.line } }
          : null;
    if (!problem) throw error;
    yield [{ type: 'problem', problem }];
    return false;
  }
  return true;
}
