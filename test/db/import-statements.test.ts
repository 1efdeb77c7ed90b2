import { afterEach, describe, expect, it } from 'vitest';
import { importStatements, type MessageShape } from '../../db/queries/import';
import type { CaseSession } from '../../main/cases/service';
import { closeCase } from '../../main/cases/service';
import { makeCase } from '../helpers/case';
import { useTempDir } from '../helpers/temp';

const tempDir = useTempDir();

const SHAPE: MessageShape = {
  tzBasis: 'assumed:Europe/London',
  direction: 'incoming',
  directionBasis: 'source',
  kind: 'text',
  edited: 'none',
  deleted: 'none',
  confidence: 'high',
};

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
  return { db, statements: importStatements(db) };
}

describe('message inserts compiled per shape', () => {
  it('stores the shape as column values and binds only the open columns', () => {
    const { db, statements } = openStatements();
    statements.message({ ...SHAPE, kind: 'media' }).run(1, 1, 0, 0, null, 1, 'raw', null, null, 'body', null, null, '_chat.txt', 1, 1, null, null, null);
    statements.message(SHAPE).run(1, 1, 1, 1, null, 2, 'raw', null, null, 'second', null, null, '_chat.txt', 2, 2, null, null, '["r"]');
    const rows = db.prepare('SELECT kind, tz_basis AS tz, direction, repairs FROM messages ORDER BY seq').all();
    expect(rows).toEqual([
      { kind: 'media', tz: 'assumed:Europe/London', direction: 'incoming', repairs: '[]' },
      { kind: 'text', tz: 'assumed:Europe/London', direction: 'incoming', repairs: '["r"]' },
    ]);
  });

  it('refuses a shape value outside its vocabulary before it can become SQL text', () => {
    const { db, statements } = openStatements();
    const hostile = { ...SHAPE, direction: "incoming'); DROP TABLE messages; --" } as unknown as MessageShape;
    expect(() => statements.message(hostile)).toThrow(/is not a valid direction/);
    expect(() => statements.message({ ...SHAPE, tzBasis: "assumed:x'y" })).toThrow(/is not a valid tzBasis/);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'messages'").pluck().get()).toBe(1);
  });
});
