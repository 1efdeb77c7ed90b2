/**
 * manifest.json: what a bundle is and how to check it. SHA-256 of every output file and of every
 * source the case was built from (as hashed at import), the app version, the settings, the hash of
 * the decisions snapshot, the document units with their pages, and every character substitution the
 * PDF made. `exportedAt` is the one field that changes between identical exports; the PDF itself
 * carries only the case-state time.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { canonicalJson } from '../../common/domain/canonical-json';
import type { NormalisedRect } from '../../common/domain/media';
import type { SubstitutionCounts } from './text-measure';

export const MANIFEST_FILE = 'manifest.json';
export const MANIFEST_FORMAT = 'disclosure-desk-bundle/1';

export interface ManifestDocument {
  readonly reference: string;
  readonly firstBundlePage: number;
  readonly pages: number;
}

export interface ManifestFile {
  readonly name: string;
  readonly role: 'pdf' | 'schedule-csv' | 'schedule-xlsx' | 'attachments-csv';
  readonly bytes: number;
  readonly sha256: string;
}

/**
 * An attachment of a produced message, as the bundle dealt with it (docs/spec.md §13): the schedule's
 * row, and for an embedded image what verification needs to find and check it in the PDF.
 */
export interface ManifestAttachment {
  readonly attachmentId: number;
  readonly messageId: number;
  readonly reference: string;
  readonly bundlePage: number;
  /** As printed: "[REDACTED: reason]" for a redacted name, the slip for a withheld attachment. */
  readonly name: string;
  readonly status: 'embedded' | 'listed' | 'not-produced' | 'withheld' | 'absent';
  readonly type: string;
  /** Null when withheld (neither its size nor its hash is disclosed) or unknown. */
  readonly size: number | null;
  readonly originalSha256: string | null;
  /** Why nothing was produced (status not-produced or absent). */
  readonly reason: string | null;
  /** The rendition embedded, for status embedded. */
  readonly produced: {
    readonly sha256: string;
    readonly mime: 'image/jpeg' | 'image/png';
    readonly width: number;
    readonly height: number;
    /** The PDF object (an image XObject) holding it. */
    readonly pdfObject: number;
    /** The redacted regions, normalised to the image: verification checks each is uniform fill. */
    readonly regions: readonly NormalisedRect[];
  } | null;
}

/** The consistency warnings the reviewer saw and accepted before export (consistency.ts): items by id and reference, never their text. */
export interface ManifestAcknowledgement {
  readonly by: string;
  /** ISO time of the export that recorded it. */
  readonly at: string;
  readonly fingerprint: string;
  readonly warnings: readonly { readonly messageId: number; readonly reference: string; readonly kinds: readonly string[] }[];
}

export interface Manifest {
  readonly format: typeof MANIFEST_FORMAT;
  readonly app: { readonly name: 'Disclosure Desk'; readonly version: string };
  readonly case: { readonly caseId: string; readonly name: string; readonly path: string };
  readonly exportedAt: string;
  readonly exportedBy: string;
  /** The time of the last change to the case before this export: the bundle shows the state as at then. */
  readonly stateAsAt: string;
  readonly decisionsHash: string;
  readonly settings: Readonly<Record<string, unknown>>;
  /** Absent from bundles made before drafts and versions were recorded. */
  readonly bundle?: {
    readonly draft: boolean;
    readonly references: { readonly prefix: string; readonly first: string; readonly last: string };
    readonly version: number;
    readonly reissueOf: number | null;
    readonly reissueReason: string | null;
  };
  /** The audit entry the bundle's case state ends with; `verify` checks the case's log still holds it. */
  readonly auditChainHead?: { readonly id: number; readonly hash: string } | null;
  readonly consistency?: { readonly warnings: number; readonly acknowledgement: ManifestAcknowledgement | null };
  readonly pages: number;
  readonly documents: readonly ManifestDocument[];
  readonly items: {
    readonly produced: number;
    readonly withheld: number;
    readonly redactionBoxes: number;
    /** Attachments of produced messages withheld whole (a slip in place of each). */
    readonly withheldAttachments: number;
  };
  readonly substitutions: SubstitutionCounts;
  readonly leakCheck: { readonly checked: number; readonly tooShortToCheck: number };
  readonly files: readonly ManifestFile[];
  /** Absent from bundles made before attachments were produced. */
  readonly attachments?: readonly ManifestAttachment[];
  readonly sources: readonly { readonly custodian: string; readonly fileName: string; readonly sha256: string }[];
}

export const sha256 = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

/** A file's SHA-256, read in chunks (a bundle's PDF can be hundreds of megabytes). */
export function sha256File(path: string): string {
  const hash = createHash('sha256');
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(1 << 20);
    for (let read = readSync(fd, buffer, 0, buffer.length, null); read > 0; read = readSync(fd, buffer, 0, buffer.length, null))
      hash.update(buffer.subarray(0, read));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

export const fileEntry = (name: string, role: ManifestFile['role'], bytes: Uint8Array | string): ManifestFile => ({
  name,
  role,
  bytes: typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.byteLength,
  sha256: sha256(bytes),
});

/** Canonical (sorted keys), indented for people to read. */
export const manifestJson = (manifest: Manifest): string => `${JSON.stringify(JSON.parse(canonicalJson(manifest)), null, 2)}\n`;

export class ManifestError extends Error {
  constructor(path: string, problem: string) {
    super(`${path} is not a Disclosure Desk bundle manifest: ${problem}`);
    this.name = 'ManifestError';
  }
}

export function readManifest(path: string): Manifest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ManifestError(path, (err as Error).message);
  }
  const m = parsed as Partial<Manifest>;
  if (m.format !== MANIFEST_FORMAT) throw new ManifestError(path, `its format is ${String(m.format)}, expected ${MANIFEST_FORMAT}`);
  if (!Array.isArray(m.files) || !Array.isArray(m.documents) || typeof m.pages !== 'number')
    throw new ManifestError(path, 'files, documents or pages are missing');
  return m as Manifest;
}
