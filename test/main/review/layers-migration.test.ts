/**
 * Migration 7 on cases built by the previous schema: the per-field individual flags it gives existing
 * events are the ones the services now write (checked on random histories, copied into a v6 case),
 * and a case that broke the redaction invariants (the issue-12 blocker) is repaired, visibly.
 */
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WritableDB } from '../../../db/connection';
import { MIGRATIONS, migrate } from '../../../db/migrations';
import { closeCase } from '../../../main/cases/service';
import { addRedaction, removeRedactions } from '../../../main/redact/redactions';
import { decide } from '../../../main/review/decisions';
import { ReviewError } from '../../../main/review/errors';
import { resolveFlags } from '../../../main/review/flags';
import { redo, undo } from '../../../main/review/undo';
import { AddRedactionArgsSchema } from '../../../common/contract/channels/redaction';
import { DecideArgsSchema } from '../../../common/contract/channels/review';
import { useTempDir } from '../../helpers/temp';
import { caseWithBodies } from '../redact/seed';
import { linkDuplicates, seedConversation } from './seed';

const FLAGS =
  'id, classification_individual AS c, relevance_individual AS r, outcome_individual AS o, article8_individual AS a, rationale_individual AS ra';

/** A database at schema 6 (the release before layering) holding `src`'s case, history included. */
function asVersion6(src: string): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, ':memory:', { migrations: MIGRATIONS.slice(0, 6) });
  db.exec(`ATTACH DATABASE '${src.replace(/'/g, "''")}' AS src`);
  for (const table of ['custodians', 'sources', 'conversations', 'duplicate_groups', 'messages', 'article8_assessments']) {
    db.exec(`INSERT INTO main.${table} SELECT * FROM src.${table}`);
  }
  db.exec(
    `INSERT INTO main.review_events SELECT id, message_id, batch_id, origin, classification, relevance, outcome, article8_id, rationale, at, actor FROM src.review_events`,
  );
  for (const table of ['reviews', 'review_batches', 'redactions', 'custodian_packs', 'custodian_flags', 'custodian_flag_resolutions']) {
    db.exec(`INSERT INTO main.${table} SELECT * FROM src.${table}`);
  }
  db.exec('DETACH DATABASE src');
  return db;
}

type Step =
  | { kind: 'decide'; ids: number[]; outcome: string; rationale: boolean; overwrite: boolean; propagate: boolean }
  | { kind: 'undo' | 'redo' }
  | { kind: 'redact' | 'unredact'; at: number }
  | { kind: 'flag'; at: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('decide' as const),
      ids: fc.uniqueArray(fc.integer({ min: 0, max: 7 }), { minLength: 1, maxLength: 4 }),
      outcome: fc.constantFrom('disclose', 'withhold', 'pending', 'disclose_redacted'),
      rationale: fc.boolean(),
      overwrite: fc.boolean(),
      propagate: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('undo' as const, 'redo' as const) }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constantFrom('redact' as const, 'unredact' as const), at: fc.integer({ min: 0, max: 7 }) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('flag' as const), at: fc.integer({ min: 0, max: 3 }) }) },
);

function play(db: WritableDB, ids: readonly number[], flagIds: readonly number[], s: Step): void {
  try {
    if (s.kind === 'decide') {
      const change = { outcome: s.outcome, ...(s.rationale ? { rationale: `r${s.ids.join('')}` } : {}) };
      decide(
        db,
        DecideArgsSchema.parse({
          selector: { kind: 'ids', ids: s.ids.map((i) => ids[i]) },
          change,
          overwrite: s.overwrite,
          propagate: s.propagate,
        }),
        'alice',
      );
    } else if (s.kind === 'undo') undo(db, 'alice');
    else if (s.kind === 'redo') redo(db, 'alice');
    else if (s.kind === 'redact')
      addRedaction(db, AddRedactionArgsSchema.parse({ kind: 'span', messageId: ids[s.at], start: 0, end: 2, reasonCode: 'lpp' }), 'alice');
    else if (s.kind === 'unredact') {
      const live = db.prepare('SELECT id FROM redactions WHERE message_id = ? AND removed_at IS NULL').pluck().all(ids[s.at]) as number[];
      if (live.length) removeRedactions(db, live, 'alice');
    } else if (s.kind === 'flag') resolveFlags(db, { flagIds: [flagIds[s.at]!], decision: 'accept', note: '' }, 'bob');
  } catch (err) {
    if (!(err instanceof ReviewError)) throw err;
  }
}

