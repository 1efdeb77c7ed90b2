import { describe, expect, it } from 'vitest';
import type { WritableDB } from '../../../db/connection';
import { addRedaction } from '../../../main/redact/redactions';
import { decide, previewDecision } from '../../../main/review/decisions';
import { NothingSelectedError, NothingToOverwriteError } from '../../../main/review/errors';
import { listFlags, resolveFlags } from '../../../main/review/flags';
import { updateIndex } from '../../../main/search/indexer';
import { AddRedactionArgsSchema } from '../../../common/contract/channels/redaction';
import { DecideArgsSchema } from '../../../common/contract/channels/review';
import { useTempDir } from '../../helpers/temp';
import { caseWithBodies } from '../redact/seed';
import { linkDuplicates, reviewOf, seedConversation } from './seed';

const ARTICLE8 = {
  engaged: 'yes',
  whose: 'third_party',
  rationalConnection: 'None: a family matter.',
  lessIntrusiveStep: 'withholding',
  lessIntrusiveReasoning: 'Only withholding removes the intrusion.',
  fairBalance: 'The intrusion outweighs any benefit.',
};

export const decideOn = (db: WritableDB, raw: Record<string, unknown>, actor = 'alice') => decide(db, DecideArgsSchema.parse(raw), actor);

/**
 * The blocker of issue 12: a message withheld with an Article 8 assessment and a message disclosed with
 * span redactions, then "Apply to conversation: Disclose".
 */
export function blockerCase(dir: string) {
  const seeded = caseWithBodies(dir, [
    'Family news: Ailsa is in hospital',
    'Call Jane on 07911 123456',
    'Meeting at 10',
    'Agenda attached',
    'Thanks',
  ]);
  const { db, ids } = seeded;
  const family = ids[0]!;
  const redacted = ids[1]!;
  decideOn(db, {
    selector: { kind: 'ids', ids: [family] },
    change: { classification: 'personal', outcome: 'withhold', article8: ARTICLE8 },
  });
  decideOn(db, { selector: { kind: 'ids', ids: [redacted] }, change: { classification: 'business', outcome: 'disclose' } });
  addRedaction(
    db,
    AddRedactionArgsSchema.parse({ kind: 'span', messageId: redacted, start: 13, end: 25, reasonCode: 'personal-contact' }),
    'alice',
  );
  return { ...seeded, family, redacted, article8Id: reviewOf(db, family)!.article8Id as number };
}

/** Two imported, open custodian flags on the first two messages (as importPackFlags leaves them). */
function flaggedCase(dir: string) {
  const { db, ids, custodianId } = caseWithBodies(dir, ['Dinner with Ailsa', 'Hospital on Tuesday', 'Agenda']);
  db.prepare("INSERT INTO custodian_packs VALUES ('p1', 'case', ?, 'Fiona Laird', 3, 'p.ddcase', 0, 'alice')").run(custodianId);
  const flag = db.prepare(
    "INSERT INTO custodian_flags (pack_id, message_id, reason, flagged_at, flagged_by, imported_at) VALUES ('p1', ?, 'family', 1, 'private-office', 2)",
  );
  const flagIds = ids.slice(0, 2).map((id) => Number(flag.run(id).lastInsertRowid));
  return { db, fiona: ids, flagIds };
}

describe('bulk decisions are layered over individual ones', () => {
  const tempDir = useTempDir();

  it('"Apply to conversation: Disclose" keeps an individual withhold with its Article 8 record, and the redacted item\'s disclose_redacted', () => {
    const { db, conversationId, ids, family, redacted, article8Id } = blockerCase(tempDir());
    decideOn(db, { selector: { kind: 'conversation', conversationId }, change: { outcome: 'disclose' } });
    expect(reviewOf(db, family)).toMatchObject({ classification: 'personal', outcome: 'withhold', article8Id });
    expect(reviewOf(db, redacted)).toMatchObject({ classification: 'business', outcome: 'disclose_redacted' });
    for (const id of ids.slice(2)) expect(reviewOf(db, id)).toMatchObject({ outcome: 'disclose' });
  });
});

const count = (db: WritableDB, query: string, ...params: unknown[]): number =>
  db
    .prepare(query)
    .pluck()
    .get(...params) as number;
const snapshot = (db: WritableDB) => ({
  events: count(db, 'SELECT count(*) FROM review_events'),
  reviews: db.prepare('SELECT * FROM reviews ORDER BY message_id').all(),
  audit: count(db, 'SELECT count(*) FROM audit_log'),
  article8: count(db, 'SELECT count(*) FROM article8_assessments'),
});

