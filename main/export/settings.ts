/** From the contract's settings (common/contract/channels/export.ts) to what an export runs with. */
import type { CaseMetaRow } from '../../db/queries/case-meta';
import type { ExportSettingsInput } from '../../common/domain/export-settings';
import type { ExportSettings } from './run';

export const toExportSettings = (input: ExportSettingsInput, meta: CaseMetaRow): ExportSettings => ({
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
