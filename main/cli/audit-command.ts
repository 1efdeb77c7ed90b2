/**
 * `disclosure-desk audit <case> --verify [--against <bundle folder or pack file>]`: re-computes the
 * hash chain and names any entry that was edited, deleted or moved; with `--against`, also proves the
 * log still holds the chain head that bundle or custodian check pack recorded at export (anchor.ts).
 * Opens the case read-only: checking the log must never change the case.
 */
import { verifyAuditAgainst, type AnchoredVerification } from '../audit/anchor';
import { verifyAudit, type AuditVerification } from '../audit/log';
import { closeCase, openCase } from '../cases/service';
import { UsageError } from './io';
import type { Command } from './commands';

/** The chain is broken, or no longer holds the head a bundle or pack recorded: exit 1, naming each problem. */
export class AuditBrokenError extends Error {
  constructor(result: AuditVerification, anchor: AnchoredVerification['anchor'] | null = null) {
    const lines = [...result.problems.map((p) => p.message), ...(anchor && anchor.status !== 'intact' ? [anchor.message] : [])];
    super(`the audit log has been tampered with (${result.entries} entries checked):\n${lines.map((line) => `  - ${line}`).join('\n')}`);
    this.name = 'AuditBrokenError';
  }
}

export const auditCommand: Command = {
  usage: 'audit <case> --verify [--against <bundle folder or pack.ddcase>]',
  options: { verify: { type: 'boolean' }, against: { type: 'string' } },
  async run({ positionals, values, json }, io) {
    const [casePath, ...rest] = positionals;
    if (casePath === undefined) throw new UsageError('missing <case> path');
    if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}"`);
    if (values.verify !== true) throw new UsageError('add --verify to check the audit log');
    const against = typeof values.against === 'string' ? values.against : undefined;
    const session = openCase(casePath, { readOnly: true });
    let result: AuditVerification;
    let anchor: AnchoredVerification['anchor'] | null = null;
    try {
      if (against === undefined) result = verifyAudit(session.db);
      else ({ anchor, ...result } = verifyAuditAgainst(session.db, against));
    } finally {
      closeCase(session);
    }
    if (json) io.out(JSON.stringify(anchor ? { ...result, anchor } : result));
    else if (result.ok) {
      io.out(`Audit log intact: ${result.entries} entr${result.entries === 1 ? 'y' : 'ies'}, hash chain verified.`);
      if (anchor) io.out(anchor.message);
    }
    if (!result.ok) throw new AuditBrokenError(result, anchor);
  },
};
