/**
 * Reads and writes for bundle export (docs/spec.md §7): the messages of a scope in document order, what the
 * extract headers say, live redactions and reason labels, duplicates, and the `bundles` /
 * `bundle_items` record of each export. Message rows are iterated, never loaded whole: a conversation
 * can hold a million messages.
 */
import type { ReadableDB, WritableDB } from '../connection';
import { join, sql, type SqlQuery } from '../sql';
import { all, get, prepare, run } from './run';

export interface ScopeFilter {
  readonly custodianIds: readonly number[] | null;
  /** UTC epoch ms, inclusive / exclusive. */
  readonly from: number | null;
  readonly to: number | null;
}

const scopeConditions = (filter: ScopeFilter): SqlQuery => {
  const parts: SqlQuery[] = [sql`1 = 1`];
  if (filter.custodianIds) parts.push(sql`s.custodian_id IN (SELECT value FROM json_each(${JSON.stringify(filter.custodianIds)}))`);
  if (filter.from !== null) parts.push(sql`m.sent_at >= ${filter.from}`);
  if (filter.to !== null) parts.push(sql`m.sent_at < ${filter.to}`);
  return join(parts, ' AND ');
};

export interface ExportConversationRow {
  readonly id: number;
  readonly sourceId: number;
  readonly custodianId: number;
  readonly custodian: string;
  readonly deviceLabel: string;
  readonly platform: string;
  readonly kind: string;
  readonly title: string;
  readonly sourceFile: string;
  readonly sourceSha256: string;
}

/** Conversations holding at least one message in the filter, in bundle order: custodian, then first message. */
export const scopeConversations = (db: ReadableDB, filter: ScopeFilter): ExportConversationRow[] =>
  all<ExportConversationRow>(
    db,
    sql`SELECT v.id, v.source_id AS sourceId, c.id AS custodianId, c.name AS custodian, s.device_label AS deviceLabel, v.platform, v.kind,
          v.title, s.file_name AS sourceFile, s.sha256 AS sourceSha256
        FROM conversations v JOIN sources s ON s.id = v.source_id JOIN custodians c ON c.id = s.custodian_id
        WHERE EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = v.id AND ${scopeConditions(filter)})
        ORDER BY c.name COLLATE NOCASE, c.id, v.first_at NULLS LAST, v.id`,
  );

export const conversationParticipants = (db: ReadableDB, conversationId: number): { id: number; label: string }[] =>
  all<{ id: number; label: string }>(
    db,
    sql`SELECT p.id, p.label FROM conversation_participants cp JOIN participants p ON p.id = cp.participant_id
        WHERE cp.conversation_id = ${conversationId} ORDER BY p.is_owner DESC, p.label COLLATE NOCASE, p.id`,
  );

/** What deciding a message's place in a bundle needs, without its text. */
export interface ScanRow {
  readonly id: number;
  readonly position: number;
  readonly sentAt: number | null;
  readonly outcome: string;
  readonly whole: number;
  readonly duplicateGroupId: number | null;
}

const OUTCOME = sql`coalesce((SELECT r.outcome FROM reviews r WHERE r.message_id = m.id), 'pending')`;
const WHOLE = sql`EXISTS (SELECT 1 FROM redactions x WHERE x.message_id = m.id AND x.kind = 'whole' AND x.removed_at IS NULL)`;

export function* scanConversation(db: ReadableDB, conversationId: number, filter: ScopeFilter): Generator<ScanRow> {
  const q = sql`SELECT m.id, m.position, m.sent_at AS sentAt, ${OUTCOME} AS outcome, ${WHOLE} AS whole, m.duplicate_group_id AS duplicateGroupId
    FROM messages m JOIN sources s ON s.id = m.source_id
    WHERE m.conversation_id = ${conversationId} AND ${scopeConditions(filter)} ORDER BY m.position`;
  yield* prepare(db, q.text).iterate(...q.values) as Iterable<ScanRow>;
}

