import type { ExportSettings } from '../../../main/export/run';

/** A final bundle of everything disclosed, one reference per conversation from INQ000000001; tests change what they are about. */
export const exportSettings = (outputDir: string, overrides: Partial<ExportSettings> = {}): ExportSettings => ({
  prefix: 'INQ',
  firstNumber: 1,
  width: 9,
  unit: 'conversation',
  xlsx: true,
  draft: false,
  reissue: null,
  outputDir,
  scope: { query: null, custodianIds: null, from: null, to: null, outcomes: ['disclose', 'disclose_redacted'], includePending: false },
  ...overrides,
});
