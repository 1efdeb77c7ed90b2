/**
 * What a format is to the import pipeline: one module object. The pipeline (formats.ts for detection,
 * parse-thread.ts for threading, batching and hashing, run.ts for the transaction) knows nothing
 * about any one format beyond what this interface states.
 */
import type { SourceFormat } from '../../common/domain/model';
import type { ParseEvent, ParseOptions } from '../../common/domain/parsed';
import type { SourceFiles } from './files';

/** What detection shows a format: the input's entries, and the start of one of them. */
export interface SniffHead {
  /** Every entry of the input, as paths inside it. */
  readonly entries: readonly string[];
  /** The entries' file names (the last part of each path). */
  readonly names: ReadonlySet<string>;
  /** The first bytes of one entry; empty while detection looks at the entries' names alone. */
  readonly bytes: Uint8Array;
  /** Those bytes decoded as text (UTF-16 where a byte-order mark says so, else UTF-8). */
  readonly text: string;
}

export interface ImportFormat {
  readonly id: SourceFormat;
  /**
   * How sure the format is that the input is one of its own, from 0 (not at all) to 1. Detection
   * picks the most confident; a name the format alone uses outweighs any content.
   */
  readonly sniff: (head: SniffHead) => number;
  /**
   * The input as parse events, in the arrays the parser makes them: taking a million events one at a
   * time would cost a resolved promise each. A first pass the format needs happens in here.
   */
  readonly parse: (files: SourceFiles, options: ParseOptions) => AsyncIterable<readonly ParseEvent[]>;
  /** Bumped when the parser's output changes, and recorded on every source it produced. */
  readonly parserVersion: string;
  /**
   * Whether a source of this format is one conversation, its messages in time order: its rows then
   * arrive in the order of every message index (conversation and position, source and sequence, time).
   */
  readonly oneConversation: boolean;
  /** Whether its messages can carry attachments. */
  readonly attachments: boolean;
}

/** Events in arrays, for a parser that makes them one at a time. */
export async function* inArrays(events: AsyncIterable<ParseEvent>, size = 256): AsyncGenerator<readonly ParseEvent[], void, undefined> {
  let batch: ParseEvent[] = [];
  for await (const event of events) {
    batch.push(event);
    if (batch.length < size) continue;
    yield batch;
    batch = [];
  }
  if (batch.length) yield batch;
}
