/**
 * `disclosure-desk verify <bundle dir> [--case <case>]`: re-checks a bundle's hashes, pages,
 * references and schedule, and — with its case (the manifest names it; `--case` overrides) — that no
 * redacted or withheld text appears anywhere in it. Opens the case read-only. Exit 1 on any problem.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { closeCase, openCase } from '../cases/service';
import { MANIFEST_FILE, readManifest } from '../export/manifest';
import { refusePartialFolder } from '../export/partials';
import { verifyRecordedBundle } from '../export/verify-recorded';
import type { VerifyReport } from '../export/verify';
import type { Command } from './commands';
import { UsageError } from './io';

export class BundleProblemsError extends Error {
  constructor(report: VerifyReport) {
    super(`the bundle failed verification:\n${report.problems.map((p) => `  - ${p.message}`).join('\n')}`);
    this.name = 'BundleProblemsError';
  }
}

export class UnrecordedBundleError extends Error {
  constructor(dir: string) {
    super(
      `${dir} is not a bundle recorded in that case, so the redaction leak search could not be done: pass the case it was exported from with --case <case>`,
    );
    this.name = 'UnrecordedBundleError';
  }
}

export class CaseNeededError extends Error {
  constructor(path: string) {
    super(`the bundle's case (${path}) was not found, so redaction leaks cannot be checked: pass --case <case>`);
    this.name = 'CaseNeededError';
  }
}

export const verifyCommand: Command = {
  usage: 'verify <bundle dir> [--case <case>]',
  options: { case: { type: 'string' } },
  async run({ positionals, values, json }, io) {
    const [dir, ...rest] = positionals;
    if (dir === undefined) throw new UsageError('missing <bundle dir>');
    if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}"`);
    refusePartialFolder(dir);
    const casePath = typeof values.case === 'string' ? values.case : readManifest(join(dir, MANIFEST_FILE)).case.path;
    if (!existsSync(casePath)) throw new CaseNeededError(casePath);
    const session = openCase(casePath, { readOnly: true });
    let report: VerifyReport;
    try {
      report = await verifyRecordedBundle(session.db, dir);
    } finally {
      closeCase(session);
    }
    if (json) io.out(JSON.stringify(report));
    else if (report.ok) {
      io.out(
        `Bundle verified: ${report.pages} pages, ${report.documents} reference(s), ${report.scheduleRows} schedule rows; files match the manifest.`,
      );
      io.out(
        report.leakCheck
          ? `No redacted or withheld text found (${report.checkedStrings} strings searched${report.tooShortToCheck ? `, ${report.tooShortToCheck} too short to search` : ''}).`
          : 'This bundle is not recorded in that case: the redaction leak search was not done.',
      );
    }
    if (!report.ok) throw new BundleProblemsError(report);
    if (!report.leakCheck) throw new UnrecordedBundleError(dir);
  },
};
