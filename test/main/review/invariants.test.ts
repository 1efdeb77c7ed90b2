/**
 * The redaction invariants (docs/spec.md §12): live span redactions ⇒ outcome not `disclose`; a live whole-item
 * redaction ⇒ `withhold`; only removing the redaction moves the item back. Tried through every entry
 * point — single and bulk decisions, propagation, undo/redo, accepted custodian flags, the CLI and raw
 * SQL — and by a random walk over all of them, which also checks that no bulk action without
 * `overwrite` ever changes an individually decided field.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WritableDB } from '../../../db/connection';
import { runCli } from '../../../main/cli';
import { closeCase } from '../../../main/cases/service';
import { addRedaction, removeRedactions } from '../../../main/redact/redactions';
import { decide } from '../../../main/review/decisions';
import { RedactionOutcomeError, ReviewError } from '../../../main/review/errors';
import { resolveFlags } from '../../../main/review/flags';
import { updateIndex } from '../../../main/search/indexer';
import { redo, undo } from '../../../main/review/undo';
import { AddRedactionArgsSchema } from '../../../common/contract/channels/redaction';
import { DecideArgsSchema } from '../../../common/contract/channels/review';
import { useTempDir } from '../../helpers/temp';
import { caseWithBodies } from '../redact/seed';
import { linkDuplicates, reviewOf, seedConversation } from './seed';

const VIOLATIONS = `SELECT m.id FROM messages m LEFT JOIN reviews r ON r.message_id = m.id
  WHERE EXISTS (SELECT 1 FROM redactions x WHERE x.message_id = m.id AND x.removed_at IS NULL
    AND ((x.kind = 'whole' AND coalesce(r.outcome, 'pending') <> 'withhold') OR (x.kind = 'span' AND r.outcome = 'disclose')))`;
const violations = (db: WritableDB): number[] => db.prepare(VIOLATIONS).pluck().all() as number[];

const set = (db: WritableDB, ids: readonly number[], change: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  decide(db, DecideArgsSchema.parse({ selector: { kind: 'ids', ids }, change, ...extra }), 'alice');
const redact = (db: WritableDB, messageId: number, kind: 'span' | 'whole', actor = 'alice') =>
  addRedaction(
    db,
    AddRedactionArgsSchema.parse(
      kind === 'span' ? { kind, messageId, start: 0, end: 3, reasonCode: 'lpp' } : { kind, messageId, reasonCode: 'lpp' },
    ),
    actor,
  );
const liveIds = (db: WritableDB, messageId: number): number[] =>
  db.prepare('SELECT id FROM redactions WHERE message_id = ? AND removed_at IS NULL').pluck().all(messageId) as number[];

describe('the redaction invariants', () => {
  const tempDir = useTempDir();
  const setup = () => caseWithBodies(tempDir(), ['alpha one', 'bravo two', 'charlie three', 'delta four']);

  it('are held by the database itself: a raw write breaking one fails loudly', () => {
    const { db, ids } = setup();
    set(db, [ids[0]!], { outcome: 'disclose' });
    redact(db, ids[0]!, 'span');
    expect(() => db.prepare("UPDATE reviews SET outcome = 'disclose' WHERE message_id = ?").run(ids[0])).toThrow(/redaction invariant/);
    // A live span on a message still to be disclosed whole, and a whole-item redaction on an undecided one.
    set(db, [ids[1]!], { outcome: 'disclose' });
    const span =
      "INSERT INTO redactions (message_id, kind, start_utf16, end_utf16, reason_code, note, created_at, created_by) VALUES (?, 'span', 0, 1, 'lpp', '', 0, 'x')";
    expect(() => db.prepare(span).run(ids[1])).toThrow(/redaction invariant/);
    const whole =
      "INSERT INTO redactions (message_id, kind, reason_code, note, created_at, created_by) VALUES (?, 'whole', 'lpp', '', 0, 'x')";
    expect(() => db.prepare(whole).run(ids[2])).toThrow(/redaction invariant/);
    // Bringing a removed span back to life under a `disclose` outcome.
    removeRedactions(db, liveIds(db, ids[0]!), 'alice');
    expect(reviewOf(db, ids[0]!)).toMatchObject({ outcome: 'disclose' });
    expect(() => db.prepare('UPDATE redactions SET removed_at = NULL, removed_by = NULL WHERE message_id = ?').run(ids[0])).toThrow(
      /redaction invariant/,
    );
  });

  it('refuse a single decision that contradicts live redactions, by name, changing nothing; removing the redaction is the way back', () => {
    const { db, ids } = setup();
    set(db, [ids[0]!], { outcome: 'disclose' });
    redact(db, ids[0]!, 'span');
    redact(db, ids[1]!, 'whole');
    const events = db.prepare('SELECT count(*) FROM review_events').pluck().get();
    expect(() => set(db, [ids[0]!], { outcome: 'disclose' })).toThrow(RedactionOutcomeError);
    expect(() => set(db, [ids[0]!], { outcome: 'disclose' })).toThrow(`message #${ids[0]}`);
    for (const outcome of ['disclose', 'disclose_redacted', 'pending'])
      expect(() => set(db, [ids[1]!], { outcome })).toThrow(RedactionOutcomeError);
    expect(db.prepare('SELECT count(*) FROM review_events').pluck().get()).toBe(events);
    // Allowed: withhold over spans, and pending (undecided is not disclosed).
    set(db, [ids[0]!], { outcome: 'withhold' });
    set(db, [ids[0]!], { outcome: 'pending' });
    removeRedactions(db, liveIds(db, ids[1]!), 'alice');
    set(db, [ids[1]!], { outcome: 'disclose' });
    expect(violations(db)).toEqual([]);
  });

  it('keep redacted messages out of a bulk change even when overwriting, and out of propagation', () => {
    const { db, ids, conversationId } = setup();
    const euan = seedConversation(db, 'Euan Baird', 4);
    linkDuplicates(db, ids, euan.ids);
    redact(db, ids[1]!, 'whole');
    redact(db, euan.ids[2]!, 'span');
    set(db, [ids[0]!], { outcome: 'withhold' });
    const result = decide(
      db,
      DecideArgsSchema.parse({
        selector: { kind: 'conversation', conversationId },
        change: { outcome: 'disclose' },
        propagate: true,
        overwrite: true,
      }),
      'alice',
    );
    expect(result).toMatchObject({ heldByRedactions: 2, overwritten: 1 });
    expect(reviewOf(db, ids[1]!)).toMatchObject({ outcome: 'withhold' });
    expect(reviewOf(db, euan.ids[2]!)?.outcome ?? 'pending').toBe('pending');
    expect(violations(db)).toEqual([]);
  });

  it('refuse an undo or redo that would restore an outcome a later redaction forbids', () => {
    const { db, ids } = setup();
    set(db, [ids[0]!], { outcome: 'disclose' });
    set(db, [ids[0]!], { outcome: 'withhold' });
    // Another reviewer's redaction: alice's own would be the top of her undo stack.
    redact(db, ids[0]!, 'span', 'bob');
    expect(() => undo(db, 'alice')).toThrow(RedactionOutcomeError);
    expect(reviewOf(db, ids[0]!)).toMatchObject({ outcome: 'withhold' });

    set(db, [ids[2]!], { outcome: 'disclose' });
    undo(db, 'alice');
    // Pending keeps its outcome when a span is added, so the redo finds the state its undo left.
    redact(db, ids[2]!, 'span', 'bob');
    expect(() => redo(db, 'alice')).toThrow(/Redoing .* live redactions forbid/);
    expect(violations(db)).toEqual([]);
  });

  it('hold when custodian flags are accepted on redacted messages', () => {
    const { db, ids, custodianId } = setup();
    set(db, [ids[0]!], { outcome: 'disclose' });
    redact(db, ids[0]!, 'span');
    db.prepare("INSERT INTO custodian_packs VALUES ('p1', 'case', ?, 'Fiona Laird', 4, 'p.ddcase', 0, 'alice')").run(custodianId);
    const flag = Number(
      db
        .prepare(
          "INSERT INTO custodian_flags (pack_id, message_id, reason, flagged_at, flagged_by, imported_at) VALUES ('p1', ?, 'family', 1, 'po', 2)",
        )
        .run(ids[0]).lastInsertRowid,
    );
    expect(resolveFlags(db, { flagIds: [flag], decision: 'accept', note: '', overwrite: true }, 'alice')).toMatchObject({ resolved: 1 });
    expect(reviewOf(db, ids[0]!)).toMatchObject({ outcome: 'withhold', classification: 'personal' });
    expect(violations(db)).toEqual([]);
  });

  it('hold through the CLI: skipped and counted, --overwrite without individual decisions is a usage error, no match is an error', async () => {
    const { session, db, ids } = setup();
    set(db, [ids[0]!], { outcome: 'withhold' });
    set(db, [ids[1]!], { outcome: 'disclose' });
    redact(db, ids[1]!, 'span');
    await updateIndex(db);
    closeCase(session);
    const cli = async (...argv: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
      return { code, out: out.join('\n'), err: err.join('\n') };
    };
    const text = await cli('review', session.path, '--all', '--outcome', 'disclose');
    expect(text.code).toBe(0);
    expect(text.out).toMatch(
      /^Decided 2 of 4 selected messages \(batch .+\)\.\nKept 2 messages as they were: 1 with outcome withhold decided individually; 1 with live span redactions\. Add --overwrite to change the 1 individually decided too\.$/,
    );
    const json = await cli('review', session.path, '--all', '--outcome', 'disclose', '--json');
    expect(JSON.parse(json.out)).toMatchObject({ batchId: null, matched: 4, changed: 0, kept: 1, heldByRedactions: 1, overwritten: 0 });
    expect(await cli('review', session.path, '--all', '--relevance', 'relevant', '--overwrite')).toMatchObject({
      code: 2,
      err: expect.stringContaining('nothing to overwrite'),
    });
    expect(await cli('review', session.path, '--query', 'zebra', '--outcome', 'withhold')).toMatchObject({
      code: 1,
      err: expect.stringContaining('matches no message; nothing was changed'),
    });
    const overwrite = await cli('review', session.path, '--all', '--outcome', 'disclose', '--overwrite', '--json');
    expect(JSON.parse(overwrite.out)).toMatchObject({ changed: 1, overwritten: 1, heldByRedactions: 1 });
  });
});

type Op =
  | { kind: 'decide'; ids: number[]; outcome: string; classification: string | null; propagate: boolean; overwrite: boolean }
  | { kind: 'redact'; at: number; whole: boolean }
  | { kind: 'unredact'; at: number }
  | { kind: 'undo' }
  | { kind: 'redo' }
  | { kind: 'flag'; at: number; overwrite: boolean };

const OUTCOMES = ['disclose', 'disclose_redacted', 'withhold', 'pending'];
const CLASSIFICATIONS = [null, 'business', 'personal'];

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('decide' as const),
    ids: fc.uniqueArray(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 6 }),
    outcome: fc.constantFrom(...OUTCOMES),
    classification: fc.constantFrom(...CLASSIFICATIONS),
    propagate: fc.boolean(),
    overwrite: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('redact' as const), at: fc.integer({ min: 0, max: 5 }), whole: fc.boolean() }),
  fc.record({ kind: fc.constant('unredact' as const), at: fc.integer({ min: 0, max: 5 }) }),
  fc.record({ kind: fc.constant('undo' as const) }),
  fc.record({ kind: fc.constant('redo' as const) }),
  fc.record({ kind: fc.constant('flag' as const), at: fc.integer({ min: 0, max: 5 }), overwrite: fc.boolean() }),
);

interface Layer {
  readonly classification: string;
  readonly outcome: string;
  readonly ci: number;
  readonly oi: number;
}

const layers = (db: WritableDB): Map<number, Layer> =>
  new Map(
    (
      db
        .prepare(
          `SELECT r.message_id AS id, r.classification, r.outcome, e.classification_individual AS ci, e.outcome_individual AS oi
           FROM reviews r JOIN review_events e ON e.id = r.last_event_id`,
        )
        .all() as (Layer & { id: number })[]
    ).map((row) => [row.id, row]),
  );

describe('a random walk over every entry point', () => {
  const tempDir = useTempDir();

  it('never breaks an invariant, and no bulk action without overwrite changes an individually decided field', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 25 }), (ops) => {
        const { session, db, ids, custodianId } = caseWithBodies(tempDir(), ['one a', 'two b', 'three c', 'four d', 'five e', 'six f']);
        try {
          const euan = seedConversation(db, 'Euan Baird', 6);
          linkDuplicates(db, ids.slice(0, 3), euan.ids.slice(0, 3));
          const all = [...ids, ...euan.ids];
          db.prepare("INSERT INTO custodian_packs VALUES ('p1', 'case', ?, 'Fiona Laird', 6, 'p.ddcase', 0, 'alice')").run(custodianId);
          const flagIds = ids.map((id) =>
            Number(
              db
                .prepare(
                  "INSERT INTO custodian_flags (pack_id, message_id, reason, flagged_at, flagged_by, imported_at) VALUES ('p1', ?, 'r', 1, 'po', 2)",
                )
                .run(id).lastInsertRowid,
            ),
          );
          for (const step of ops) {
            const before = layers(db);
            let bulk: { batchId: string | null; overwrite: boolean } | null = null;
            try {
              switch (step.kind) {
                case 'decide': {
                  const change = { outcome: step.outcome, ...(step.classification ? { classification: step.classification } : {}) };
                  const result = set(
                    db,
                    step.ids.map((i) => all[i]!),
                    change,
                    { propagate: step.propagate, overwrite: step.overwrite },
                  );
                  if (step.ids.length > 1 || step.propagate) bulk = { batchId: result.batchId, overwrite: step.overwrite };
                  break;
                }
                case 'redact':
                  redact(db, all[step.at]!, step.whole ? 'whole' : 'span');
                  break;
                case 'unredact': {
                  const live = liveIds(db, all[step.at]!);
                  if (live.length) removeRedactions(db, [live[0]!], 'alice');
                  break;
                }
                case 'undo':
                  undo(db, 'alice');
                  break;
                case 'redo':
                  redo(db, 'alice');
                  break;
                case 'flag': {
                  const open = db
                    .prepare(
                      'SELECT f.id FROM custodian_flags f LEFT JOIN custodian_flag_resolutions r ON r.flag_id = f.id WHERE r.flag_id IS NULL AND f.id = ?',
                    )
                    .pluck()
                    .get(flagIds[step.at]);
                  if (open) {
                    const result = resolveFlags(
                      db,
                      { flagIds: [flagIds[step.at]!], decision: 'accept', note: '', overwrite: step.overwrite },
                      'alice',
                    );
                    bulk = { batchId: result.batchId, overwrite: step.overwrite };
                  }
                  break;
                }
              }
            } catch (err) {
              // Refusals are named, say what to do, and change nothing; anything else is a defect.
              if (
                !(err instanceof ReviewError) &&
                !(err instanceof Error && err.name.endsWith('Error') && /redact/i.test(err.constructor.name))
              )
                throw err;
              expect(layers(db)).toEqual(before);
            }
            expect(violations(db)).toEqual([]);
            if (bulk && !bulk.overwrite && bulk.batchId) {
              const touched = db
                .prepare("SELECT message_id FROM review_events WHERE batch_id = ? AND origin <> 'decision'")
                .pluck()
                .all(bulk.batchId) as number[];
              const after = layers(db);
              for (const id of touched) {
                const was = before.get(id);
                if (!was) continue;
                if (was.ci) expect(after.get(id)?.classification).toBe(was.classification);
                if (was.oi) expect(after.get(id)?.outcome).toBe(was.outcome);
              }
            }
          }
        } finally {
          closeCase(session);
        }
      }),
      { numRuns: 40 },
    );
  });
});
