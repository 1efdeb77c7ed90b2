/**
 * Decisions are layered (docs/spec.md §12): a bulk action never changes a field a reviewer decided for that
 * message alone. Each review event now records, per field, whether the value it carries was set
 * individually; the current decision's flags are those of its last event (reviews.last_event_id).
 *
 * A field's value is individual when the event that set it was:
 *   - origin 'decision': a batch that targeted this one message (the coding panel on one message, a
 *     one-id selection), or an outcome a redaction of this message implied;
 *   - origin 'custodian_flag': the reviewer accepted a flag raised on this message.
 * Origins 'bulk' and 'propagation' set non-individual values. An event that leaves a field as it was
 * keeps the flag of the event before it; an undo restores the flags of the state it restores, and a
 * redo the flags of the batch it re-applies.
 *
 * Existing events are given their flags by replaying each message's history in order (the same rules
 * main/review applies to new events). Then the redaction invariants are enforced: live span
 * redactions ⇒ outcome is not `disclose`; a live whole-item redaction ⇒ `withhold`. Cases that break
 * them (a bulk "disclose" over a redacted item, before this version) are repaired first, as review
 * events of their own batch, so the History panel shows the repair, and triggers then refuse any write
 * that would break them again, whichever code path attempts it.
 *
 * Literal SQL only: this text is frozen once shipped.
 */
import type Database from 'better-sqlite3';
import type { Migration } from './types';

interface EventRow {
  readonly id: number;
  readonly messageId: number;
  readonly origin: string;
  readonly targetBatchId: string | null;
  readonly classification: string;
  readonly relevance: string;
  readonly outcome: string;
  readonly article8Id: number | null;
  readonly rationale: string;
}

interface Flags {
  readonly c: number;
  readonly r: number;
  readonly o: number;
  readonly a: number;
  readonly ra: number;
}

const NONE: Flags = { c: 0, r: 0, o: 0, a: 0, ra: 0 };

function backfill(db: Database.Database): void {
  const chunk = db.prepare(
    `SELECT e.id, e.message_id AS messageId, e.origin, b.target_batch_id AS targetBatchId, e.classification, e.relevance, e.outcome,
       e.article8_id AS article8Id, e.rationale
     FROM review_events e LEFT JOIN review_batches b ON b.batch_id = e.batch_id WHERE e.id > ? ORDER BY e.id LIMIT 5000`,
  );
  const previous = db.prepare(
    `SELECT classification, relevance, outcome, article8_id AS article8Id, rationale,
       classification_individual AS c, relevance_individual AS r, outcome_individual AS o, article8_individual AS a, rationale_individual AS ra
     FROM review_events WHERE message_id = ? AND id < ? ORDER BY id DESC LIMIT 1`,
  );
  const ofBatch = db.prepare(
    `SELECT id, classification_individual AS c, relevance_individual AS r, outcome_individual AS o, article8_individual AS a, rationale_individual AS ra
     FROM review_events WHERE message_id = ? AND id < ? AND batch_id = ? ORDER BY id DESC LIMIT 1`,
  );
  const flagsBefore = db.prepare(
    `SELECT classification_individual AS c, relevance_individual AS r, outcome_individual AS o, article8_individual AS a, rationale_individual AS ra
     FROM review_events WHERE message_id = ? AND id < ? ORDER BY id DESC LIMIT 1`,
  );
  const write = db.prepare(
    `UPDATE review_events SET classification_individual = ?, relevance_individual = ?, outcome_individual = ?,
       article8_individual = ?, rationale_individual = ? WHERE id = ?`,
  );

  const flagsOf = (e: EventRow): Flags => {
    if (e.origin === 'undo' || e.origin === 'redo') {
      const target =
        e.targetBatchId === null ? undefined : (ofBatch.get(e.messageId, e.id, e.targetBatchId) as (Flags & { id: number }) | undefined);
      if (!target) return NONE;
      if (e.origin === 'redo') return target;
      return (flagsBefore.get(e.messageId, target.id) as Flags | undefined) ?? NONE;
    }
    const p = previous.get(e.messageId, e.id) as (Flags & Omit<EventRow, 'id' | 'messageId' | 'origin' | 'targetBatchId'>) | undefined;
    const set = e.origin === 'decision' || e.origin === 'custodian_flag' ? 1 : 0;
    const pick = (changed: boolean, before: number | undefined): number => (changed ? set : (before ?? 0));
    return {
      c: pick(e.classification !== (p?.classification ?? 'unclassified'), p?.c),
      r: pick(e.relevance !== (p?.relevance ?? 'unassessed'), p?.r),
      o: pick(e.outcome !== (p?.outcome ?? 'pending'), p?.o),
      a: pick(e.article8Id !== (p?.article8Id ?? null), p?.a),
      ra: pick(e.rationale !== (p?.rationale ?? ''), p?.ra),
    };
  };

  for (let after = 0; ;) {
    const rows = chunk.all(after) as EventRow[];
    if (rows.length === 0) return;
    for (const e of rows) {
      const f = flagsOf(e);
      write.run(f.c, f.r, f.o, f.a, f.ra, e.id);
    }
    after = rows[rows.length - 1]!.id;
  }
}

