/**
 * macOS / iOS Messages databases (`chat.db`, `sms.db`). A private copy of the database is opened
 * strictly read-only and every column is found by name (the schema changes between OS releases), then
 * rows are streamed in time order. Tapback rows become reactions on the message they point at; they
 * are never messages.
 */
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { posix } from 'node:path';
import type { Locator, ParseEvent, ParseOptions, ParsedAttachment, ParsedReaction, ParsedTime } from '../../common/domain/parsed';
import type { ConversationKind, MessageKind } from '../../common/domain/model';
import { ImportInputError } from './errors';
import type { SourceFiles } from './files';
import { inArrays, type ImportFormat } from './format';
import { createHash } from 'node:crypto';
import { FIELD_CAPS, type FieldCaps, type FieldTruncation } from '../../common/domain/field-caps';
import { utf8Prefix } from './capped-text';
import { PageReader, PageReadError } from './imessage/sqlite-pages';
import { attributedBodyText, attributedBodyTextSpan } from './imessage/typedstream';
import { visibleSchema } from './imessage/sqlite-schema';
import { privateDatabaseCopy } from './private-copy';

const REQUIRED_TABLES = ['message', 'handle', 'chat', 'chat_message_join', 'chat_handle_join'] as const;
const REQUIRED_MESSAGE_COLUMNS = ['guid', 'text', 'handle_id', 'is_from_me', 'date'] as const;
const OPTIONAL_MESSAGE_COLUMNS = [
  'attributedBody',
  'date_edited',
  'item_type',
  'group_action_type',
  'group_title',
  'associated_message_type',
  'associated_message_guid',
  'thread_originator_guid',
  'destination_caller_id',
  'account',
] as const;
type MessageColumn = (typeof REQUIRED_MESSAGE_COLUMNS)[number] | (typeof OPTIONAL_MESSAGE_COLUMNS)[number];

/**
 * An attributedBody this much longer than the body cap (or twice the cap, if less) is read in parts:
 * the archive's header and classes come before its text, and are far smaller than this.
 */
const ATTRIBUTED_SLACK = 64 * 1024;
const attributedSlack = (caps: FieldCaps): number => Math.min(ATTRIBUTED_SLACK, caps.body);
/** Bytes of a long field read through SQL at a time, where its pages cannot be read: SQLite loads the whole value for each read. */
const SQL_READ = 32 * 1024 * 1024;

const APPLE_EPOCH_MS = 978_307_200_000n;
// Seconds since 2001 stay below 1e11 until the year 5170; nanoseconds pass it within two minutes of 2001.
const NANOSECOND_THRESHOLD = 100_000_000_000n;
const OWNER_KEY = 'owner';
const ORPHAN_KEY = 'orphans';

const TAPBACKS: Readonly<Record<number, string>> = {
  2000: 'Loved',
  2001: 'Liked',
  2002: 'Disliked',
  2003: 'Laughed',
  2004: 'Emphasized',
  2005: 'Questioned',
};

// imessage-exporter's reading of item_type / group_action_type (tables/messages, GroupAction).
function systemKindOf(itemType: number, actionType: number): string {
  if (itemType === 1) return actionType === 1 ? 'participant_removed' : 'participant_added';
  if (itemType === 2) return 'group_renamed';
  if (itemType === 3) return actionType === 1 ? 'group_photo_changed' : actionType === 2 ? 'group_photo_removed' : 'participant_left';
  if (itemType === 4) return 'location_sharing';
  if (itemType === 5) return 'audio_message_kept';
  if (itemType === 6) return 'shareplay';
  return `item_type_${itemType}`;
}

function tapbackLabel(code: number): string {
  const added = TAPBACKS[code];
  if (added) return added;
  const removed = TAPBACKS[code - 1000];
  return removed ? `${removed} (removed)` : `Tapback ${code}`;
}

/**
 * An SQLite file whose schema (as far as `head` shows it) has the Messages tables. Page 1 of a real
 * chat.db is usually an interior page, so its table names lie beyond a short head: when the head does
 * not show the whole schema the answer rests on the SQLite header alone (no other format we read is
 * SQLite) and the parse checks the tables once the database is open.
 */
