/**
 * Issue 13 item 5: the audit log cannot be emptied or rewritten undetected. An emptied log, or one
 * that no longer starts with the case's creation, is tampered on its own; a truncated or
 * consistently recomputed log is caught against the heads the case recorded for its bundles and
 * packs, and against a bundle folder or pack file made before (`audit --verify --against`).
 */
import Database from 'better-sqlite3';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { entryHash, GENESIS_HASH, verifyAudit, verifyAuditInSteps } from '../../../main/audit/log';
import { AuditAnchorUnreadableError, verifyAuditAgainst } from '../../../main/audit/anchor';
import { closeCase, openCase } from '../../../main/cases/service';
import { runCli } from '../../../main/cli';
import { exportBundle } from '../../../main/export/run';
import { decide } from '../../../main/review/decisions';
import { exportPack } from '../../../main/review/pack-export';
import { AuditVerificationSchema } from '../../../common/contract/channels/audit';
import { DecideArgsSchema } from '../../../common/contract/channels/review';
import { makeCase, TEST_ACTOR } from '../../helpers/case';
import { useTempDir } from '../../helpers/temp';
import { seedConversation } from '../review/seed';
import { exportSettings } from '../export/settings';

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

interface Anchored {
  readonly dir: string;
  readonly path: string;
  readonly bundle: string;
  readonly pack: string;
}

/**
 * A case whose log reads: #1 case.created, #2 review.decided, #3 pack.exported (the pack records
 * head #2), #4 review.decided, #5 bundle.exported (the bundle records head #4), #6 and #7 review.decided.
 */
async function anchoredCase(dir: string): Promise<Anchored> {
  const session = makeCase(dir);
  const db = session.writable!;
  const fiona = seedConversation(db, 'Fiona Laird', 6);
  const decideAll = (outcome: 'disclose' | 'withhold', ids: readonly number[]) =>
    decide(db, DecideArgsSchema.parse({ selector: { kind: 'ids', ids }, change: { outcome } }), 'test-reviewer');
  decideAll('disclose', fiona.ids);
  const pack = join(dir, 'fiona.ddcase');
  exportPack(db, fiona.custodianId, pack, TEST_ACTOR);
  decideAll('withhold', fiona.ids.slice(0, 1));
  const bundle = join(dir, 'bundle');
  await exportBundle(db, session.meta, exportSettings(bundle, { xlsx: false }), {
    actor: 'test-reviewer',
    appVersion: '0.0.0-test',
    casePath: session.path,
  });
  decideAll('withhold', fiona.ids.slice(1, 2));
  decideAll('withhold', fiona.ids.slice(2, 3));
  closeCase(session);
  return { dir, path: session.path, bundle, pack };
}

const actions = (path: string): string[] => {
  const raw = new Database(path, { readonly: true });
  try {
    return raw.prepare('SELECT action FROM audit_log ORDER BY id').pluck().all() as string[];
  } finally {
    raw.close();
  }
};

/** Tampering as someone with a SQLite client would: the guard triggers dropped first, then put back. */
function tamper(path: string, change: (raw: Database.Database) => void): void {
  const raw = new Database(path);
  raw.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  change(raw);
  raw.exec(`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
            CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;`);
  raw.close();
}

interface Row {
  id: number;
  at: number;
  actor: string;
  action: string;
  subject: string;
  details: string;
  prev_hash: string;
  hash: string;
}

/**
 * Rewrites every entry with the app's own algorithm after `edit`, so each hash and link is right
 * again. `thorough` also rewrites the chain heads recorded inside the log (bundle and pack entries),
 * which is all a log-only check could ever look at.
 */
