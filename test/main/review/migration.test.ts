import { describe, expect, it } from 'vitest';
import { makeCase } from '../../helpers/case';
import { useTempDir } from '../../helpers/temp';

describe('migration 4: review batches and custodian flags', () => {
  const tempDir = useTempDir();

  it('keeps batches and flag resolutions append-only, and a flag resolved once', () => {
    const db = makeCase(tempDir()).writable!;
    db.exec(`
      INSERT INTO custodians (id, name, created_at) VALUES (1, 'Fiona Laird', 0);
      INSERT INTO review_batches (batch_id, actor, kind, summary, events, at) VALUES ('b1', 'alice', 'decision', 's', 0, 0);
      INSERT INTO custodian_packs VALUES ('p1', 'case', 1, 'Fiona Laird', 0, 'p.ddcase', 0, 'alice');
    `);
    expect(() => db.exec("UPDATE review_batches SET actor = 'bob'")).toThrow('review_batches is append-only');
    expect(() => db.exec('DELETE FROM review_batches')).toThrow('review_batches is append-only');
    // An undo must name the batch it undoes; a decision must not.
    expect(() =>
      db.exec("INSERT INTO review_batches (batch_id, actor, kind, summary, events, at) VALUES ('u', 'alice', 'undo', 's', 0, 0)"),
    ).toThrow(/CHECK/);
    expect(() =>
      db.exec(
        "INSERT INTO custodian_pack_imports VALUES ('p1', 0, 0, 'alice'); INSERT INTO custodian_pack_imports VALUES ('p1', 0, 1, 'bob')",
      ),
    ).toThrow(/UNIQUE/);
  });

  it("finds a batch's events and a message's flags by index", () => {
    const db = makeCase(tempDir()).writable!;
    const plan = (query: string): string =>
      (db.prepare(`EXPLAIN QUERY PLAN ${query}`).all() as { detail: string }[]).map((r) => r.detail).join('; ');
    expect(plan("SELECT * FROM review_events WHERE batch_id = 'x'")).toContain('review_events_by_batch');
    expect(plan('SELECT * FROM custodian_flags WHERE message_id = 1')).toContain('custodian_flags_by_message');
    expect(plan("SELECT * FROM review_batches WHERE actor = 'alice' ORDER BY seq")).toContain('review_batches_by_actor');
  });
});
