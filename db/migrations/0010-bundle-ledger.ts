/**
 * What each bundle is, beyond its files: a draft or a final bundle, the reference numbers it used
 * (so a later final bundle never reuses them), which version of which bundle it is when re-issued and
 * why, and the consistency warnings the reviewer acknowledged before it was produced.
 *
 * Bundles recorded before this migration are final: whatever they contained, their numbers were
 * printed and handed out under the case's prefix, so the ledger must count them. Their last number
 * is their first plus one per distinct reference recorded in bundle_items.
 */
import type { Migration } from './types';

export const bundleLedger: Migration = {
  version: 10,
  name: 'bundle ledger',
  steps: [
    `
      ALTER TABLE bundles ADD COLUMN draft INTEGER NOT NULL DEFAULT 0 CHECK (draft IN (0, 1));
      ALTER TABLE bundles ADD COLUMN last_number INTEGER;
      ALTER TABLE bundles ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1);
      ALTER TABLE bundles ADD COLUMN reissue_of INTEGER REFERENCES bundles(id);
      ALTER TABLE bundles ADD COLUMN reissue_reason TEXT;
      ALTER TABLE bundles ADD COLUMN acknowledgement TEXT CHECK (acknowledgement IS NULL OR json_valid(acknowledgement));

      UPDATE bundles SET last_number = first_number
        + max(0, (SELECT count(DISTINCT i.reference) FROM bundle_items i WHERE i.bundle_id = bundles.id) - 1);

      CREATE INDEX bundles_by_reissue ON bundles(reissue_of);
      CREATE TRIGGER bundles_ledger_complete BEFORE INSERT ON bundles
        WHEN NEW.last_number IS NULL OR NEW.last_number < NEW.first_number
          OR (NEW.reissue_of IS NULL) <> (NEW.reissue_reason IS NULL)
          OR (NEW.reissue_of IS NULL) <> (NEW.version = 1)
        BEGIN SELECT RAISE(ABORT, 'a bundle needs its last reference number, and a re-issue its original, version and reason'); END;
    `,
  ],
};
