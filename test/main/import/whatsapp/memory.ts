import type { SourceFiles } from '../../../../main/import/files';
import { whatsapp } from '../../../../main/import/whatsapp';
import type { ParseEvent, ParseOptions } from '../../../../common/domain/parsed';
import { eventsOf } from '../repair/streams';

/**
 * An export held in memory, streamed in chunks of `chunkSize` bytes so tests can split lines, CRLF pairs
 * and multi-byte characters across chunk boundaries.
 */
export function memoryFiles(displayName: string, entries: Readonly<Record<string, string | Uint8Array>>, chunkSize = 1 << 20): SourceFiles {
  const bytes = new Map<string, Uint8Array>();
  for (const [name, content] of Object.entries(entries)) {
    bytes.set(name, typeof content === 'string' ? new TextEncoder().encode(content) : content);
  }
  const get = (entry: string): Uint8Array => {
    const found = bytes.get(entry);
    if (!found) throw new Error(`no entry ${entry}`);
    return found;
  };
  return {
    displayName,
    entries: [...bytes.keys()].sort(),
    has: (entry) => bytes.has(entry),
    size: (entry) => get(entry).byteLength,
    read: async (entry) => get(entry),
    stream: (entry) => ({
      async *[Symbol.asyncIterator]() {
        const data = get(entry);
        for (let i = 0; i < data.byteLength; i += chunkSize) yield data.subarray(i, i + chunkSize);
      },
    }),
    diskPath: () => null,
    linksNotFollowed: () => [],
    close: async () => undefined,
  };
}

/** A single `.txt` export. */
export const chatFile = (name: string, text: string | Uint8Array, chunkSize?: number): SourceFiles =>
  memoryFiles(name, { [name]: text }, chunkSize);

export const LONDON: ParseOptions = { timeZone: 'Europe/London' };

export async function parseAll(files: SourceFiles, options: ParseOptions = LONDON): Promise<ParseEvent[]> {
  const events: ParseEvent[] = [];
  for await (const event of eventsOf(whatsapp, files, options)) events.push(event);
  return events;
}

type Of<T extends ParseEvent['type']> = Extract<ParseEvent, { type: T }>;

export function ofType<T extends ParseEvent['type']>(events: readonly ParseEvent[], type: T): Of<T>[] {
  return events.filter((event): event is Of<T> => event.type === type);
}

export const messagesOf = (events: readonly ParseEvent[]) => ofType(events, 'message').map((event) => event.message);
export const notesOf = (events: readonly ParseEvent[]) => ofType(events, 'note').map((event) => event.note);