function isMessagesDatabase(headBytes: Uint8Array): boolean {
  const schema = visibleSchema(headBytes);
  if (!schema) return false;
  return REQUIRED_TABLES.every((table) => schema.tables.has(table)) || !schema.complete;
}

/** Apple absolute time: seconds or nanoseconds since 2001-01-01 UTC, decided per value; 0 means never. */
export function appleTime(value: bigint | null): ParsedTime {
  if (value === null) return { utcMs: null, raw: null, basis: 'unknown' };
  if (value === 0n) return { utcMs: null, raw: '0', basis: 'unknown' };
  const magnitude = value < 0n ? -value : value;
  const sinceEpochMs = magnitude > NANOSECOND_THRESHOLD ? value / 1_000_000n : value * 1000n;
  return { utcMs: Number(sinceEpochMs + APPLE_EPOCH_MS), raw: value.toString(), basis: 'explicit' };
}

/** The latest instant a JavaScript Date (and so the case) can hold, in milliseconds either side of 1970. */
const MAX_TIME_MS = 8.64e15;

/**
 * A message row's `date` as a time, or why it could not be read. Messages writes integers; anything else
 * (text, a blob, a number beyond any date) is imported undated and said to be so, never guessed at.
 */
export function rowTime(value: unknown): { readonly time: ParsedTime; readonly unreadable: string | null } {
  const integer =
    typeof value === 'bigint'
      ? value
      : typeof value === 'number' && Number.isFinite(value) && Math.abs(value) < 2 ** 63
        ? BigInt(Math.trunc(value))
        : null;
  if (integer !== null || value === null) {
    const time = appleTime(integer);
    if (time.utcMs === null || Math.abs(time.utcMs) <= MAX_TIME_MS) return { time, unreadable: null };
  }
  const raw =
    value instanceof Uint8Array
      ? `x'${Buffer.from(value.subarray(0, 32)).toString('hex')}${value.length > 32 ? '…' : ''}'`
      : String(value).slice(0, 100);
  return { time: { utcMs: null, raw, basis: 'unknown' }, unreadable: raw };
}

type Row = Record<string, unknown>;

const bigintOf = (value: unknown): bigint | null => {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return BigInt(Math.trunc(value));
  return null;
};
const numberOf = (value: unknown): number => Number(bigintOf(value) ?? 0n);
const stringOf = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const bytesOf = (value: unknown): Uint8Array | null => (value instanceof Uint8Array ? value : null);

function findDatabase(files: SourceFiles): string {
  const named = files.entries
    .filter((entry) => /^(chat|sms)\.db$/i.test(posix.basename(entry)))
    .sort((a, b) => a.split('/').length - b.split('/').length);
  const entry = named[0] ?? (files.entries.length === 1 ? files.entries[0] : undefined);
  if (entry === undefined) throw new ImportInputError(files.displayName, 'no chat.db or sms.db found');
  return entry;
}

/** Where Messages keeps attachments, mapped to an `Attachments/` folder beside the database. */
function attachmentEntry(filename: string, databaseEntry: string): string | null {
  const match = /(?:^~|\/)Library\/(?:Messages|SMS)\/Attachments\/(.+)$/.exec(filename);
  if (!match?.[1]) return null;
  const dir = posix.dirname(databaseEntry);
  return `${dir === '.' ? '' : `${dir}/`}Attachments/${match[1]}`;
}

const UTI_MIME: Readonly<Record<string, string>> = {
  'public.jpeg': 'image/jpeg',
  'public.png': 'image/png',
  'public.heic': 'image/heic',
  'com.compuserve.gif': 'image/gif',
  'com.adobe.pdf': 'application/pdf',
  'public.mpeg-4': 'video/mp4',
  'com.apple.quicktime-movie': 'video/quicktime',
  'com.apple.coreaudio-format': 'audio/x-caf',
};

interface PendingTapback {
  readonly rowid: bigint;
  readonly code: number;
  readonly handleId: bigint | null;
  readonly fromMe: boolean;
  readonly time: ParsedTime;
  readonly targetGuid: string;
}

