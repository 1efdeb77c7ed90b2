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

/**
 * What a person asks to export (the CLI's `--profile`, the Bundles screen's choice), and the output
 * each one is. Several at once make one export with the same references (main/export/outputs/combined.ts).
 */
export const EXPORT_PROFILES = [
  {
    profile: 'bundle',
    output: 'pdf-bundle',
    label: 'PDF bundle',
    purpose: 'For people to read and cite: the PDF, its schedule and manifest.',
  },
  {
    profile: 'rsmf',
    output: 'rsmf',
    label: 'RSMF 2.0',
    purpose: 'For a review platform such as Relativity: one .rsmf file per reference, redactions applied.',
  },
] as const;
export type ExportProfile = (typeof EXPORT_PROFILES)[number]['profile'];

export class UnknownProfileError extends Error {
  constructor(name: string) {
    super(
      `There is no export profile "${name}": choose from ${EXPORT_PROFILES.map((p) => p.profile).join(', ')} (several separated by commas).`,
    );
    this.name = 'UnknownProfileError';
  }
}

/** The output id for the profiles asked for, in the order given, each once: ["bundle", "rsmf"] → "pdf-bundle+rsmf". */
export function outputForProfiles(names: readonly string[]): string {
  const outputs: string[] = [];
  for (const name of names) {
    const found = EXPORT_PROFILES.find((p) => p.profile === name);
    if (!found) throw new UnknownProfileError(name);
    if (!outputs.includes(found.output)) outputs.push(found.output);
  }
  return outputs.length ? outputs.join('+') : DEFAULT_EXPORT_OUTPUT;
}