function recompute(raw: Database.Database, edit: (row: Row) => void, thorough: boolean): void {
  const rows = raw.prepare('SELECT * FROM audit_log ORDER BY id').all() as Row[];
  const newHash = new Map<number, string>();
  let prev = GENESIS_HASH;
  const update = raw.prepare(
    'UPDATE audit_log SET at = ?, actor = ?, action = ?, subject = ?, details = ?, prev_hash = ?, hash = ? WHERE id = ?',
  );
  // Hashes are UNIQUE: park every row on a placeholder first so the rewrite never collides.
  raw.prepare("UPDATE audit_log SET hash = printf('%064d', id)").run();
  for (const row of rows) {
    edit(row);
    if (thorough) {
      const details = JSON.parse(row.details) as Record<string, { id: number; hash: string } | undefined>;
      for (const key of ['auditChainHead', 'parentAuditChainHead']) {
        const head = details[key];
        if (head) details[key] = { id: head.id, hash: newHash.get(head.id) ?? head.hash };
      }
      row.details = JSON.stringify(details);
    }
    const hash = entryHash(prev, row);
    update.run(row.at, row.actor, row.action, row.subject, row.details, prev, hash, row.id);
    newHash.set(row.id, hash);
    prev = hash;
  }
}

/** Entry #2 said "disclose"; the rewrite says "withhold". */
const falsifyDecision = (row: Row): void => {
  if (row.id === 2) row.details = row.details.replace('"disclose"', '"withhold"');
};

const verifyAt = (path: string) => {
  const session = openCase(path, { readOnly: true });
  try {
    return verifyAudit(session.db);
  } finally {
    closeCase(session);
  }
};

describe('an audit log that was emptied or no longer starts with the case', () => {
  const tempDir = useTempDir();

  it('is tampered when every entry was deleted (and the sequence reset)', async () => {
    const session = makeCase(tempDir());
    closeCase(session);
    const path = session.path;
    tamper(path, (raw) => raw.exec("DELETE FROM audit_log; DELETE FROM sqlite_sequence WHERE name = 'audit_log';"));
    expect(verifyAt(path)).toMatchObject({ ok: false, entries: 0, problems: [{ problem: 'emptied', entryId: null }] });
    // The app's "Verify chain" job runs the same check, and its result passes the contract.
    const reopened = openCase(path, { readOnly: true });
    try {
      const inSteps = await verifyAuditInSteps(reopened.db);
      expect(inSteps.problems.map((p) => p.problem)).toEqual(['emptied']);
      expect(AuditVerificationSchema.parse(inSteps)).toEqual(inSteps);
    } finally {
      closeCase(reopened);
    }
    const result = await cli('audit', path, '--verify');
    expect(result.code).toBe(1);
    expect(result.err).toContain('the audit log has been tampered with (0 entries checked)');
    expect(result.err).toContain(
      'the log has no entries, but every case starts with the entry recording its creation: the log was emptied',
    );
  });

  it('is tampered when the creation entry was removed and the rest re-chained from the start', async () => {
    const dir = tempDir();
    const session = makeCase(dir);
    seedConversation(session.writable!, 'Fiona Laird', 2);
    decide(session.writable!, DecideArgsSchema.parse({ selector: { kind: 'all' }, change: { outcome: 'disclose' } }), 'test-reviewer');
    closeCase(session);
    tamper(session.path, (raw) => {
      raw.exec('DELETE FROM audit_log WHERE id = 1');
      recompute(raw, () => undefined, false);
    });
    const result = verifyAt(session.path);
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      {
        entryId: 2,
        problem: 'missing-creation',
        message:
          'the log starts at entry #2 (review.decided), not with entry #1 recording the case’s creation: its start was deleted or replaced',
      },
    ]);
  });

  it('is tampered when the first entry records another case’s creation', () => {
    const session = makeCase(tempDir());
    closeCase(session);
    const path = session.path;
    tamper(path, (raw) => recompute(raw, (row) => void (row.subject = '00000000-0000-4000-8000-000000000000'), false));
    expect(verifyAt(path).problems).toEqual([
      expect.objectContaining({ entryId: 1, problem: 'missing-creation', message: expect.stringContaining('another case') }),
    ]);
  });

  it('a fresh case and a fresh pack each start with their creation entry', async () => {
    const { path, pack } = await anchoredCase(tempDir());
    expect(verifyAt(path)).toMatchObject({ ok: true, entries: 7 });
    expect(verifyAt(pack)).toMatchObject({ ok: true, entries: 1 });
  });
});