export const decisionLayers: Migration = {
  version: 9,
  name: 'decision layers and redaction invariants',
  steps: [
    `
      ALTER TABLE review_events ADD COLUMN classification_individual INTEGER NOT NULL DEFAULT 0 CHECK (classification_individual IN (0, 1));
      ALTER TABLE review_events ADD COLUMN relevance_individual INTEGER NOT NULL DEFAULT 0 CHECK (relevance_individual IN (0, 1));
      ALTER TABLE review_events ADD COLUMN outcome_individual INTEGER NOT NULL DEFAULT 0 CHECK (outcome_individual IN (0, 1));
      ALTER TABLE review_events ADD COLUMN article8_individual INTEGER NOT NULL DEFAULT 0 CHECK (article8_individual IN (0, 1));
      ALTER TABLE review_events ADD COLUMN rationale_individual INTEGER NOT NULL DEFAULT 0 CHECK (rationale_individual IN (0, 1));
      -- The history is append-only; giving its existing rows their flags is this migration's one exception.
      DROP TRIGGER review_events_no_update;
    `,
    { data: 'give existing review events their individual flags', run: backfill },
    `
      CREATE TRIGGER review_events_no_update BEFORE UPDATE ON review_events
        BEGIN SELECT RAISE(ABORT, 'review_events is append-only'); END;

      INSERT INTO review_events (message_id, batch_id, origin, classification, relevance, outcome, article8_id, rationale, at, actor,
          classification_individual, relevance_individual, outcome_individual, article8_individual, rationale_individual)
        SELECT w.message_id, 'schema-9-redaction-outcomes', 'decision',
          coalesce(r.classification, 'unclassified'), coalesce(r.relevance, 'unassessed'),
          CASE WHEN w.whole THEN 'withhold' ELSE 'disclose_redacted' END,
          r.article8_id, coalesce(r.rationale, ''), CAST(unixepoch('subsec') * 1000 AS INTEGER), 'Disclosure Desk (schema upgrade 9)',
          coalesce(e.classification_individual, 0), coalesce(e.relevance_individual, 0), 1,
          coalesce(e.article8_individual, 0), coalesce(e.rationale_individual, 0)
        FROM (SELECT message_id, max(kind = 'whole') AS whole FROM redactions WHERE removed_at IS NULL GROUP BY message_id) w
        LEFT JOIN reviews r ON r.message_id = w.message_id
        LEFT JOIN review_events e ON e.id = r.last_event_id
        WHERE (w.whole AND coalesce(r.outcome, 'pending') <> 'withhold') OR (NOT w.whole AND r.outcome = 'disclose')
        ORDER BY w.message_id;
      INSERT INTO reviews (message_id, classification, relevance, outcome, article8_id, rationale, last_event_id, updated_at, updated_by)
        SELECT message_id, classification, relevance, outcome, article8_id, rationale, id, at, actor
        FROM review_events WHERE batch_id = 'schema-9-redaction-outcomes'
        ON CONFLICT (message_id) DO UPDATE SET
          outcome = excluded.outcome, last_event_id = excluded.last_event_id, updated_at = excluded.updated_at, updated_by = excluded.updated_by;

      -- The invariants, from either side: a decision written over a live redaction, or a redaction
      -- made live (added or restored) under an outcome it contradicts.
      CREATE TRIGGER reviews_respect_redactions_insert BEFORE INSERT ON reviews
        WHEN NEW.outcome <> 'withhold' AND EXISTS (SELECT 1 FROM redactions x WHERE x.message_id = NEW.message_id AND x.removed_at IS NULL
          AND (x.kind = 'whole' OR NEW.outcome = 'disclose'))
        BEGIN SELECT RAISE(ABORT, 'redaction invariant: a message with a live whole-item redaction must be withhold, and one with live span redactions cannot be disclose; remove the redaction first'); END;
      CREATE TRIGGER reviews_respect_redactions_update BEFORE UPDATE OF outcome, message_id ON reviews
        WHEN NEW.outcome <> 'withhold' AND EXISTS (SELECT 1 FROM redactions x WHERE x.message_id = NEW.message_id AND x.removed_at IS NULL
          AND (x.kind = 'whole' OR NEW.outcome = 'disclose'))
        BEGIN SELECT RAISE(ABORT, 'redaction invariant: a message with a live whole-item redaction must be withhold, and one with live span redactions cannot be disclose; remove the redaction first'); END;
      CREATE TRIGGER redactions_respect_outcome_insert BEFORE INSERT ON redactions
        WHEN NEW.removed_at IS NULL AND (
          (NEW.kind = 'whole' AND coalesce((SELECT outcome FROM reviews WHERE message_id = NEW.message_id), 'pending') <> 'withhold')
          OR (NEW.kind = 'span' AND (SELECT outcome FROM reviews WHERE message_id = NEW.message_id) = 'disclose'))
        BEGIN SELECT RAISE(ABORT, 'redaction invariant: withhold the message before redacting it whole, and move a disclose message to disclose_redacted before redacting a span'); END;
      CREATE TRIGGER redactions_respect_outcome_update BEFORE UPDATE ON redactions
        WHEN NEW.removed_at IS NULL AND (
          (NEW.kind = 'whole' AND coalesce((SELECT outcome FROM reviews WHERE message_id = NEW.message_id), 'pending') <> 'withhold')
          OR (NEW.kind = 'span' AND (SELECT outcome FROM reviews WHERE message_id = NEW.message_id) = 'disclose'))
        BEGIN SELECT RAISE(ABORT, 'redaction invariant: withhold the message before redacting it whole, and move a disclose message to disclose_redacted before redacting a span'); END;
    `,
  ],
};
