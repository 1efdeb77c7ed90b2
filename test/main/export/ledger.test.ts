/**
 * Bundles that say what they are (docs/spec.md §12): drafts in their own namespace with DRAFT on every page,
 * final numbers never reused except by a re-issue of the same bundle, the consistency report that
 * must be acknowledged, and the audit chain head each bundle is anchored to.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { entryHash } from '../../../main/audit/log';
import { closeCase, openCase } from '../../../main/cases/service';
import { StaleAcknowledgementError, UnacknowledgedWarningsError, checkExport } from '../../../main/export/consistency';
import { readManifest } from '../../../main/export/manifest';
import { BundleNotFoundError, ReferenceOverlapError, ReissueError, ReservedPrefixError } from '../../../main/export/numbering';
import { exportBundle, type ExportSettings } from '../../../main/export/run';
import { verifyRecordedBundle } from '../../../main/export/verify-recorded';
import { decide } from '../../../main/review/decisions';
import { DecideArgsSchema } from '../../../common/contract/channels/review';
import { useTempDir } from '../../helpers/temp';
import { fixtureCase, type FixtureCase } from './fixture-case';
import { exportSettings } from './settings';

const settings = (outputDir: string, overrides: Partial<ExportSettings> = {}): ExportSettings =>
  exportSettings(outputDir, { firstNumber: null, unit: 'day', xlsx: false, ...overrides });

const run = (fc: FixtureCase, s: ExportSettings, extra: Partial<Parameters<typeof exportBundle>[3]> = {}) =>
  exportBundle(fc.session.writable!, fc.session.meta, s, {
    actor: 'test-reviewer',
    appVersion: '0.0.0-test',
    casePath: fc.session.path,
    ...extra,
  });

const pdfIn = (dir: string): string => join(dir, readdirSync(dir).find((f) => f.endsWith('.pdf')) ?? 'missing.pdf');
const pdfPages = (path: string): string[] => {
  const result = spawnSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`pdftotext failed: ${result.stderr}`);
  return result.stdout.split('\f').slice(0, -1);
};
const count = (fc: FixtureCase, table: string): number => fc.session.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
const messageWith = (fc: FixtureCase, text: string): number =>
  fc.session.db.prepare('SELECT id FROM messages WHERE instr(body, ?) > 0 ORDER BY id LIMIT 1').pluck().get(text) as number;

describe('reference ranges per case', () => {
  const tempDir = useTempDir('dd-ledger-');

  it('starts a second final bundle after the first one’s last number, and refuses an overlapping first number by naming the bundle', async () => {
    const dir = tempDir();
    const fc = await fixtureCase(dir);
    const first = await run(fc, settings(join(dir, 'one')));
    expect(first.firstReference).toBe('INQ000000001');
    const last = Number(first.lastReference.slice(3));
    expect(last).toBeGreaterThan(1);

    const second = await run(fc, settings(join(dir, 'two')));
    expect(second.firstReference).toBe(`INQ${String(last + 1).padStart(9, '0')}`);

    const bundles = count(fc, 'bundles');
    const audit = count(fc, 'audit_log');
    const overlapping = run(fc, settings(join(dir, 'three'), { firstNumber: last }));
    await expect(overlapping).rejects.toThrow(ReferenceOverlapError);
    await expect(overlapping).rejects.toThrow(
      new RegExp(`would reuse numbers of bundle #${first.bundleId} \\(INQ000000001–${first.lastReference}\\)`),
    );
    expect(existsSync(join(dir, 'three'))).toBe(false);
    expect([count(fc, 'bundles'), count(fc, 'audit_log')]).toEqual([bundles, audit]);
    closeCase(fc.session);
  });

  it('re-issues a bundle as a new version with the same references and records why; a missing bundle or a draft cannot be re-issued', async () => {
    const dir = tempDir();
    const fc = await fixtureCase(dir);
    const first = await run(fc, settings(join(dir, 'one'), { unit: 'conversation' }));
    const again = await run(
      fc,
      settings(join(dir, 'two'), { unit: 'conversation', reissue: { bundleId: first.bundleId, reason: 'Schedule column corrected' } }),
    );
    expect(again).toMatchObject({ firstReference: first.firstReference, version: 2, reissueOf: first.bundleId, draft: false });
    const manifest = readManifest(join(again.dir, 'manifest.json'));
    expect(manifest.bundle).toMatchObject({
      version: 2,
      reissueOf: first.bundleId,
      reissueReason: 'Schedule column corrected',
      draft: false,
    });
    expect(pdfPages(pdfIn(again.dir))[0]).toMatch(/Final, version 2: re-issue of bundle #\d+ — Schedule column corrected/);
    const audit = fc.session.db.prepare("SELECT details FROM audit_log WHERE action = 'bundle.reissued'").pluck().all() as string[];
    expect(audit.map((d) => JSON.parse(d) as unknown)).toEqual([
      expect.objectContaining({ reason: 'Schedule column corrected', version: 2, reissueOf: first.bundleId }),
    ]);

    const before = [count(fc, 'bundles'), count(fc, 'audit_log')];
    await expect(run(fc, settings(join(dir, 'x'), { reissue: { bundleId: 99, reason: 'typo' } }))).rejects.toThrow(BundleNotFoundError);
    await expect(
      run(fc, settings(join(dir, 'x'), { reissue: { bundleId: first.bundleId, reason: 'typo' }, firstNumber: 50 })),
    ).rejects.toThrow(ReissueError);
    await expect(run(fc, settings(join(dir, 'x'), { prefix: 'DRAFT-INQ' }))).rejects.toThrow(ReservedPrefixError);
    const draft = await run(fc, settings(join(dir, 'draft'), { draft: true }));
    await expect(run(fc, settings(join(dir, 'x'), { reissue: { bundleId: draft.bundleId, reason: 'typo' } }))).rejects.toThrow(
      /is a draft: drafts are not re-issued/,
    );
    expect([count(fc, 'bundles'), count(fc, 'audit_log')]).toEqual(before.map((n) => n + 1));
    expect(existsSync(join(dir, 'x'))).toBe(false);
    closeCase(fc.session);
  });
});

describe('drafts', () => {
  const tempDir = useTempDir('dd-drafts-');

  it('numbers a bundle with undecided items as DRAFT-, marks every page, verifies, and leaves the final numbers free', async () => {
    const dir = tempDir();
    const fc = await fixtureCase(dir);
    const draft = await run(fc, settings(join(dir, 'draft'), { scope: { ...settings('').scope, includePending: true } }));
    expect(draft).toMatchObject({ draft: true, firstReference: 'DRAFT-INQ000000001', verification: { ok: true, leakCheck: true } });
    const pages = pdfPages(pdfIn(draft.dir));
    expect(pages).toHaveLength(draft.pages);
    for (const [i, text] of pages.entries()) expect(text.replace(/\s+/gu, ' '), `page ${i + 1}`).toContain('DRAFT — NOT FOR DISCLOSURE');
    expect(pages[0]).toContain('Draft disclosure bundle');
    expect(readManifest(join(draft.dir, 'manifest.json')).bundle).toMatchObject({
      draft: true,
      references: { prefix: 'DRAFT-INQ', first: 'DRAFT-INQ000000001' },
    });

    const final = await run(fc, settings(join(dir, 'final')));
    expect(final).toMatchObject({ draft: false, firstReference: 'INQ000000001' });
    expect(pdfPages(pdfIn(final.dir)).join('\n')).not.toContain('DRAFT');
    closeCase(fc.session);
  });

  it('produces byte-identical drafts from the same case state and settings', async () => {
    const dir = tempDir();
    const fc = await fixtureCase(dir);
    const one = await run(fc, settings(join(dir, 'one'), { draft: true }));
    const two = await run(fc, settings(join(dir, 'two'), { draft: true }));
    expect(Buffer.compare(readFileSync(pdfIn(one.dir)), readFileSync(pdfIn(two.dir)))).toBe(0);
    closeCase(fc.session);
  });
});

describe('the consistency report before export', () => {
  const tempDir = useTempDir('dd-consistency-');

  it('lists personal, not relevant, flagged and unassessed Article 8 items with their reference, and writes nothing until they are acknowledged', async () => {
    const dir = tempDir();
    const fc = await fixtureCase(dir);
    const db = fc.session.writable!;
    const personal = messageWith(fc, 'Setting this up so the four');
    decide(
      db,
      DecideArgsSchema.parse({
        selector: { kind: 'ids', ids: [personal] },
        change: { classification: 'personal', relevance: 'not_relevant' },
      }),
      'test-reviewer',
    );
    const flagged = messageWith(fc, 'Overnight: 171 confirmed');
    db.prepare("INSERT INTO custodian_packs VALUES ('pack-1', 'case', 1, 'Fiona Laird', 1, 'p.ddpack', 1, 'po')").run();
    db.prepare(
      "INSERT INTO custodian_flags (pack_id, message_id, reason, flagged_at, flagged_by, imported_at) VALUES ('pack-1', ?, 'my sister', 1, 'po', 2)",
    ).run(flagged);
    const unassessed = messageWith(fc, 'Moved to 18:15 Weds');
    // Outcome first: the case refuses a live span on a message still to be disclosed whole.
    decide(
      db,
      DecideArgsSchema.parse({ selector: { kind: 'ids', ids: [unassessed] }, change: { outcome: 'disclose_redacted' } }),
      'test-reviewer',
    );
    db.prepare(
      "INSERT INTO redactions (message_id, kind, start_utf16, end_utf16, reason_code, note, created_at, created_by) VALUES (?, 'span', 0, 3, 'article-8', '', ?, 'r')",
    ).run(unassessed, Date.now());

    const out = join(dir, 'bundle');
    const s = settings(out, { unit: 'conversation' });
    const { report } = checkExport(db, fc.session.meta, s);
    const byId = new Map(report.warnings.map((w) => [w.messageId, w]));
    expect(byId.get(personal)).toMatchObject({ reference: 'INQ000000001', kinds: ['personal', 'not_relevant'] });
    expect(byId.get(flagged)).toMatchObject({ kinds: ['custodian_flag'], flagReason: 'my sister' });
    expect(byId.get(unassessed)).toMatchObject({ kinds: ['article8_unassessed'] });
    expect(byId.get(unassessed)?.snippet).toMatch(/^\[redacted\]/u);
    expect(report.warnings.length).toBe(byId.size);

    const audit = count(fc, 'audit_log');
    const refused = run(fc, s);
    await expect(refused).rejects.toThrow(UnacknowledgedWarningsError);
    await expect(refused).rejects.toThrow(/INQ000000001 {2}message #\d+ in .*: classified personal; not relevant — /u);
    await expect(run(fc, s, { acknowledged: { fingerprint: 'f'.repeat(64) } })).rejects.toThrow(StaleAcknowledgementError);
    expect(existsSync(out)).toBe(false);
    expect([count(fc, 'bundles'), count(fc, 'audit_log')]).toEqual([0, audit]);

    const done = await run(fc, s, { acknowledged: { fingerprint: report.fingerprint } });
    expect(done.warnings.map((w) => w.messageId).sort()).toEqual([...byId.keys()].sort());
    const manifest = readManifest(join(done.dir, 'manifest.json'));
    expect(manifest.consistency?.acknowledgement).toMatchObject({ by: 'test-reviewer', fingerprint: report.fingerprint });
    expect(manifest.consistency?.acknowledgement?.warnings).toContainEqual({
      messageId: personal,
      reference: 'INQ000000001',
      kinds: ['personal', 'not_relevant'],
    });
    const entry = fc.session.db.prepare("SELECT actor, details FROM audit_log WHERE action = 'bundle.warnings-acknowledged'").get() as {
      actor: string;
      details: string;
    };
    expect(entry.actor).toBe('test-reviewer');
    expect((JSON.parse(entry.details) as { warnings: unknown[] }).warnings).toHaveLength(byId.size);
    closeCase(fc.session);
  });
});

describe('the audit chain head', () => {
  const tempDir = useTempDir('dd-chain-head-');

  it('is written into the manifest and on the cover, and a later rewrite of the whole chain fails verify', async () => {
    const dir = tempDir();
    const fc = await fixtureCase(dir);
    const head = fc.session.db
      .prepare("SELECT id, hash FROM audit_log WHERE action NOT LIKE 'bundle.%' ORDER BY id DESC LIMIT 1")
      .get() as { id: number; hash: string };
    const result = await run(fc, settings(join(dir, 'bundle')));
    expect(readManifest(join(result.dir, 'manifest.json')).auditChainHead).toEqual(head);
    expect(pdfPages(pdfIn(result.dir))[0]?.replace(/\s+/gu, '')).toContain(`Auditchainheadentry#${head.id},SHA-256${head.hash}`);
    expect(await verifyRecordedBundle(fc.session.db, result.dir)).toMatchObject({ ok: true });
    const path = fc.session.path;
    closeCase(fc.session);

    // Rewrite the log consistently from the first entry on, as someone covering their tracks would.
    const raw = new Database(path);
    raw.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
    const rows = raw.prepare('SELECT id, at, actor, action, subject, details, prev_hash AS prevHash FROM audit_log ORDER BY id').all() as {
      id: number;
      at: number;
      actor: string;
      action: string;
      subject: string;
      details: string;
    }[];
    let prev = '0'.repeat(64);
    for (const row of rows) {
      const actor = row.id === 1 ? 'someone-else' : row.actor;
      const hash = entryHash(prev, { ...row, actor });
      raw.prepare('UPDATE audit_log SET actor = ?, prev_hash = ?, hash = ? WHERE id = ?').run(actor, prev, hash, row.id);
      prev = hash;
    }
    raw.close();
    const reopened = openCase(path, { readOnly: true });
    const report = await verifyRecordedBundle(reopened.db, result.dir);
    closeCase(reopened);
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual({
      check: 'audit',
      message: expect.stringMatching(new RegExp(`holds a different entry #${head.id}, the chain head this bundle recorded`)),
    });
  });
});