/**
 * Bodies up to this many bytes come with their row; a longer one (a case made before the import caps
 * can hold a 200 MB message) is null there and read in pieces with `bodyPiece`, so the export never
 * holds it as one string.
 */
export const INLINE_BODY_BYTES = 1 << 20;

export interface ExportMessageRow extends ScanRow {
  readonly sentAtRaw: string | null;
  readonly senderParticipantId: number | null;
  readonly sender: string | null;
  readonly direction: string;
  readonly kind: string;
  /** Null when the body is longer than INLINE_BODY_BYTES (or the caller's limit): read it with `bodyPiece`. */
  readonly body: string | null;
  readonly edited: string;
  readonly deleted: string;
  readonly replyToMessageId: number | null;
  readonly classification: string;
}

export function* messagesBetween(
  db: ReadableDB,
  conversationId: number,
  fromPosition: number,
  toPosition: number,
  filter: ScopeFilter,
  inlineBytes = INLINE_BODY_BYTES,
): Generator<ExportMessageRow> {
  const q = sql`SELECT m.id, m.position, m.sent_at AS sentAt, m.sent_at_raw AS sentAtRaw, m.sender_participant_id AS senderParticipantId, p.label AS sender, m.direction, m.kind,
      CASE WHEN octet_length(m.body) <= ${inlineBytes} THEN m.body END AS body,
      m.edited, m.deleted, m.reply_to_message_id AS replyToMessageId, m.duplicate_group_id AS duplicateGroupId,
      ${OUTCOME} AS outcome, coalesce((SELECT r.classification FROM reviews r WHERE r.message_id = m.id), 'unclassified') AS classification,
      ${WHOLE} AS whole
    FROM messages m JOIN sources s ON s.id = m.source_id LEFT JOIN participants p ON p.id = m.sender_participant_id
    WHERE m.conversation_id = ${conversationId} AND m.position BETWEEN ${fromPosition} AND ${toPosition} AND ${scopeConditions(filter)}
    ORDER BY m.position`;
  yield* prepare(db, q.text).iterate(...q.values) as Iterable<ExportMessageRow>;
}

/**
 * Up to `chars` characters (code points, as SQLite counts them) of a body from character `from`
 * (0-based); '' past its end. SQLite reads the whole value for each call, so callers take large pieces.
 */
export const bodyPiece = (db: ReadableDB, messageId: number, from: number, chars: number): string =>
  get<{ piece: string }>(db, sql`SELECT substr(body, ${from + 1}, ${chars}) AS piece FROM messages WHERE id = ${messageId}`)?.piece ?? '';

/** A body's first and last `chars` characters, without reading the rest into a string. */
export const bodyEnds = (db: ReadableDB, messageId: number, chars: number): { head: string; tail: string; length: number } =>
  get<{ head: string; tail: string; length: number }>(
    db,
    sql`SELECT substr(body, 1, ${chars}) AS head, substr(body, -${chars}) AS tail, length(body) AS length FROM messages WHERE id = ${messageId}`,
  ) ?? { head: '', tail: '', length: 0 };

export interface ReplyTarget {
  readonly senderParticipantId: number | null;
  readonly sender: string | null;
  readonly sentAt: number | null;
}

export const replyTarget = (db: ReadableDB, messageId: number): ReplyTarget | undefined =>
  get<ReplyTarget>(
    db,
    sql`SELECT m.sender_participant_id AS senderParticipantId, p.label AS sender, m.sent_at AS sentAt FROM messages m LEFT JOIN participants p ON p.id = m.sender_participant_id WHERE m.id = ${messageId}`,
  );

export interface ExportAttachmentRow {
  readonly id: number;
  readonly messageId: number;
  readonly fileName: string | null;
  readonly mime: string | null;
  readonly present: number;
  readonly missingReason: string | null;
  readonly sha256: string | null;
  readonly size: number | null;
  /** 1 when the case holds the bytes (blobs). */
  readonly kept: number;
}

