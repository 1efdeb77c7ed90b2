/**
 * The coding panel's form: what it starts from (the message's decision, or nothing for a selection)
 * and the partial change it sends, holding only what the reviewer altered. Pure.
 */
import type { Article8Engaged, Article8Whose, Classification, LessIntrusiveStep, Outcome, Relevance } from '../../../common/domain/model';
import { Article8InputSchema, type CurrentReview, type ReviewChange } from '../../../common/contract/channels/review';
import { fieldErrors } from '../../fieldErrors';
import { asSentence } from '../../format';

export interface Article8Draft {
  readonly engaged: Article8Engaged | '';
  readonly whose: Article8Whose | '';
  readonly objective: string;
  readonly rationalConnection: string;
  readonly lessIntrusiveStep: LessIntrusiveStep;
  readonly lessIntrusiveReasoning: string;
  readonly fairBalance: string;
}

export interface CodingDraft {
  readonly classification: Classification | '';
  readonly relevance: Relevance | '';
  readonly outcome: Outcome | '';
  readonly rationale: string;
  readonly article8: Article8Draft;
}

export const ARTICLE8_FIELDS = ['engaged', 'whose', 'objective', 'rationalConnection', 'lessIntrusiveReasoning', 'fairBalance'] as const;
export type Article8Field = (typeof ARTICLE8_FIELDS)[number];

/** The form for one message (its current decision) or for a selection (`null`: nothing chosen yet). */
export function initialDraft(current: CurrentReview | null, defaultObjective: string): CodingDraft {
  const a8 = current?.article8 ?? null;
  return {
    classification: current?.classification ?? '',
    relevance: current?.relevance ?? '',
    outcome: current?.outcome ?? '',
    rationale: current?.rationale ?? '',
    article8: {
      engaged: a8?.engaged ?? '',
      whose: a8?.whose ?? '',
      objective: a8?.objective ?? defaultObjective,
      rationalConnection: a8?.rationalConnection ?? '',
      lessIntrusiveStep: a8?.lessIntrusiveStep ?? 'none',
      lessIntrusiveReasoning: a8?.lessIntrusiveReasoning ?? '',
      fairBalance: a8?.fairBalance ?? '',
    },
  };
}

const sameArticle8 = (a: Article8Draft, b: Article8Draft): boolean =>
  (Object.keys(a) as (keyof Article8Draft)[]).every((key) => a[key] === b[key]);

export type DraftResult =
  | { readonly ok: true; readonly change: ReviewChange }
  | { readonly ok: false; readonly nothing: true }
  | { readonly ok: false; readonly nothing: false; readonly errors: Partial<Record<Article8Field, string>> };

/**
 * The change from `initial` to `draft`, with the Article 8 assessment checked by the same schema main
 * applies, so its messages appear beside the fields before anything is sent.
 */
export function draftChange(initial: CodingDraft, draft: CodingDraft): DraftResult {
  const change: { -readonly [K in keyof ReviewChange]: ReviewChange[K] } = {};
  if (draft.classification !== '' && draft.classification !== initial.classification) change.classification = draft.classification;
  if (draft.relevance !== '' && draft.relevance !== initial.relevance) change.relevance = draft.relevance;
  if (draft.outcome !== '' && draft.outcome !== initial.outcome) change.outcome = draft.outcome;
  if (draft.rationale !== initial.rationale) change.rationale = draft.rationale;
  const a8 = draft.article8;
  if (!sameArticle8(initial.article8, a8) && a8.engaged !== '') {
    const parsed = Article8InputSchema.safeParse({
      engaged: a8.engaged,
      whose: a8.whose === '' ? null : a8.whose,
      objective: a8.objective,
      rationalConnection: a8.rationalConnection,
      lessIntrusiveStep: a8.lessIntrusiveStep,
      lessIntrusiveReasoning: a8.lessIntrusiveReasoning,
      fairBalance: a8.fairBalance,
    });
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error, ARTICLE8_FIELDS);
      for (const key of Object.keys(errors) as Article8Field[]) errors[key] = asSentence(errors[key] ?? '');
      return { ok: false, nothing: false, errors };
    }
    change.article8 = parsed.data;
  }
  if (Object.keys(change).length === 0) return { ok: false, nothing: true };
  return { ok: true, change };
}
