/**
 * Shape checks for `rsmf_manifest.json` (RSMF 1.0.0 / 2.0.0), limited to the fields the importer uses.
 * A wrong shape fails with the JSON path and what was found there, so the producer can be told exactly
 * what to fix; keys RSMF does not define are reported as warnings and otherwise ignored (the vendor's
 * own negative sample uses `attachment` for `attachments`, which would silently lose files).
 */

export class RsmfManifestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RsmfManifestError';
  }
}

export const RSMF_EVENT_TYPES = ['message', 'disclaimer', 'join', 'leave', 'history', 'unknown'] as const;
export type RsmfEventType = (typeof RSMF_EVENT_TYPES)[number];

export interface RsmfParticipant {
  readonly id: string;
  readonly display: string | null;
  readonly email: string | null;
  readonly accountId: string | null;
}

export interface RsmfConversation {
  readonly id: string;
  readonly display: string | null;
  readonly platform: string;
  readonly type: 'direct' | 'channel' | null;
  readonly participants: readonly string[];
  readonly custodian: string | null;
}

export interface RsmfReaction {
  readonly value: string;
  readonly count: number | null;
  readonly participants: readonly string[];
}

export interface RsmfAttachment {
  readonly id: string;
  readonly display: string | null;
}

export interface RsmfEdit {
  readonly participant: string;
  readonly timestamp: string | null;
  readonly previous: string | null;
  readonly next: string | null;
}

export interface RsmfEvent {
  /** Position in `events[]`, for locators when the event has no id. */
  readonly index: number;
  readonly type: RsmfEventType;
  readonly id: string | null;
  readonly parent: string | null;
  readonly body: string | null;
  readonly participant: string | null;
  readonly conversation: string | null;
  readonly timestamp: string | null;
  readonly deleted: boolean;
  readonly direction: 'incoming' | 'outgoing' | null;
  readonly reactions: readonly RsmfReaction[];
  readonly attachments: readonly RsmfAttachment[];
  readonly edits: readonly RsmfEdit[];
}

export interface RsmfManifest {
  readonly version: string;
  readonly participants: readonly RsmfParticipant[];
  readonly conversations: readonly RsmfConversation[];
  readonly events: readonly RsmfEvent[];
}

const TOP_KEYS = new Set(['version', 'eventcollectionid', 'participants', 'conversations', 'events']);
const PARTICIPANT_KEYS = new Set(['id', 'display', 'email', 'avatar', 'account_id', 'custom']);
const CONVERSATION_KEYS = new Set(['id', 'display', 'platform', 'type', 'participants', 'custodian', 'custom', 'icon']);
const EVENT_KEYS = new Set([
  'id',
  'type',
  'parent',
  'body',
  'participant',
  'conversation',
  'timestamp',
  'deleted',
  'importance',
  'reactions',
  'attachments',
  'edits',
  'custom',
  'direction',
  'read_receipts',
]);

/** ISO 8601 date-time as RSMF writes it; the offset is optional (the schema's own example has none). */
export const RSMF_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;

type JsonObject = Record<string, unknown>;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function object(value: unknown, path: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new RsmfManifestError(`${path} must be an object (found ${describe(value)})`);
  }
  return value as JsonObject;
}

function array(container: JsonObject, key: string, path: string, required: boolean): unknown[] {
  const value = container[key];
  if (value === undefined && !required) return [];
  if (!Array.isArray(value))
    throw new RsmfManifestError(`${path}.${key} must be an array (found ${value === undefined ? 'nothing' : describe(value)})`);
  return value;
}

function text(container: JsonObject, key: string, path: string, required: true): string;
function text(container: JsonObject, key: string, path: string, required: false): string | null;
function text(container: JsonObject, key: string, path: string, required: boolean): string | null {
  const value = container[key];
  if (value === undefined || (value === null && !required)) {
    if (required) throw new RsmfManifestError(`${path}.${key} is required`);
    return null;
  }
  if (typeof value !== 'string') throw new RsmfManifestError(`${path}.${key} must be a string (found ${describe(value)})`);
  if (required && value === '') throw new RsmfManifestError(`${path}.${key} must not be empty`);
  return value;
}

function oneOf<T extends string>(container: JsonObject, key: string, path: string, allowed: readonly T[]): T | null {
  const value = text(container, key, path, false);
  if (value === null) return null;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new RsmfManifestError(`${path}.${key} must be one of ${allowed.join(', ')} (found ${describe(value)})`);
  }
  return value as T;
}

function strings(container: JsonObject, key: string, path: string, required: boolean): string[] {
  return array(container, key, path, required).map((item, i) => {
    if (typeof item !== 'string') throw new RsmfManifestError(`${path}.${key}[${i}] must be a string (found ${describe(item)})`);
    return item;
  });
}

function timestamp(container: JsonObject, key: string, path: string): string | null {
  const value = text(container, key, path, false);
  if (value !== null && !RSMF_TIMESTAMP.test(value.trim())) {
    throw new RsmfManifestError(`${path}.${key} ${describe(value)} is not an ISO 8601 date-time`);
  }
  return value;
}

/** Keys RSMF does not define, by name: the first few places each was found, and how many in all. */
export type UnknownKeys = Map<string, { readonly paths: string[]; count: number }>;

function unknownKeys(container: JsonObject, known: ReadonlySet<string>, path: string, found: UnknownKeys): void {
  for (const key of Object.keys(container)) {
    if (known.has(key)) continue;
    const where = found.get(key) ?? { paths: [], count: 0 };
    if (where.paths.length < 3) where.paths.push(path);
    where.count++;
    found.set(key, where);
  }
}

