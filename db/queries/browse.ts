/**
 * Reads for the Sources screen and the read-only timeline: custodians, sources with what the import
 * recorded about them, conversations, and windows of a conversation's messages.
 */
import { ZONE_CHECK_NOTE } from '../../common/domain/import-notes';
import type { ReadableDB, WritableDB } from '../connection';
import { sql } from '../sql';
import type { SourceRow } from './import';
import { all, get, run } from './run';

export interface CustodianRow {
  readonly id: number;
  readonly name: string;
  readonly role: string;
  readonly sources: number;
  readonly messages: number;
}

export const listCustodians = (db: ReadableDB): CustodianRow[] =>
  all<CustodianRow>(
    db,
    sql`SELECT c.id, c.name, c.role, count(s.id) AS sources, coalesce(sum(s.message_count), 0) AS messages
        FROM custodians c LEFT JOIN sources s ON s.custodian_id = c.id GROUP BY c.id ORDER BY c.name COLLATE NOCASE`,
  );

export function addCustodian(db: WritableDB, name: string, role: string, now: number): number {
  return Number(run(db, sql`INSERT INTO custodians (name, role, created_at) VALUES (${name}, ${role}, ${now})`).lastInsertRowid);
}

/** Matched as the table's UNIQUE constraint matches (COLLATE NOCASE), so the check and the constraint agree. */
export const custodianByName = (db: ReadableDB, name: string): { id: number } | undefined =>
  get<{ id: number }>(db, sql`SELECT id FROM custodians WHERE name = ${name} COLLATE NOCASE`);

/** A source as stored (see SourceRow) with what was counted and noted while importing it. */
export interface SourceListRow extends SourceRow {
  readonly id: number;
  readonly custodian: string;
  readonly dateOrder: string | null;
  readonly dateOrderBasis: string | null;
  readonly messages: number;
  readonly conversations: number;
  readonly participants: number;
  readonly attachments: number;
  readonly warnings: number;
  readonly repairs: number;
  readonly assumptions: number;
  readonly zoneCheck: string | null;
}

export const listSources = (db: ReadableDB): SourceListRow[] =>
  all<SourceListRow>(
    db,
    sql`SELECT s.id, s.custodian_id AS custodianId, c.name AS custodian, s.device_label AS deviceLabel, s.format, s.producer,
          s.producer_version AS producerVersion, s.file_name AS fileName, s.file_path AS filePath, s.file_size AS fileSize, s.sha256,
          s.imported_at AS importedAt, s.imported_by AS importedBy, s.parser_version AS parserVersion, s.time_zone AS timeZone,
          s.date_order AS dateOrder, s.date_order_basis AS dateOrderBasis, s.message_count AS messages,
          s.conversation_count AS conversations, s.participant_count AS participants, s.attachment_count AS attachments,
          (SELECT count(*) FROM source_notes n WHERE n.source_id = s.id AND n.kind = 'warning') AS warnings,
          (SELECT count(*) FROM source_notes n WHERE n.source_id = s.id AND n.kind = 'repair') AS repairs,
          (SELECT count(*) FROM source_notes n WHERE n.source_id = s.id AND n.kind = 'assumption') AS assumptions,
          (SELECT n.message FROM source_notes n WHERE n.source_id = s.id AND n.kind = 'assumption'
            AND substr(n.message, 1, ${ZONE_CHECK_NOTE.length}) = ${ZONE_CHECK_NOTE} ORDER BY n.id LIMIT 1) AS zoneCheck
        FROM sources s JOIN custodians c ON c.id = s.custodian_id ORDER BY s.imported_at DESC, s.id DESC`,
  );

export interface NoteRow {
  readonly kind: string;
  readonly message: string;
  readonly locator: string | null;
}

export const sourceNotes = (db: ReadableDB, sourceId: number, limit: number, offset: number): { total: number; notes: NoteRow[] } => ({
  total: get<{ n: number }>(db, sql`SELECT count(*) AS n FROM source_notes WHERE source_id = ${sourceId}`)?.n ?? 0,
  notes: all<NoteRow>(
    db,
    sql`SELECT kind, message, locator FROM source_notes WHERE source_id = ${sourceId}
        ORDER BY CASE kind WHEN 'warning' THEN 0 WHEN 'assumption' THEN 1 ELSE 2 END, id LIMIT ${limit} OFFSET ${offset}`,
  ),
});

export interface ConversationListRow {
  readonly id: number;
  readonly sourceId: number;
  readonly custodian: string;
  readonly platform: string;
  readonly kind: string;
  readonly title: string;
  readonly messages: number;
  readonly participants: number;
  readonly firstAt: number | null;
  readonly lastAt: number | null;
  readonly application: string | null;
}

