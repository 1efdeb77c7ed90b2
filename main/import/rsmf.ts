/**
 * Relativity Short Message Format: an `.rsmf` e-mail whose `rsmf.zip` attachment holds
 * `rsmf_manifest.json` and the attachment files, or a bare manifest (optionally in a folder or zip with
 * its files). The e-mail is streamed and only the zip part is kept; the zip is opened in memory with the
 * usual traversal and bomb defences. The X-RSMF-* headers are recorded and checked against the manifest.
 *
 * The manifest is streamed twice (rsmf/stream.ts), never held whole: the first pass checks all of it and
 * keeps its participants and conversations, the second reads its events one at a time.
 */
import { posix } from 'node:path';
import type { ConversationKind, DeletedKind, Direction, DirectionBasis, MessageKind, Platform } from '../../common/domain/model';
import { FIELD_CAPS, type FieldCaps, type FieldTruncation, type TruncatedField } from '../../common/domain/field-caps';
import type { ParseEvent, ParseOptions, ParsedAttachment, ParsedEdit, ParsedReaction, ParsedTime } from '../../common/domain/parsed';
import { readIsoTime } from '../../common/domain/time';
import { ImportInputError } from './errors';
import type { SourceFiles } from './files';
import { inArrays, type ImportFormat } from './format';
import { type HeaderList, MimeError, readMime } from './rsmf/mime';
import {
  RsmfManifestError,
  readConversation,
  readEvent,
  readManifestRoot,
  readParticipant,
  unknownKeyWarnings,
  type RsmfConversation,
  type RsmfEvent,
  type RsmfParticipant,
  type UnknownKeys,
} from './rsmf/manifest';
import { manifestElements, MANIFEST_LISTS, type ManifestElement, type ManifestList, type ManifestRoot } from './rsmf/stream';
import { JsonSyntaxError, type CutString } from './telegram/json-tokenizer';
import { openZipBuffer } from './zip';

const MANIFEST = 'rsmf_manifest.json';
const PLATFORMS: readonly Platform[] = ['whatsapp', 'sms', 'imessage', 'telegram', 'signal'];
const SYSTEM_EVENTS = new Set(['join', 'leave', 'disclaimer', 'history']);