describe('the preview and the apply', () => {
  const tempDir = useTempDir();

  it('preview counts per current value, lists the kept messages, writes nothing, and matches what applying does', () => {
    const { db, conversationId, family, redacted } = blockerCase(tempDir());
    const raw = { selector: { kind: 'conversation', conversationId }, change: { outcome: 'disclose' } };
    const before = snapshot(db);
    const preview = previewDecision(db, DecideArgsSchema.parse(raw), 'alice');
    expect(snapshot(db)).toEqual(before);
    expect(preview).toMatchObject({ matched: 5, willChange: 3, unchanged: 0, individual: 1, heldByRedactions: 1, duplicates: 0 });
    expect(preview.keptGroups).toEqual([
      { reason: 'outcome', value: 'withhold', count: 1 },
      { reason: 'redactions', value: 'span', count: 1 },
    ]);
    expect(preview.kept).toEqual([
      expect.objectContaining({
        messageId: family,
        reason: 'outcome',
        value: 'withhold',
        outcome: 'withhold',
        article8: true,
        conversation: 'Fiona Laird chat',
        snippet: 'Family news: Ailsa is in hospital',
      }),
      expect.objectContaining({ messageId: redacted, reason: 'redactions', value: 'span', outcome: 'disclose_redacted', article8: false }),
    ]);

    const result = decideOn(db, raw);
    expect(result).toMatchObject({
      matched: preview.matched,
      changed: preview.willChange,
      kept: preview.individual,
      heldByRedactions: preview.heldByRedactions,
      overwritten: 0,
    });
    expect(result.keptGroups).toEqual(preview.keptGroups);
    const audit = JSON.parse(
      db.prepare("SELECT details FROM audit_log WHERE action = 'review.decided' ORDER BY id DESC LIMIT 1").pluck().get() as string,
    ) as Record<string, unknown>;
    expect(audit).toMatchObject({ overwrite: false, changed: 3, kept: 1, overwritten: 0, heldByRedactions: 1 });
  });

  it('overwrites individual decisions only when asked, never a live redaction, and the overwritten value is then a bulk one', () => {
    const { db, conversationId, family, redacted } = blockerCase(tempDir());
    const raw = { selector: { kind: 'conversation', conversationId }, change: { outcome: 'disclose' }, overwrite: true };
    const preview = previewDecision(db, DecideArgsSchema.parse(raw), 'alice');
    const result = decideOn(db, raw);
    expect(result).toMatchObject({ changed: preview.willChange + preview.individual, overwritten: 1, kept: 0, heldByRedactions: 1 });
    expect(reviewOf(db, family)).toMatchObject({ outcome: 'disclose' });
    expect(reviewOf(db, redacted)).toMatchObject({ outcome: 'disclose_redacted' });
    // Now set by a bulk action, the family message's outcome no longer holds against the next one; the
    // redacted message's disclose_redacted (implied by its redaction) still does.
    const next = decideOn(db, { selector: { kind: 'conversation', conversationId }, change: { outcome: 'withhold' } });
    expect(next).toMatchObject({ kept: 1, keptGroups: [{ reason: 'outcome', value: 'disclose_redacted', count: 1 }] });
    expect(reviewOf(db, family)).toMatchObject({ outcome: 'withhold' });
    expect(reviewOf(db, redacted)).toMatchObject({ outcome: 'disclose_redacted' });
  });

  it('layers per field: an individual classification does not stop a bulk outcome, and a bulk value does not protect itself', () => {
    const { db, ids, conversationId } = caseWithBodies(tempDir(), ['a', 'b', 'c']);
    decideOn(db, { selector: { kind: 'ids', ids: [ids[0]] }, change: { classification: 'personal' } });
    decideOn(db, { selector: { kind: 'ids', ids: ids.slice(1) }, change: { classification: 'business' } });
    const result = decideOn(db, { selector: { kind: 'conversation', conversationId }, change: { outcome: 'withhold' } });
    expect(result).toMatchObject({ changed: 3, kept: 0 });
    const mixed = decideOn(db, { selector: { kind: 'conversation', conversationId }, change: { classification: 'mixed' } });
    expect(mixed).toMatchObject({ changed: 2, kept: 1, keptGroups: [{ reason: 'classification', value: 'personal', count: 1 }] });
    expect(reviewOf(db, ids[0]!)).toMatchObject({ classification: 'personal', outcome: 'withhold' });
  });

  it('a later individual decision on the same message replaces the earlier one (it is the reviewer deciding that message)', () => {
    const { db, family } = blockerCase(tempDir());
    expect(decideOn(db, { selector: { kind: 'ids', ids: [family] }, change: { outcome: 'disclose' } })).toMatchObject({
      changed: 1,
      kept: 0,
    });
    expect(reviewOf(db, family)).toMatchObject({ outcome: 'disclose' });
  });

  it('refuses a selector matching nothing and an overwrite with nothing to overwrite, changing nothing', async () => {
    const { db, conversationId } = blockerCase(tempDir());
    await updateIndex(db);
    const before = snapshot(db);
    expect(() => decideOn(db, { selector: { kind: 'search', query: 'zebra', filters: {} }, change: { outcome: 'withhold' } })).toThrow(
      NothingSelectedError,
    );
    expect(() => decideOn(db, { selector: { kind: 'search', query: 'zebra', filters: {} }, change: { outcome: 'withhold' } })).toThrow(
      'Search result for "zebra" matches no message; nothing was changed.',
    );
    expect(() => decideOn(db, { selector: { kind: 'dateRange', from: 0, to: 1000 }, change: { outcome: 'withhold' } })).toThrow(
      NothingSelectedError,
    );
    expect(() =>
      decideOn(db, { selector: { kind: 'conversation', conversationId }, change: { relevance: 'relevant' }, overwrite: true }),
    ).toThrow(NothingToOverwriteError);
    expect(() =>
      previewDecision(
        db,
        DecideArgsSchema.parse({ selector: { kind: 'conversation', conversationId }, change: { relevance: 'relevant' }, overwrite: true }),
        'alice',
      ),
    ).toThrow(NothingToOverwriteError);
    expect(snapshot(db)).toEqual(before);
  });

  it('keeps individually decided duplicates when propagating', () => {
    const tmp = tempDir();
    const { db, ids: fiona } = caseWithBodies(tmp, ['same', 'other']);
    const euan = seedConversation(db, 'Euan Baird', 2);
    linkDuplicates(db, fiona, euan.ids);
    decideOn(db, { selector: { kind: 'ids', ids: [euan.ids[0]] }, change: { outcome: 'withhold' } });
    const result = decideOn(db, { selector: { kind: 'ids', ids: [fiona[0]] }, change: { outcome: 'disclose' }, propagate: true });
    expect(result).toMatchObject({ changed: 1, propagated: 0, kept: 1 });
    expect(reviewOf(db, euan.ids[0]!)).toMatchObject({ outcome: 'withhold' });
    // The propagated value is a bulk one: the copy's later individual decision is not protected against by it.
    const both = decideOn(db, { selector: { kind: 'ids', ids: [fiona[1]] }, change: { outcome: 'disclose' }, propagate: true });
    expect(both).toMatchObject({ changed: 1, propagated: 1 });
  });

  it('leaves custodian flags open whose messages were decided individually, unless overwritten; an accepted flag is itself individual', () => {
    const { db, fiona, flagIds } = flaggedCase(tempDir());
    decideOn(db, {
      selector: { kind: 'ids', ids: [fiona[0]] },
      change: { classification: 'business', outcome: 'disclose', rationale: "the minister's briefing" },
    });
    const result = resolveFlags(db, { flagIds, decision: 'accept', note: '' }, 'alice');
    expect(result).toMatchObject({ resolved: 1, kept: [flagIds[0]] });
    expect(reviewOf(db, fiona[0]!)).toMatchObject({ classification: 'business', outcome: 'disclose' });
    expect(reviewOf(db, fiona[1]!)).toMatchObject({ classification: 'personal', outcome: 'withhold' });
    expect(listFlags(db, { status: 'open' }).map((f) => f.id)).toEqual([flagIds[0]]);
    expect(() => resolveFlags(db, { flagIds: [flagIds[0]!], decision: 'accept', note: '', overwrite: false }, 'alice')).not.toThrow();
    expect(listFlags(db, { status: 'open' }).map((f) => f.id)).toEqual([flagIds[0]]);
    expect(resolveFlags(db, { flagIds: [flagIds[0]!], decision: 'accept', note: 'family', overwrite: true }, 'alice')).toMatchObject({
      resolved: 1,
      kept: [],
    });
    expect(reviewOf(db, fiona[0]!)).toMatchObject({ classification: 'personal', outcome: 'withhold' });
    // The accepted flag holds against a later bulk action.
    const bulk = decideOn(db, { selector: { kind: 'all' }, change: { outcome: 'disclose' } });
    expect(bulk.kept).toBe(2);
    expect(reviewOf(db, fiona[1]!)).toMatchObject({ outcome: 'withhold' });
  });
});
