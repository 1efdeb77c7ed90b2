/**
 * An RSMF export folder: one `<reference>.rsmf` per produced reference and `rsmf-export.json`, which
 * says what the folder is (case, state, references, each file's SHA-256). Verifying it (at export, and
 * later with `disclosure-desk verify`) checks the folder holds exactly those files, each file against
 * the official schema and our rules (validate.ts), and searches every byte a reader could get at for
 * the hidden texts: the e-mail as written, its decoded text body, every member of its decoded rsmf.zip,
 * and the manifest's strings with their JSON escapes undone.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CancellationToken } from '../../../common/domain/cancellation';
import { throwIfCancelled } from '../../../common/domain/cancellation';
import type { LeakLocation, VerifyProblem, VerifyReport } from '../../../common/domain/verification';
import { canonicalJson } from '../../../common/domain/canonical-json';
import { checkableNeedles, findLeaks } from '../leaks';
import { checkFiles, foundLeaks, leakProblems, type LeakCheck } from '../verify';
import { RSMF_MANIFEST } from './manifest';
import { rsmfProblems } from './validate';

export const RSMF_EXPORT_FILE = 'rsmf-export.json';
export const RSMF_EXPORT_FORMAT = 'disclosure-desk-rsmf/1';

export interface RsmfExportDocument {
  readonly reference: string;
  readonly file: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly events: number;
  readonly attachments: number;
  readonly eventCollectionId: string;
  readonly produced: number;
}

export interface RsmfExportManifest {
  readonly format: typeof RSMF_EXPORT_FORMAT;
  readonly app: { readonly name: 'Disclosure Desk'; readonly version: string };
  readonly case: { readonly caseId: string; readonly name: string; readonly path: string };
  readonly exportedBy: string;
  readonly stateAsAt: string;
  readonly decisionsHash: string;
  readonly settings: Readonly<Record<string, unknown>>;
  readonly bundle: {
    readonly draft: boolean;
    readonly references: { readonly prefix: string; readonly first: string; readonly last: string };
    readonly version: number;
    readonly reissueOf: number | null;
  };
  readonly auditChainHead: { readonly id: number; readonly hash: string } | null;
  readonly rsmf: { readonly version: string; readonly schema: string };
  readonly documents: readonly RsmfExportDocument[];
  readonly items: { readonly produced: number; readonly withheld: number };
  readonly files: readonly { readonly name: string; readonly role: 'rsmf'; readonly bytes: number; readonly sha256: string }[];
}

export class RsmfExportManifestError extends Error {
  constructor(path: string, problem: string) {
    super(`${path} is not a Disclosure Desk RSMF export manifest: ${problem}`);
    this.name = 'RsmfExportManifestError';
  }
}

/** Canonical (sorted keys), indented; no export time, so the same case gives the same bytes. */
export const rsmfExportJson = (manifest: RsmfExportManifest): string => `${JSON.stringify(JSON.parse(canonicalJson(manifest)), null, 2)}\n`;

export function readRsmfExport(path: string): RsmfExportManifest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new RsmfExportManifestError(path, (err as Error).message);
  }
  const m = parsed as Partial<RsmfExportManifest>;
  if (m.format !== RSMF_EXPORT_FORMAT)
    throw new RsmfExportManifestError(path, `its format is ${String(m.format)}, expected ${RSMF_EXPORT_FORMAT}`);
  if (!Array.isArray(m.files) || !Array.isArray(m.documents)) throw new RsmfExportManifestError(path, 'files or documents are missing');
  return m as RsmfExportManifest;
}

/** Whether `dir` is an RSMF export folder (it holds rsmf-export.json). */
export const isRsmfFolder = (dir: string): boolean => existsSync(join(dir, RSMF_EXPORT_FILE));

/** Every string in a JSON value (keys too), escapes undone: what a reader of the manifest sees. */
function jsonStrings(value: unknown, out: string[]): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) jsonStrings(v, out);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      jsonStrings(v, out);
    }
  return out;
}

export interface RsmfVerifyOptions {
  readonly token?: CancellationToken;
  /** The files the case recorded at export, name → SHA-256. */
  readonly recordedFiles?: ReadonlyMap<string, string>;
  /** This folder's name inside an export of several outputs (outputs/combined.ts). */
  readonly folder?: string;
}

/** Verifies the RSMF export in `dir`; `leakCheck` null checks everything but hidden texts, and says so. */
export async function verifyRsmfFolder(dir: string, leakCheck: LeakCheck | null, options: RsmfVerifyOptions = {}): Promise<VerifyReport> {
  const manifestPath = join(dir, RSMF_EXPORT_FILE);
  const manifest = readRsmfExport(manifestPath);
  const { problems, present } = checkFiles(dir, manifest, options.recordedFiles ?? null, RSMF_EXPORT_FILE);
  const { needles, unchecked } = checkableNeedles(leakCheck?.needles ?? []);
  const haystacks: { location: LeakLocation; text: string }[] = [];
  const listed = new Set(manifest.documents.map((d) => d.file));
  for (const file of manifest.files)
    if (!listed.has(file.name)) problems.push({ check: 'rsmf', message: `${file.name} is listed as a file but is no reference's RSMF` });
  for (const doc of manifest.documents) {
    throwIfCancelled(options.token, 'Verification');
    if (!present.has(doc.file)) continue;
    const bytes = readFileSync(join(dir, doc.file));
    const { read, problems: found } = await rsmfProblems(bytes);
    for (const p of found) problems.push({ check: 'rsmf', message: `${doc.file}: ${p}` });
    if (read && read.headers.text('X-RSMF-EventCount') !== String(doc.events))
      problems.push({
        check: 'rsmf',
        message: `${doc.file} holds ${read.headers.text('X-RSMF-EventCount') ?? 'no'} events; ${RSMF_EXPORT_FILE} says ${doc.events}`,
      });
    if (!leakCheck) continue;
    const at = (part: string): LeakLocation => ({ kind: 'rsmf', file: doc.file, part });
    haystacks.push({ location: at('the e-mail as written'), text: bytes.toString('utf8') });
    if (read) {
      haystacks.push({
        location: at('the e-mail’s headers'),
        text: read.headers.all.map((h) => `${h.name}: ${read.headers.text(h.name) ?? ''}`).join('\n'),
      });
      haystacks.push({ location: at('the text body'), text: read.body });
      for (const member of read.members) {
        haystacks.push({ location: at(`rsmf.zip member ${member.name}`), text: member.bytes.toString('utf8') });
        if (member.name === RSMF_MANIFEST && read.manifest !== null)
          haystacks.push({ location: at(`the strings of ${RSMF_MANIFEST}`), text: jsonStrings(read.manifest, []).join('\n') });
      }
    }
  }
  haystacks.push({ location: { kind: 'manifest' }, text: readFileSync(manifestPath, 'utf8') });
  if (leakCheck && needles.length) {
    const leaks = findLeaks(haystacks, needles);
    const found = foundLeaks(
      leaks,
      haystacks.map((h) => h.location),
      leakCheck.needles,
    );
    problems.push(...leakProblems(leakCheck, found));
  }
  return report(manifest, problems, leakCheck !== null, needles.length, unchecked);
}

const report = (
  manifest: RsmfExportManifest,
  problems: VerifyProblem[],
  leakCheck: boolean,
  checked: number,
  unchecked: number,
): VerifyReport => ({
  ok: problems.length === 0,
  pages: 0,
  documents: manifest.documents.length,
  scheduleRows: 0,
  checkedStrings: checked,
  tooShortToCheck: unchecked,
  leakCheck,
  problems,
});