export const conversationAttachments = (db: ReadableDB, conversationId: number): ExportAttachmentRow[] =>
  all<ExportAttachmentRow>(
    db,
    sql`SELECT a.id, a.message_id AS messageId, a.file_name AS fileName, a.mime, a.present, a.missing_reason AS missingReason,
               a.sha256, a.size, a.kept
        FROM attachments a JOIN messages m ON m.id = a.message_id WHERE m.conversation_id = ${conversationId} ORDER BY a.id`,
  );

/** Whether any attachment of the conversation has its bytes in the case (else the bundle reads none). */
export const conversationHasKeptAttachments = (db: ReadableDB, conversationId: number): boolean =>
  get<{ n: number }>(
    db,
    sql`SELECT EXISTS (SELECT 1 FROM attachments a JOIN messages m ON m.id = a.message_id
                       WHERE m.conversation_id = ${conversationId} AND a.kept = 1) AS n`,
  )?.n === 1;

/** Every attachment of these conversations whose bytes the case holds, with their SHA-256. */
export const keptAttachmentsOf = (db: ReadableDB, conversationIds: readonly number[]): { attachmentId: number; sha256: string }[] =>
  all(
    db,
    sql`SELECT a.id AS attachmentId, a.sha256 FROM attachments a JOIN messages m ON m.id = a.message_id
        WHERE a.kept = 1 AND m.conversation_id IN (SELECT value FROM json_each(${JSON.stringify(conversationIds)})) ORDER BY a.id`,
  );

/** The conversations these messages belong to. */
export const conversationsOfMessages = (db: ReadableDB, messageIds: readonly number[]): number[] =>
  all<{ id: number }>(
    db,
    sql`SELECT DISTINCT conversation_id AS id FROM messages WHERE id IN (SELECT value FROM json_each(${JSON.stringify(messageIds)})) ORDER BY 1`,
  ).map((r) => r.id);

export interface RedactionRow {
  readonly messageId: number;
  readonly kind: 'span' | 'whole';
  readonly start: number | null;
  readonly end: number | null;
  readonly reasonCode: string;
}

/**
 * Redactions live at `asOf` (epoch ms), or now when null: created by then and not removed by then.
 * Verification of an older bundle asks for the redactions as they stood when it was exported.
 */
export const redactionsAsOf = (db: ReadableDB, asOf: number | null): RedactionRow[] =>
  all<RedactionRow>(
    db,
    asOf === null
      ? sql`SELECT message_id AS messageId, kind, start_utf16 AS start, end_utf16 AS end, reason_code AS reasonCode
            FROM redactions WHERE removed_at IS NULL ORDER BY message_id, id`
      : sql`SELECT message_id AS messageId, kind, start_utf16 AS start, end_utf16 AS end, reason_code AS reasonCode
            FROM redactions WHERE created_at <= ${asOf} AND (removed_at IS NULL OR removed_at > ${asOf}) ORDER BY message_id, id`,
  );

/** Messages whose outcome was `withhold` at `asOf`: the latest review event by then (a body longer than INLINE_BODY_BYTES as null). */
export const withheldAsOf = (db: ReadableDB, asOf: number): { id: number; body: string | null }[] =>
  all(
    db,
    sql`SELECT m.id, CASE WHEN octet_length(m.body) <= ${INLINE_BODY_BYTES} THEN m.body END AS body FROM messages m JOIN review_events e ON e.message_id = m.id
        WHERE e.id = (SELECT max(q.id) FROM review_events q WHERE q.message_id = m.id AND q.at <= ${asOf}) AND e.outcome = 'withhold'`,
  );

/** Bodies by id; one longer than INLINE_BODY_BYTES as null (read it with `bodyPiece`). */
export const bodiesOf = (db: ReadableDB, ids: readonly number[]): { id: number; body: string | null }[] =>
  all(
    db,
    sql`SELECT id, CASE WHEN octet_length(body) <= ${INLINE_BODY_BYTES} THEN body END AS body FROM messages
        WHERE id IN (SELECT value FROM json_each(${JSON.stringify(ids)})) ORDER BY id`,
  );

