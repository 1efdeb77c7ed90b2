/**
 * What `disclosure-desk verify <dir>` checks: a PDF bundle folder (manifest.json), an RSMF export
 * folder (rsmf-export.json), or an export of several outputs (outputs/combined.ts) whose folders are
 * named by output id. Each part is verified against the case by its own rules; the reports are joined.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { ReadableDB } from '../../db/connection';
import type { VerifyReport } from '../../common/domain/verification';
import { MANIFEST_FILE, readManifest } from './manifest';
import { readRsmfExport, RSMF_EXPORT_FILE } from './rsmf/folder';
import { verifyRecordedRsmf } from './rsmf/verify-recorded';
import { verifyRecordedBundle } from './verify-recorded';

export type ExportPartKind = 'pdf-bundle' | 'rsmf';

export interface ExportPart {
  readonly kind: ExportPartKind;
  readonly dir: string;
  /** Its folder's name inside an export of several outputs; null when it is the export's folder itself. */
  readonly folder: string | null;
}

export class NotAnExportError extends Error {
  constructor(dir: string) {
    super(
      `${dir} holds no ${MANIFEST_FILE} or ${RSMF_EXPORT_FILE} (nor folders pdf-bundle/ or rsmf/ holding them): it is not a Disclosure Desk export`,
    );
    this.name = 'NotAnExportError';
  }
}

const kindOf = (dir: string): ExportPartKind | null =>
  existsSync(join(dir, MANIFEST_FILE)) ? 'pdf-bundle' : existsSync(join(dir, RSMF_EXPORT_FILE)) ? 'rsmf' : null;

/** The parts of the export in `dir`. */
export function exportParts(dir: string): ExportPart[] {
  const own = kindOf(dir);
  if (own) return [{ kind: own, dir, folder: null }];
  const parts: ExportPart[] = [];
  for (const folder of ['pdf-bundle', 'rsmf'] as const) {
    const sub = join(dir, folder);
    if (existsSync(sub) && statSync(sub).isDirectory() && kindOf(sub) === folder) parts.push({ kind: folder, dir: sub, folder });
  }
  if (parts.length === 0) throw new NotAnExportError(dir);
  return parts;
}

/** The case the export names (its manifest's `case.path`). */
export const exportCasePath = (part: ExportPart): string =>
  part.kind === 'pdf-bundle'
    ? readManifest(join(part.dir, MANIFEST_FILE)).case.path
    : readRsmfExport(join(part.dir, RSMF_EXPORT_FILE)).case.path;

/** Verifies each part against the case (null: without it, so no leak search). */
export async function verifyExportParts(
  db: ReadableDB | null,
  parts: readonly ExportPart[],
): Promise<{ part: ExportPart; report: VerifyReport }[]> {
  const reports: { part: ExportPart; report: VerifyReport }[] = [];
  for (const part of parts) {
    const options = part.folder === null ? {} : { folder: part.folder };
    const report =
      part.kind === 'pdf-bundle' ? await verifyRecordedBundle(db, part.dir, options) : await verifyRecordedRsmf(db, part.dir, options);
    reports.push({ part, report });
  }
  return reports;
}

/** Several parts' reports as one: ok only when each is; problems in part order. */
export const mergedReport = (reports: readonly VerifyReport[]): VerifyReport => ({
  ok: reports.every((r) => r.ok),
  pages: reports.reduce((n, r) => n + r.pages, 0),
  documents: Math.max(0, ...reports.map((r) => r.documents)),
  scheduleRows: reports.reduce((n, r) => n + r.scheduleRows, 0),
  checkedStrings: Math.max(0, ...reports.map((r) => r.checkedStrings)),
  tooShortToCheck: Math.max(0, ...reports.map((r) => r.tooShortToCheck)),
  leakCheck: reports.every((r) => r.leakCheck),
  problems: reports.flatMap((r) => r.problems),
});

/** The export in `dir`, whatever it holds, verified against the case as one report (the Bundles screen's check). */
export async function verifyExport(db: ReadableDB | null, dir: string): Promise<VerifyReport> {
  return mergedReport((await verifyExportParts(db, exportParts(dir))).map((r) => r.report));
}
