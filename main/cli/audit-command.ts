/**
 * `disclosure-desk audit <case> --verify`: re-computes the hash chain and names any entry that was
 * edited, deleted or moved. Opens the case read-only: checking the log must never change the case.
 */
import { verifyAudit, type AuditVerification } from '../audit/log';
import { closeCase, openCase } from '../cases/service';
import { UsageError } from './io';
import type { Command } from './commands';

/** The chain is broken: exit 1, naming each problem. */
export class AuditBrokenError extends Error {
  constructor(result: AuditVerification) {
    super(`the audit log has been tampered with (${result.entries} entries checked):\n${result.problems.map((p) => `  - ${p.message}`).join('\n')}`);
    this.name = 'AuditBrokenError';
  }
}

export const auditCommand: Command = {
  usage: 'audit <case> --verify',
  options: { verify: { type: 'boolean' } },
  async run({ positionals, values, json }, io) {
    const [casePath, ...rest] = positionals;
    if (casePath === undefined) throw new UsageError('missing <case> path');
    if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}"`);
    if (values.verify !== true) throw new UsageError('add --verify to check the audit log');
    const session = openCase(casePath, { readOnly: true });
    let result: AuditVerification;
    try {
      result = verifyAudit(session.db);
    } finally {
      closeCase(session);
    }
    if (json) io.out(JSON.stringify(result));
    else if (result.ok) io.out(`Audit log intact: ${result.entries} entr${result.entries === 1 ? 'y' : 'ies'}, hash chain verified.`);
    if (!result.ok) throw new AuditBrokenError(result);
  },
};
