/** How the review vocabulary (model.ts) is named in words: on screen, in undo labels and in the audit log. */
import type { Article8Engaged, Article8Whose, Classification, LessIntrusiveStep, Outcome, Relevance } from './model';

export const CLASSIFICATION_LABELS: Readonly<Record<Classification, string>> = {
  business: 'Business',
  personal: 'Personal',
  mixed: 'Mixed',
  unclassified: 'Unclassified',
};

export const RELEVANCE_LABELS: Readonly<Record<Relevance, string>> = {
  relevant: 'Relevant',
  not_relevant: 'Not relevant',
  unassessed: 'Unassessed',
};

export const OUTCOME_LABELS: Readonly<Record<Outcome, string>> = {
  disclose: 'Disclose',
  disclose_redacted: 'Disclose with redactions',
  withhold: 'Withhold',
  pending: 'Pending',
};

export const ENGAGED_LABELS: Readonly<Record<Article8Engaged, string>> = { yes: 'Yes', no: 'No', unclear: 'Unclear' };

export const WHOSE_LABELS: Readonly<Record<Article8Whose, string>> = {
  custodian: 'The custodian',
  third_party: 'A third party',
  both: 'Both',
};

export const STEP_LABELS: Readonly<Record<LessIntrusiveStep, string>> = {
  none: 'None would serve',
  redaction: 'Redaction',
  gist: 'Gist',
  summary: 'Summary',
  withholding: 'Withholding',
};
