/** How the review vocabulary is named on screen: the same words main uses in undo labels (common/domain/review-labels.ts). */
export {
  CLASSIFICATION_LABELS,
  ENGAGED_LABELS,
  OUTCOME_LABELS,
  RELEVANCE_LABELS,
  STEP_LABELS,
  WHOSE_LABELS,
} from '../../../common/domain/review-labels';