async function* parseEvents(files: SourceFiles, options: ParseOptions): AsyncGenerator<ParseEvent> {
  const entry = findDatabase(files);
  const path = files.diskPath(entry);
  if (path === null) {
    throw new ImportInputError(
      files.displayName,
      `${entry} is inside an archive; SQLite needs a file on disk, so extract the export and import the folder`,
    );
  }
  // Opened where it lies, SQLite would write beside it (see private-copy.ts).
  const copy = privateDatabaseCopy(path);
  const closers: (() => void)[] = [];
  let db: Database.Database;
  try {
    foldLog(copy.path);
    db = new Database(copy.path, { readonly: true, fileMustExist: true });
    db.pragma('query_only = ON');
  } catch (err) {
    copy.dispose();
    throw new ImportInputError(files.displayName, `${entry} could not be opened as an SQLite database (${(err as Error).message})`);
  }
  try {
    yield* readDatabase(db, { file: copy.path, files, entry, closers }, options);
  } catch (err) {
    if (err instanceof Database.SqliteError) {
      throw new ImportInputError(files.displayName, `${entry} could not be read as a Messages database (${err.message})`);
    }
    throw err;
  } finally {
    for (const close of closers) close();
    db.close();
    copy.dispose();
  }
}

/**
 * Folds a write-ahead log copied with the database into the (private) copy, so the file itself holds
 * every committed page and long values can be read from it page by page (LongFields).
 */
function foldLog(copy: string): void {
  if (!existsSync(`${copy}-wal`)) return;
  const writable = new Database(copy, { fileMustExist: true });
  try {
    writable.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    writable.close();
  }
}

/** Where the database came from, and what to close once it has been read. */
interface DatabaseSource {
  /** The copy the connection reads. */
  readonly file: string;
  readonly files: SourceFiles;
  readonly entry: string;
  readonly closers: (() => void)[];
}

