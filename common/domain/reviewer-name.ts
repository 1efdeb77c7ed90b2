/**
 * The reviewer's name as it is recorded on every decision, redaction and audit entry (docs/spec.md §12). It is
 * evidence of who did what, so it must read back exactly as it was typed: no control characters that
 * could break a log line or a CSV row, and no bidirectional controls that could make "Alice" display
 * as someone else. Pure: the contract, the CLI and the settings store all check with this.
 */

export const REVIEWER_NAME_MAX = 100;

/** C0/C1 controls, line and paragraph separators, and the Unicode bidirectional controls. */
const FORBIDDEN = /[\p{Cc}\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

export class InvalidReviewerNameError extends Error {
  constructor(readonly problem: string) {
    super(`The reviewer name ${problem}. Give the name you want recorded on your decisions, e.g. "Priya Shah".`);
    this.name = 'InvalidReviewerNameError';
  }
}

/** What is wrong with `name` as a reviewer name, or null when it can be recorded (after trimming). */
export function reviewerNameProblem(name: string): string | null {
  const clean = name.normalize('NFC').trim();
  if (clean.length === 0) return 'is empty';
  if ([...clean].length > REVIEWER_NAME_MAX) return `is longer than ${REVIEWER_NAME_MAX} characters`;
  if (FORBIDDEN.test(clean)) return 'contains a control or text-direction character';
  return null;
}

/** The name as it will be recorded: NFC, trimmed. Throws InvalidReviewerNameError. */
export function checkReviewerName(name: string): string {
  const problem = reviewerNameProblem(name);
  if (problem !== null) throw new InvalidReviewerNameError(problem);
  return name.normalize('NFC').trim();
}
