/**
 * A case for search tests: four fixture exports under three custodians, indexed, with every labelled
 * message reviewed as LABELS.json says (business → relevant/disclose, personal → not relevant/
 * withhold, mixed → relevant/disclose with a live span redaction) and one redaction later removed.
 * The other messages stay unreviewed. Expected results are computed from these rows, never typed in.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WritableDB } from '../../../db/connection';
import type { CaseSession } from '../../../main/cases/service';
import { importSource } from '../../../main/import/run';
import { updateIndex } from '../../../main/search/indexer';
import { makeCase } from '../../helpers/case';
import { fixture } from '../../helpers/fixtures';

interface WhatsAppLabel {
  readonly line: number;
  readonly label: 'business' | 'personal' | 'mixed';
}

const LABELS = JSON.parse(readFileSync(fixture('LABELS.json'), 'utf8')) as Record<string, { items: WhatsAppLabel[] }>;

export const IMPORTS = [
  {
    path: 'whatsapp/android-en-GB-24h.txt',
    labels: 'whatsapp/android-en-GB-24h.txt',
    locator: 'android-en-GB-24h.txt',
    custodian: 'Fiona Laird',
  },
  { path: 'whatsapp/ios-en-GB', labels: 'whatsapp/ios-en-GB/_chat.txt', locator: '_chat.txt', custodian: 'Tom Reid' },
  {
    path: 'whatsapp/android-en-US-12h.txt',
    labels: 'whatsapp/android-en-US-12h.txt',
    locator: 'android-en-US-12h.txt',
    custodian: 'Tom Reid',
  },
  { path: 'whatsapp/android-de.txt', labels: 'whatsapp/android-de.txt', locator: 'android-de.txt', custodian: 'Priya Nair' },
] as const;

const DECISION = {
  business: { relevance: 'relevant', outcome: 'disclose' },
  personal: { relevance: 'not_relevant', outcome: 'withhold' },
  mixed: { relevance: 'relevant', outcome: 'disclose_redacted' },
} as const;

/** Every message as the tests see it, read straight from the tables (not through the search code). */
export interface MessageFacts {
  readonly id: number;
  readonly body: string;
  readonly sender: string;
  readonly title: string;
  readonly conversationId: number;
  readonly sourceId: number;
  readonly custodianId: number;
  readonly senderId: number | null;
  readonly sentAt: number | null;
  readonly kind: string;
  readonly classification: string;
  readonly relevance: string;
  readonly outcome: string;
  readonly reviewed: boolean;
  readonly redacted: boolean;
}

function review(db: WritableDB, messageId: number, label: WhatsAppLabel['label'], at: number): void {
  const { relevance, outcome } = DECISION[label];
  const event = db
    .prepare(
      `INSERT INTO review_events (message_id, batch_id, origin, classification, relevance, outcome, rationale, at, actor)
       VALUES (?, 'test-batch', 'decision', ?, ?, ?, 'from LABELS.json', ?, 'test-reviewer')`,
    )
    .run(messageId, label, relevance, outcome, at).lastInsertRowid;
  db.prepare(
    `INSERT INTO reviews (message_id, classification, relevance, outcome, rationale, last_event_id, updated_at, updated_by)
     VALUES (?, ?, ?, ?, 'from LABELS.json', ?, ?, 'test-reviewer')`,
  ).run(messageId, label, relevance, outcome, event, at);
}

/** A decision undone back to the defaults leaves a reviews row that must still count as unreviewed. */
function undoneToDefaults(db: WritableDB): void {
  const id = db.prepare('SELECT min(id) FROM messages WHERE id NOT IN (SELECT message_id FROM reviews)').pluck().get() as number;
  const event = db
    .prepare(
      `INSERT INTO review_events (message_id, batch_id, origin, classification, relevance, outcome, rationale, at, actor)
       VALUES (?, 'test-undo', 'undo', 'unclassified', 'unassessed', 'pending', '', 1, 'test-reviewer')`,
    )
    .run(id).lastInsertRowid;
  db.prepare(
    `INSERT INTO reviews (message_id, classification, relevance, outcome, rationale, last_event_id, updated_at, updated_by)
     VALUES (?, 'unclassified', 'unassessed', 'pending', '', ?, 1, 'test-reviewer')`,
  ).run(id, event);
}

function redact(db: WritableDB, messageId: number, removed: boolean): void {
  db.prepare(
    `INSERT INTO redactions (message_id, kind, start_utf16, end_utf16, reason_code, note, created_at, created_by, removed_at, removed_by)
     VALUES (?, 'span', 0, 1, 'personal-third-party', '', 1, 'test-reviewer', ?, ?)`,
  ).run(messageId, removed ? 2 : null, removed ? 'test-reviewer' : null);
}

export async function searchCase(dir: string, options: { index?: boolean } = {}): Promise<CaseSession> {
  const session = makeCase(dir);
  const db = session.writable as WritableDB;
  for (const source of IMPORTS) {
    await importSource(
      db,
      { path: fixture(source.path), custodian: source.custodian, timeZone: 'Europe/London' },
      { actor: 'test-reviewer' },
    );
  }
  const byLine = db.prepare('SELECT id FROM messages WHERE locator_file LIKE ? AND locator_line_start = ?').pluck();
  let firstPersonal = true;
  for (const source of IMPORTS) {
    for (const item of LABELS[source.labels]?.items ?? []) {
      const id = byLine.get(`%${source.locator}`, item.line) as number | undefined;
      if (id === undefined) continue; // deletion placeholders and the like are labelled but may be stored differently
      review(db, id, item.label, 1_600_000_000_000);
      if (item.label === 'mixed') redact(db, id, false);
      if (item.label === 'personal' && firstPersonal) {
        redact(db, id, true);
        firstPersonal = false;
      }
    }
  }
  undoneToDefaults(db);
  if (options.index !== false) await updateIndex(db);
  return session;
}

export function facts(db: WritableDB): MessageFacts[] {
  return (
    db
      .prepare(
        `SELECT m.id, m.body, coalesce(p.label, '') AS sender, c.title, m.conversation_id AS conversationId, m.source_id AS sourceId,
           s.custodian_id AS custodianId, m.sender_participant_id AS senderId, m.sent_at AS sentAt, m.kind,
           coalesce(r.classification, 'unclassified') AS classification, coalesce(r.relevance, 'unassessed') AS relevance,
           coalesce(r.outcome, 'pending') AS outcome,
           coalesce(r.classification <> 'unclassified' OR r.relevance <> 'unassessed' OR r.outcome <> 'pending', 0) AS reviewed,
           EXISTS (SELECT 1 FROM redactions x WHERE x.message_id = m.id AND x.removed_at IS NULL) AS redacted
         FROM messages m JOIN conversations c ON c.id = m.conversation_id JOIN sources s ON s.id = m.source_id
           LEFT JOIN participants p ON p.id = m.sender_participant_id LEFT JOIN reviews r ON r.message_id = m.id
         ORDER BY m.id`,
      )
      .all() as (Omit<MessageFacts, 'reviewed' | 'redacted'> & { reviewed: number; redacted: number })[]
  ).map((row) => ({ ...row, reviewed: row.reviewed === 1, redacted: row.redacted === 1 }));
}

/** The index's notion of a word, re-derived independently for expected results: lower case, no accents. */
export const words = (text: string): string[] =>
  text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

export const caseDir = (dir: string): string => join(dir, 'case.ddcase');