async function* readDatabase(
  db: Database.Database,
  { file, files, entry, closers }: DatabaseSource,
  options: ParseOptions,
): AsyncGenerator<ParseEvent> {
  const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
  const missingTables = REQUIRED_TABLES.filter((table) => !tables.has(table));
  if (missingTables.length > 0) {
    throw new ImportInputError(
      files.displayName,
      `${entry} is not a Messages database (missing table${missingTables.length > 1 ? 's' : ''} ${missingTables.join(', ')})`,
    );
  }
  const columnsOf = (table: string): Set<string> =>
    new Set((db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name));
  const messageColumns = columnsOf('message');
  const missingColumns = REQUIRED_MESSAGE_COLUMNS.filter((column) => !messageColumns.has(column));
  if (missingColumns.length > 0) {
    throw new ImportInputError(files.displayName, `${entry}: the message table has no ${missingColumns.join(', ')} column`);
  }
  const m = (column: MessageColumn): string => (messageColumns.has(column) ? `m."${column}"` : 'NULL');
  const locator = (rowid: bigint): Locator => ({ file: entry, record: `message ROWID ${rowid}` });

  const clientVersion = tables.has('_SqliteDatabaseProperties')
    ? stringOf(db.prepare("SELECT value FROM _SqliteDatabaseProperties WHERE key = '_ClientVersion'").pluck().get())
    : null;
  yield {
    type: 'source',
    source: { format: 'imessage', producer: 'Apple Messages', producerVersion: clientVersion, dateOrder: null, dateOrderBasis: null },
  };

  // The owner's own address is on their messages (destination_caller_id, or account as "e:…"/"p:…").
  const ownerAddress =
    stringOf(
      db
        .prepare(
          `SELECT ${m('destination_caller_id')} AS v FROM message m WHERE v IS NOT NULL AND v <> '' GROUP BY v ORDER BY COUNT(*) DESC LIMIT 1`,
        )
        .pluck()
        .get(),
    ) ??
    stringOf(
      db
        .prepare(
          `SELECT substr(${m('account')}, 3) AS v FROM message m WHERE ${m('account')} GLOB '[epEP]:?*' GROUP BY v ORDER BY COUNT(*) DESC LIMIT 1`,
        )
        .pluck()
        .get(),
    );
  const ownerLabel = options.custodianName ?? ownerAddress ?? 'Device owner';
  yield { type: 'participant', participant: { key: OWNER_KEY, label: ownerLabel, handle: ownerAddress, isOwner: true } };

  // One participant per address: the same number appears once per service (iMessage, SMS).
  const addresses = new Map<bigint, string>();
  for (const row of db.prepare('SELECT ROWID AS rowid, id FROM handle').safeIntegers(true).all() as Row[]) {
    const rowid = bigintOf(row.rowid);
    const id = stringOf(row.id);
    if (rowid !== null && id !== null) addresses.set(rowid, id);
  }
  const emittedParticipants = new Set<string>([OWNER_KEY]);
  function* participantFor(handleId: bigint | null): Generator<ParseEvent, string | null> {
    const address = handleId === null ? undefined : addresses.get(handleId);
    if (address === undefined) return null;
    const key = `handle:${address}`;
    if (!emittedParticipants.has(key)) {
      emittedParticipants.add(key);
      yield { type: 'participant', participant: { key, label: address, handle: address, isOwner: false } };
    }
    return key;
  }
  const members = new Set<string>();
  function* member(conversationKey: string, participantKey: string): Generator<ParseEvent> {
    const id = `${conversationKey}\n${participantKey}`;
    if (members.has(id)) return;
    members.add(id);
    yield { type: 'member', conversationKey, participantKey };
  }

  const chatColumns = columnsOf('chat');
  const c = (column: string): string => (chatColumns.has(column) ? `"${column}"` : 'NULL');
  const chatHandles = db.prepare('SELECT handle_id FROM chat_handle_join WHERE chat_id = ? ORDER BY handle_id').pluck().safeIntegers(true);
  const chats = db
    .prepare(
      `SELECT ROWID AS rowid, guid, ${c('style')} AS style, ${c('display_name')} AS display_name, ${c('chat_identifier')} AS chat_identifier, ${c('service_name')} AS service_name FROM chat ORDER BY ROWID`,
    )
    .safeIntegers(true)
    .all() as Row[];
  for (const chat of chats) {
    const key = `chat:${bigintOf(chat.rowid)}`;
    const guid = stringOf(chat.guid);
    const style = numberOf(chat.style);
    // style 43/45 is a third-party convention; the guid's ";+;" / ";-;" says the same and is the fallback.
    const kind: ConversationKind =
      style === 43 || guid?.includes(';+;') ? 'group' : style === 45 || guid?.includes(';-;') ? 'direct' : 'unknown';
    const title = stringOf(chat.display_name) || stringOf(chat.chat_identifier) || guid || key;
    const platform = stringOf(chat.service_name)?.toUpperCase() === 'SMS' ? 'sms' : 'imessage';
    yield { type: 'conversation', conversation: { key, platform, kind, title, externalId: guid } };
    yield* member(key, OWNER_KEY);
    for (const handleId of chatHandles.all(chat.rowid) as bigint[]) {
      const participant = yield* participantFor(handleId);
      if (participant) yield* member(key, participant);
    }
  }

  // 2000-2005 add and 3000-3005 remove a tapback; newer releases add codes (custom emoji, stickers) in the same ranges.
  const tapbackCondition = messageColumns.has('associated_message_type')
    ? 'coalesce(m.associated_message_type, 0) BETWEEN 2000 AND 3999'
    : '0';
  const chatOf = '(SELECT MIN(j.chat_id) FROM chat_message_join j WHERE j.message_id = m.ROWID)';
  const chatCountOf = '(SELECT COUNT(*) FROM chat_message_join j WHERE j.message_id = m.ROWID)';
  // "Recently Deleted" (Ventura+/iOS 16+) moves a message out of chat_message_join into this table.
  const recoverableChatOf = tables.has('chat_recoverable_message_join')
    ? '(SELECT MIN(r.chat_id) FROM chat_recoverable_message_join r WHERE r.message_id = m.ROWID)'
    : 'NULL';
  const normalisedDate = `CASE WHEN abs(m.date) > ${NANOSECOND_THRESHOLD} THEN m.date ELSE m.date * 1000000000 END`;

  const orphans = numberOf(
    db
      .prepare(`SELECT COUNT(*) FROM message m WHERE NOT (${tapbackCondition}) AND ${chatOf} IS NULL AND ${recoverableChatOf} IS NULL`)
      .pluck()
      .safeIntegers(true)
      .get(),
  );
  if (orphans > 0) {
    yield {
      type: 'conversation',
      conversation: { key: ORPHAN_KEY, platform: 'imessage', kind: 'unknown', title: 'Messages not linked to any chat', externalId: null },
    };
    yield* member(ORPHAN_KEY, OWNER_KEY);
    yield {
      type: 'note',
      note: {
        kind: 'warning',
        message: `${orphans} message(s) belong to no chat in chat_message_join; they are filed under "Messages not linked to any chat"`,
        locator: { file: entry },
      },
    };
  }

  // Read ahead so each target carries its reactions when it is emitted; tapbacks are few beside messages.
  const tapbacks = new Map<string, PendingTapback[]>();
  const tapbackRows = db
    .prepare(
      `SELECT m.ROWID AS rowid, m.date AS date, m.is_from_me AS is_from_me, m.handle_id AS handle_id,
              ${m('associated_message_type')} AS code, ${m('associated_message_guid')} AS target
       FROM message m WHERE ${tapbackCondition} ORDER BY ${normalisedDate}, m.ROWID`,
    )
    .safeIntegers(true);
  for (const row of tapbackRows.iterate() as IterableIterator<Row>) {
    const target = stringOf(row.target) ?? '';
    const targetGuid = /^(?:p:\d+\/|bp:)?(.*)$/.exec(target)?.[1] ?? target;
    const pending: PendingTapback = {
      rowid: bigintOf(row.rowid) ?? 0n,
      code: numberOf(row.code),
      handleId: bigintOf(row.handle_id),
      fromMe: numberOf(row.is_from_me) === 1,
      time: appleTime(bigintOf(row.date)),
      targetGuid,
    };
    const list = tapbacks.get(targetGuid);
    if (list) list.push(pending);
    else tapbacks.set(targetGuid, [pending]);
  }

  const hasAttachments = tables.has('attachment') && tables.has('message_attachment_join');
  const attachmentColumns = hasAttachments ? columnsOf('attachment') : new Set<string>();
  const a = (column: string): string => (attachmentColumns.has(column) ? `a."${column}"` : 'NULL');
  const attachmentsOf = hasAttachments
    ? db.prepare(
        `SELECT ${a('filename')} AS filename, ${a('mime_type')} AS mime_type, ${a('uti')} AS uti, ${a('transfer_name')} AS transfer_name
         FROM message_attachment_join j JOIN attachment a ON a.ROWID = j.attachment_id
         WHERE j.message_id = ? ORDER BY j.rowid`,
      )
    : null;

  // A text or attributedBody over the body cap is left out of the row (octet_length does not load it)
  // and read in parts by longField.
  const caps = options.fieldCaps ?? FIELD_CAPS;
  const longAt: Partial<Record<MessageColumn, number>> = { text: caps.body, attributedBody: caps.body + attributedSlack(caps) };
  const selected = [...REQUIRED_MESSAGE_COLUMNS, ...OPTIONAL_MESSAGE_COLUMNS]
    .map((column) => {
      const limit = longAt[column];
      if (limit === undefined || !messageColumns.has(column)) return `${m(column)} AS "${column}"`;
      return `CASE WHEN octet_length(${m(column)}) > ${limit} THEN NULL ELSE ${m(column)} END AS "${column}", octet_length(${m(column)}) AS "${column}_bytes"`;
    })
    .join(', ');
  const rootPage = numberOf(
    db.prepare("SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = 'message'").pluck().safeIntegers(true).get(),
  );
  const positions = new Map(
    (db.prepare('PRAGMA table_info(message)').all() as { name: string; cid: number }[]).map((c) => [c.name, c.cid]),
  );
  const longFields = new LongFields(db, caps, file, {
    rootPage,
    columns: {
      ...(positions.has('text') && { text: positions.get('text') }),
      ...(positions.has('attributedBody') && { attributedBody: positions.get('attributedBody') }),
    },
  });
  closers.push(() => longFields.close());
  const rows = db
    .prepare(
      `SELECT m.ROWID AS rowid, ${selected}, ${chatOf} AS chat_id, ${chatCountOf} AS chat_count, ${recoverableChatOf} AS recoverable_chat_id
       FROM message m WHERE NOT (${tapbackCondition}) ORDER BY ${normalisedDate}, m.ROWID`,
    )
    .safeIntegers(true);

  let seq = 0;
  for (const row of rows.iterate() as IterableIterator<Row>) {
    // The caller that cancelled reports the cancellation; stopping here is enough.
    if (options.token?.isCancellationRequested) return;
    const rowid = bigintOf(row.rowid) ?? 0n;
    const guid = stringOf(row.guid);
    const chatId = bigintOf(row.chat_id);
    const recoverableChatId = bigintOf(row.recoverable_chat_id);
    const conversationKey = chatId !== null ? `chat:${chatId}` : recoverableChatId !== null ? `chat:${recoverableChatId}` : ORPHAN_KEY;
    const chatCount = numberOf(row.chat_count);
    if (chatCount > 1) {
      yield {
        type: 'note',
        note: {
          kind: 'warning',
          message: `message ROWID ${rowid} belongs to ${chatCount} chats; it is filed under chat ROWID ${chatId} only`,
          locator: locator(rowid),
        },
      };
    }

    const fromMe = numberOf(row.is_from_me) === 1;
    const senderKey = fromMe ? OWNER_KEY : yield* participantFor(bigintOf(row.handle_id));
    if (senderKey) yield* member(conversationKey, senderKey);

    const itemType = numberOf(row.item_type);
    const textBytes = numberOf(row.text_bytes);
    const longText = textBytes > caps.body ? longFields.text(rowid, textBytes) : null;
    const text = longText?.text ?? stringOf(row.text);
    const attributedBytes = numberOf(row.attributedBody_bytes);
    const attributedBody = bytesOf(row.attributedBody);
    let body = text ?? '';
    let truncated: FieldTruncation | null = longText?.whole ?? null;
    let confidence: 'high' | 'low' = 'high';
    // Ventura+ often leaves `text` NULL and keeps the body only in attributedBody.
    if (text === null && (attributedBody !== null || attributedBytes > 0)) {
      try {
        if (attributedBody !== null) body = attributedBodyText(attributedBody);
        else ({ text: body, whole: truncated } = longFields.attributedText(rowid, attributedBytes));
      } catch (err) {
        confidence = 'low';
        yield {
          type: 'note',
          note: {
            kind: 'warning',
            message: `message ROWID ${rowid}: text is NULL and attributedBody could not be decoded (${(err as Error).message}); imported with an empty body`,
            locator: locator(rowid),
          },
        };
      }
    } else if (text === null && itemType !== 0) {
      body = stringOf(row.group_title) ?? '';
    }

    const attachments: ParsedAttachment[] = [];
    for (const att of (attachmentsOf?.all(rowid) ?? []) as Row[]) {
      const filename = stringOf(att.filename);
      const inSource = filename === null ? null : attachmentEntry(filename, entry);
      const isPresent = inSource !== null && files.has(inSource);
      const uti = stringOf(att.uti);
      attachments.push({
        fileName: stringOf(att.transfer_name) ?? (filename === null ? null : posix.basename(filename)),
        mime: stringOf(att.mime_type) ?? (uti === null ? null : (UTI_MIME[uti] ?? null)),
        pathInSource: isPresent ? inSource : null,
        present: isPresent,
        missingReason: isPresent ? null : filename === null ? 'not downloaded' : `file not supplied (${filename})`,
      });
    }

    const reactions: ParsedReaction[] = [];
    for (const tapback of (guid !== null && tapbacks.get(guid)) || []) {
      const actorKey = tapback.fromMe ? OWNER_KEY : yield* participantFor(tapback.handleId);
      const actorLabel = actorKey === OWNER_KEY ? ownerLabel : (tapback.handleId !== null && addresses.get(tapback.handleId)) || 'unknown';
      reactions.push({ actorKey, actorLabel, reaction: tapbackLabel(tapback.code), time: tapback.time });
    }
    if (guid !== null) tapbacks.delete(guid);

    const { time, unreadable } = rowTime(row.date);
    if (unreadable !== null) {
      yield {
        type: 'note',
        note: {
          kind: 'warning',
          message: `message ROWID ${rowid}: its date (${unreadable}) is not a Messages date (seconds or nanoseconds since 2001); it was imported without a date`,
          locator: locator(rowid),
        },
      };
    }

    const visibleText = body.replace(/[\uFFFC\s]/gu, '') !== '';
    const kind: MessageKind = itemType !== 0 ? 'system' : attachments.length > 0 && !visibleText ? 'media' : 'text';
    const edited = (bigintOf(row.date_edited) ?? 0n) !== 0n;

    yield {
      type: 'message',
      message: {
        conversationKey,
        seq: seq++,
        externalId: guid,
        time,
        senderKey,
        direction: kind === 'system' ? 'system' : fromMe ? 'outgoing' : 'incoming',
        directionBasis: 'source',
        kind,
        systemKind: kind === 'system' ? systemKindOf(itemType, numberOf(row.group_action_type)) : null,
        body,
        // message_summary_info (a plist) can hold earlier versions; it is not decoded, so history is unknown.
        edited: edited ? 'edited_history_unknown' : 'none',
        editHistory: [],
        deleted: chatId === null && recoverableChatId !== null ? 'recovered' : 'none',
        replyToExternalId: stringOf(row.thread_originator_guid),
        attachments,
        reactions,
        locator: locator(rowid),
        repairs: [],
        confidence,
        ...(truncated && { truncated: [truncated] }),
      },
    };
  }

  for (const pending of tapbacks.values()) {
    for (const tapback of pending) {
      yield {
        type: 'note',
        note: {
          kind: 'warning',
          message: `tapback ROWID ${tapback.rowid} (${tapbackLabel(tapback.code)}) points at message ${tapback.targetGuid}, which is not in this database; it was not imported`,
          locator: locator(tapback.rowid),
        },
      };
    }
  }
}

