/**
 * Relativity Short Message Format: an `.rsmf` e-mail whose `rsmf.zip` attachment holds
 * `rsmf_manifest.json` and the attachment files, or a bare manifest (optionally in a folder or zip with
 * its files). The e-mail is streamed and only the zip part is kept; the zip is opened in memory with the
 * usual traversal and bomb defences. The X-RSMF-* headers are recorded and checked against the manifest.
 */
import { posix } from 'node:path';
import type { ConversationKind, DeletedKind, Direction, DirectionBasis, MessageKind, Platform } from '../domain/model';
import type { ParseEvent, ParseOptions, ParsedAttachment, ParsedEdit, ParsedReaction } from '../domain/parsed';
import { readIsoTime } from '../domain/time';
import { ImportInputError } from './errors';
import type { SourceFiles } from './files';
import { type HeaderList, MimeError, readMime } from './rsmf/mime';
import { RsmfManifestError, readManifest, type RsmfEvent, type RsmfManifest } from './rsmf/manifest';
import { openZipBuffer } from './zip';

const MANIFEST = 'rsmf_manifest.json';
const PLATFORMS: readonly Platform[] = ['whatsapp', 'sms', 'imessage', 'telegram', 'signal'];
const SYSTEM_EVENTS = new Set(['join', 'leave', 'disclaimer', 'history']);

export function sniffRsmf(head: string): boolean {
  const headerBlock = head.split(/\r?\n\r?\n/, 1)[0] ?? '';
  if (/^X-RSMF-Version[ \t]*:/im.test(headerBlock)) return true;
  return /^\uFEFF?\s*\{/.test(head) && /"version"\s*:\s*"\d+\.\d+\.\d+"/.test(head) && /"(participants|conversations|events)"\s*:/.test(head);
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
    if (err instanceof MimeError) throw new ImportInputError(files.displayName, `${emlEntry} is not a readable RSMF e-mail (${err.message})`);
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
    throw new ImportInputError(files.displayName, `the rsmf.zip attachment in ${emlEntry} must be base64-encoded (found ${zipPart?.transferEncoding ?? 'nothing'})`);
  }
  const zip = await openZipBuffer('rsmf.zip', zipPart.body);
  const inZip = zip.entries.find((e) => e.toLowerCase() === MANIFEST);
  if (inZip === undefined) {
    await zip.close();
    throw new ImportInputError(files.displayName, `rsmf.zip in ${emlEntry} has no ${MANIFEST} at its root`);
  }
  return { files: zip, manifestEntry: inZip, nestedIn: 'rsmf.zip', headers: message.headers };
}

async function loadManifest(displayName: string, container: Container): Promise<{ manifest: RsmfManifest; warnings: string[] }> {
  let json: unknown;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(await container.files.read(container.manifestEntry));
    json = JSON.parse(text);
  } catch (err) {
    const reason = err instanceof SyntaxError ? `is not valid JSON (${err.message})` : err instanceof TypeError ? 'is not valid UTF-8' : null;
    if (reason === null) throw err;
    throw new ImportInputError(displayName, `${container.manifestEntry} ${reason}`, { file: container.manifestEntry });
  }
  try {
    return readManifest(json);
  } catch (err) {
    if (err instanceof RsmfManifestError) throw new ImportInputError(displayName, `${container.manifestEntry}: ${err.message}`, { file: container.manifestEntry });
    throw err;
  }
}

/** Compares what the X-RSMF-* headers claim with what the manifest holds. */
function headerChecks(headers: HeaderList, manifest: RsmfManifest, times: readonly (number | null)[], timeZone: string): string[] {
  const problems: string[] = [];
  const version = headers.get('X-RSMF-Version');
  if (version !== null && version !== manifest.version) problems.push(`X-RSMF-Version is ${version} but the manifest says ${manifest.version}`);
  const count = (name: string, actual: number, what: string): void => {
    const claimed = headers.get(name);
    if (claimed !== null && Number(claimed) !== actual) problems.push(`${name} is ${claimed} but the manifest has ${actual} ${what}`);
  };
  count('X-RSMF-EventCount', manifest.events.length, 'events');
  count('X-RSMF-AttachmentCount', manifest.events.reduce((n, e) => n + e.attachments.length, 0), 'attachment references');
  const known = times.filter((t): t is number => t !== null);
  const bound = (name: string, actual: number | undefined): void => {
    const claimed = headers.get(name);
    if (claimed === null) return;
    const claimedMs = readIsoTime(claimed, timeZone, null).time.utcMs;
    if (claimedMs === null) problems.push(`${name} "${claimed}" is not an ISO 8601 date-time`);
    else if (actual !== undefined && claimedMs !== actual) problems.push(`${name} is ${claimed} but the events run ${name.endsWith('BeginDate') ? 'from' : 'to'} ${new Date(actual).toISOString()}`);
  };
  bound('X-RSMF-BeginDate', known.length > 0 ? Math.min(...known) : undefined);
  bound('X-RSMF-EndDate', known.length > 0 ? Math.max(...known) : undefined);
  return problems;
}

