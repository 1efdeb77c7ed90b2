/** The Bundles form's fields and how they become `ExportSettings`. Pure. */
import type { z } from 'zod';
import type { DocumentUnit } from '../../../common/domain/model';
import type { ExportSettingsSchema } from '../../../common/contract/channels/export';
import { endOfDay, startOfDay } from '../search/zonedDate';

export type ExportSettingsArgs = z.input<typeof ExportSettingsSchema>;
export type ProducedOutcome = 'disclose' | 'disclose_redacted';

/** A re-issue being prepared: which bundle (its first version) and why. */
export interface ReissueForm {
  readonly bundleId: number;
  readonly references: string;
  readonly reason: string;
}

export interface BundleForm {
  readonly prefix: string;
  /** Empty: after the last final bundle's numbers. */
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
  /** Marked draft by the reviewer (undecided items make a draft anyway). */
  readonly draft: boolean;
  readonly reissue: ReissueForm | null;
  readonly xlsx: boolean;
  readonly outputDir: string;
}

export const defaultForm = (prefix: string): BundleForm => ({
  prefix,
  firstNumber: '',
  width: '9',
  unit: 'conversation',
  custodianIds: [],
  from: '',
  to: '',
  outcomes: ['disclose', 'disclose_redacted'],
  includePending: false,
  draft: false,
  reissue: null,
  xlsx: true,
  outputDir: '',
});

/** Whether the bundle will be a draft: marked so, or including undecided messages. */
export const isDraft = (form: BundleForm): boolean => form.reissue === null && (form.draft || form.includePending);

/** What main needs, or the first thing wrong with the form in words. */
export function toSettings(
  form: BundleForm,
  timeZone: string,
): { settings: Omit<ExportSettingsArgs, 'outputDir'>; problem: string | null } {
  const firstText = form.firstNumber.trim();
  const width = Number(form.width);
  const from = form.from ? startOfDay(form.from, timeZone) : null;
  const to = form.to ? endOfDay(form.to, timeZone) : null;
  let problem: string | null = null;
  if (firstText !== '' && !/^\d+$/.test(firstText))
    problem = 'The first number must be a whole number, 0 or more (or empty, to follow the last bundle).';
  else if (!/^\d+$/.test(form.width.trim()) || width < 1 || width > 18) problem = 'The number width must be between 1 and 18 digits.';
  else if (form.outcomes.length === 0) problem = 'Choose at least one outcome to produce.';
  else if (from !== null && to !== null && from >= to) problem = 'The first day must not be after the last.';
  else if (form.reissue && form.includePending) problem = 'A re-issue replaces a final bundle: it cannot include undecided messages.';
  else if (form.reissue && form.reissue.reason.trim() === '')
    problem = `Say why bundle ${form.reissue.references} is re-issued: the reason is printed on its cover and recorded in the audit log.`;
  return {
    problem,
    settings: {
      prefix: form.prefix.trim() || undefined,
      firstNumber:
        form.reissue === null && /^\d+$/.test(firstText) && Number.isSafeInteger(Number(firstText)) ? Number(firstText) : undefined,
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
      draft: form.reissue === null && form.draft,
      reissue: form.reissue && { bundleId: form.reissue.bundleId, reason: form.reissue.reason.trim() },
    },
  };
}
