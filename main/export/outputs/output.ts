/**
 * What an export output is: one module that turns the selection (items.ts) into files in a folder and
 * checks what it wrote, and one entry in the registry (index.ts). The export around it (run.ts) is the
 * same for every output: one snapshot, the consistency acknowledgement, a partial folder that only
 * becomes the bundle once verified, and the bundle's record and audit entry.
 */
import type { CancellationToken } from '../../../common/domain/cancellation';
import type { VerifyReport } from '../../../common/domain/verification';
import type { Selection } from '../items';
import type { ManifestAcknowledgement } from '../manifest';
import type { ExportProgress, ExportSettings } from '../settings';

/** What the export knows of its own run, for an output's manifest, cover or log. */
export interface ExportRun {
  readonly actor: string;
  readonly appVersion: string;
  readonly casePath: string;
  /** The case state exported (its last change), epoch ms. */
  readonly stateAt: number;
  /** SHA-256 over the decisions the bundle is built from (run.ts, decisionsHash). */
  readonly decisionsHash: string;
  /** The audit entry the bundle's state ends with (docs/spec.md §12). */
  readonly chainHead: { readonly id: number; readonly hash: string } | null;
  /** How many items needed a second look, and the reviewer's acknowledgement of them (null when none did). */
  readonly consistency: { readonly warnings: number; readonly acknowledgement: ManifestAcknowledgement | null };
  /** The settings as the bundle's record holds them. */
  readonly settings: Readonly<Record<string, unknown>>;
}

export interface OutputContext {
  /** The partial folder to write into (owner-only files); it becomes the bundle's folder once recorded. */
  readonly dir: string;
  /** Checked between units of work; a cancelled output throws CancelledError and the folder is removed. */
  readonly token: CancellationToken | undefined;
  readonly onProgress: (progress: ExportProgress) => void;
  readonly run: ExportRun;
  /** Test seam: runs between writing and verifying (a test plants a leak here). */
  readonly beforeVerify?: (dir: string) => void | Promise<void>;
}

/** A file the export's result lists: `role` says what it is to its output ("pdf", "schedule-csv"…). */
export interface OutputFile {
  readonly name: string;
  readonly role: string;
  readonly bytes: number;
  readonly sha256: string;
}

/** A produced message's place in the output, for the bundle's record (bundle_items). */
export interface PlacedItem {
  readonly messageId: number;
  readonly reference: string;
  /** First and last page, 1-based (the bundle's record requires one); an output without pages gives 1 and 1. */
  readonly start: number;
  readonly end: number;
}

export interface ProducedOutput {
  /** The files the result lists. */
  readonly files: readonly OutputFile[];
  /** Every file in the folder (a manifest too) and its SHA-256: the record `verify` later holds the folder to. */
  readonly written: readonly { readonly name: string; readonly sha256: string }[];
  /** Pages in all; 0 for an output without pages. */
  readonly pages: number;
  /** Every produced message, once. */
  readonly placed: readonly PlacedItem[];
  /** The output's check of what it wrote: a failed one is refused (BundleVerificationError) and the folder removed. */
  readonly verification: VerifyReport;
}

export interface ExportOutput {
  /** What the contract's `output` names it by (a-z, 0-9, "-"). */
  readonly id: string;
  /** For people: "PDF bundle". */
  readonly label: string;
  /** What it writes, in a sentence. */
  readonly writes: string;
  produce(selection: Selection, settings: ExportSettings, ctx: OutputContext): Promise<ProducedOutput>;
}