/** A field's kept start, and its whole size and hash when it was longer than the cap. */
interface LongField {
  readonly text: string;
  readonly whole: FieldTruncation | null;
}

type LongColumn = 'text' | 'attributedBody';

/** Where the message table's records lie in the database file, for PageReader. */
export interface MessageRecords {
  readonly rootPage: number;
  readonly columns: Readonly<Partial<Record<LongColumn, number>>>;
}

/**
 * Message texts longer than the body cap, read from the database in parts: the start (to the cap) as
 * text, the whole through a SHA-256, so no such value is ever a string of its own. The parts come
 * straight from the file's pages (PageReader); where that cannot be done, through SQL substr, which
 * costs SQLite a load of the whole value per part.
 */
class LongFields {
  private pages: PageReader | null | undefined;
  private readonly statements = new Map<LongColumn, Database.Statement>();

  constructor(
    private readonly db: Database.Database,
    private readonly caps: FieldCaps,
    private readonly file: string,
    private readonly records: MessageRecords | null,
  ) {}

  close(): void {
    this.pages?.close();
  }

  text(rowid: bigint, bytes: number): LongField {
    return this.read('text', rowid, 0, bytes, (parts, length) => this.kept(parts, length));
  }

  /** The text inside a long attributedBody, from where its archive says it lies. */
  attributedText(rowid: bigint, bytes: number): LongField {
    const wanted = Math.min(bytes, this.caps.body + attributedSlack(this.caps));
    const start = this.read('attributedBody', rowid, 0, wanted, (parts, length) => {
      const copy = Buffer.alloc(length);
      let at = 0;
      for (const part of parts) at += part.copy(copy, at);
      return copy.subarray(0, at);
    });
    const span = attributedBodyTextSpan(start);
    if (span === null) return { text: attributedBodyText(start), whole: null };
    if (span.offset + span.length > bytes)
      throw new Error(`its text is said to be ${span.length} bytes long, more than the attributedBody holds`);
    return this.read('attributedBody', rowid, span.offset, span.length, (parts, length) => this.kept(parts, length));
  }