function isRsmfHead(head: string): boolean {
  const headerBlock = head.split(/\r?\n\r?\n/, 1)[0] ?? '';
  if (/^X-RSMF-Version[ \t]*:/im.test(headerBlock)) return true;
  return (
    /^\uFEFF?\s*\{/.test(head) && /"version"\s*:\s*"\d+\.\d+\.\d+"/.test(head) && /"(participants|conversations|events)"\s*:/.test(head)
  );
}

interface Container {
  /** Where attachment files are looked up. */
  readonly files: SourceFiles;
  readonly manifestEntry: string;
  /** Prefix for `pathInSource` when the files sit inside the e-mail's zip. */
  readonly nestedIn: string | null;
  readonly headers: HeaderList | null;
}

const shallowest = (entries: readonly string[]): string | undefined =>
  [...entries].sort((a, b) => a.split('/').length - b.split('/').length)[0];

async function openContainer(files: SourceFiles): Promise<Container> {
  const manifestEntry = shallowest(files.entries.filter((e) => posix.basename(e).toLowerCase().endsWith(MANIFEST)));
  if (manifestEntry !== undefined) return { files, manifestEntry, nestedIn: null, headers: null };
  const eml = files.entries.filter((e) => /\.(rsmf|eml)$/i.test(e));
  const emlEntry = eml[0];
  if (emlEntry === undefined) throw new ImportInputError(files.displayName, `no .rsmf file or ${MANIFEST} found`);
  if (eml.length > 1) throw new ImportInputError(files.displayName, `${eml.length} .rsmf files found; import them one at a time`);

  const isZip = (part: { fileName: string | null }): boolean => part.fileName?.toLowerCase() === 'rsmf.zip';
  const message = await readMime(files.stream(emlEntry), isZip).catch((err: unknown) => {
    if (err instanceof MimeError)
      throw new ImportInputError(files.displayName, `${emlEntry} is not a readable RSMF e-mail (${err.message})`);
    throw err;
  });
  if (message.headers.get('X-RSMF-Version') === null) {
    throw new ImportInputError(files.displayName, `${emlEntry} has no X-RSMF-Version header, so it is not an RSMF file`);
  }
  const zips = message.parts.filter(isZip);
  if (zips.length !== 1) {
    throw new ImportInputError(files.displayName, `${emlEntry} must carry exactly one attachment named rsmf.zip (found ${zips.length})`);
  }
  const zipPart = zips[0];
  if (zipPart?.transferEncoding !== 'base64' || !zipPart.body) {
    throw new ImportInputError(
      files.displayName,
      `the rsmf.zip attachment in ${emlEntry} must be base64-encoded (found ${zipPart?.transferEncoding ?? 'nothing'})`,
    );
  }
  const zip = await openZipBuffer('rsmf.zip', zipPart.body);
  const inZip = zip.entries.find((e) => e.toLowerCase() === MANIFEST);
  if (inZip === undefined) {
    await zip.close();
    throw new ImportInputError(files.displayName, `rsmf.zip in ${emlEntry} has no ${MANIFEST} at its root`);
  }
  return { files: zip, manifestEntry: inZip, nestedIn: 'rsmf.zip', headers: message.headers };
}

/** A manifest record with the strings in it that were cut (field-caps.ts). */
interface WithCut<T> {
  readonly record: T;
  readonly cut: readonly CutString[];
}

/** What the first pass keeps: everything but the events, which it checks and counts. */
interface ManifestHead {
  readonly version: string;
  readonly participants: readonly WithCut<RsmfParticipant>[];
  readonly conversations: readonly WithCut<RsmfConversation>[];
  readonly eventCount: number;
  readonly attachmentCount: number;
  readonly warnings: readonly string[];
}

/** What is wrong with the manifest file, as the error the user sees; other errors as they are. */
function manifestError(displayName: string, entry: string, err: unknown): unknown {
  const reason =
    err instanceof JsonSyntaxError
      ? `is not valid JSON (${err.message})`
      : err instanceof TypeError
        ? 'is not valid UTF-8'
        : err instanceof RsmfManifestError
          ? null
          : undefined;
  if (reason === undefined) return err;
  return new ImportInputError(displayName, reason === null ? `${entry}: ${(err as Error).message}` : `${entry} ${reason}`, { file: entry });
}

/** The elements of the manifest's `wanted` lists, as they stream; returns the rest of the manifest. */
async function* elementsOf(
  displayName: string,
  container: Container,
  wanted: readonly ManifestList[],
  caps: FieldCaps,
): AsyncGenerator<ManifestElement, ManifestRoot, undefined> {
  try {
    return yield* manifestElements(container.files, container.manifestEntry, new Set(wanted), caps.body);
  } catch (err) {
    throw manifestError(displayName, container.manifestEntry, err);
  }
}

/** The first pass: checks the whole manifest, keeps its participants and conversations, counts its events. */
async function readHead(displayName: string, container: Container, caps: FieldCaps): Promise<ManifestHead> {
  const unknown: UnknownKeys = new Map();
  const participantIds = new Set<string>();
  const conversationIds = new Set<string>();
  const participants: WithCut<RsmfParticipant>[] = [];
  const conversations: WithCut<RsmfConversation>[] = [];
  let eventCount = 0;
  let attachmentCount = 0;
  const elements = elementsOf(displayName, container, MANIFEST_LISTS, caps);
  try {
    for (;;) {
      const next = await elements.next();
      if (next.done) {
        const version = readManifestRoot(next.value.root, next.value.lists, unknown);
        return { version, participants, conversations, eventCount, attachmentCount, warnings: unknownKeyWarnings(unknown) };
      }
      const { list, index, value, cut } = next.value;
      if (list === 'participants') participants.push({ record: readParticipant(value, index, participantIds, unknown), cut });
      else if (list === 'conversations') conversations.push({ record: readConversation(value, index, conversationIds, unknown), cut });
      else {
        eventCount++;
        attachmentCount += readEvent(value, index, unknown).attachments.length;
      }
    }
  } catch (err) {
    throw manifestError(displayName, container.manifestEntry, err);
  }
}

/** The fields of `text` the tokenizer cut, as the truncations a parse event carries. */
function truncated(
  cut: readonly CutString[],
  fields: readonly (readonly [TruncatedField, string | null])[],
): { truncated?: readonly FieldTruncation[] } {
  if (cut.length === 0) return {};
  const found: FieldTruncation[] = [];
  for (const [field, text] of fields) {
    const whole = text === null ? undefined : cut.find((c) => c.text === text)?.whole;
    if (whole) found.push({ field, ...whole });
  }
  return found.length ? { truncated: found } : {};
}

/** Compares what the X-RSMF-* headers claim with what the manifest holds. */
function headerChecks(
  headers: HeaderList,
  manifest: ManifestHead,
  times: { earliest: number | null; latest: number | null },
  timeZone: string,
): string[] {
  const problems: string[] = [];
  const version = headers.get('X-RSMF-Version');
  if (version !== null && version !== manifest.version)
    problems.push(`X-RSMF-Version is ${version} but the manifest says ${manifest.version}`);
  const count = (name: string, actual: number, what: string): void => {
    const claimed = headers.get(name);
    if (claimed !== null && Number(claimed) !== actual) problems.push(`${name} is ${claimed} but the manifest has ${actual} ${what}`);
  };
  count('X-RSMF-EventCount', manifest.eventCount, 'events');
  count('X-RSMF-AttachmentCount', manifest.attachmentCount, 'attachment references');
  const bound = (name: string, actual: number | null): void => {
    const claimed = headers.get(name);
    if (claimed === null) return;
    const claimedMs = readIsoTime(claimed, timeZone, null).time.utcMs;
    if (claimedMs === null) problems.push(`${name} "${claimed}" is not an ISO 8601 date-time`);
    else if (actual !== null && claimedMs !== actual)
      problems.push(
        `${name} is ${claimed} but the events run ${name.endsWith('BeginDate') ? 'from' : 'to'} ${new Date(actual).toISOString()}`,
      );
  };
  bound('X-RSMF-BeginDate', times.earliest);
  bound('X-RSMF-EndDate', times.latest);
  return problems;
}

async function* parseEvents(files: SourceFiles, options: ParseOptions): AsyncGenerator<ParseEvent> {
  const container = await openContainer(files);
  try {
    yield* emit(files.displayName, container, options);
  } finally {
    if (container.files !== files) await container.files.close();
  }
}

/** How raw platform names the case has no value for are named on screen. */
const APPLICATION_NAMES: Readonly<Record<string, string>> = {
  teams: 'Microsoft Teams',
  msteams: 'Microsoft Teams',
  'microsoft teams': 'Microsoft Teams',
  slack: 'Slack',
  bloomberg: 'Bloomberg',
};

/**
 * The application to name on the source when a conversation's platform is not one of the case's (it is
 * stored as "other"): X-RSMF-Application, else the platform as the manifest writes it. Null when every
 * platform is known, or the manifest names several unknown ones.
 */
function unnamedApplication(platforms: readonly string[], header: string | null): string | null {
  const unknown = new Set(platforms.map((p) => p.trim().toLowerCase()).filter((p) => !PLATFORMS.some((known) => known === p)));
  if (unknown.size === 0) return null;
  if (header !== null && header.trim() !== '') return APPLICATION_NAMES[header.trim().toLowerCase()] ?? header.trim();
  if (unknown.size > 1) return null;
  const [raw = ''] = unknown;
  return raw === '' ? null : (APPLICATION_NAMES[raw] ?? platforms.find((p) => p.trim().toLowerCase() === raw)?.trim() ?? raw);
}

async function* emit(displayName: string, container: Container, options: ParseOptions): AsyncGenerator<ParseEvent> {
  const caps = options.fieldCaps ?? FIELD_CAPS;
  const manifest = await readHead(displayName, container, caps);
  const file = container.manifestEntry;
  const headers = container.headers;
  const generator = headers?.text('X-RSMF-Generator') ?? null;
  const application = unnamedApplication(
    manifest.conversations.map(({ record }) => record.platform),
    headers?.text('X-RSMF-Application') ?? null,
  );
  yield {
    type: 'source',
    source: {
      format: 'rsmf',
      // The case's platforms have no word for this application: the source names it, for the screens to show
      // (sourceApplication in db/queries/browse.ts), and the RSMF's writer goes beside it.
      ...(application === null
        ? { producer: generator, producerVersion: null }
        : { producer: application, producerVersion: generator === null ? '(RSMF)' : `(RSMF by ${generator})` }),
      dateOrder: null,
      dateOrderBasis: null,
    },
  };
  for (const warning of manifest.warnings)
    yield { type: 'note', note: { kind: 'warning', message: `${file}: ${warning}`, locator: { file } } };

  const locatorOf = (event: RsmfEvent) => ({ file, record: event.id ?? `events[${event.index}]` });
  const conversationsById = new Map(manifest.conversations.map(({ record }) => [record.id, record]));
  const eventConversation = (event: RsmfEvent): string => {
    if (event.conversation !== null) {
      if (!conversationsById.has(event.conversation)) {
        throw new ImportInputError(
          displayName,
          `events[${event.index}].conversation "${event.conversation}" is not defined in conversations[]`,
          locatorOf(event),
        );
      }
      return event.conversation;
    }
    const only = manifest.conversations.length === 1 ? manifest.conversations[0]?.record : undefined;
    if (!only) {
      throw new ImportInputError(
        displayName,
        `events[${event.index}] names no conversation and the manifest has ${manifest.conversations.length}`,
        locatorOf(event),
      );
    }
    return only.id;
  };

  // Offset-less times are placed in order within their conversation.
  const previous = new Map<string, number>();
  const span = { earliest: null as number | null, latest: null as number | null };
  const timeOf = (event: RsmfEvent, conversation: string): { time: ParsedTime; zoned: boolean } => {
    const parsed = readIsoTime(event.timestamp, options.timeZone, previous.get(conversation) ?? null);
    const utcMs = parsed.time.utcMs;
    if (utcMs !== null) {
      previous.set(conversation, utcMs);
      if (span.earliest === null || utcMs < span.earliest) span.earliest = utcMs;
      if (span.latest === null || utcMs > span.latest) span.latest = utcMs;
    }
    return parsed;
  };

  const custodians = new Set(manifest.conversations.map(({ record }) => record.custodian).filter((c): c is string => c !== null));
  const participantKey = (id: string): string => `participant:${id}`;
  const declared = new Map(manifest.participants.map(({ record }) => [record.id, record]));
  for (const { record: p, cut } of manifest.participants) {
    const label = p.display ?? p.email ?? p.accountId ?? p.id;
    const handle = p.accountId ?? p.email;
    yield {
      type: 'participant',
      participant: {
        key: participantKey(p.id),
        label,
        handle,
        isOwner: custodians.has(p.id),
        ...truncated(cut, [
          ['sender', label],
          ['handle', handle],
        ]),
      },
    };
  }
  const undeclared = new Set<string>();
  function* ensureParticipant(id: string | null, where: string): Generator<ParseEvent, string | null> {
    if (id === null) return null;
    if (!declared.has(id) && !undeclared.has(id)) {
      undeclared.add(id);
      yield {
        type: 'note',
        note: {
          kind: 'warning',
          message: `participant "${id}" (${where}) is not defined in participants[]; imported under its id`,
          locator: { file },
        },
      };
      yield { type: 'participant', participant: { key: participantKey(id), label: id, handle: null, isOwner: custodians.has(id) } };
    }
    return participantKey(id);
  }
  const labelOf = (id: string): string => {
    const p = declared.get(id);
    return p?.display ?? p?.email ?? p?.accountId ?? id;
  };

  const conversationKey = (id: string): string => `conversation:${id}`;
  const members = new Set<string>();
  function* member(conversation: string, participant: string | null): Generator<ParseEvent> {
    if (participant === null || members.has(`${conversation}\n${participant}`)) return;
    members.add(`${conversation}\n${participant}`);
    yield { type: 'member', conversationKey: conversationKey(conversation), participantKey: participant };
  }
  for (const { record: c, cut } of manifest.conversations) {
    const platform = PLATFORMS.find((p) => p === c.platform.toLowerCase()) ?? 'other';
    const kind: ConversationKind = c.participants.length <= 2 && c.type !== 'channel' ? 'direct' : 'group';
    const title = c.display ?? c.id;
    yield {
      type: 'conversation',
      conversation: { key: conversationKey(c.id), platform, kind, title, externalId: c.id, ...truncated(cut, [['title', title]]) },
    };
    for (const id of c.participants) yield* member(c.id, yield* ensureParticipant(id, `conversation ${c.id}`));
    if (c.custodian !== null) yield* member(c.id, yield* ensureParticipant(c.custodian, `custodian of conversation ${c.id}`));
  }

  let seq = 0;
  const events = elementsOf(displayName, container, ['events'], caps);
  for (;;) {
    // The caller that cancelled reports the cancellation; stopping here is enough.
    if (options.token?.isCancellationRequested) return;
    const next = await events.next();
    if (next.done) break;
    const { value, index, cut } = next.value;
    const event = readEvent(value, index, new Map());
    const locator = locatorOf(event);
    const conversation = eventConversation(event);
    const where = `events[${event.index}]`;
    const senderKey = yield* ensureParticipant(event.participant, where);
    yield* member(conversation, senderKey);
    const { time, zoned } = timeOf(event, conversation);
    if (!zoned) {
      yield {
        type: 'note',
        note: {
          kind: 'warning',
          message:
            time.utcMs === null
              ? `timestamp "${event.timestamp}" could not be read`
              : `timestamp "${event.timestamp}" has no UTC offset, so its zone is unknown; it is placed as ${options.timeZone} wall-clock time for ordering only`,
          locator,
        },
      };
    }

    const reactions: ParsedReaction[] = [];
    for (const reaction of event.reactions) {
      for (const id of reaction.participants) {
        reactions.push({
          actorKey: yield* ensureParticipant(id, `${where}.reactions`),
          actorLabel: labelOf(id),
          reaction: reaction.value,
          time: null,
        });
      }
      // A count above the named reactors means people the export did not name.
      for (let i = reaction.participants.length; i < (reaction.count ?? 0); i++) {
        reactions.push({ actorKey: null, actorLabel: 'not named in the export', reaction: reaction.value, time: null });
      }
    }

    const attachments: ParsedAttachment[] = [];
    for (const a of event.attachments) {
      const dir = posix.dirname(container.manifestEntry);
      const path = dir === '.' ? a.id : `${dir}/${a.id}`;
      const isPresent = container.files.has(path);
      if (!isPresent) {
        yield {
          type: 'note',
          note: {
            kind: 'warning',
            message: `attachment ${a.id} of event ${event.id ?? where} is named by the manifest but is not in ${container.nestedIn ?? 'the export'}`,
            locator,
          },
        };
      }
      attachments.push({
        fileName: a.display ?? posix.basename(a.id),
        mime: null,
        pathInSource: isPresent ? (container.nestedIn ? `${container.nestedIn}/${path}` : path) : null,
        present: isPresent,
        missingReason: isPresent ? null : `not in ${container.nestedIn ?? 'the export'} (${a.id})`,
        // Files inside the e-mail's zip cannot be reached through the imported file, so their bytes travel with the message.
        ...(isPresent && container.nestedIn ? { embedded: await container.files.read(path) } : {}),
      });
    }

    // editHistory holds the earlier versions: each `previous`, timed when that edit replaced it.
    const editHistory: ParsedEdit[] = event.edits
      .filter((e) => e.previous !== null)
      .map((e) => ({ body: e.previous ?? '', time: readIsoTime(e.timestamp, options.timeZone, time.utcMs).time }));

    const body = event.body ?? '';
    const system = SYSTEM_EVENTS.has(event.type);
    const deleted: DeletedKind = event.deleted ? (body === '' ? 'placeholder' : 'recovered') : 'none';
    const kind: MessageKind = system
      ? 'system'
      : event.type === 'unknown'
        ? 'other'
        : deleted === 'placeholder'
          ? 'deleted'
          : attachments.length > 0 && body.trim() === ''
            ? 'media'
            : 'text';
    const custodian = conversationsById.get(conversation)?.custodian ?? null;
    const [direction, directionBasis]: [Direction, DirectionBasis] = system
      ? ['system', 'source']
      : event.direction !== null
        ? [event.direction, 'source']
        : custodian !== null && event.participant !== null
          ? [event.participant === custodian ? 'outgoing' : 'incoming', 'owner_handle']
          : ['unknown', 'unknown'];

    yield {
      type: 'message',
      message: {
        conversationKey: conversationKey(conversation),
        seq: seq++,
        externalId: event.id,
        time,
        senderKey,
        direction,
        directionBasis,
        kind,
        systemKind: system ? event.type : null,
        body,
        edited: event.edits.length === 0 ? 'none' : editHistory.length > 0 ? 'edited_history_known' : 'edited_history_unknown',
        editHistory,
        deleted,
        replyToExternalId: event.parent,
        attachments,
        reactions,
        locator,
        repairs: [],
        confidence: 'high',
        ...truncated(cut, [['body', event.body], ...editHistory.map((e): [TruncatedField, string] => ['edit', e.body])]),
      },
    };
  }
  if (headers) {
    for (const problem of headerChecks(headers, manifest, span, options.timeZone)) {
      yield { type: 'note', note: { kind: 'warning', message: problem, locator: { file } } };
    }
  }
}

export const rsmf: ImportFormat = {
  id: 'rsmf',
  // The manifest's name and the .rsmf extension are the standard's own; so is its version header.
  sniff: (head) =>
    head.names.has(MANIFEST) || head.entries.some((e) => e.toLowerCase().endsWith('.rsmf')) ? 0.99 : isRsmfHead(head.text) ? 0.85 : 0,
  parse: (files, options) => inArrays(parseEvents(files, options)),
  parserVersion: 'rsmf/1',
  oneConversation: false,
  attachments: true,
};
