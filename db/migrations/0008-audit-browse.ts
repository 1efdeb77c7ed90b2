/**
 * Indexes for browsing the audit log (the Audit screen): filter by action, actor, date or the item an
 * entry concerns (its subject), newest first, on logs of 100,000 entries and more. The log itself is
 * unchanged; indexes are not part of its hash chain.
 */
import type { Migration } from './types';

export const auditBrowse: Migration = {
  version: 8,
  name: 'audit log browse indexes',
  steps: [
    `
      CREATE INDEX audit_log_by_action ON audit_log(action);
      CREATE INDEX audit_log_by_actor ON audit_log(actor);
      CREATE INDEX audit_log_by_at ON audit_log(at);
      CREATE INDEX audit_log_by_subject ON audit_log(subject);
    `,
  ],
};
