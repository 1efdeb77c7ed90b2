import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { WritableDB } from '../../../db/connection';
import { openAttachment } from '../../../main/attachments/open';
import { verifyAudit } from '../../../main/audit/log';
import { closeCase, openCase, type CaseSession } from '../../../main/cases/service';
import { createDispatch } from '../../../main/dispatch';
import { createHandlers, type HandlerSet } from '../../../main/handlers';
import { decide } from '../../../main/review/decisions';
import { PackAlreadyImportedError, PackMismatchError, PackModeError } from '../../../main/review/errors';
import { createFlag, listFlags, resolveFlags } from '../../../main/review/flags';
import { exportPack } from '../../../main/review/pack-export';
import { importPackFlags } from '../../../main/review/pack-import';
import { DecideArgsSchema } from '../../../common/contract/channels/review';
import { importSource } from '../../../main/import/run';
import { makeCase, TEST_ACTOR } from '../../helpers/case';
import { fixture } from '../../helpers/fixtures';
import { testHost } from '../../helpers/host';
import { useTempDir } from '../../helpers/temp';
import { linkDuplicates, reviewOf, seedConversation } from './seed';

const count = (db: Database.Database, query: string, ...params: unknown[]): number =>
  db
    .prepare(query)
    .pluck()
    .get(...params) as number;

