import { describe, expect, it } from 'vitest';
import { transaction } from '../../../db/queries/run';
import { auditFacets, listAudit, type AuditPageArgs } from '../../../main/audit/browse';
import { appendAudit, verifyAudit, verifyAuditInSteps } from '../../../main/audit/log';
import { addRedaction, removeRedactions } from '../../../main/redact/redactions';
import { decide } from '../../../main/review/decisions';
import { undo } from '../../../main/review/undo';
import type { AuditFilter } from '../../../common/contract/channels/audit';
import { makeCase } from '../../helpers/case';
import { useTempDir } from '../../helpers/temp';
import { seedConversation } from '../review/seed';

const NO_FILTER: AuditFilter = { actions: null, actor: null, from: null, to: null, item: null };
const page = (filter: Partial<AuditFilter> = {}, rest: Partial<Omit<AuditPageArgs, 'filter'>> = {}): AuditPageArgs => ({
  filter: { ...NO_FILTER, ...filter },
  upTo: null,
  offset: 0,
  limit: 100,
  ...rest,
});

/** Two conversations; Priya codes one message, bulk-codes a conversation, redacts and undoes; Sam redacts another. */
function reviewedCase(dir: string) {
  const session = makeCase(dir);
  const db = session.writable!;
  const fiona = seedConversation(db, 'Fiona Laird', 5);
  const euan = seedConversation(db, 'Euan Baird', 4);
  const t0 = Date.UTC(2024, 2, 1, 10);
  decide(
    db,
    {
      selector: { kind: 'ids', ids: [fiona.ids[1]!] },
      change: { outcome: 'withhold', rationale: 'family' },
      propagate: false,
      overwrite: false,
    },
    'Priya Shah',
    t0,
  );
  decide(
    db,
    {
      selector: { kind: 'conversation', conversationId: euan.conversationId },
      change: { classification: 'business' },
      propagate: false,
      overwrite: false,
    },
    'Priya Shah',
    t0 + 1000,
  );
  const { redaction } = addRedaction(
    db,
    { kind: 'span', messageId: fiona.ids[3]!, start: 0, end: 7, reasonCode: 'personal-contact', note: '' },
    'Sam Okafor',
    Date.UTC(2024, 2, 2, 9),
  );
  undo(db, 'Priya Shah', Date.UTC(2024, 2, 3, 9));
  removeRedactions(db, [redaction.id], 'Sam Okafor', Date.UTC(2024, 2, 4, 9));
  return { session, db, fiona, euan };
}