export const reasonLabels = (db: ReadableDB): Map<string, string> =>
  new Map(
    all<{ code: string; label: string }>(db, sql`SELECT code, label FROM reason_codes ORDER BY sort_order, code`).map((r) => [
      r.code,
      r.label,
    ]),
  );

/** Custodians holding each duplicate group among `conversationIds`' messages. */
export function duplicateHolders(db: ReadableDB): Map<number, { messageId: number; custodian: string }[]> {
  const rows = all<{ groupId: number; messageId: number; custodian: string }>(
    db,
    sql`SELECT m.duplicate_group_id AS groupId, m.id AS messageId, c.name AS custodian
        FROM messages m JOIN sources s ON s.id = m.source_id JOIN custodians c ON c.id = s.custodian_id
        WHERE m.duplicate_group_id IS NOT NULL ORDER BY m.duplicate_group_id, c.name COLLATE NOCASE, m.id`,
  );
  const holders = new Map<number, { messageId: number; custodian: string }[]>();
  for (const row of rows) {
    const list = holders.get(row.groupId) ?? [];
    list.push({ messageId: row.messageId, custodian: row.custodian });
    holders.set(row.groupId, list);
  }
  return holders;
}

/**
 * The decisions a bundle is built from, as rows to hash: every current review, every live redaction
 * (of bodies, labels, titles and file names), the reason labels and the case details printed. Ordered, so the same state hashes the same.
 */
export function* decisionRows(db: ReadableDB): Generator<readonly unknown[]> {
  yield* prepare(db, 'SELECT message_id, classification, relevance, outcome FROM reviews ORDER BY message_id')
    .raw(true)
    .iterate() as Iterable<unknown[]>;
  yield* prepare(
    db,
    'SELECT id, message_id, kind, start_utf16, end_utf16, reason_code FROM redactions WHERE removed_at IS NULL ORDER BY id',
  )
    .raw(true)
    .iterate() as Iterable<unknown[]>;
  yield* prepare(db, 'SELECT id, participant_id, conversation_id, reason_code FROM label_redactions WHERE removed_at IS NULL ORDER BY id')
    .raw(true)
    .iterate() as Iterable<unknown[]>;
  yield* prepare(db, 'SELECT id, source_id, attachment_id, reason_code FROM file_name_redactions WHERE removed_at IS NULL ORDER BY id')
    .raw(true)
    .iterate() as Iterable<unknown[]>;
  yield* prepare(db, 'SELECT code, label FROM reason_codes ORDER BY code').raw(true).iterate() as Iterable<unknown[]>;
  yield* prepare(db, 'SELECT name, inquiry, request_reference, default_tz, protective_marking FROM case_meta')
    .raw(true)
    .iterate() as Iterable<unknown[]>;
  yield* prepare(db, 'SELECT sha256 FROM sources ORDER BY sha256').raw(true).iterate() as Iterable<unknown[]>;
}

/**
 * Besides the decisions, what else an export reads that another connection may change while it runs:
 * custodian flags and their resolutions, Article 8 assessments (the consistency report), and the
 * final bundles' numbers and versions (numbering). Ordered, so the same state gives the same rows.
 */
export function* exportInputRows(db: ReadableDB): Generator<readonly unknown[]> {
  yield* prepare(db, 'SELECT message_id, article8_id FROM reviews WHERE article8_id IS NOT NULL ORDER BY message_id')
    .raw(true)
    .iterate() as Iterable<unknown[]>;
  yield* prepare(
    db,
    'SELECT id, engaged, rational_connection, less_intrusive_reasoning, fair_balance FROM article8_assessments ORDER BY id',
  )
    .raw(true)
    .iterate() as Iterable<unknown[]>;
  yield* prepare(db, 'SELECT id, pack_id, message_id, reason FROM custodian_flags ORDER BY id').raw(true).iterate() as Iterable<unknown[]>;
  yield* prepare(db, 'SELECT flag_id, decision FROM custodian_flag_resolutions ORDER BY flag_id').raw(true).iterate() as Iterable<
    unknown[]
  >;
  yield* prepare(db, 'SELECT id, reference_prefix, first_number, last_number, version, reissue_of FROM bundles WHERE draft = 0 ORDER BY id')
    .raw(true)
    .iterate() as Iterable<unknown[]>;
}