describe('migration 9: decision layers and redaction invariants', () => {
  const tempDir = useTempDir();

  it('gives existing events the individual flags the services write for the same history', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 30 }), (steps) => {
        const { session, db, ids, custodianId } = caseWithBodies(tempDir(), ['aa 1', 'bb 2', 'cc 3', 'dd 4']);
        const euan = seedConversation(db, 'Euan Baird', 4);
        linkDuplicates(db, ids.slice(0, 2), euan.ids.slice(0, 2));
        db.prepare("INSERT INTO custodian_packs VALUES ('p1', 'case', ?, 'Fiona Laird', 4, 'p.ddcase', 0, 'alice')").run(custodianId);
        const flag = db.prepare(
          "INSERT INTO custodian_flags (pack_id, message_id, reason, flagged_at, flagged_by, imported_at) VALUES ('p1', ?, 'r', 1, 'po', 2)",
        );
        const flagIds = ids.map((id) => Number(flag.run(id).lastInsertRowid));
        const all = [...ids, ...euan.ids];
        for (const s of steps) play(db, all, flagIds, s);
        const expected = db.prepare(`SELECT ${FLAGS} FROM review_events ORDER BY id`).all();
        const reviews = db.prepare('SELECT * FROM reviews ORDER BY message_id').all();
        closeCase(session);

        const old = asVersion6(session.path);
        migrate(old, ':memory:');
        expect(old.prepare(`SELECT ${FLAGS} FROM review_events ORDER BY id`).all()).toEqual(expected);
        // Nothing to repair in a case the services kept consistent.
        expect(old.prepare('SELECT * FROM reviews ORDER BY message_id').all()).toEqual(reviews);
        old.close();
      }),
      { numRuns: 25 },
    );
  });

  it('repairs a case the old bulk apply left inconsistent, as review events, and then refuses such writes', () => {
    const { session, db, ids } = caseWithBodies(tempDir(), ['Call Jane on 07911 123456', 'Family news', 'Agenda']);
    decide(
      db,
      DecideArgsSchema.parse({
        selector: { kind: 'ids', ids: [ids[0]] },
        change: { outcome: 'disclose_redacted', rationale: 'number hidden' },
      }),
      'alice',
    );
    addRedaction(
      db,
      AddRedactionArgsSchema.parse({ kind: 'span', messageId: ids[0], start: 13, end: 25, reasonCode: 'personal-contact' }),
      'alice',
    );
    decide(db, DecideArgsSchema.parse({ selector: { kind: 'ids', ids: [ids[1]] }, change: { outcome: 'withhold' } }), 'alice');
    addRedaction(db, AddRedactionArgsSchema.parse({ kind: 'whole', messageId: ids[1], reasonCode: 'article-8' }), 'alice');
    closeCase(session);

    const old = asVersion6(session.path);
    // What the blocker did before this version: a conversation-wide "disclose" over both.
    const batch =
      "INSERT INTO review_events (message_id, batch_id, origin, classification, relevance, outcome, article8_id, rationale, at, actor) VALUES (?, 'blk', 'bulk', 'unclassified', 'unassessed', 'disclose', NULL, ?, 5, 'alice')";
    old.prepare(batch).run(ids[0], 'number hidden');
    old.prepare(batch).run(ids[1], '');
    old.exec(
      "INSERT INTO review_batches (batch_id, actor, kind, summary, events, at) VALUES ('blk', 'alice', 'decision', 'outcome → disclose on conversation #1', 2, 5)",
    );
    old.exec(
      "UPDATE reviews SET outcome = 'disclose', last_event_id = (SELECT max(id) FROM review_events e WHERE e.message_id = reviews.message_id)",
    );

    migrate(old, ':memory:');
    const outcomes = old.prepare('SELECT message_id AS id, outcome, rationale FROM reviews ORDER BY message_id').all();
    expect(outcomes).toEqual([
      { id: ids[0], outcome: 'disclose_redacted', rationale: 'number hidden' },
      { id: ids[1], outcome: 'withhold', rationale: '' },
    ]);
    const repairs = old
      .prepare(
        "SELECT message_id AS id, origin, outcome, actor, outcome_individual AS o FROM review_events WHERE batch_id = 'schema-9-redaction-outcomes' ORDER BY id",
      )
      .all();
    expect(repairs).toEqual([
      { id: ids[0], origin: 'decision', outcome: 'disclose_redacted', actor: 'Disclosure Desk (schema upgrade 9)', o: 1 },
      { id: ids[1], origin: 'decision', outcome: 'withhold', actor: 'Disclosure Desk (schema upgrade 9)', o: 1 },
    ]);
    // The bulk "disclose" was not individual; the repairs are (the redaction is the reviewer's act on that message).
    expect(old.prepare("SELECT outcome_individual FROM review_events WHERE batch_id = 'blk'").pluck().all()).toEqual([0, 0]);
    expect(() => old.prepare("UPDATE reviews SET outcome = 'disclose' WHERE message_id = ?").run(ids[0])).toThrow(/redaction invariant/);
    expect(() => old.prepare("UPDATE review_events SET actor = 'x'").run()).toThrow('review_events is append-only');
    old.close();
  });
});
