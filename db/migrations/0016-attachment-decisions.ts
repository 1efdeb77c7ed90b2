/**
 * An attachment's own decision (docs/spec.md §13): classification, relevance, outcome, Article 8 record
 * and rationale, each field either the attachment's own or, where it has none, its message's. Tables
 * parallel to review_events / reviews rather than an attachment column on them, so that nothing that
 * reads a message's history (undo, progress, packs, the consistency report, the schedule) can meet an
 * attachment's row by accident.
 *
 * A NULL field is "inherits the message's" (article8_own says the same of the Article 8 record, whose
 * own value may itself be "none"). The per-field `*_individual` flags mean what they mean for
 * messages (migration 0009): set by a decision on this attachment alone. Batches are the messages'
 * review_batches, so one undo stack covers both, and a batch may hold events of either kind.
 *
 * Literal SQL only: this text is frozen once shipped.
 */
import type { Migration } from './types';

export const attachmentDecisions: Migration = {
  version: 16,
  name: 'attachment decisions',
  steps: [
    `
      CREATE TABLE attachment_review_events (
        id INTEGER PRIMARY KEY,
        attachment_id INTEGER NOT NULL REFERENCES attachments(id),
        batch_id TEXT NOT NULL,
        origin TEXT NOT NULL CHECK (origin = 'decision' OR origin = 'bulk' OR origin = 'undo' OR origin = 'redo'),
        classification TEXT CHECK (classification = 'business' OR classification = 'personal' OR classification = 'mixed' OR classification = 'unclassified'),
        relevance TEXT CHECK (relevance = 'relevant' OR relevance = 'not_relevant' OR relevance = 'unassessed'),
        outcome TEXT CHECK (outcome = 'disclose' OR outcome = 'disclose_redacted' OR outcome = 'withhold' OR outcome = 'pending'),
        article8_own INTEGER NOT NULL CHECK (article8_own IN (0, 1)),
        article8_id INTEGER REFERENCES article8_assessments(id),
        rationale TEXT,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        classification_individual INTEGER NOT NULL CHECK (classification_individual IN (0, 1)),
        relevance_individual INTEGER NOT NULL CHECK (relevance_individual IN (0, 1)),
        outcome_individual INTEGER NOT NULL CHECK (outcome_individual IN (0, 1)),
        article8_individual INTEGER NOT NULL CHECK (article8_individual IN (0, 1)),
        rationale_individual INTEGER NOT NULL CHECK (rationale_individual IN (0, 1)),
        CHECK (article8_own = 1 OR article8_id IS NULL)
      ) STRICT;
      CREATE INDEX attachment_review_events_by_attachment ON attachment_review_events(attachment_id, id);
      CREATE INDEX attachment_review_events_by_batch ON attachment_review_events(batch_id);
      CREATE TRIGGER attachment_review_events_no_update BEFORE UPDATE ON attachment_review_events
        BEGIN SELECT RAISE(ABORT, 'attachment_review_events is append-only'); END;
      CREATE TRIGGER attachment_review_events_no_delete BEFORE DELETE ON attachment_review_events
        BEGIN SELECT RAISE(ABORT, 'attachment_review_events is append-only'); END;

      -- The current own decision per attachment; attachment_review_events is the history it was derived from.
      CREATE TABLE attachment_reviews (
        attachment_id INTEGER PRIMARY KEY REFERENCES attachments(id),
        classification TEXT CHECK (classification = 'business' OR classification = 'personal' OR classification = 'mixed' OR classification = 'unclassified'),
        relevance TEXT CHECK (relevance = 'relevant' OR relevance = 'not_relevant' OR relevance = 'unassessed'),
        outcome TEXT CHECK (outcome = 'disclose' OR outcome = 'disclose_redacted' OR outcome = 'withhold' OR outcome = 'pending'),
        article8_own INTEGER NOT NULL CHECK (article8_own IN (0, 1)),
        article8_id INTEGER REFERENCES article8_assessments(id),
        rationale TEXT,
        last_event_id INTEGER NOT NULL REFERENCES attachment_review_events(id),
        updated_at INTEGER NOT NULL,
        updated_by TEXT NOT NULL,
        CHECK (article8_own = 1 OR article8_id IS NULL)
      ) STRICT;
      CREATE INDEX attachment_reviews_by_outcome ON attachment_reviews(outcome);
    `,
  ],
};
