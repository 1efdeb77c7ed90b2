/** What an export runs with, and how the contract's settings (common/contract/channels/export.ts) become it. */
import type { CaseMetaRow } from '../../db/queries/case-meta';
import type { ExportSettingsInput } from '../../common/domain/export-settings';
import type { DocumentUnit } from '../../common/domain/model';
import type { ScopeSettings } from './scope';

export interface ExportSettings {
  /** Which registered output makes the bundle (outputs/index.ts); absent: DEFAULT_OUTPUT, the PDF bundle. */
  readonly output?: string;
  readonly prefix: string;
  /** Null: the first number no earlier final bundle under this prefix used (numbering.ts). */
  readonly firstNumber: number | null;
  readonly width: number;
  /** Marked draft by the reviewer (a bundle including undecided items is a draft anyway). */
  readonly draft: boolean;
  /** A new version of an earlier final bundle, with the same references, and why. */
  readonly reissue: { readonly bundleId: number; readonly reason: string } | null;
  readonly unit: DocumentUnit;
  readonly scope: ScopeSettings;
  readonly xlsx: boolean;
  /** The bundle's folder: created by the export, must not exist yet (or be empty). */
  readonly outputDir: string;
}

export interface ExportProgress {
  readonly phase: 'planning' | 'drawing' | 'numbering' | 'writing' | 'verifying';
  readonly pages: number;
  readonly totalPages: number;
}

export const toExportSettings = (input: ExportSettingsInput, meta: CaseMetaRow): ExportSettings => ({
  output: input.output,
  prefix: input.prefix ?? meta.referencePrefix,
  firstNumber: input.firstNumber ?? null,
  width: input.width,
  unit: input.unit,
  draft: input.draft,
  reissue: input.reissue,
  scope: {
    query: input.scope.query,
    custodianIds: input.scope.custodianIds,
    from: input.scope.from,
    to: input.scope.to,
    outcomes: input.scope.outcomes,
    includePending: input.scope.includePending,
  },
  xlsx: input.xlsx,
  outputDir: input.outputDir,
});
