/**
 * What a bundle export is asked for, before the case fills in what was left out (main/export/settings.ts
 * resolves it to what an export runs with). Pure TypeScript.
 */
import type { DocumentUnit, Outcome } from './model';

/** The output an export makes unless another is named: the PDF, its schedule and manifest, verified. */
export const DEFAULT_EXPORT_OUTPUT = 'pdf-bundle';

/** Which messages a bundle produces. */
export interface ExportScopeInput {
  /** Search syntax, as on the Search screen; null for the whole case. */
  readonly query: string | null;
  readonly custodianIds: number[] | null;
  /** UTC epoch ms, inclusive / exclusive. */
  readonly from: number | null;
  readonly to: number | null;
  /** The decided outcomes to produce (withheld items are listed on the schedule, never produced). */
  readonly outcomes: Extract<Outcome, 'disclose' | 'disclose_redacted'>[];
  /** Produce undecided messages too (a draft bundle, or a case reviewed elsewhere). */
  readonly includePending: boolean;
}

/** A bundle export as asked for. */
export interface ExportSettingsInput {
  /** Which registered output makes the bundle (main/export/outputs), by id: 'pdf-bundle' unless another is named. */
  readonly output: string;
  /** Omitted: the case's reference prefix. */
  readonly prefix?: string;
  /** Omitted: the first number no earlier final bundle under this prefix used. */
  readonly firstNumber?: number;
  /** Digits in a reference number. */
  readonly width: number;
  readonly unit: DocumentUnit;
  readonly scope: ExportScopeInput;
  /** Write the schedule as XLSX too (it is always written as CSV). */
  readonly xlsx: boolean;
  /** Marked draft: DRAFT on every page and DRAFT- references (undecided items make a draft anyway). */
  readonly draft: boolean;
  /** A new version of an earlier final bundle, keeping its references; the reason is recorded. */
  readonly reissue: { readonly bundleId: number; readonly reason: string } | null;
  readonly outputDir: string;
}