  /** The start of a value (to the cap) as text, and the whole hashed. */
  private kept(parts: Iterable<Buffer>, length: number): LongField {
    const hash = createHash('sha256');
    const keep = Buffer.alloc(Math.min(length, this.caps.body + 4));
    let total = 0;
    for (const part of parts) {
      if (total < keep.length) part.copy(keep, total, 0, Math.min(part.length, keep.length - total));
      hash.update(part);
      total += part.length;
    }
    const text = utf8Prefix(keep.subarray(0, Math.min(total, keep.length)).toString('utf8'), this.caps.body);
    return { text, whole: total > this.caps.body ? { field: 'body', bytes: total, sha256: hash.digest('hex') } : null };
  }

  /**
   * `use` on the bytes [offset, offset + length) of a value, in parts: from the file's pages where they
   * can be read, else (or if a page read fails part-way, from the start again) through SQL.
   */
  private read<T>(
    column: LongColumn,
    rowid: bigint,
    offset: number,
    length: number,
    use: (parts: Iterable<Buffer>, length: number) => T,
  ): T {
    const pages = this.pageReader(column);
    const position = this.records?.columns[column];
    if (pages !== null && this.records && position !== undefined) {
      try {
        return use(slice(pages.value(this.records.rootPage, Number(rowid), position), offset, length), length);
      } catch (err) {
        if (!(err instanceof PageReadError)) throw err;
        pages.close();
        this.pages = null;
      }
    }
    return use(this.viaSql(column, rowid, offset, length), length);
  }