export const listConversations = (db: ReadableDB, sourceId: number | null): ConversationListRow[] =>
  all<ConversationListRow>(
    db,
    sql`SELECT v.id, v.source_id AS sourceId, c.name AS custodian, v.platform, v.kind, v.title, v.message_count AS messages,
          (SELECT count(*) FROM conversation_participants cp WHERE cp.conversation_id = v.id) AS participants,
          v.first_at AS firstAt, v.last_at AS lastAt,
          -- An RSMF import names, as the source's producer, an application the case has no platform for (main/import/rsmf.ts).
          CASE WHEN v.platform = 'other' AND s.format = 'rsmf' AND s.producer_version LIKE '(RSMF%' THEN s.producer END AS application
        FROM conversations v JOIN sources s ON s.id = v.source_id JOIN custodians c ON c.id = s.custodian_id
        WHERE ${sourceId} IS NULL OR v.source_id = ${sourceId}
        ORDER BY v.last_at DESC NULLS LAST, v.id`,
  );

export interface TimelineRow {
  readonly id: number;
  readonly position: number;
  readonly sentAt: number | null;
  readonly sentAtRaw: string | null;
  readonly tzBasis: string;
  readonly sender: string | null;
  readonly senderParticipantId: number | null;
  /** The live redaction of the sender's label, if any (label_redactions, migration 6). */
  readonly senderRedactionId: number | null;
  readonly senderRedactionReason: string | null;
  readonly senderRedactionLabel: string | null;
  readonly senderIsOwner: number;
  readonly direction: string;
  readonly kind: string;
  readonly systemKind: string | null;
  readonly body: string;
  readonly edited: string;
  readonly deleted: string;
  readonly replyToMessageId: number | null;
  readonly confidence: string;
  readonly locatorFile: string;
  readonly locatorLineStart: number | null;
  readonly locatorLineEnd: number | null;
  readonly locatorRecord: string | null;
  readonly classification: string;
  readonly relevance: string;
  readonly outcome: string;
}

export function timelineWindow(db: ReadableDB, conversationId: number, from: number, count: number): TimelineRow[] {
  return all<TimelineRow>(
    db,
    sql`SELECT m.id, m.position, m.sent_at AS sentAt, m.sent_at_raw AS sentAtRaw, m.tz_basis AS tzBasis, p.label AS sender,
          m.sender_participant_id AS senderParticipantId, lr.id AS senderRedactionId, lr.reason_code AS senderRedactionReason, lc.label AS senderRedactionLabel,
          coalesce(p.is_owner, 0) AS senderIsOwner, m.direction, m.kind, m.system_kind AS systemKind, m.body, m.edited, m.deleted,
          m.reply_to_message_id AS replyToMessageId, m.confidence, m.locator_file AS locatorFile,
          m.locator_line_start AS locatorLineStart, m.locator_line_end AS locatorLineEnd, m.locator_record AS locatorRecord,
          coalesce(r.classification, 'unclassified') AS classification, coalesce(r.relevance, 'unassessed') AS relevance,
          coalesce(r.outcome, 'pending') AS outcome
        FROM messages m LEFT JOIN participants p ON p.id = m.sender_participant_id LEFT JOIN reviews r ON r.message_id = m.id
          LEFT JOIN label_redactions lr ON lr.participant_id = m.sender_participant_id AND lr.removed_at IS NULL
          LEFT JOIN reason_codes lc ON lc.code = lr.reason_code
        WHERE m.conversation_id = ${conversationId} AND m.position >= ${from} AND m.position < ${from + count}
        ORDER BY m.position`,
  );
}

export interface AttachmentRow {
  readonly id: number;
  readonly messageId: number;
  readonly fileName: string | null;
  readonly mime: string | null;
  readonly size: number | null;
  readonly present: number;
  readonly missingReason: string | null;
  readonly detectedMime: string | null;
  /** JSON array of sentences. */
  readonly notes: string;
}

export const attachmentsOf = (db: ReadableDB, conversationId: number, from: number, to: number): AttachmentRow[] =>
  all<AttachmentRow>(
    db,
    sql`SELECT a.id, a.message_id AS messageId, a.file_name AS fileName, a.mime, a.size, a.present, a.missing_reason AS missingReason,
               a.detected_mime AS detectedMime, a.notes
        FROM attachments a JOIN messages m ON m.id = a.message_id
        WHERE m.conversation_id = ${conversationId} AND m.position >= ${from} AND m.position < ${to} ORDER BY a.id`,
  );

export interface ReactionRow {
  readonly messageId: number;
  readonly actor: string;
  readonly reaction: string;
}

export const reactionsOf = (db: ReadableDB, conversationId: number, from: number, to: number): ReactionRow[] =>
  all<ReactionRow>(
    db,
    sql`SELECT r.message_id AS messageId, r.actor_label AS actor, r.reaction FROM reactions r JOIN messages m ON m.id = r.message_id
        WHERE m.conversation_id = ${conversationId} AND m.position >= ${from} AND m.position < ${to} ORDER BY r.id`,
  );

export const conversationMessageCount = (db: ReadableDB, conversationId: number): number | undefined =>
  get<{ total: number }>(db, sql`SELECT message_count AS total FROM conversations WHERE id = ${conversationId}`)?.total;