describe('browsing the audit log', () => {
  const tempDir = useTempDir();

  it('lists every entry newest first, with who, what, a summary and the message it opens', () => {
    const { db, fiona, euan } = reviewedCase(tempDir());
    const result = listAudit(db, page());
    expect(result.total).toBe(6);
    expect(result.entries.map((e) => [e.action, e.actor])).toEqual([
      ['redaction.removed', 'Sam Okafor'],
      ['review.undone', 'Priya Shah'],
      ['redaction.added', 'Sam Okafor'],
      ['review.decided', 'Priya Shah'],
      ['review.decided', 'Priya Shah'],
      ['case.created', 'test-reviewer'],
    ]);
    const [removed, undone, added, bulk, single, created] = result.entries;
    expect(removed!.target).toEqual({
      kind: 'message',
      messageId: fiona.ids[3],
      conversationId: fiona.conversationId,
      position: 3,
      messages: 1,
    });
    expect(added).toMatchObject({ actionLabel: 'Redaction added', summary: expect.stringContaining('personal-contact') });
    // The bulk decision opens its first message and says how many it covered.
    expect(bulk!.target).toEqual({
      kind: 'message',
      messageId: euan.ids[0],
      conversationId: euan.conversationId,
      position: 0,
      messages: 4,
    });
    expect(bulk!.summary).toMatch(/4 messages changed/);
    expect(single!.target).toMatchObject({ kind: 'message', messageId: fiona.ids[1], position: 1, messages: 1 });
    expect(undone!.target).toMatchObject({ kind: 'message', messageId: euan.ids[0], messages: 4 });
    expect(created!.target).toEqual({ kind: 'screen', screen: 'overview' });
  });

  it('filters by action, actor and date range, and counts what matches', () => {
    const { db } = reviewedCase(tempDir());
    expect(listAudit(db, page({ actions: ['review.decided', 'review.undone'] })).entries.map((e) => e.action)).toEqual([
      'review.undone',
      'review.decided',
      'review.decided',
    ]);
    const sams = listAudit(db, page({ actor: 'Sam Okafor' }));
    expect(sams.total).toBe(2);
    expect(sams.entries.every((e) => e.actor === 'Sam Okafor')).toBe(true);
    const march2to3 = listAudit(db, page({ from: Date.UTC(2024, 2, 2), to: Date.UTC(2024, 2, 4) }));
    expect(march2to3.entries.map((e) => e.action)).toEqual(['review.undone', 'redaction.added']);
    expect(listAudit(db, page({ actor: 'nobody' }))).toMatchObject({ total: 0, entries: [] });
  });

  it('filters by item: a message, a conversation, or a bundle reference', () => {
    const { db, fiona, euan } = reviewedCase(tempDir());
    const ofMessage = (id: number) => listAudit(db, page({ item: { kind: 'message', messageId: id } })).entries.map((e) => e.action);
    expect(ofMessage(fiona.ids[3]!)).toEqual(['redaction.removed', 'redaction.added']);
    expect(ofMessage(fiona.ids[1]!)).toEqual(['review.decided']);
    // The undo's own batch holds events for every message it put back.
    expect(ofMessage(euan.ids[2]!)).toEqual(['review.undone', 'review.decided']);
    expect(ofMessage(fiona.ids[0]!)).toEqual([]);
    const ofConversation = listAudit(db, page({ item: { kind: 'conversation', conversationId: fiona.conversationId } }));
    expect(ofConversation.entries.map((e) => e.action)).toEqual(['redaction.removed', 'redaction.added', 'review.decided']);

    db.exec(`INSERT INTO bundles (id, reference_prefix, first_number, last_number, reference_width, document_unit, settings, output_dir, decisions_hash, page_count, created_at, created_by)
             VALUES (1, 'INQ', 1, 1, 9, 'conversation', '{}', '/out', '${'a'.repeat(64)}', 2, 0, 'x')`);
    db.exec(
      `INSERT INTO bundle_items (bundle_id, message_id, reference, page_start, page_end) VALUES (1, ${fiona.ids[1]}, 'INQ000000001', 1, 2)`,
    );
    transaction(db, () =>
      appendAudit(db, {
        actor: 'Priya Shah',
        action: 'bundle.exported',
        subject: 'bundle:1',
        details: { references: 'INQ000000001–INQ000000001', pages: 2, produced: 1 },
      }),
    );
    const ofReference = listAudit(db, page({ item: { kind: 'reference', reference: 'inq000000001' } }));
    expect(ofReference.entries.map((e) => e.action)).toEqual(['bundle.exported', 'review.decided']);
    expect(ofReference.entries[0]).toMatchObject({
      target: { kind: 'bundle', bundleId: 1 },
      summary: expect.stringContaining('INQ000000001'),
    });
  });

  it('pages from a fixed newest entry, so entries appended meanwhile do not shift later pages', () => {
    const { db } = reviewedCase(tempDir());
    const first = listAudit(db, page({}, { limit: 2 }));
    expect(first.upTo).not.toBeNull();
    transaction(db, () =>
      appendAudit(db, { actor: 'Priya Shah', action: 'reason.added', subject: 'reason:extra', details: { label: 'Extra' } }),
    );
    const second = listAudit(db, page({}, { upTo: first.upTo, offset: 2, limit: 2 }));
    expect(second.total).toBe(6);
    expect(second.entries.map((e) => e.action)).toEqual(['redaction.added', 'review.decided']);
    expect(listAudit(db, page()).total).toBe(7);
  });

  it('offers the actions and actors present, with labels', () => {
    const { db } = reviewedCase(tempDir());
    const facets = auditFacets(db);
    expect(facets.entries).toBe(6);
    expect(facets.actors).toEqual(['Priya Shah', 'Sam Okafor', 'test-reviewer']);
    expect(facets.actions).toContainEqual({ action: 'review.decided', label: 'Review decision' });
  });

  it('pages a 100,000-entry log quickly, filtered or not', () => {
    const session = makeCase(tempDir());
    const db = session.writable!;
    const { ids } = seedConversation(db, 'Fiona Laird', 10);
    // Written with SQL, not appendAudit: paging does not read the chain, and 100,000 hashes cost seconds.
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < 100000)
       INSERT INTO audit_log (at, actor, action, subject, details, prev_hash, hash)
       SELECT 1000 + i, CASE WHEN i % 10 = 0 THEN 'Sam Okafor' ELSE 'Priya Shah' END,
              CASE WHEN i % 3 = 0 THEN 'redaction.added' ELSE 'reason.updated' END,
              CASE WHEN i % 1000 = 0 THEN 'message:' || CAST(? AS INTEGER) ELSE 'reason:r' || i END,
              json_object('i', i), printf('%064x', i), printf('%064x', i + 1000000) FROM n`,
    ).run(ids[0]);
    const time = (work: () => unknown): number => {
      const start = performance.now();
      work();
      return performance.now() - start;
    };
    expect(time(() => listAudit(db, page({}, { offset: 90_000, limit: 200 })))).toBeLessThan(400);
    expect(time(() => listAudit(db, page({ actor: 'Sam Okafor', actions: ['redaction.added'] }, { limit: 200 })))).toBeLessThan(400);
    const ofMessage = listAudit(db, page({ item: { kind: 'message', messageId: ids[0]! } }, { limit: 200 }));
    expect(ofMessage.total).toBe(100);
    expect(time(() => listAudit(db, page({ item: { kind: 'message', messageId: ids[0]! } }, { limit: 200 })))).toBeLessThan(400);
  });
});

describe('verifying the chain in steps', () => {
  const tempDir = useTempDir();

  it('reaches the same verdict as verifyAudit, with progress and the head hash', async () => {
    const { db } = reviewedCase(tempDir());
    const progress: number[] = [];
    const stepped = await verifyAuditInSteps(db, { onProgress: (p) => progress.push(p.checked) });
    expect(stepped).toEqual(verifyAudit(db));
    expect(stepped).toMatchObject({ ok: true, entries: 6, head: { id: 6, hash: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    expect(progress.at(-1)).toBe(6);
  });

  it('stops at a cancel with an error saying nothing was concluded', async () => {
    const session = makeCase(tempDir());
    const db = session.writable!;
    transaction(db, () => {
      for (let i = 0; i < 5_000; i++) appendAudit(db, { actor: 'a', action: 'x', subject: 's', details: { i } });
    });
    const token = { isCancellationRequested: true };
    await expect(verifyAuditInSteps(db, { token })).rejects.toThrow(/audit check was cancelled/);
  });
});