  private *viaSql(column: LongColumn, rowid: bigint, offset: number, length: number): Generator<Buffer, void, undefined> {
    for (let at = 0; at < length; at += SQL_READ) {
      const value: unknown = this.statement(column).get(offset + at + 1, Math.min(SQL_READ, length - at), rowid);
      if (!Buffer.isBuffer(value) || value.length === 0) return;
      yield value;
    }
  }

  private pageReader(column: LongColumn): PageReader | null {
    if (this.records?.columns[column] === undefined) return null;
    if (this.pages === undefined) {
      try {
        this.pages = new PageReader(this.file);
      } catch (err) {
        if (!(err instanceof PageReadError)) throw err;
        this.pages = null;
      }
    }
    return this.pages;
  }

  private statement(column: LongColumn): Database.Statement {
    let statement = this.statements.get(column);
    if (!statement) {
      // Prepared when first needed: a database may have no attributedBody column.
      statement = this.db.prepare(`SELECT substr(CAST("${column}" AS BLOB), ?, ?) FROM message WHERE ROWID = ?`).pluck();
      this.statements.set(column, statement);
    }
    return statement;
  }
}

/** The parts of `pieces` that fall in [offset, offset + length). */
function* slice(pieces: Iterable<Buffer>, offset: number, length: number): Generator<Buffer, void, undefined> {
  let skipped = 0;
  let left = length;
  for (const piece of pieces) {
    if (left <= 0) return;
    const start = Math.max(0, offset - skipped);
    skipped += piece.length;
    if (start >= piece.length) continue;
    const part = piece.subarray(start, start + Math.min(left, piece.length - start));
    left -= part.length;
    yield part;
  }
}

export const imessage: ImportFormat = {
  id: 'imessage',
  // chat.db and sms.db are the names Messages gives its databases; SQLite's header is a file's own mark.
  sniff: (head) => (head.names.has('chat.db') || head.names.has('sms.db') ? 0.98 : isMessagesDatabase(head.bytes) ? 0.9 : 0),
  parse: (files, options) => inArrays(parseEvents(files, options)),
  parserVersion: 'imessage/1',
  oneConversation: false,
  attachments: true,
};
