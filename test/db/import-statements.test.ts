import { afterEach, describe, expect, it } from 'vitest';
import { directionCode, importStatements, kindCode, presentBit, type MessageShape } from '../../db/queries/import';
import type { CaseSession } from '../../main/cases/service';
import { closeCase } from '../../main/cases/service';
import { makeCase } from '../helpers/case';
import { useTempDir } from '../helpers/temp';

const tempDir = useTempDir();

const SHAPE: MessageShape = { tzBasis: 'assumed:Europe/London', directionBasis: 'source', confidence: 'high', locatorFile: '_chat.txt' };

/** kind, direction, edited, deleted codes of a row. */
const codes = (kind: 'text' | 'media' | 'system', direction: 'incoming' | 'system' = 'incoming'): number[] => [
  kindCode(kind),
  directionCode(direction),
  0,
  0,
];

let session: CaseSession | undefined;
afterEach(() => {
  if (session) closeCase(session);
  session = undefined;
});

function openStatements() {
  session = makeCase(tempDir());
  const db = session.writable!;
  db.exec(`INSERT INTO custodians (name, created_at) VALUES ('A', 0);
    INSERT INTO sources (custodian_id, device_label, format, file_name, file_path, file_size, sha256, imported_at, imported_by, parser_version, time_zone)
      VALUES (1, '', 'whatsapp', 'f', 'f', 1, '${'0'.repeat(64)}', 0, 'x', '1', 'Europe/London');
    INSERT INTO conversations (source_id, source_key, platform, kind, title, fingerprint) VALUES (1, 'k', 'whatsapp', 'group', 't', '')`);
  return { db, statements: importStatements(db, 1) };
}

describe('message inserts compiled per shape', () => {
  it('stores the shape as column values, turns the codes back into their words, and binds only the open columns a row has', () => {
    const { db, statements } = openStatements();
    const timed = presentBit('sent_at') | presentBit('sent_at_raw') | presentBit('locator_line_start') | presentBit('locator_line_end');
    statements.messages({ ...SHAPE, present: timed }, 1).run(1, 0, 0, 'body', ...codes('media'), 1, 'raw', 1, 1);
    statements
      .messages({ ...SHAPE, locatorFile: "it's\0 odd.txt", present: timed | presentBit('repairs') }, 1)
      .run(1, 1, 1, Buffer.from('second'), ...codes('text'), 2, 'raw', 2, 2, '["r"]');
    const rows = db
      .prepare(
        'SELECT kind, tz_basis AS tz, direction, edited, repairs, body, typeof(body) AS type, locator_file AS file, sent_at AS sentAt, external_id AS externalId, source_id AS sourceId FROM messages ORDER BY seq',
      )
      .all();
    expect(rows).toEqual([
      {
        kind: 'media',
        tz: 'assumed:Europe/London',
        direction: 'incoming',
        edited: 'none',
        repairs: '[]',
        body: 'body',
        type: 'text',
        file: '_chat.txt',
        sentAt: 1,
        externalId: null,
        sourceId: 1,
      },
      {
        kind: 'text',
        tz: 'assumed:Europe/London',
        direction: 'incoming',
        edited: 'none',
        repairs: '["r"]',
        body: 'second',
        type: 'text',
        file: "it's\0 odd.txt",
        sentAt: 2,
        externalId: null,
        sourceId: 1,
      },
    ]);
  });

  it('writes several rows in one statement, with consecutive ids', () => {
    const { db, statements } = openStatements();
    const result = statements
      .messages({ ...SHAPE, present: 0 }, 3)
      .run(1, 0, 0, 'a', ...codes('text'), 1, 1, 1, 'b', ...codes('media'), 1, 2, 2, 'c', ...codes('system', 'system'));
    expect(result.changes).toBe(3);
    const rows = db.prepare('SELECT id, position, body, kind, direction FROM messages ORDER BY id').all();
    const last = Number(result.lastInsertRowid);
    expect(rows).toEqual([
      { id: last - 2, position: 0, body: 'a', kind: 'text', direction: 'incoming' },
      { id: last - 1, position: 1, body: 'b', kind: 'media', direction: 'incoming' },
      { id: last, position: 2, body: 'c', kind: 'system', direction: 'system' },
    ]);
  });

  it('refuses a code outside its vocabulary, and a shape value before it can become SQL text', () => {
    const { db, statements } = openStatements();
    expect(() => statements.messages({ ...SHAPE, present: 0 }, 1).run(1, 0, 0, 'a', 99, 0, 0, 0)).toThrow(
      /NOT NULL constraint failed: messages.kind/,
    );
    const hostile = { ...SHAPE, directionBasis: "source'); DROP TABLE messages; --" } as unknown as MessageShape;
    expect(() => statements.messages({ ...hostile, present: 0 }, 1)).toThrow(/is not a valid directionBasis/);
    expect(() => statements.messages({ ...SHAPE, tzBasis: "assumed:x'y", present: 0 }, 1)).toThrow(/is not a valid tzBasis/);
    expect(() => statements.messages({ ...SHAPE, present: 1 << 12 }, 1)).toThrow(/is not a set of message columns/);
    expect(() => importStatements(db, '1; DROP TABLE messages' as unknown as number)).toThrow(/is not a source id/);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'messages'").pluck().get()).toBe(1);
  });
});
