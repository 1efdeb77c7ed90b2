import { afterEach, describe, expect, it } from 'vitest';
import { directionCode, kindCode } from '../../db/queries/import';
import {
  attachmentProblem,
  conversationProblem,
  identifierProblem,
  messageJsonProblem,
  messageRowProblem,
  noteProblem,
  type AttachmentRow,
} from '../../db/queries/import-rules';
import type { WritableDB } from '../../db/connection';
import { closeCase, type CaseSession } from '../../main/cases/service';
import { makeCase } from '../helpers/case';
import { useTempDir } from '../helpers/temp';

const tempDir = useTempDir();
let session: CaseSession | undefined;
afterEach(() => {
  if (session) closeCase(session);
  session = undefined;
});

function openCase(): WritableDB {
  session = makeCase(tempDir());
  const db = session.writable!;
  db.exec(`INSERT INTO custodians (name, created_at) VALUES ('A', 0);
    INSERT INTO sources (custodian_id, device_label, format, file_name, file_path, file_size, sha256, imported_at, imported_by, parser_version, time_zone)
      VALUES (1, '', 'whatsapp', 'f', 'f', 1, '${'0'.repeat(64)}', 0, 'x', '1', 'Europe/London');
    INSERT INTO conversations (source_id, source_key, platform, kind, title, fingerprint) VALUES (1, 'k', 'whatsapp', 'group', 't', '');
    INSERT INTO messages (conversation_id, source_id, seq, position, tz_basis, direction, direction_basis, kind, body, edited, deleted, confidence, locator_file)
      VALUES (1, 1, 0, 0, 'unknown', 'incoming', 'source', 'text', 'b', 'none', 'none', 'high', 'f')`);
  return db;
}

/** Whether SQLite, enforcing its constraints, refuses the statement (which is rolled back either way). */
function sqliteRefuses(db: WritableDB, statement: string, values: readonly unknown[]): boolean {
  db.exec('SAVEPOINT probe');
  try {
    db.prepare(statement).run(...values);
    return false;
  } catch (err) {
    if (!/CHECK constraint failed/.test((err as Error).message)) throw err;
    return true;
  } finally {
    db.exec('ROLLBACK TO probe; RELEASE probe');
  }
}

const product = <T>(lists: readonly (readonly T[])[]): T[][] =>
  lists.reduce<T[][]>((rows, list) => rows.flatMap((row) => list.map((value) => [...row, value])), [[]]);

describe('the import writer restates each CHECK rule of the rows it writes, as SQLite judges them', () => {
  it('messages: sequence, time and its text, line order, system direction, edit history and repairs', () => {
    const db = openCase();
    const cases = product<unknown>([
      [0, 3, -1],
      [null, 1_600_000_000_000],
      [null, '01/02/2020, 10:00'],
      [null, 5],
      [null, 5, 4],
      ['text', 'system'],
      ['incoming', 'system'],
      [null, '[{"at":1}]', '{"not":"closed"'],
      ['[]', '["a repair"]', '{"an":"object"}', 'not json'],
    ]);
    let refused = 0;
    for (const [seq, sentAt, raw, lineStart, lineEnd, kind, direction, editHistory, repairs] of cases) {
      const sqlite = sqliteRefuses(
        db,
        `INSERT INTO messages (conversation_id, source_id, seq, position, sent_at, sent_at_raw, locator_line_start, locator_line_end, kind, direction,
           edit_history, repairs, tz_basis, direction_basis, body, edited, deleted, confidence, locator_file)
         VALUES (1, 1, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, 'unknown', 'source', 'b', 'none', 'none', 'high', 'f')`,
        [seq, sentAt, raw, lineStart, lineEnd, kind, direction, editHistory, repairs],
      );
      const ours =
        messageRowProblem(
          seq as number, (sentAt as number | null) ?? Number.NaN, raw !== null, (lineStart as number | null) ?? Number.NaN, (lineEnd as number | null) ?? Number.NaN,
          kindCode(kind as 'text' | 'system'), directionCode(direction as 'incoming' | 'system'),
        ) ?? messageJsonProblem(editHistory as string | null, repairs as string);
      expect({ row: [seq, sentAt, raw, lineStart, lineEnd, kind, direction, editHistory, repairs], refused: ours !== null }).toEqual({
        row: [seq, sentAt, raw, lineStart, lineEnd, kind, direction, editHistory, repairs],
        refused: sqlite,
      });
      if (sqlite) refused++;
    }
    // Both verdicts occur, many times over.
    expect(refused).toBeGreaterThan(cases.length / 2);
    expect(refused).toBeLessThan(cases.length);
  });

  it('attachments: size, SHA-256, and a reason or a hash by whether the file is present', () => {
    const db = openCase();
    for (const [size, sha256, present, missingReason] of product<unknown>([[null, 0, 7, -1], [null, 'a'.repeat(64), 'a'.repeat(63)], [0, 1], [null, 'not downloaded']])) {
      const row = { size, sha256, present, missingReason } as AttachmentRow;
      const sqlite = sqliteRefuses(db, 'INSERT INTO attachments (message_id, size, sha256, present, missing_reason) VALUES (1, ?, ?, ?, ?)', [size, sha256, present, missingReason]);
      expect({ row, refused: attachmentProblem(row) !== null }).toEqual({ row, refused: sqlite });
    }
  });

  it('conversations, notes and person identifiers: their closed vocabularies and JSON', () => {
    const db = openCase();
    for (const [platform, kind] of product<string>([['whatsapp', 'signal', 'fax'], ['group', 'direct', 'party']])) {
      const sqlite = sqliteRefuses(db, "INSERT INTO conversations (source_id, source_key, platform, kind, title, fingerprint) VALUES (1, 'k2', ?, ?, 't', '')", [platform, kind]);
      expect({ platform, kind, refused: conversationProblem(platform!, kind!) !== null }).toEqual({ platform, kind, refused: sqlite });
    }
    for (const [kind, locator] of product<string | null>([['warning', 'assumption', 'aside'], [null, '{"file":"f"}', '{"file":']])) {
      const sqlite = sqliteRefuses(db, "INSERT INTO source_notes (source_id, kind, message, locator) VALUES (1, ?, 'm', ?)", [kind, locator]);
      expect({ kind, locator, refused: noteProblem(kind!, locator ?? null) !== null }).toEqual({ kind, locator, refused: sqlite });
    }
    db.exec("INSERT INTO people (display_name) VALUES ('P')");
    for (const kind of ['phone', 'email', 'username', 'fax']) {
      const sqlite = sqliteRefuses(db, "INSERT INTO person_identifiers (kind, value, person_id) VALUES (?, 'v', 1)", [kind]);
      expect({ kind, refused: identifierProblem(kind) !== null }).toEqual({ kind, refused: sqlite });
    }
  });
});
