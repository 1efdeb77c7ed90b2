/**
 * Cellebrite UFDR reports (`report.xml`, loose or inside a `.ufdr` zip). The XML is streamed through a
 * shared XML pre-filter (repair/xml-repair.ts) into saxes and each message is emitted when its `<model>` closes, so
 * memory follows the size of one model, not of the report. Chat models become conversations; SMS
 * models are grouped into one thread per counterpart. Namespaces are resolved by xml-namespaces.ts, in
 * constant time per element however deep the report nests; nesting past MAX_NESTING_DEPTH is refused.
 */
import { posix } from 'node:path';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { ConversationKind, DeletedKind, Direction, DirectionBasis, MessageKind, Platform } from '../../common/domain/model';
import type { Locator, ParseEvent, ParseOptions, ParsedAttachment } from '../../common/domain/parsed';
import { readIsoTime } from '../../common/domain/time';
import { decodeText, TextDecodingError } from './repair/decode';
import type { Repair } from './repair/repair-queue';
import { XmlRepairer } from './repair/xml-repair';
import { ImportInputError } from './errors';
import type { SourceFiles } from './files';
import type { ImportFormat } from './format';
import { MAX_NESTING_DEPTH, NestingTooDeepError } from './structure-limits';
import { NamespaceScopes } from './xml-namespaces';

export const CELLEBRITE_NAMESPACE = 'http://pa.cellebrite.com/report/2.0';
const SYSTEM_PARTY = 'System Message';

function isReportHead(head: string): boolean {
  return /<project[\s>]/.test(head) && head.includes(CELLEBRITE_NAMESPACE);
}

interface Party {
  /** The (multi)modelField the party sits in: From, To, Participants, Parties. */
  readonly role: string | null;
  readonly fields: ReadonlyMap<string, string>;
}

interface Model {
  readonly type: string;
  readonly id: string | null;
  readonly attributes: Readonly<Record<string, string>>;
  readonly role: string | null;
  readonly lineStart: number;
  readonly tracked: boolean;
  readonly fields: Map<string, string>;
  readonly parties: Party[];
  readonly attachments: { readonly fileId: string | null; readonly fields: ReadonlyMap<string, string> }[];
  /** Set on Chat models once their conversation has been emitted. */
  conversation: Thread | null;
}

interface Thread {
  readonly key: string;
  lastSourceIndex: number | null;
  lastUtc: number | null;
  orderWarned: boolean;
}

interface Frame {
  readonly local: string;
  readonly name: string | null;
  readonly model: Model | null;
  readonly section: string | null;
}

const PLATFORMS: Readonly<Record<string, Platform>> = {
  whatsapp: 'whatsapp',
  'whatsapp business': 'whatsapp',
  telegram: 'telegram',
  signal: 'signal',
  imessage: 'imessage',
  sms: 'sms',
};

const CHAT_KINDS: Readonly<Record<string, ConversationKind>> = {
  oneonone: 'direct',
  group: 'group',
  channel: 'channel',
  broadcast: 'channel',
};

const digitsOf = (identifier: string): string | null => {
  const jid = /^(\d{6,15})@(?:s\.whatsapp\.net|c\.us)$/i.exec(identifier);
  if (jid?.[1]) return jid[1];
  if (/^\+?[\d\s().-]{6,}$/.test(identifier)) return identifier.replace(/\D/g, '').replace(/^00/, '');
  return null;
};

function findReport(files: SourceFiles): string {
  const reports = files.entries
    .filter((entry) => posix.basename(entry).toLowerCase() === 'report.xml')
    .sort((a, b) => a.split('/').length - b.split('/').length);
  // A report saved under another name is accepted when it is the only XML file; its content is checked.
  const xml = files.entries.filter((entry) => entry.toLowerCase().endsWith('.xml'));
  const report = reports[0] ?? (xml.length === 1 ? xml[0] : undefined);
  if (report === undefined) throw new ImportInputError(files.displayName, 'no report.xml found (a UFDR holds one at its root)');
  return report;
}

