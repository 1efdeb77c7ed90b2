/** The Bundles form's fields and how they become `ExportSettings`. Pure. */
import type { z } from 'zod';
import type { DocumentUnit } from '../../../main/domain/model';
import type { ExportSettingsSchema } from '../../../preload/channels/export';
import { endOfDay, startOfDay } from '../search/zonedDate';

export type ExportSettingsArgs = z.input<typeof ExportSettingsSchema>;
export type ProducedOutcome = 'disclose' | 'disclose_redacted';

export interface BundleForm {
  readonly prefix: string;
  readonly firstNumber: string;
  readonly width: string;
  readonly unit: DocumentUnit;
  /** Empty: every custodian. */
  readonly custodianIds: readonly number[];
  /** `YYYY-MM-DD` days in the case's zone, or ''. */
  readonly from: string;
  readonly to: string;
  readonly outcomes: readonly ProducedOutcome[];
  readonly includePending: boolean;
  readonly xlsx: boolean;
  readonly outputDir: string;
}

export const defaultForm = (prefix: string): BundleForm => ({
  prefix,
  firstNumber: '1',
  width: '9',
  unit: 'conversation',
  custodianIds: [],
  from: '',
  to: '',
  outcomes: ['disclose', 'disclose_redacted'],
  includePending: false,
  xlsx: true,
  outputDir: '',
});

/** What main needs, or the first thing wrong with the form in words. */
export function toSettings(form: BundleForm, timeZone: string): { settings: Omit<ExportSettingsArgs, 'outputDir'>; problem: string | null } {
  const firstNumber = Number(form.firstNumber);
  const width = Number(form.width);
  const from = form.from ? startOfDay(form.from, timeZone) : null;
  const to = form.to ? endOfDay(form.to, timeZone) : null;
  let problem: string | null = null;
  if (!/^\d+$/.test(form.firstNumber.trim())) problem = 'The first number must be a whole number, 0 or more.';
  else if (!/^\d+$/.test(form.width.trim()) || width < 1 || width > 18) problem = 'The number width must be between 1 and 18 digits.';
  else if (form.outcomes.length === 0) problem = 'Choose at least one outcome to produce.';
  else if (from !== null && to !== null && from >= to) problem = 'The first day must not be after the last.';
  return {
    problem,
    settings: {
      prefix: form.prefix.trim() || undefined,
      firstNumber: Number.isSafeInteger(firstNumber) ? firstNumber : 1,
      width: Number.isInteger(width) && width >= 1 && width <= 18 ? width : 9,
      unit: form.unit,
      scope: {
        query: null,
        custodianIds: form.custodianIds.length > 0 ? [...form.custodianIds] : null,
        from,
        to,
        outcomes: [...form.outcomes],
        includePending: form.includePending,
      },
      xlsx: form.xlsx,
    },
  };
}

/** The first reference the settings give: INQ000000001. */
export function firstReference(form: BundleForm): string {
  const width = Math.min(Math.max(Number(form.width) || 9, 1), 18);
  const first = /^\d+$/.test(form.firstNumber.trim()) ? form.firstNumber.trim() : '1';
  return `${form.prefix.trim()}${first.padStart(width, '0')}`;
}