export async function* parseRsmf(files: SourceFiles, options: ParseOptions): AsyncGenerator<ParseEvent> {
  const container = await openContainer(files);
  try {
    yield* emit(files.displayName, container, options);
  } finally {
    if (container.files !== files) await container.files.close();
  }
}

async function* emit(displayName: string, container: Container, options: ParseOptions): AsyncGenerator<ParseEvent> {
  const { manifest, warnings } = await loadManifest(displayName, container);
  const file = container.manifestEntry;
  const headers = container.headers;
  yield {
    type: 'source',
    source: { format: 'rsmf', producer: headers?.text('X-RSMF-Generator') ?? null, producerVersion: null, dateOrder: null, dateOrderBasis: null },
  };
  for (const warning of warnings) yield { type: 'note', note: { kind: 'warning', message: `${file}: ${warning}`, locator: { file } } };

  const locatorOf = (event: RsmfEvent) => ({ file, record: event.id ?? `events[${event.index}]` });
  const conversationsById = new Map(manifest.conversations.map((c) => [c.id, c]));
  const eventConversation = (event: RsmfEvent): string => {
    if (event.conversation !== null) {
      if (!conversationsById.has(event.conversation)) {
        throw new ImportInputError(displayName, `events[${event.index}].conversation "${event.conversation}" is not defined in conversations[]`, locatorOf(event));
      }
      return event.conversation;
    }
    const only = manifest.conversations.length === 1 ? manifest.conversations[0] : undefined;
    if (!only) {
      throw new ImportInputError(displayName, `events[${event.index}] names no conversation and the manifest has ${manifest.conversations.length}`, locatorOf(event));
    }
    return only.id;
  };

  // Times first: offset-less values are placed in order within their conversation.
  const previous = new Map<string, number>();
  const times = manifest.events.map((event) => {
    const conversation = eventConversation(event);
    const parsed = readIsoTime(event.timestamp, options.timeZone, previous.get(conversation) ?? null);
    if (parsed.time.utcMs !== null) previous.set(conversation, parsed.time.utcMs);
    return parsed;
  });
  if (headers) {
    for (const problem of headerChecks(headers, manifest, times.map((t) => t.time.utcMs), options.timeZone)) {
      yield { type: 'note', note: { kind: 'warning', message: problem, locator: { file } } };
    }
  }

  const custodians = new Set(manifest.conversations.map((c) => c.custodian).filter((c): c is string => c !== null));
  const participantKey = (id: string): string => `participant:${id}`;
  const declared = new Map(manifest.participants.map((p) => [p.id, p]));
  for (const p of manifest.participants) {
    yield {
      type: 'participant',
      participant: { key: participantKey(p.id), label: p.display ?? p.email ?? p.accountId ?? p.id, handle: p.accountId ?? p.email, isOwner: custodians.has(p.id) },
    };
  }
  const undeclared = new Set<string>();
  function* ensureParticipant(id: string | null, where: string): Generator<ParseEvent, string | null> {
    if (id === null) return null;
    if (!declared.has(id) && !undeclared.has(id)) {
      undeclared.add(id);
      yield { type: 'note', note: { kind: 'warning', message: `participant "${id}" (${where}) is not defined in participants[]; imported under its id`, locator: { file } } };
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
  for (const c of manifest.conversations) {
    const platform = PLATFORMS.find((p) => p === c.platform.toLowerCase()) ?? 'other';
    const kind: ConversationKind = c.participants.length <= 2 && c.type !== 'channel' ? 'direct' : 'group';
    yield { type: 'conversation', conversation: { key: conversationKey(c.id), platform, kind, title: c.display ?? c.id, externalId: c.id } };
    for (const id of c.participants) yield* member(c.id, yield* ensureParticipant(id, `conversation ${c.id}`));
    if (c.custodian !== null) yield* member(c.id, yield* ensureParticipant(c.custodian, `custodian of conversation ${c.id}`));
  }

  let seq = 0;
  for (const event of manifest.events) {
    // The caller that cancelled reports the cancellation; stopping here is enough.
    if (options.token?.isCancellationRequested) return;
    const locator = locatorOf(event);
    const conversation = eventConversation(event);
    const where = `events[${event.index}]`;
    const senderKey = yield* ensureParticipant(event.participant, where);
    yield* member(conversation, senderKey);
    const { time, zoned } = times[event.index] ?? readIsoTime(null, options.timeZone, null);
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
        reactions.push({ actorKey: yield* ensureParticipant(id, `${where}.reactions`), actorLabel: labelOf(id), reaction: reaction.value, time: null });
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
    const [direction, directionBasis]: [Direction, DirectionBasis] =
      system
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
      },
    };
  }
}
