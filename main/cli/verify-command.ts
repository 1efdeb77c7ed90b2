/**
 * `disclosure-desk verify <export dir> [--case <case>]`: re-checks a bundle's hashes, pages,
 * references and schedule, an RSMF export's files against the official schema and our rules (or both,
 * for an export of several profiles), and — with its case (the manifest names it; `--case` overrides)
 * — that no redacted or withheld text appears anywhere in it. Opens the case read-only. Exit 1 on any problem.
 */
import { existsSync } from 'node:fs';
import { closeCase, openCase } from '../cases/service';
import { refusePartialFolder } from '../export/partials';
import type { VerifyReport } from '../export/verify';
import { exportCasePath, exportParts, verifyExportParts, type ExportPart } from '../export/verify-export';
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

/** The words for one verified part: what was checked, and whether the leak search was done. */
function describe(kind: ExportPart['kind'], folder: string | null, report: VerifyReport): string[] {
  const where = folder === null ? '' : `${folder}/: `;
  const checked =
    kind === 'pdf-bundle'
      ? `${where}Bundle verified: ${report.pages} pages, ${report.documents} reference(s), ${report.scheduleRows} schedule rows; files match the manifest.`
      : `${where}RSMF export verified: ${report.documents} file(s), each valid against the official RSMF 2.0.0 schema and the reference rules; files match rsmf-export.json.`;
  const leaks = report.leakCheck
    ? `${where}No redacted or withheld text found (${report.checkedStrings} strings searched${report.tooShortToCheck ? `, ${report.tooShortToCheck} too short to search` : ''}).`
    : `${where}This export is not recorded in that case: the redaction leak search was not done.`;
  return [checked, leaks];
}

export const verifyCommand: Command = {
  usage: 'verify <export dir> [--case <case>]   # a PDF bundle, an RSMF export, or both (one folder per profile)',
  options: { case: { type: 'string' } },
  async run({ positionals, values, json }, io) {
    const [dir, ...rest] = positionals;
    if (dir === undefined) throw new UsageError('missing <export dir>');
    if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}"`);
    refusePartialFolder(dir);
    const parts = exportParts(dir);
    const casePath = typeof values.case === 'string' ? values.case : exportCasePath(parts[0] as ExportPart);
    if (!existsSync(casePath)) throw new CaseNeededError(casePath);
    const session = openCase(casePath, { readOnly: true });
    let results: { part: ExportPart; report: VerifyReport }[];
    try {
      results = await verifyExportParts(session.db, parts);
    } finally {
      closeCase(session);
    }
    const ok = results.every((r) => r.report.ok);
    if (json) {
      const only = results.length === 1 ? results[0] : undefined;
      io.out(
        JSON.stringify(
          only ? only.report : { ok, parts: results.map((r) => ({ folder: r.part.folder, kind: r.part.kind, report: r.report })) },
        ),
      );
    } else if (ok) for (const r of results) for (const line of describe(r.part.kind, r.part.folder, r.report)) io.out(line);
    const failed = results.find((r) => !r.report.ok);
    if (failed) throw new BundleProblemsError(failed.report);
    if (results.some((r) => !r.report.leakCheck)) throw new UnrecordedBundleError(dir);
  },
};
