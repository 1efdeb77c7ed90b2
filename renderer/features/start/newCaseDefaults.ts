import { CaseDetailsInput } from '../../../common/contract';

/**
 * The contract owns the defaults (reference prefix, protective marking, time zone); parsing a
 * minimal case through it reads them, so the form and main can never disagree.
 */
const contractDefaults = CaseDetailsInput.parse({ name: 'defaults' });

export const NEW_CASE_DEFAULTS = {
  referencePrefix: contractDefaults.referencePrefix,
  protectiveMarking: contractDefaults.protectiveMarking,
  defaultTimeZone: contractDefaults.defaultTimeZone,
} as const;

/** Markings of the Government Security Classifications, offered as suggestions; any text is allowed. */
export const MARKING_SUGGESTIONS = ['OFFICIAL', 'OFFICIAL-SENSITIVE', 'SECRET', 'TOP SECRET'] as const;
