import { describe, expect, it } from 'vitest';
import { useTempDir } from '../../helpers/temp';
import { makeCase } from '../../helpers/case';

describe('migration 5: redaction names', () => {
  const tempDir = useTempDir();

  it('keeps one live row per name key, allows it again once removed, and refuses deletes', () => {
    const db = makeCase(tempDir()).writable!;
    const insert = db.prepare("INSERT INTO redaction_names (name, name_key, note, added_at, added_by) VALUES ('Jane', 'jane', '', 0, 't')");
    const id = Number(insert.run().lastInsertRowid);
    expect(() => insert.run()).toThrow(/UNIQUE/);
    db.prepare("UPDATE redaction_names SET removed_at = 1, removed_by = 't' WHERE id = ?").run(id);
    expect(() => insert.run()).not.toThrow();
    expect(() => db.prepare('DELETE FROM redaction_names').run()).toThrow(/never deleted/);
  });

  it('looks live names up by the partial index', () => {
    const db = makeCase(tempDir()).writable!;
    const plan = db.prepare("EXPLAIN QUERY PLAN SELECT id FROM redaction_names WHERE removed_at IS NULL AND name_key = 'jane'").all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('redaction_names_live');
  });
});
