/**
 * A real case for export tests: the Android WhatsApp fixture imported, every message disclosed,
 * then some withheld and some redacted, written the way the review and redaction services do
 * (redactions straight into their table: the redaction service is not part of this layer).
 */
import { expect } from 'vitest';
import { addRedaction } from '../../../main/redact/redactions';
import { decide } from '../../../main/review/decisions';
import { importSource } from '../../../main/import/run';
import type { CaseSession } from '../../../main/cases/service';
import { AddRedactionArgsSchema } from '../../../common/contract/channels/redaction';
import { DecideArgsSchema } from '../../../common/contract/channels/review';
import { makeCase } from '../../helpers/case';
import { fixture } from '../../helpers/fixtures';

export interface FixtureCase {
  readonly session: CaseSession;
  /** Exact strings hidden by span redactions. */
  readonly redacted: readonly string[];
  /** Bodies of the withheld messages. */
  readonly withheld: readonly string[];
  /** Bodies of the produced messages with no redaction. */
  readonly produced: readonly string[];
}

const find = (session: CaseSession, needle: string): { id: number; body: string } => {
  const row = session.db.prepare('SELECT id, body FROM messages WHERE instr(body, ?) > 0 ORDER BY id LIMIT 1').get(needle) as
    { id: number; body: string } | undefined;
  if (!row) throw new Error(`fixture has no message containing ${needle}`);
  return row;
};

export async function fixtureCase(dir: string): Promise<FixtureCase> {
  const session = makeCase(dir);
  const db = session.writable!;
  await importSource(
    db,
    { path: fixture('whatsapp/android-en-GB-24h.txt'), custodian: 'Fiona Laird', timeZone: 'Europe/London' },
    { actor: 'test-reviewer' },
  );
  decide(db, DecideArgsSchema.parse({ selector: { kind: 'all' }, change: { outcome: 'disclose' } }), 'test-reviewer');

  const withheldRows = [find(session, 'GP phone appointment'), find(session, "Please don't put what it's about")];
  decide(
    db,
    DecideArgsSchema.parse({ selector: { kind: 'ids', ids: withheldRows.map((r) => r.id) }, change: { outcome: 'withhold' } }),
    'test-reviewer',
  );

  const bath = find(session, 'bath and bedtime');
  const morag = find(session, 'Morag Campbell, comms');
  // Redacted for Article 8, with the assessment that justifies producing the rest.
  const article8 = {
    engaged: 'yes',
    whose: 'third_party',
    rationalConnection: 'The arrangements of the core group are within the request.',
    lessIntrusiveStep: 'redaction',
    lessIntrusiveReasoning: 'Redacting the family detail serves the objective in full.',
    fairBalance: 'With the detail redacted the intrusion is slight.',
  };
  // Outcome first: the case refuses a live span on a message still to be disclosed whole.
  decide(
    db,
    DecideArgsSchema.parse({ selector: { kind: 'ids', ids: [bath.id, morag.id] }, change: { outcome: 'disclose_redacted', article8 } }),
    'test-reviewer',
  );
  const spanText = 'I promised Ailsa';
  const start = bath.body.indexOf(spanText);
  const insert = db.prepare(
    `INSERT INTO redactions (message_id, kind, start_utf16, end_utf16, reason_code, note, created_at, created_by) VALUES (?, 'span', ?, ?, ?, '', ?, 'test-reviewer')`,
  );
  insert.run(bath.id, start, start + spanText.length, 'article-8', Date.now());
  // Two reasons on overlapping spans: one box carrying both labels.
  const nameStart = morag.body.indexOf('Morag Campbell');
  insert.run(morag.id, nameStart, nameStart + 'Morag Campbell'.length, 'personal-third-party', Date.now());
  insert.run(morag.id, nameStart + 'Morag '.length, nameStart + 'Morag Campbell, comms'.length, 'article-8', Date.now());

  const producedRows = db
    .prepare(
      `SELECT m.body FROM messages m JOIN reviews r ON r.message_id = m.id
       WHERE r.outcome IN ('disclose', 'disclose_redacted') AND NOT EXISTS (SELECT 1 FROM redactions x WHERE x.message_id = m.id) ORDER BY m.id`,
    )
    .pluck()
    .all() as string[];
  return {
    session,
    redacted: [spanText, 'Morag Campbell, comms'],
    withheld: withheldRows.map((r) => r.body),
    produced: producedRows,
  };
}

/** Redacts `text` in every message body holding it (or only those `only` keeps), as a reviewer would. */
export function redactInBodies(fc: FixtureCase, text: string, reasonCode: string, only: (body: string) => boolean = () => true): number[] {
  const db = fc.session.writable!;
  const rows = (
    db.prepare('SELECT id, body FROM messages WHERE instr(body, ?) > 0 ORDER BY id').all(text) as { id: number; body: string }[]
  ).filter((r) => only(r.body));
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) {
    const start = row.body.indexOf(text);
    addRedaction(
      db,
      AddRedactionArgsSchema.parse({ kind: 'span', messageId: row.id, start, end: start + text.length, reasonCode }),
      'test-reviewer',
    );
  }
  return rows.map((r) => r.id);
}
