import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli';
import { closeCase } from '../../../main/cases/service';
import { makeCase } from '../../helpers/case';
import { useTempDir } from '../../helpers/temp';
import { linkDuplicates, seedConversation } from '../review/seed';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A case with two custodians' copies of one chat, closed so the CLI opens it like a script would. */
function seededCase(dir: string) {
  const session = makeCase(dir);
  const db = session.writable!;
  const fiona = seedConversation(db, 'Fiona Laird', 6);
  const euan = seedConversation(db, 'Euan Baird', 6);
  linkDuplicates(db, fiona.ids, euan.ids);
  closeCase(session);
  return { path: session.path, fiona, euan };
}

const decisions = (path: string): { id: number; classification: string; outcome: string; rationale: string }[] => {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT message_id AS id, classification, outcome, rationale FROM reviews ORDER BY message_id').all() as never;
  } finally {
    db.close();
  }
};

describe('disclosure-desk review', () => {
  const tempDir = useTempDir();

  it('decides listed ids and reports the batch as JSON', async () => {
    const { path, fiona } = seededCase(tempDir());
    const result = await cli(
      'review',
      path,
      '--ids',
      `${fiona.ids[0]},${fiona.ids[1]}`,
      '--classification',
      'business',
      '--outcome',
      'disclose',
      '--rationale',
      'briefing',
      '--json',
    );
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(JSON.parse(result.out)).toEqual({
      batchId: expect.any(String),
      matched: 2,
      changed: 2,
      propagated: 0,
      article8Id: null,
      kept: 0,
      overwritten: 0,
      heldByRedactions: 0,
      keptGroups: [],
    });
    expect(decisions(path)).toEqual([
      { id: fiona.ids[0], classification: 'business', outcome: 'disclose', rationale: 'briefing' },
      { id: fiona.ids[1], classification: 'business', outcome: 'disclose', rationale: 'briefing' },
    ]);
  });

  it('decides a conversation with --propagate, and everything with --all, in words', async () => {
    const { path, fiona } = seededCase(tempDir());
    const conversation = await cli(
      'review',
      path,
      '--conversation',
      String(fiona.conversationId),
      '--relevance',
      'relevant',
      '--propagate',
    );
    expect(conversation).toMatchObject({
      code: 0,
      out: expect.stringMatching(/^Decided 6 of 6 selected messages, and 6 duplicates held by other custodians \(batch .+\)\.$/),
    });
    const all = await cli('review', path, '--all', '--relevance', 'relevant');
    expect(all.out).toBe('No change: all 12 selected messages already had this decision.');
  });

  it('exits 2 on a missing or doubled selector, or a value outside the lists', async () => {
    const { path } = seededCase(tempDir());
    for (const argv of [
      ['review', path, '--classification', 'business'],
      ['review', path, '--all', '--ids', '1', '--classification', 'business'],
      ['review', path, '--all', '--classification', 'important'],
      ['review', path, '--all'],
      ['review', path, '--ids', '1,x', '--outcome', 'withhold'],
    ]) {
      const result = await cli(...argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.err).toContain('Usage: disclosure-desk review');
    }
  });

  it('exits 1 naming unknown messages', async () => {
    const { path } = seededCase(tempDir());
    expect(await cli('review', path, '--ids', '999', '--outcome', 'withhold')).toMatchObject({
      code: 1,
      err: expect.stringContaining('Message #999 is not in this case'),
    });
  });
});

describe('disclosure-desk audit --verify', () => {
  const tempDir = useTempDir();

  /** Tampering as someone with a SQLite client would: drop the guard triggers, then edit. */
  const tamper = (path: string, statements: string): void => {
    const raw = new Database(path);
    raw.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
    raw.exec(statements);
    raw.close();
  };

  const reviewed = async () => {
    const { path, fiona } = seededCase(tempDir());
    for (const classification of ['business', 'personal', 'mixed'])
      await cli('review', path, '--ids', String(fiona.ids[0]), '--classification', classification);
    return path; // audit entries: #1 case.created, #2-#4 review.decided
  };

  it('reports an intact chain', async () => {
    const path = await reviewed();
    expect(await cli('audit', path, '--verify')).toEqual({ code: 0, out: 'Audit log intact: 4 entries, hash chain verified.', err: '' });
    expect(JSON.parse((await cli('audit', path, '--verify', '--json')).out)).toEqual({
      ok: true,
      entries: 4,
      problems: [],
      head: { id: 4, hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
  });

  it('exits 1 naming an edited entry', async () => {
    const path = await reviewed();
    tamper(path, `UPDATE audit_log SET details = json_set(details, '$.changed', 0) WHERE id = 3`);
    const result = await cli('audit', path, '--verify');
    expect(result.code).toBe(1);
    expect(result.err).toContain('entry #3 (review.decided) was altered after it was written');
  });

  it('exits 1 naming the gap a deleted entry left, with the problems as JSON on stdout', async () => {
    const path = await reviewed();
    tamper(path, 'DELETE FROM audit_log WHERE id = 2');
    const result = await cli('audit', path, '--verify', '--json');
    expect(result.code).toBe(1);
    expect(JSON.parse(result.out)).toMatchObject({ ok: false, problems: [{ entryId: 3, problem: 'deleted' }] });
    expect(result.err).toContain('between entry #1 and entry #3 were deleted');
  });

  it('exits 1 naming reordered entries', async () => {
    const path = await reviewed();
    tamper(
      path,
      'UPDATE audit_log SET id = -2 WHERE id = 2; UPDATE audit_log SET id = 2 WHERE id = 3; UPDATE audit_log SET id = 3 WHERE id = -2;',
    );
    const result = await cli('audit', path, '--verify');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/entry #\d is out of order/);
  });

  it('exits 2 without --verify', async () => {
    const path = await reviewed();
    expect(await cli('audit', path)).toMatchObject({ code: 2, err: expect.stringContaining('add --verify') });
  });
});

describe('disclosure-desk pack', () => {
  const tempDir = useTempDir();

  it("exports a custodian's pack and imports its (empty) flags once", async () => {
    const dir = tempDir();
    const { path } = seededCase(dir);
    const pack = join(dir, 'fiona.ddcase');
    const exported = await cli('pack', path, '--custodian', 'fiona laird', '--out', pack, '--json');
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.out)).toMatchObject({ custodian: 'Fiona Laird', messages: 6, path: pack });
    expect(await cli('pack', path, '--import-flags', pack)).toMatchObject({
      code: 0,
      out: expect.stringContaining("Imported 0 flags from Fiona Laird's pack"),
    });
    expect(await cli('pack', path, '--import-flags', pack)).toMatchObject({ code: 1, err: expect.stringContaining('already imported') });
    expect(await cli('pack', path, '--custodian', 'Nobody', '--out', join(dir, 'n.ddcase'))).toMatchObject({
      code: 1,
      err: expect.stringContaining('Custodian "Nobody" is not in this case'),
    });
    expect(await cli('pack', path, '--custodian', 'Fiona Laird')).toMatchObject({ code: 2 });
  });
});