/** When the case last changed (its newest audit entry other than exports): the bundle's "as at" time. */
export const lastChangeAt = (db: ReadableDB): number =>
  get<{ at: number | null }>(db, sql`SELECT max(at) AS at FROM audit_log WHERE action NOT LIKE 'bundle.%'`)?.at ?? 0;

export interface BundleRecord {
  readonly prefix: string;
  readonly firstNumber: number;
  readonly lastNumber: number;
  readonly width: number;
  readonly documentUnit: string;
  readonly settings: string;
  readonly outputDir: string;
  readonly fileHashes: string;
  readonly decisionsHash: string;
  readonly pageCount: number;
  readonly createdAt: number;
  readonly createdBy: string;
  readonly draft: boolean;
  readonly version: number;
  readonly reissueOf: number | null;
  readonly reissueReason: string | null;
  /** JSON: the consistency warnings acknowledged before export, or null when there were none. */
  readonly acknowledgement: string | null;
}

export function insertBundle(db: WritableDB, b: BundleRecord): number {
  return Number(
    run(
      db,
      sql`INSERT INTO bundles (reference_prefix, first_number, last_number, reference_width, document_unit, settings, output_dir, file_hashes, decisions_hash,
            page_count, created_at, created_by, draft, version, reissue_of, reissue_reason, acknowledgement)
          VALUES (${b.prefix}, ${b.firstNumber}, ${b.lastNumber}, ${b.width}, ${b.documentUnit}, ${b.settings}, ${b.outputDir}, ${b.fileHashes}, ${b.decisionsHash},
            ${b.pageCount}, ${b.createdAt}, ${b.createdBy}, ${b.draft ? 1 : 0}, ${b.version}, ${b.reissueOf}, ${b.reissueReason}, ${b.acknowledgement})`,
    ).lastInsertRowid,
  );
}

export function insertBundleItem(
  db: WritableDB,
  bundleId: number,
  messageId: number,
  reference: string,
  pageStart: number,
  pageEnd: number,
): void {
  run(
    db,
    sql`INSERT INTO bundle_items (bundle_id, message_id, reference, page_start, page_end) VALUES (${bundleId}, ${messageId}, ${reference}, ${pageStart}, ${pageEnd})`,
  );
}

export interface BundleListRow {
  readonly id: number;
  readonly prefix: string;
  readonly firstNumber: number;
  readonly lastNumber: number;
  readonly width: number;
  readonly documentUnit: string;
  readonly outputDir: string;
  readonly decisionsHash: string;
  readonly pageCount: number;
  readonly items: number;
  readonly createdAt: number;
  readonly createdBy: string;
  readonly draft: number;
  readonly version: number;
  readonly reissueOf: number | null;
  readonly reissueReason: string | null;
  readonly warningsAcknowledged: number;
}

const BUNDLE_COLUMNS = sql`b.id, b.reference_prefix AS prefix, b.first_number AS firstNumber, b.last_number AS lastNumber, b.reference_width AS width,
  b.document_unit AS documentUnit, b.output_dir AS outputDir, b.decisions_hash AS decisionsHash, b.page_count AS pageCount,
  (SELECT count(*) FROM bundle_items i WHERE i.bundle_id = b.id) AS items, b.created_at AS createdAt, b.created_by AS createdBy,
  b.draft, b.version, b.reissue_of AS reissueOf, b.reissue_reason AS reissueReason,
  coalesce(json_array_length(b.acknowledgement, '$.warnings'), 0) AS warningsAcknowledged`;

