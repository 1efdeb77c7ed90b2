import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { transaction } from '../../../db/queries/run';
import { appendAudit, verifyAudit } from '../../../main/audit/log';
import { closeCase } from '../../../main/cases/service';
import { makeCase } from '../../helpers/case';
import { useTempDir } from '../../helpers/temp';

/** Tampering as someone with a SQLite client would do it: drop the app's guard triggers first. */
function tamper(path: string, statements: string): void {
  const raw = new Database(path);
  raw.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  raw.exec(statements);
  raw.close();
}

function caseWithEntries(dir: string): string {
  const session = makeCase(dir);
  const db = session.writable!;
  transaction(db, () => {
    for (let i = 1; i <= 4; i++)
      appendAudit(db, { actor: 'reviewer', action: 'review.set', subject: `message:${i}`, details: { outcome: 'withhold', i } });
  });
  const path = session.path;
  closeCase(session);
  return path;
}

const verifyAt = (path: string): ReturnType<typeof verifyAudit> => {
  const raw = new Database(path, { readonly: true });
  try {
    return verifyAudit(raw as never);
  } finally {
    raw.close();
  }
};

describe('the audit log', () => {
  const tempDir = useTempDir();

  it('verifies an untouched chain (case creation plus four decisions)', () => {
    const result = verifyAt(caseWithEntries(tempDir()));
    expect(result).toEqual({ ok: true, entries: 5, problems: [], head: { id: 5, hash: expect.stringMatching(/^[0-9a-f]{64}$/) } });
  });

  it('names an edited entry', () => {
    const path = caseWithEntries(tempDir());
    tamper(path, `UPDATE audit_log SET details = '{"i":3,"outcome":"disclose"}' WHERE id = 4`);
    const result = verifyAt(path);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([expect.objectContaining({ entryId: 4, problem: 'edited' })]);
  });

  it('names the gap left by a deleted entry', () => {
    const path = caseWithEntries(tempDir());
    tamper(path, 'DELETE FROM audit_log WHERE id = 3');
    const result = verifyAt(path);
    expect(result.problems).toEqual([
      expect.objectContaining({ entryId: 4, problem: 'deleted', message: expect.stringContaining('between entry #2 and entry #4') }),
    ]);
  });

  it('notices entries removed from the end', () => {
    const path = caseWithEntries(tempDir());
    tamper(path, 'DELETE FROM audit_log WHERE id = 5');
    expect(verifyAt(path).problems).toEqual([expect.objectContaining({ problem: 'truncated' })]);
  });

  it('names reordered entries', () => {
    const path = caseWithEntries(tempDir());
    // Swap the contents of rows 3 and 4, hashes and all: each row is intact, but the order is not.
    tamper(
      path,
      `UPDATE audit_log SET id = -3 WHERE id = 3; UPDATE audit_log SET id = 3 WHERE id = 4; UPDATE audit_log SET id = 4 WHERE id = -3;`,
    );
    const result = verifyAt(path);
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => p.problem)).toContain('reordered');
  });
});
