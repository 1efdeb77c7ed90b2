import type { ReasonCodeInfo } from '../../../common/contract/channels/redaction';

/**
 * The reason a picker starts on: the last one used in the case, if the case still has it; otherwise
 * none, and the reviewer chooses. Never an arbitrary first entry: "Irrelevant and sensitive" must
 * not sit preselected under a phone number.
 */
export const startingReason = (reasons: readonly ReasonCodeInfo[], lastReason: string | null): string =>
  lastReason !== null && reasons.some((r) => r.code === lastReason) ? lastReason : '';
