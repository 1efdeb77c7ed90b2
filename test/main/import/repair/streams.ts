/**
 * Helpers for testing the streaming parsers: sources held in memory and cut into chunks of any size
 * (one byte per chunk finds every chunk-boundary bug), and the parse events gathered by type.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type {
  ParseEvent,
  ParsedConversation,
  ParsedMessage,
  ParseNote,
  ParseOptions,
  ParseProblem,
  ParsedParticipant,
  SourceDescription,
} from '../../../../common/domain/parsed';
import type { SourceFiles } from '../../../../main/import/files';
import type { ImportFormat } from '../../../../main/import/format';

export function* chunks(bytes: Uint8Array, size: number): Generator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** One file in memory, streamed `chunkSize` bytes at a time, plus any other entry names the export holds. */
export function memorySource(
  name: string,
  content: Uint8Array | string,
  chunkSize: number,
  otherEntries: readonly string[] = [],
): SourceFiles {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  const check = (entry: string): void => {
    if (entry !== name) throw new Error(`no entry ${entry}`);
  };
  return {
    displayName: basename(name),
    entries: [name, ...otherEntries].sort(),
    has: (entry) => entry === name || otherEntries.includes(entry),
    size: (entry) => (check(entry), bytes.length),
    read: async (entry) => (check(entry), bytes),
    stream: (entry) => {
      check(entry);
      return (async function* () {
        yield* chunks(bytes, chunkSize);
      })();
    },
    diskPath: () => null,
    linksNotFollowed: () => [],
    close: async () => undefined,
  };
}

export function fileBytes(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path));
}

export interface Collected {
  readonly events: ParseEvent[];
  readonly sources: SourceDescription[];
  readonly conversations: ParsedConversation[];
  readonly participants: ParsedParticipant[];
  readonly members: { conversationKey: string; participantKey: string }[];
  readonly messages: ParsedMessage[];
  readonly notes: ParseNote[];
  readonly problems: ParseProblem[];
}

/** A format's parse events one at a time, as the tests read them. */
export async function* eventsOf(
  format: ImportFormat,
  files: SourceFiles,
  options: ParseOptions,
): AsyncGenerator<ParseEvent, void, undefined> {
  for await (const events of format.parse(files, options)) yield* events;
}

/** Whether `format` recognises `head` as the start of a file of its own, whatever the file is called. */
export function sniffs(format: ImportFormat, head: string | Uint8Array): boolean {
  const bytes = typeof head === 'string' ? new TextEncoder().encode(head) : head;
  const text = typeof head === 'string' ? head : new TextDecoder().decode(head);
  return format.sniff({ entries: [], names: new Set(), bytes, text }) > 0;
}

export async function collect(format: ImportFormat, files: SourceFiles, options: ParseOptions): Promise<Collected> {
  const collected: Collected = {
    events: [],
    sources: [],
    conversations: [],
    participants: [],
    members: [],
    messages: [],
    notes: [],
    problems: [],
  };
  for await (const event of eventsOf(format, files, options)) {
    collected.events.push(event);
    if (event.type === 'source') collected.sources.push(event.source);
    else if (event.type === 'conversation') collected.conversations.push(event.conversation);
    else if (event.type === 'participant') collected.participants.push(event.participant);
    else if (event.type === 'member')
      collected.members.push({ conversationKey: event.conversationKey, participantKey: event.participantKey });
    else if (event.type === 'message') collected.messages.push(event.message);
    else if (event.type === 'note') collected.notes.push(event.note);
    else if (event.type === 'problem') collected.problems.push(event.problem);
  }
  return collected;
}

/** The events without progress reports, whose number depends on the chunk size. */
export const withoutProgress = (events: readonly ParseEvent[]): ParseEvent[] => events.filter((event) => event.type !== 'progress');

/** An instant as EXPECTED.json writes it: ISO 8601 in UTC, to the second (milliseconds dropped, not rounded). */
export const iso = (ms: number | null): string | null =>
  ms === null ? null : new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