export const listBundles = (db: ReadableDB): BundleListRow[] =>
  all<BundleListRow>(db, sql`SELECT ${BUNDLE_COLUMNS} FROM bundles b ORDER BY b.id DESC`);

export const bundleRow = (db: ReadableDB, id: number): BundleListRow | undefined =>
  get<BundleListRow>(db, sql`SELECT ${BUNDLE_COLUMNS} FROM bundles b WHERE b.id = ${id}`);

/** Final bundles under a prefix, as the reference ranges they used: what a new final bundle must not overlap. */
export const finalRanges = (db: ReadableDB, prefix: string): BundleListRow[] =>
  all<BundleListRow>(
    db,
    sql`SELECT ${BUNDLE_COLUMNS} FROM bundles b WHERE b.draft = 0 AND b.reference_prefix = ${prefix} ORDER BY b.first_number, b.id`,
  );

/** The newest version number among a bundle and its re-issues. */
export const latestVersion = (db: ReadableDB, rootId: number): number =>
  get<{ v: number }>(db, sql`SELECT max(version) AS v FROM bundles WHERE id = ${rootId} OR reissue_of = ${rootId}`)?.v ?? 1;

/**
 * The audit chain head a bundle is anchored to: the newest entry that records a change to the case
 * (exports are left out, as for the bundle's "as at" time, so the same state gives the same bundle).
 */
export const stateChainHead = (db: ReadableDB): { id: number; hash: string } | undefined =>
  get<{ id: number; hash: string }>(db, sql`SELECT id, hash FROM audit_log WHERE action NOT LIKE 'bundle.%' ORDER BY id DESC LIMIT 1`);

export const auditEntryHash = (db: ReadableDB, id: number): string | undefined =>
  get<{ hash: string }>(db, sql`SELECT hash FROM audit_log WHERE id = ${id}`)?.hash;

/** The files a bundle's export wrote, name → SHA-256, as the case recorded them. */
export const bundleFileHashes = (db: ReadableDB, bundleId: number): Map<string, string> =>
  new Map(
    all<{ name: string; hash: string }>(
      db,
      sql`SELECT f.key AS name, f.value AS hash FROM bundles b, json_each(b.file_hashes) f WHERE b.id = ${bundleId}`,
    ).map((r) => [r.name, r.hash]),
  );

export const bundleById = (db: ReadableDB, id: number): { id: number; createdAt: number } | undefined =>
  get(db, sql`SELECT id, created_at AS createdAt FROM bundles WHERE id = ${id}`);

/** Conversations a recorded bundle produced items from (for verifying it later against its case). */
export const bundleMessageIds = (db: ReadableDB, bundleId: number): number[] =>
  all<{ id: number }>(db, sql`SELECT message_id AS id FROM bundle_items WHERE bundle_id = ${bundleId} ORDER BY message_id`).map(
    (r) => r.id,
  );

export interface RecordedBundle {
  readonly id: number;
  readonly createdAt: number;
}

/** The recorded bundle whose files include one with this SHA-256 (the PDF's, from the manifest). */
export const bundleByFileHash = (db: ReadableDB, sha256: string): RecordedBundle | undefined =>
  get<RecordedBundle>(
    db,
    sql`SELECT b.id, b.created_at AS createdAt FROM bundles b, json_each(b.file_hashes) f WHERE f.value = ${sha256} ORDER BY b.id DESC LIMIT 1`,
  );

/** The conversations a recorded bundle produced messages of. */
export const bundleConversationIds = (db: ReadableDB, bundleId: number): number[] =>
  all<{ c: number }>(
    db,
    sql`SELECT DISTINCT m.conversation_id AS c FROM bundle_items i JOIN messages m ON m.id = i.message_id WHERE i.bundle_id = ${bundleId}`,
  ).map((r) => r.c);

export const conversationOfMessage = (db: ReadableDB, messageId: number): number | undefined =>
  get<{ c: number }>(db, sql`SELECT conversation_id AS c FROM messages WHERE id = ${messageId}`)?.c;