describe('audit --verify against the heads the case recorded, and against a bundle or pack made before', () => {
  const tempDir = useTempDir();

  it('a genuine log is intact against the bundle and the pack, through the service and the CLI', async () => {
    const c = await anchoredCase(tempDir());
    expect(actions(c.path)).toEqual([
      'case.created',
      'review.decided',
      'pack.exported',
      'review.decided',
      'bundle.exported',
      'review.decided',
      'review.decided',
    ]);
    const session = openCase(c.path, { readOnly: true });
    try {
      expect(verifyAuditAgainst(session.db, c.bundle)).toMatchObject({ ok: true, anchor: { source: 'bundle', id: 4, status: 'intact' } });
      expect(verifyAuditAgainst(session.db, c.pack)).toMatchObject({ ok: true, anchor: { source: 'pack', id: 2, status: 'intact' } });
    } finally {
      closeCase(session);
    }
    const bundle = await cli('audit', c.path, '--verify', '--against', c.bundle);
    expect(bundle).toMatchObject({ code: 0, err: '' });
    expect(bundle.out).toContain('Audit log intact: 7 entries, hash chain verified.');
    expect(bundle.out).toContain(
      `Intact since the bundle ${c.bundle} was exported: it recorded entry #4 as the chain head, and the log still holds it`,
    );
    const pack = await cli('audit', c.path, '--verify', '--against', c.pack, '--json');
    expect(pack.code).toBe(0);
    expect(JSON.parse(pack.out)).toMatchObject({
      ok: true,
      entries: 7,
      problems: [],
      anchor: { source: 'pack', path: c.pack, id: 2, status: 'intact' },
    });
  });

  it('detects the tail deleted and sqlite_sequence lowered: against the case’s own bundle record and a bundle made before', async () => {
    const c = await anchoredCase(tempDir());
    tamper(c.path, (raw) => raw.exec("DELETE FROM audit_log WHERE id >= 4; UPDATE sqlite_sequence SET seq = 3 WHERE name = 'audit_log';"));

    const alone = await cli('audit', c.path, '--verify', '--json');
    expect(alone.code).toBe(1);
    expect(JSON.parse(alone.out)).toMatchObject({ ok: false, problems: [{ problem: 'truncated', entryId: null }] });
    expect(alone.err).toContain(
      'the case records bundle #1 (INQ000000001–INQ000000001), but the log no longer holds the entry recording its export: entries were deleted',
    );

    const against = await cli('audit', c.path, '--verify', '--against', c.bundle);
    expect(against.code).toBe(1);
    expect(against.err).toContain(
      `the bundle ${c.bundle} recorded entry #4 as the chain head when it was exported, but the log no longer holds entry #4: it was truncated after the export`,
    );
  });

  it('detects a naive recompute of every hash from the heads recorded in the log itself', async () => {
    const c = await anchoredCase(tempDir());
    tamper(c.path, (raw) => recompute(raw, falsifyDecision, false));
    const result = await cli('audit', c.path, '--verify');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(
      /entry #3 \(pack\.exported\) recorded entry #2 as the chain head with SHA-256 [0-9a-f]{64}, but entry #2 now has SHA-256 [0-9a-f]{64}: the log was rewritten/,
    );
    expect(result.err).toMatch(/entry #5 \(bundle\.exported\) recorded entry #4 as the chain head/);
  });

  it('detects a thorough recompute (heads in the log rewritten too) only against a bundle or pack made before', async () => {
    const c = await anchoredCase(tempDir());
    tamper(c.path, (raw) => recompute(raw, falsifyDecision, true));
    // From the log alone a consistent rewrite is indistinguishable: that is why heads leave the case.
    expect((await cli('audit', c.path, '--verify')).code).toBe(0);

    const bundle = await cli('audit', c.path, '--verify', '--against', c.bundle, '--json');
    expect(bundle.code).toBe(1);
    expect(JSON.parse(bundle.out)).toMatchObject({ ok: false, anchor: { source: 'bundle', id: 4, status: 'rewritten' } });
    expect(bundle.err).toMatch(
      /the bundle .+ recorded entry #4 with SHA-256 [0-9a-f]{64} as the chain head when it was exported, but the log’s entry #4 now has SHA-256 [0-9a-f]{64}: the log was rewritten after the export/,
    );

    const pack = await cli('audit', c.path, '--verify', '--against', c.pack);
    expect(pack.code).toBe(1);
    expect(pack.err).toMatch(
      /the custodian check pack .+ recorded entry #2 with SHA-256 [0-9a-f]{64} as the chain head when it was exported, but the log’s entry #2 now has SHA-256/,
    );
  });

  it('says clearly when the bundle or pack cannot anchor the log, and concludes nothing', async () => {
    const c = await anchoredCase(tempDir());
    const empty = join(c.dir, 'empty');
    mkdirSync(empty);
    const broken = join(c.dir, 'broken');
    mkdirSync(broken);
    writeFileSync(join(broken, 'manifest.json'), '{ not json');
    const notDb = join(c.dir, 'notes.ddcase');
    writeFileSync(notDb, 'plain text');
    const other = makeCase(tempDir(), 'other.ddcase');
    closeCase(other);
    const viewed = join(c.dir, 'viewed.ddcase');
    copyFileSync(c.pack, viewed);
    const raw = new Database(viewed);
    raw.exec('ALTER TABLE audit_log RENAME TO audit_log_kept; CREATE VIEW audit_log AS SELECT * FROM audit_log_kept;');
    raw.close();

    const cases: [string, RegExp][] = [
      [join(c.dir, 'missing'), /Cannot check the audit log against .+missing: it does not exist/],
      [
        empty,
        /Cannot check the audit log against .+empty: the folder has no manifest\.json; choose a bundle folder or a custodian check pack file/,
      ],
      [broken, /Cannot check the audit log against .+broken: its manifest .+ cannot be read/],
      [notDb, /Cannot check the audit log against .+notes\.ddcase: it is not a Disclosure Desk case file/],
      [c.path, /Cannot check the audit log against .+case\.ddcase: it is a full case, not a custodian check pack/],
      [other.path, /Cannot check the audit log against .+other\.ddcase: it is a full case/],
      [viewed, /Cannot check the audit log against .+viewed\.ddcase: its audit log is not a table; the file was altered/],
    ];
    for (const [against, message] of cases) {
      const result = await cli('audit', c.path, '--verify', '--against', against);
      expect(result.code, against).toBe(1);
      expect(result.err, against).toMatch(message);
    }
    const session = openCase(c.path, { readOnly: true });
    try {
      expect(() => verifyAuditAgainst(session.db, empty)).toThrow(AuditAnchorUnreadableError);
    } finally {
      closeCase(session);
    }
  });

  it('refuses a bundle or pack of another case, and a pack whose recorded head was edited', async () => {
    const c = await anchoredCase(tempDir());
    const other = makeCase(tempDir(), 'other.ddcase');
    closeCase(other);
    const bundle = await cli('audit', other.path, '--verify', '--against', c.bundle);
    expect(bundle.code).toBe(1);
    expect(bundle.err).toMatch(/the bundle .+ was exported from another case \(case [0-9a-f-]{36}\); check it against that case/);

    const raw = new Database(c.pack);
    raw.exec('DROP TRIGGER audit_log_no_update');
    raw.exec(`UPDATE audit_log SET details = json_set(details, '$.parentAuditChainHead.hash', '${'f'.repeat(64)}') WHERE id = 1`);
    raw.close();
    const edited = await cli('audit', c.path, '--verify', '--against', c.pack);
    expect(edited.code).toBe(1);
    expect(edited.err).toMatch(
      /Cannot check the audit log against .+fiona\.ddcase: the pack’s own first entry, which records the chain head, was altered/,
    );
  });
});
