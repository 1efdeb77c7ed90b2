/**
 * Browsing the audit log for the Audit screen: pages of the filtered log, newest first, each entry
 * with a label, a summary and what it opens. Pages are counted from a fixed newest entry (`upTo`), so
 * entries appended while the reviewer scrolls do not shift the rows under them.
 */
import type { ReadableDB } from '../../db/connection';
import {
  auditActions,
  auditActors,
  auditEntryCount,
  auditPage,
  batchesOf,
  countAudit,
  messagePlaces,
  newestAuditId,
  redactionMessages,
  type AuditListRow,
} from '../../db/queries/audit';
import type { AuditFilter, AuditListEntry, AuditTarget } from '../../common/domain/audit';
import { actionLabel, summarise } from './describe';

export interface AuditPageArgs {
  readonly filter: AuditFilter;
  readonly upTo: number | null;
  readonly offset: number;
  readonly limit: number;
}

export interface AuditPageResult {
  readonly total: number;
  readonly upTo: number | null;
  readonly entries: AuditListEntry[];
}

export function auditFacets(db: ReadableDB) {
  return {
    entries: auditEntryCount(db),
    newestId: newestAuditId(db),
    actions: auditActions(db).map((action) => ({ action, label: actionLabel(action) })),
    actors: auditActors(db),
  };
}

type Details = Record<string, unknown>;

const parseDetails = (row: AuditListRow): Details => {
  const value: unknown = JSON.parse(row.details);
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Details) : {};
};

const subjectId = (subject: string, kind: string): number | null => {
  const match = new RegExp(`^${kind}:(\\d+)$`).exec(subject);
  return match ? Number(match[1]) : null;
};

/** The messages an entry names in its details (removals, every-occurrence redactions). */
function messagesInDetails(action: string, details: Details): number[] {
  if (action === 'redaction.removed' && Array.isArray(details.messageIds))
    return details.messageIds.filter((v): v is number => typeof v === 'number');
  if (action === 'redaction.occurrences_applied' && Array.isArray(details.spans)) {
    return [...new Set(details.spans.flatMap((span: unknown) => (Array.isArray(span) && typeof span[0] === 'number' ? [span[0]] : [])))];
  }
  return [];
}

interface Concern {
  readonly messageId?: number;
  readonly messages?: number;
  readonly batchId?: string;
  readonly redactionId?: number;
  readonly other?: AuditTarget;
}

const SCREEN_OF_SUBJECT: Readonly<Record<string, AuditTarget>> = {
  name: { kind: 'screen', screen: 'redaction' },
  reason: { kind: 'screen', screen: 'redaction' },
  participant: { kind: 'screen', screen: 'redaction' },
  custodian: { kind: 'screen', screen: 'sources' },
};

function concernOf(row: AuditListRow, details: Details): Concern | null {
  const [kind = ''] = row.subject.split(':', 1);
  const id = subjectId(row.subject, kind);
  if (kind === 'message' && id !== null) return { messageId: id, messages: 1 };
  if (kind === 'batch') return { batchId: row.subject.slice('batch:'.length) };
  if (kind === 'redaction' && id !== null) return { redactionId: id };
  if (kind === 'bundle' && id !== null) return { other: { kind: 'bundle', bundleId: id } };
  if (kind === 'source' && id !== null) return { other: { kind: 'source', sourceId: id } };
  if (kind === 'conversation' && id !== null) return { other: { kind: 'conversation', conversationId: id } };
  const listed = messagesInDetails(row.action, details);
  if (listed.length > 0) return { messageId: Math.min(...listed), messages: listed.length };
  if (row.action === 'case.created') return { other: { kind: 'screen', screen: 'overview' } };
  const screen = SCREEN_OF_SUBJECT[kind];
  return screen ? { other: screen } : null;
}

export function listAudit(db: ReadableDB, args: AuditPageArgs): AuditPageResult {
  const upTo = args.upTo ?? newestAuditId(db);
  const filter = { ...args.filter, upTo };
  const total = countAudit(db, filter);
  const rows = auditPage(db, filter, args.offset, args.limit);
  const details = rows.map(parseDetails);
  const concerns = rows.map((row, i) => concernOf(row, details[i]!));

  const batches = new Map(batchesOf(db, [...new Set(concerns.flatMap((c) => (c?.batchId ? [c.batchId] : [])))]).map((b) => [b.batchId, b]));
  const redactions = new Map(
    redactionMessages(
      db,
      concerns.flatMap((c) => (c?.redactionId ? [c.redactionId] : [])),
    ).map((r) => [r.id, r.messageId]),
  );
  const firstMessage = (c: Concern | null): { id: number; messages: number } | null => {
    if (!c) return null;
    if (c.messageId !== undefined) return { id: c.messageId, messages: c.messages ?? 1 };
    if (c.batchId !== undefined) {
      const batch = batches.get(c.batchId);
      return batch?.messageId ? { id: batch.messageId, messages: Math.max(1, batch.events) } : null;
    }
    if (c.redactionId !== undefined) {
      const messageId = redactions.get(c.redactionId);
      return messageId === undefined ? null : { id: messageId, messages: 1 };
    }
    return null;
  };
  const firsts = concerns.map(firstMessage);
  const places = new Map(messagePlaces(db, [...new Set(firsts.flatMap((f) => (f ? [f.id] : [])))]).map((p) => [p.id, p]));

  const entries = rows.map((row, i): AuditListEntry => {
    const first = firsts[i];
    const place = first ? places.get(first.id) : undefined;
    const target: AuditTarget | null =
      first && place
        ? { kind: 'message', messageId: place.id, conversationId: place.conversationId, position: place.position, messages: first.messages }
        : (concerns[i]?.other ?? null);
    const batchId = concerns[i]?.batchId;
    return {
      id: row.id,
      at: row.at,
      actor: row.actor,
      action: row.action,
      actionLabel: actionLabel(row.action),
      summary: summarise(row.action, row.subject, details[i]!, batchId ? (batches.get(batchId)?.summary ?? null) : null),
      subject: row.subject,
      hash: row.hash,
      target,
    };
  });
  return { total, upTo, entries };
}