async function* parse(files: SourceFiles, options: ParseOptions): AsyncGenerator<readonly ParseEvent[]> {
  const report = findReport(files);
  const reportDir = posix.dirname(report) === '.' ? '' : `${posix.dirname(report)}/`;
  const bytesTotal = files.size(report);
  const fail = (reason: string, line?: number): never => {
    throw new ImportInputError(files.displayName, reason, { file: report, lineStart: line });
  };

  const out: ParseEvent[] = [];
  const found: Repair[] = [];
  const repairer = new XmlRepairer(
    (repair) => found.push(repair),
    (line) => fail(`${report} has a DOCTYPE; DTDs and entity declarations are refused and never expanded`, line),
  );
  const parser = new SaxesParser({ xmlns: false, position: true });
  const namespaces = new NamespaceScopes();
  const frames: Frame[] = [];
  const models: Model[] = [];
  const ownerDigits = new Set<string>();
  // file id -> Local Path. The one index kept for the whole report: attachments refer to tagged files by
  // id, and it grows with the number of files (as `files.entries` already does), not with message text.
  const taggedFiles = new Map<string, string>();
  const emittedParticipants = new Set<string>();
  const members = new Set<string>();
  const smsThreads = new Map<string, Thread>();
  let unlinked: Thread | null = null;
  let repairQueue: Repair[] = [];
  let capture: string[] | null = null;
  let fieldTarget: { model: Model; name: string } | null = null;
  let currentFileId: string | null = null;
  let deviceZone: string | null = null;
  let seq = 0;
  let seenRoot = false;

  const locatorOf = (model: Model): Locator => ({
    file: report,
    lineStart: model.lineStart,
    lineEnd: parser.line,
    ...(model.id !== null ? { record: model.id } : {}),
  });

  const identify = (party: Party): { key: string; label: string; handle: string | null; isOwner: boolean } | null => {
    const identifier = party.fields.get('Identifier')?.trim() ?? '';
    const name = party.fields.get('Name')?.trim() || null;
    if (identifier === SYSTEM_PARTY) return null;
    const digits = identifier ? digitsOf(identifier) : null;
    const isOwner = party.fields.get('IsPhoneOwner')?.toLowerCase() === 'true' || (digits !== null && ownerDigits.has(digits));
    if (digits !== null) return { key: `tel:${digits}`, label: name ?? `+${digits}`, handle: `+${digits}`, isOwner };
    if (identifier) return { key: `id:${identifier}`, label: name ?? identifier, handle: identifier, isOwner };
    if (name) return { key: `name:${name}`, label: name, handle: null, isOwner };
    return null;
  };

  const participant = (party: Party | undefined): string | null => {
    const who = party ? identify(party) : null;
    if (!who) return null;
    if (!emittedParticipants.has(who.key)) {
      emittedParticipants.add(who.key);
      out.push({ type: 'participant', participant: who });
    }
    return who.key;
  };

  const member = (conversationKey: string, participantKey: string | null): void => {
    if (participantKey === null || members.has(`${conversationKey}\n${participantKey}`)) return;
    members.add(`${conversationKey}\n${participantKey}`);
    out.push({ type: 'member', conversationKey, participantKey });
  };

  // Emitted when the chat's first message opens: waiting for fields written after the Messages list
  // would mean holding the whole chat in memory.
  const chatThread = (chat: Model): Thread => {
    if (chat.conversation) return chat.conversation;
    const thread: Thread = { key: `chat:${chat.id ?? chat.lineStart}`, lastSourceIndex: null, lastUtc: null, orderWarned: false };
    chat.conversation = thread;
    const source = chat.fields.get('Source') ?? '';
    const externalId = chat.fields.get('Id') ?? null;
    out.push({
      type: 'conversation',
      conversation: {
        key: thread.key,
        platform: PLATFORMS[source.toLowerCase()] ?? 'other',
        kind: CHAT_KINDS[(chat.fields.get('ChatType') ?? '').toLowerCase()] ?? 'unknown',
        title: chat.fields.get('Name') || externalId || `Chat ${chat.id ?? ''}`.trim(),
        externalId,
      },
    });
    for (const party of chat.parties) if (party.role === 'Participants') member(thread.key, participant(party));
    return thread;
  };

  const isOwnerParty = (party: Party): boolean => identify(party)?.isOwner ?? false;
  const roleOf = (party: Party): string | null => party.fields.get('Role') ?? party.role;

  const smsThread = (sms: Model): Thread => {
    const parties = sms.parties.filter((p) => p.role === 'Parties');
    let counterparts = parties.filter((p) => !isOwnerParty(p));
    if (counterparts.length === parties.length) {
      // No party is marked as the owner: the folder says which side the counterpart is on.
      const folder = (sms.fields.get('Folder') ?? '').toLowerCase();
      const counterpartRole = folder === 'inbox' ? 'From' : folder === 'sent' || folder === 'outbox' ? 'To' : null;
      if (counterpartRole) counterparts = parties.filter((p) => roleOf(p) === counterpartRole);
    }
    const people = counterparts.map(identify).filter((p) => p !== null);
    const key = `sms:${
      people
        .map((p) => p.key)
        .sort()
        .join('|') || 'unknown'
    }`;
    const existing = smsThreads.get(key);
    if (existing) return existing;
    const thread: Thread = { key, lastSourceIndex: null, lastUtc: null, orderWarned: false };
    smsThreads.set(key, thread);
    out.push({
      type: 'conversation',
      conversation: {
        key,
        platform: 'sms',
        kind: people.length > 1 ? 'group' : 'direct',
        title: people.map((p) => p.label).join(', ') || 'Unknown number',
        externalId: null,
      },
    });
    for (const party of parties) member(key, participant(party));
    return thread;
  };

  const unlinkedThread = (): Thread => {
    if (unlinked) return unlinked;
    unlinked = { key: 'unlinked', lastSourceIndex: null, lastUtc: null, orderWarned: false };
    out.push({
      type: 'conversation',
      conversation: {
        key: unlinked.key,
        platform: 'other',
        kind: 'unknown',
        title: 'Instant messages not linked to a chat',
        externalId: null,
      },
    });
    return unlinked;
  };

  const direction = (model: Model, from: Party | undefined, system: boolean): [Direction, DirectionBasis] => {
    if (system) return ['system', 'source'];
    const folder = (model.fields.get('Folder') ?? '').toLowerCase();
    if (folder === 'inbox') return ['incoming', 'source'];
    if (folder === 'sent' || folder === 'outbox') return ['outgoing', 'source'];
    const flag = from?.fields.get('IsPhoneOwner')?.toLowerCase();
    if (flag === 'true') return ['outgoing', 'source'];
    if (flag === 'false') return ['incoming', 'source'];
    const digits = from ? digitsOf(from.fields.get('Identifier') ?? '') : null;
    if (digits !== null && ownerDigits.size > 0) return [ownerDigits.has(digits) ? 'outgoing' : 'incoming', 'owner_handle'];
    return ['unknown', 'unknown'];
  };

  const attachment = (fileId: string | null, fields: ReadonlyMap<string, string>): ParsedAttachment => {
    const extracted = fields.get('attachment_extracted_path')?.replace(/\\/g, '/') ?? null;
    const local = (fileId !== null ? taggedFiles.get(fileId) : undefined) ?? extracted;
    const path = local === null ? null : posix.normalize(`${reportDir}${local.replace(/^\/+/, '')}`);
    const isPresent = path !== null && files.has(path);
    return {
      fileName: fields.get('Filename') ?? (local === null ? null : posix.basename(local)),
      mime: fields.get('ContentType') ?? null,
      pathInSource: isPresent ? path : null,
      present: isPresent,
      missingReason: isPresent ? null : local === null ? 'no file reference in the report' : `not in the extraction (${local})`,
    };
  };

  const emitMessage = (model: Model, thread: Thread): void => {
    const locator = locatorOf(model);
    const from = model.parties.find((p) => roleOf(p) === 'From');
    const system = from?.fields.get('Identifier')?.trim() === SYSTEM_PARTY;
    const senderKey = system ? null : participant(from);
    member(thread.key, senderKey);

    const sourceIndex = model.attributes.source_index === undefined ? null : Number(model.attributes.source_index);
    if (sourceIndex !== null && Number.isFinite(sourceIndex)) {
      // Order within a source database is source_index; the report normally writes models in that order.
      // Reordering would mean holding a whole chat in memory, so an out-of-order model is kept in file
      // order and reported instead.
      if (thread.lastSourceIndex !== null && sourceIndex < thread.lastSourceIndex && !thread.orderWarned) {
        thread.orderWarned = true;
        out.push({
          type: 'note',
          note: {
            kind: 'warning',
            message: `model ${model.id ?? '?'} has source_index ${sourceIndex}, lower than the model before it; messages are kept in report order`,
            locator,
          },
        });
      }
      thread.lastSourceIndex = sourceIndex;
    }

    const rawTime = model.fields.get('TimeStamp') ?? '';
    const { time, zoned } = readIsoTime(rawTime, options.timeZone, thread.lastUtc);
    if (!zoned) {
      const device = deviceZone ? ` (the report gives the device zone as ${deviceZone})` : '';
      out.push({
        type: 'note',
        note: {
          kind: 'warning',
          message:
            time.utcMs === null
              ? `TimeStamp "${rawTime}" is not in a recognised format; the message has no time`
              : `TimeStamp "${rawTime}" has no UTC offset, so its zone is unknown${device}; it is placed as ${options.timeZone} wall-clock time for ordering only`,
          locator,
        },
      });
    }
    if (time.utcMs !== null) thread.lastUtc = time.utcMs;

    const lineEnd = locator.lineEnd ?? model.lineStart;
    const repairs = repairQueue.filter((r) => r.line >= model.lineStart && r.line <= lineEnd);
    repairQueue = repairQueue.filter((r) => r.line > lineEnd);

    const state = model.attributes.deleted_state?.toLowerCase();
    const deleted: DeletedKind = state === 'deleted' || state === 'trash' ? 'recovered' : 'none';
    const confidence = model.attributes.decoding_confidence;
    const body = model.fields.get('Body') ?? '';
    const attachments = model.attachments.map((a) => attachment(a.fileId, a.fields));
    const kind: MessageKind = system ? 'system' : attachments.length > 0 && body.trim() === '' ? 'media' : 'text';
    const [dir, basis] = direction(model, from, system);

    out.push({
      type: 'message',
      message: {
        conversationKey: thread.key,
        seq: seq++,
        externalId: model.fields.get('Identifier') ?? null,
        time,
        senderKey,
        direction: dir,
        directionBasis: basis,
        kind,
        systemKind: system ? 'system_message' : null,
        body,
        edited: 'none',
        editHistory: [],
        deleted,
        replyToExternalId: null,
        attachments,
        reactions: [],
        locator,
        repairs: repairs.map((r) => `line ${r.line}: ${r.description}`),
        confidence: confidence !== undefined && confidence.toLowerCase() !== 'high' ? 'low' : 'high',
      },
    });
  };

  const nearestModel = (): Model | undefined => models[models.length - 1];

  parser.on('xmldecl', (decl) => {
    if (decl.encoding && !/^utf-?8$/i.test(decl.encoding))
      fail(`${report} declares encoding ${decl.encoding}; only UTF-8 reports are supported`);
  });
  parser.on('doctype', () => fail(`${report} has a DOCTYPE; DTDs and entity declarations are refused and never expanded`, parser.line));
  parser.on('text', (text) => capture?.push(text));
  parser.on('cdata', (text) => capture?.push(text));

  parser.on('opentagstart', () => {
    if (frames.length >= MAX_NESTING_DEPTH) {
      const line = parser.line;
      fail(new NestingTooDeepError('elements', line).message, line);
    }
  });

  parser.on('opentag', (tag: SaxesTagPlain) => {
    const attr = (name: string): string | undefined => tag.attributes[name];
    const { uri, local } = namespaces.open(tag.name, tag.attributes);
    const parent = frames[frames.length - 1];
    if (!seenRoot) {
      seenRoot = true;
      if (local !== 'project' || uri !== CELLEBRITE_NAMESPACE) {
        fail(
          `not a Cellebrite report: the root element is <${tag.name}> in namespace "${uri}", not <project> in ${CELLEBRITE_NAMESPACE}`,
          parser.line,
        );
      }
      out.push({
        type: 'source',
        source: {
          format: 'cellebrite_ufdr',
          producer: 'Cellebrite',
          producerVersion: attr('reportVersion') ?? null,
          dateOrder: null,
          dateOrderBasis: null,
        },
      });
    }
    const inNamespace = uri === CELLEBRITE_NAMESPACE;
    let model: Model | null = null;
    if (inNamespace && local === 'model') {
      const enclosing = nearestModel();
      const role = parent && (parent.local === 'modelField' || parent.local === 'multiModelField') ? parent.name : null;
      const type = attr('type') ?? '';
      const topLevel = parent?.local === 'modelType';
      const tracked =
        (topLevel && (type === 'Chat' || type === 'InstantMessage' || type === 'SMS')) ||
        (type === 'InstantMessage' && enclosing?.tracked === true && enclosing.type === 'Chat' && role === 'Messages') ||
        (type === 'Party' && enclosing?.tracked === true && enclosing.type !== 'Party') ||
        (type === 'Attachment' && enclosing?.tracked === true && enclosing.type === 'InstantMessage' && role === 'Attachments');
      model = {
        type,
        id: attr('id') ?? null,
        attributes: tag.attributes,
        role,
        lineStart: parser.line,
        tracked,
        fields: new Map(),
        parties: [],
        attachments: [],
        conversation: null,
      };
      models.push(model);
      if (tracked && type === 'InstantMessage' && enclosing?.type === 'Chat') chatThread(enclosing);
    } else if (inNamespace && local === 'field') {
      const owner = nearestModel();
      if (owner?.tracked && parent?.model === owner) fieldTarget = { model: owner, name: attr('name') ?? '' };
    } else if (
      inNamespace &&
      local === 'value' &&
      fieldTarget &&
      parent?.local === 'field' &&
      !fieldTarget.model.fields.has(fieldTarget.name)
    ) {
      capture = [];
    } else if (inNamespace && local === 'file' && parent?.local === 'taggedFiles') {
      currentFileId = attr('id') ?? null;
    } else if (inNamespace && local === 'item') {
      const section = parent?.section ?? null;
      if ((section === 'Device Info' || (section === 'File' && currentFileId !== null)) && models.length === 0) capture = [];
    }
    frames.push({
      local: inNamespace ? local : `{${uri}}${local}`,
      name: attr('name') ?? null,
      model,
      section: inNamespace && local === 'metadata' ? (attr('section') ?? null) : (parent?.section ?? null),
    });
  });

  parser.on('closetag', () => {
    namespaces.close();
    const frame = frames.pop();
    if (!frame) return;
    const text = capture?.join('') ?? null;
    if (frame.local === 'value' && text !== null) {
      capture = null;
      if (fieldTarget) fieldTarget.model.fields.set(fieldTarget.name, text);
    } else if (frame.local === 'field') {
      fieldTarget = null;
    } else if (frame.local === 'item' && text !== null) {
      capture = null;
      const value = text.trim();
      if (frame.section === 'File' && frame.name === 'Local Path' && currentFileId !== null)
        taggedFiles.set(currentFileId, value.replace(/\\/g, '/'));
      else if (frame.section === 'Device Info' && (frame.name === 'MSISDN' || frame.name === 'LastUsedMSISDN')) {
        const digits = digitsOf(value);
        if (digits !== null) ownerDigits.add(digits);
      } else if (frame.section === 'Device Info' && frame.name === 'DeviceInfoTimeZone') deviceZone = value;
    } else if (frame.local === 'file') {
      currentFileId = null;
    } else if (frame.model) {
      const model = frame.model;
      models.pop();
      const enclosing = nearestModel();
      if (!model.tracked) return;
      if (model.type === 'Party' && enclosing) enclosing.parties.push({ role: model.role, fields: model.fields });
      else if (model.type === 'Attachment' && enclosing)
        enclosing.attachments.push({ fileId: model.attributes.file_id ?? null, fields: model.fields });
      else if (model.type === 'InstantMessage') emitMessage(model, enclosing?.type === 'Chat' ? chatThread(enclosing) : unlinkedThread());
      else if (model.type === 'SMS') emitMessage(model, smsThread(model));
      else if (model.type === 'Chat') chatThread(model);
    }
  });

  const write = (text: string): void => {
    try {
      parser.write(text);
    } catch (err) {
      if (err instanceof ImportInputError) throw err;
      fail(`${report} is not well-formed XML (${(err as Error).message})`, parser.line);
    }
  };
  // Repairs are known before the parser sees their text, so messages can claim theirs; the notes wait
  // until the root element has produced the source event, which must come first.
  const repairNotes: ParseEvent[] = [];
  const queueRepairs = (): void => {
    for (const repair of found.splice(0)) {
      repairQueue.push(repair);
      repairNotes.push({
        type: 'note',
        note: {
          kind: 'repair',
          message: `${repair.description}, so the report could be parsed`,
          locator: { file: report, lineStart: repair.line },
        },
      });
    }
  };
  const flush = (): ParseEvent[] => (seenRoot ? [...out.splice(0), ...repairNotes.splice(0)] : []);
  try {
    for await (const { text, bytesRead } of decodeText(files.stream(report))) {
      // The caller that cancelled reports the cancellation; stopping here is enough.
      if (options.token?.isCancellationRequested) return;
      const repaired = repairer.push(text);
      queueRepairs();
      write(repaired);
      const chunk = flush();
      chunk.push({ type: 'progress', bytesRead, bytesTotal });
      yield chunk;
    }
  } catch (err) {
    if (err instanceof TextDecodingError) fail(`${report} ${err.message.replace(/^the file /, '')}`);
    throw err;
  }
  const tail = repairer.end();
  queueRepairs();
  write(tail);
  if (!seenRoot) fail(`${report} holds no XML elements`);
  try {
    parser.close();
  } catch (err) {
    fail(`${report} is not well-formed XML (${(err as Error).message})`, parser.line);
  }
  yield flush();
}

export const cellebrite: ImportFormat = {
  id: 'cellebrite_ufdr',
  // A UFDR holds its report as report.xml at its root; in content, Cellebrite's namespace is its own.
  sniff: (head) => (head.names.has('report.xml') ? 1 : isReportHead(head.text) ? 0.8 : 0),
  parse,
  parserVersion: 'ufdr/1',
  oneConversation: false,
  attachments: true,
};