/** The warnings about keys RSMF does not define. */
export function unknownKeyWarnings(unknown: UnknownKeys): string[] {
  return [...unknown].map(([key, { paths, count }]) => {
    const where = count > paths.length ? `${paths.join(', ')} and ${count - paths.length} more` : paths.join(', ');
    return `key "${key}" is not part of RSMF and was ignored (${where})`;
  });
}

/**
 * The manifest's own fields: `root` holds its keys other than the three lists, `lists` says what each
 * list key held (an array, or a description of what was there instead). Returns the version.
 */
export function readManifestRoot(root: unknown, lists: Readonly<Record<string, unknown>>, unknown: UnknownKeys): string {
  const object_ = object(root, 'manifest');
  unknownKeys(object_, TOP_KEYS, 'manifest', unknown);
  const version = text(object_, 'version', 'manifest', true);
  const major = /^(\d+)\.\d+\.\d+$/.exec(version)?.[1];
  if (major !== '1' && major !== '2')
    throw new RsmfManifestError(`manifest.version ${describe(version)} is not an RSMF version this importer reads (1.x.x or 2.x.x)`);
  for (const key of ['participants', 'conversations', 'events']) array(lists, key, 'manifest', true);
  return version;
}

export function readParticipant(item: unknown, i: number, ids: Set<string>, unknown: UnknownKeys): RsmfParticipant {
  const path = `participants[${i}]`;
  const p = object(item, path);
  unknownKeys(p, PARTICIPANT_KEYS, path, unknown);
  const id = text(p, 'id', path, true);
  if (ids.has(id)) throw new RsmfManifestError(`${path}.id "${id}" is used by an earlier participant`);
  ids.add(id);
  return {
    id,
    display: text(p, 'display', path, false),
    email: text(p, 'email', path, false),
    accountId: text(p, 'account_id', path, false),
  };
}

export function readConversation(item: unknown, i: number, ids: Set<string>, unknown: UnknownKeys): RsmfConversation {
  const path = `conversations[${i}]`;
  const c = object(item, path);
  unknownKeys(c, CONVERSATION_KEYS, path, unknown);
  const id = text(c, 'id', path, true);
  if (ids.has(id)) throw new RsmfManifestError(`${path}.id "${id}" is used by an earlier conversation`);
  ids.add(id);
  return {
    id,
    display: text(c, 'display', path, false),
    platform: text(c, 'platform', path, true),
    type: oneOf(c, 'type', path, ['direct', 'channel']),
    participants: strings(c, 'participants', path, true),
    custodian: text(c, 'custodian', path, false),
  };
}

export function readEvent(item: unknown, index: number, unknown: UnknownKeys): RsmfEvent {
  const path = `events[${index}]`;
  const e = object(item, path);
  unknownKeys(e, EVENT_KEYS, path, unknown);
  const type = oneOf(e, 'type', path, RSMF_EVENT_TYPES);
  if (type === null) throw new RsmfManifestError(`${path}.type is required`);
  const deleted = e.deleted;
  if (deleted !== undefined && typeof deleted !== 'boolean')
    throw new RsmfManifestError(`${path}.deleted must be true or false (found ${describe(deleted)})`);
  return {
    index,
    type,
    id: text(e, 'id', path, false),
    parent: text(e, 'parent', path, false),
    body: text(e, 'body', path, false),
    participant: text(e, 'participant', path, false),
    conversation: text(e, 'conversation', path, false),
    timestamp: timestamp(e, 'timestamp', path),
    deleted: deleted === true,
    direction: oneOf(e, 'direction', path, ['incoming', 'outgoing']),
    reactions: array(e, 'reactions', path, false).map((r, j) => {
      const rPath = `${path}.reactions[${j}]`;
      const reaction = object(r, rPath);
      const count = reaction.count;
      if (count !== undefined && (typeof count !== 'number' || !Number.isInteger(count) || count < 0)) {
        throw new RsmfManifestError(`${rPath}.count must be a whole number (found ${describe(count)})`);
      }
      return {
        value: text(reaction, 'value', rPath, true),
        count: count ?? null,
        participants: strings(reaction, 'participants', rPath, false),
      };
    }),
    attachments: array(e, 'attachments', path, false).map((a, j) => {
      const aPath = `${path}.attachments[${j}]`;
      const attachment = object(a, aPath);
      return { id: text(attachment, 'id', aPath, true), display: text(attachment, 'display', aPath, false) };
    }),
    edits: array(e, 'edits', path, false).map((x, j) => {
      const xPath = `${path}.edits[${j}]`;
      const edit = object(x, xPath);
      return {
        participant: text(edit, 'participant', xPath, true),
        timestamp: timestamp(edit, 'timestamp', xPath),
        previous: text(edit, 'previous', xPath, false),
        next: text(edit, 'new', xPath, false),
      };
    }),
  };
}

/** Checks the parsed JSON and returns the typed manifest plus warnings about keys RSMF does not define. */
export function readManifest(json: unknown): { manifest: RsmfManifest; warnings: string[] } {
  const unknown: UnknownKeys = new Map();
  const root = object(json, 'manifest');
  const version = readManifestRoot(root, root, unknown);
  const participantIds = new Set<string>();
  const participants = array(root, 'participants', 'manifest', true).map((item, i) => readParticipant(item, i, participantIds, unknown));
  const conversationIds = new Set<string>();
  const conversations = array(root, 'conversations', 'manifest', true).map((item, i) =>
    readConversation(item, i, conversationIds, unknown),
  );
  const events = array(root, 'events', 'manifest', true).map((item, index) => readEvent(item, index, unknown));
  return { manifest: { version, participants, conversations, events }, warnings: unknownKeyWarnings(unknown) };
}