describe('the custodian check pack', () => {
  const tempDir = useTempDir();
  const open: CaseSession[] = [];
  afterEach(() => open.splice(0).forEach((s) => s.db.open && closeCase(s)));

  /** A reviewer's case with two custodians, some of Fiona's messages decided, and her pack exported. */
  const exported = () => {
    const dir = tempDir();
    const session = makeCase(dir);
    open.push(session);
    const db = session.writable!;
    const fiona = seedConversation(db, 'Fiona Laird', 12);
    const euan = seedConversation(db, 'Euan Baird', 4);
    linkDuplicates(db, fiona.ids.slice(0, 2), euan.ids.slice(0, 2));
    decide(
      db,
      DecideArgsSchema.parse({
        selector: { kind: 'ids', ids: fiona.ids.slice(0, 4) },
        change: { classification: 'business', outcome: 'disclose', article8: { engaged: 'no' } },
      }),
      'alice',
    );
    const packPath = join(dir, 'fiona-pack.ddcase');
    const result = exportPack(db, fiona.custodianId, packPath, { actor: 'alice', appVersion: '0.0.0-test' });
    return { dir, session, db, fiona, euan, packPath, result };
  };

  const openPack = (path: string): WritableDB => {
    const pack = openCase(path);
    open.push(pack);
    return pack.writable!;
  };

  it("carries the custodian's attachment files, kept as in the case, and no other custodian's", async () => {
    const dir = tempDir();
    const session = makeCase(dir);
    open.push(session);
    const db = session.writable!;
    const importAs = (input: string, custodian: string) =>
      importSource(db, { path: fixture(input), custodian, timeZone: 'Europe/London' }, { actor: 'alice' });
    await importAs('whatsapp/ios-en-GB.zip', 'Fiona Laird');
    await importAs('telegram/result.json', 'Euan Baird');
    const fiona = count(db, "SELECT id FROM custodians WHERE name = 'Fiona Laird'");
    const packPath = join(dir, 'fiona-pack.ddcase');
    exportPack(db, fiona, packPath, { actor: 'alice', appVersion: '0.0.0-test' });
    const pack = openPack(packPath);
    const kept = pack.prepare('SELECT id, sha256 FROM attachments WHERE kept = 1').all() as { id: number; sha256: string }[];
    expect(kept).toHaveLength(1);
    const bytes = Buffer.concat([...openAttachment(pack, kept[0]!.id).chunks()]);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(kept[0]!.sha256);
    expect(count(pack, 'SELECT count(*) FROM blobs')).toBe(1);
  });

  it("holds only that custodian's material with its current decisions, as a case in custodian check mode", () => {
    const { db, fiona, packPath, result } = exported();
    expect(result).toMatchObject({
      custodian: 'Fiona Laird',
      messages: 12,
      conversations: 1,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const pack = openCase(packPath);
    open.push(pack);
    expect(pack.meta).toMatchObject({ mode: 'custodian_check', name: 'Test case — custodian check: Fiona Laird' });
    expect(count(pack.db, 'SELECT count(*) FROM custodians')).toBe(1);
    expect(pack.db.prepare('SELECT id FROM messages ORDER BY id').pluck().all()).toEqual(fiona.ids);
    expect(count(pack.db, 'SELECT count(*) FROM messages WHERE duplicate_group_id IS NOT NULL')).toBe(0);
    expect(count(pack.db, 'SELECT count(*) FROM reviews')).toBe(4);
    expect(count(pack.db, 'SELECT count(*) FROM article8_assessments')).toBe(1);
    expect(pack.db.prepare('SELECT parent_case_id FROM custodian_packs').pluck().get()).toBe(
      db.prepare('SELECT case_id FROM case_meta').pluck().get(),
    );
    expect(verifyAudit(pack.db)).toMatchObject({ ok: true, entries: 1 });
    expect(db.prepare("SELECT action FROM audit_log WHERE action LIKE 'pack.%'").pluck().all()).toEqual(['pack.exported']);
  });

  it('accepts flags and refuses every other change, in the service and in the database itself', () => {
    const { fiona, packPath } = exported();
    const pack = openPack(packPath);
    const flag = createFlag(pack, fiona.ids[5]!, "Her daughter's hospital appointment", 'private-office', 5000);
    expect(flag).toMatchObject({ messageId: fiona.ids[5], status: 'open', importedAt: null, flaggedBy: 'private-office' });
    expect(() => createFlag(pack, fiona.ids[5]!, 'again', 'private-office')).toThrow('already flagged');
    expect(() => decide(pack, DecideArgsSchema.parse({ selector: { kind: 'all' }, change: { outcome: 'disclose' } }), 'x')).toThrow(
      PackModeError,
    );
    expect(() => pack.prepare("UPDATE messages SET body = 'changed'").run()).toThrow(/custodian check pack: the only change it accepts/);
    expect(() => pack.prepare("INSERT INTO custodians (name, created_at) VALUES ('Someone', 0)").run()).toThrow(/custodian check pack/);
    // A table a later migration added is guarded too, without being listed anywhere.
    expect(() =>
      pack.prepare("INSERT INTO redaction_names (name, name_key, note, added_at, added_by) VALUES ('A', 'a', '', 0, 'x')").run(),
    ).toThrow(/custodian check pack/);
    expect(verifyAudit(pack).ok).toBe(true);
  });

  it('refuses flags in a full case', () => {
    const { db, fiona } = exported();
    expect(() => createFlag(db, fiona.ids[0]!, 'personal', 'alice')).toThrow(/not a custodian check pack/);
  });

  it('round-trips: flags come back once, and each is accepted or rejected with events and audit entries', () => {
    const { db, fiona, packPath } = exported();
    const pack = openPack(packPath);
    createFlag(pack, fiona.ids[1]!, 'Family news in the second line', 'private-office', 5000);
    createFlag(pack, fiona.ids[7]!, 'Medical', 'private-office', 6000);
    closeCase(open.pop()!);

    expect(importPackFlags(db, packPath, 'alice', 7000)).toMatchObject({ custodian: 'Fiona Laird', flags: 2 });
    expect(() => importPackFlags(db, packPath, 'alice')).toThrow(PackAlreadyImportedError);
    const flags = listFlags(db, { status: 'open' });
    expect(flags.map((f) => [f.messageId, f.reason, f.flaggedBy, f.importedAt])).toEqual([
      [fiona.ids[1], 'Family news in the second line', 'private-office', 7000],
      [fiona.ids[7], 'Medical', 'private-office', 7000],
    ]);

    const accepted = resolveFlags(db, { flagIds: [flags[0]!.id], decision: 'accept', note: 'agreed' }, 'alice', 8000);
    expect(accepted).toEqual({ resolved: 1, batchId: expect.any(String), kept: [] });
    expect(reviewOf(db as never, fiona.ids[1]!)).toMatchObject({
      classification: 'personal',
      outcome: 'withhold',
      rationale: expect.stringContaining('agreed'),
    });
    expect(db.prepare('SELECT origin FROM review_events WHERE batch_id = ?').pluck().all(accepted.batchId)).toEqual(['custodian_flag']);

    expect(resolveFlags(db, { flagIds: [flags[1]!.id], decision: 'reject', note: 'relevant to the request' }, 'alice', 9000)).toEqual({
      resolved: 1,
      batchId: null,
      kept: [],
    });
    expect(reviewOf(db as never, fiona.ids[7]!)).toBeUndefined();
    expect(listFlags(db, { status: 'all' }).map((f) => [f.status, f.resolvedBy, f.resolvedAt, f.note])).toEqual([
      ['accepted', 'alice', 8000, 'agreed'],
      ['rejected', 'alice', 9000, 'relevant to the request'],
    ]);
    expect(() => resolveFlags(db, { flagIds: [flags[1]!.id], decision: 'accept', note: '' }, 'alice')).toThrow('already resolved');
    expect(
      db.prepare("SELECT action FROM audit_log WHERE action LIKE 'pack.%' OR action LIKE 'flags.%' ORDER BY id").pluck().all(),
    ).toEqual(['pack.exported', 'pack.flagsImported', 'flags.accepted', 'flags.rejected']);
    expect(verifyAudit(db).ok).toBe(true);
  });

  it('refuses a pack exported from another case, and changes nothing', () => {
    const { packPath } = exported();
    const other = makeCase(tempDir(), 'other.ddcase');
    open.push(other);
    expect(() => importPackFlags(other.writable!, packPath, 'alice')).toThrow(PackMismatchError);
    expect(count(other.db, 'SELECT count(*) FROM custodian_flags')).toBe(0);
  });

  it("refuses a pack whose flags name another custodian's message (an altered pack)", () => {
    const { db, euan, packPath } = exported();
    const raw = new Database(packPath);
    // As someone editing the file with a SQLite client would: Euan's message is not in Fiona's pack.
    raw.pragma('foreign_keys = OFF');
    raw
      .prepare(
        'INSERT INTO custodian_flags (pack_id, message_id, reason, flagged_at, flagged_by) SELECT pack_id, ?, ?, 0, ? FROM custodian_packs',
      )
      .run(euan.ids[0], 'not hers', 'x');
    raw.close();
    expect(() => importPackFlags(db, packPath, 'alice')).toThrow(`message #${euan.ids[0]}, which was not in pack`);
  });

  it('makes the handlers refuse decisions in a pack, and accept flags', async () => {
    const { fiona, packPath } = exported();
    const set: HandlerSet = createHandlers(testHost(tempDir()));
    const dispatch = createDispatch(set.handlers);
    try {
      expect(await dispatch('case.open', { path: packPath })).toMatchObject({ ok: true, value: { mode: 'custodian_check' } });
      expect(await dispatch('pack.info', {})).toMatchObject({ ok: true, value: { custodian: 'Fiona Laird', exportedBy: 'alice' } });
      expect(await dispatch('review.decide', { selector: { kind: 'all' }, change: { outcome: 'disclose' } })).toEqual({
        ok: false,
        error: { name: 'PackModeError', message: expect.stringContaining('only change a pack accepts') },
      });
      expect(await dispatch('review.undo', {})).toMatchObject({ ok: false, error: { name: 'PackModeError' } });
      expect(await dispatch('custodians.add', { name: 'Someone' })).toMatchObject({
        ok: false,
        error: { message: expect.stringContaining('custodian check pack') },
      });
      expect(await dispatch('flags.create', { messageId: fiona.ids[2], reason: 'Birthday plans' })).toMatchObject({
        ok: true,
        value: { messageId: fiona.ids[2], reason: 'Birthday plans', flaggedBy: TEST_ACTOR.actor, status: 'open' },
      });
      expect(await dispatch('flags.create', { messageId: fiona.ids[3], reason: '  ' })).toMatchObject({
        ok: false,
        error: { name: 'InvalidPayloadError' },
      });
    } finally {
      set.dispose();
    }
  });
});
