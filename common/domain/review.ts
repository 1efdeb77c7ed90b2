/**
 * Review decisions (docs/spec.md §5): what a reviewer decides about a message, the bulk actions that
 * decide many at once, undo, progress, and the custodian check pack's flags. The review service takes
 * and returns these; common/contract/channels/review.ts carries them over the wire. Pure TypeScript.
 */
import type { Article8Engaged, Article8Whose, Classification, LessIntrusiveStep, Outcome, Relevance } from './model';
import type { SearchFilters } from './search';

/**
 * An Article 8 assessment as entered: "is private or family life engaged, and whose", then the four
 * Bank Mellat (No 2) questions. Without `objective` the service fills in the default (the inquiry's
 * terms of reference and the request, from the case details).
 */
export interface Article8Input {
  readonly engaged: Article8Engaged;
  /** Null unless private life is engaged. */
  readonly whose: Article8Whose | null;
  readonly objective?: string;
  readonly rationalConnection: string;
  readonly lessIntrusiveStep: LessIntrusiveStep;
  readonly lessIntrusiveReasoning: string;
  readonly fairBalance: string;
}

/** An Article 8 assessment as recorded: its answers with the objective filled in, who made it and when. */
export interface Article8Record {
  readonly id: number;
  readonly engaged: Article8Engaged;
  readonly whose: Article8Whose | null;
  readonly objective: string;
  readonly rationalConnection: string;
  readonly lessIntrusiveStep: LessIntrusiveStep;
  readonly lessIntrusiveReasoning: string;
  readonly fairBalance: string;
  readonly createdAt: number;
  readonly createdBy: string;
}

/**
 * Which messages a decision applies to. `dateRange` is epoch milliseconds, `from` inclusive and `to`
 * exclusive, so consecutive days never overlap. `search` is the Search screen's query and filters, so
 * "apply to this search result" decides exactly the messages the reviewer saw listed.
 */
export type ReviewSelector =
  | { readonly kind: 'ids'; readonly ids: number[] }
  | { readonly kind: 'conversation'; readonly conversationId: number }
  | {
      readonly kind: 'dateRange';
      readonly from: number;
      readonly to: number;
      readonly conversationId?: number;
      readonly custodianId?: number;
    }
  | { readonly kind: 'search'; readonly query: string; readonly filters: SearchFilters }
  | { readonly kind: 'all' };

/** A partial decision: only the fields given change. `article8: null` removes the assessment. */
export interface ReviewChange {
  readonly classification?: Classification;
  readonly relevance?: Relevance;
  readonly outcome?: Outcome;
  readonly article8?: Article8Input | null;
  readonly rationale?: string;
}

/** A decision to apply (or preview) over a selection. */
export interface DecideArgs {
  readonly selector: ReviewSelector;
  readonly change: ReviewChange;
  /** Apply the same change to the other custodians' copies of the selected messages. */
  readonly propagate: boolean;
  /**
   * Also change messages whose field was decided individually (a bulk action keeps them otherwise).
   * Refused when the selection has none: the reviewer meant to overwrite something that is not there.
   */
  readonly overwrite: boolean;
}

/**
 * Why a bulk action leaves a message alone: live redactions its new outcome would contradict (always
 * kept), or the field it would change was decided for that message alone (kept unless overwritten).
 * One reason per message, the first that applies in this order.
 */
export const KEPT_REASONS = ['redactions', 'outcome', 'article8', 'classification', 'relevance', 'rationale'] as const;
export type KeptReason = (typeof KEPT_REASONS)[number];

/** Kept messages counted by reason and current value ("outcome withhold: 3", "redactions span: 5"). */
export interface KeptGroup {
  readonly reason: KeptReason;
  readonly value: string | null;
  readonly count: number;
}

/** A message a bulk action leaves alone, as the preview lists it for the reviewer to check. */
export interface KeptMessage {
  readonly messageId: number;
  readonly conversationId: number;
  readonly conversation: string;
  readonly sender: string | null;
  readonly sentAt: number | null;
  readonly snippet: string;
  readonly reason: KeptReason;
  readonly value: string | null;
  readonly classification: Classification;
  readonly outcome: Outcome;
  /** Whether it has an Article 8 assessment. */
  readonly article8: boolean;
}

/**
 * What a decision would do, computed by the service that applies it: `willChange` messages change,
 * `unchanged` already have it, `individual` are kept unless overwritten (then they change too),
 * `heldByRedactions` are kept whatever is chosen; `duplicates` of these are copies added by
 * propagation. `kept` lists the first of the kept messages.
 */
export interface DecidePreview {
  readonly matched: number;
  readonly duplicates: number;
  readonly willChange: number;
  readonly unchanged: number;
  readonly individual: number;
  readonly heldByRedactions: number;
  readonly keptGroups: KeptGroup[];
  readonly kept: KeptMessage[];
}

/** What a decision did. */
export interface DecideResult {
  /** Null when nothing changed (every selected message already had this decision). */
  readonly batchId: string | null;
  readonly matched: number;
  readonly changed: number;
  readonly propagated: number;
  readonly article8Id: number | null;
  /** Individually decided messages left as they were (none when overwriting). */
  readonly kept: number;
  /** Individually decided messages changed because the reviewer chose to overwrite them. */
  readonly overwritten: number;
  readonly heldByRedactions: number;
  readonly keptGroups: KeptGroup[];
}

/** What an undo or redo did: the new batch, and the batch it reversed or re-applied; null when there was nothing to do. */
export type UndoResult = { readonly batchId: string; readonly targetBatchId: string; readonly changed: number } | null;

/** The batch an undo (or redo) would reverse (or re-apply), described for its button. */
export interface UndoStackEntry {
  readonly batchId: string;
  readonly at: number;
  readonly messages: number;
  readonly summary: string;
}

/** What undo and redo would act on next; null where the stack is empty. */
export interface UndoState {
  readonly undo: UndoStackEntry | null;
  readonly redo: UndoStackEntry | null;
}

/** How a review event came about. */
export const REVIEW_ORIGINS = ['decision', 'bulk', 'propagation', 'undo', 'redo', 'custodian_flag'] as const;
export type ReviewOrigin = (typeof REVIEW_ORIGINS)[number];

/** One entry of a message's decision history: the whole decision after the change, and who made it. */
export interface ReviewEvent {
  readonly id: number;
  readonly batchId: string;
  readonly origin: ReviewOrigin;
  readonly classification: Classification;
  readonly relevance: Relevance;
  readonly outcome: Outcome;
  readonly article8Id: number | null;
  readonly rationale: string;
  readonly at: number;
  readonly actor: string;
}

/** A message's current decision; an unreviewed message has the defaults and `updatedAt: null`. */
export interface CurrentReview {
  readonly messageId: number;
  readonly classification: Classification;
  readonly relevance: Relevance;
  readonly outcome: Outcome;
  readonly rationale: string;
  readonly article8: Article8Record | null;
  readonly updatedAt: number | null;
  readonly updatedBy: string | null;
}

/** Review progress of a set of messages; `reviewed`: those whose classification, relevance or outcome has left its default. */
export interface ProgressCounts {
  readonly total: number;
  readonly reviewed: number;
  readonly byClassification: Readonly<Record<Classification, number>>;
  readonly byRelevance: Readonly<Record<Relevance, number>>;
  readonly byOutcome: Readonly<Record<Outcome, number>>;
}

export interface ConversationProgress extends ProgressCounts {
  readonly conversationId: number;
  readonly custodianId: number;
}

export interface CustodianProgress extends ProgressCounts {
  readonly custodianId: number;
  readonly custodian: string;
}

/** The messages a reviewer last decided (those set back to the defaults left out), and their outcomes. */
export interface ReviewerProgress {
  readonly reviewer: string;
  readonly reviewed: number;
  readonly disclose: number;
  readonly discloseRedacted: number;
  readonly withhold: number;
}

/** Progress per conversation and per custodian, for the Review screen's overview. */
export interface Progress {
  readonly conversations: ConversationProgress[];
  readonly custodians: CustodianProgress[];
}

/** Where a custodian's flag stands: raised, or resolved by the reviewer either way. */
export const FLAG_STATUSES = ['open', 'accepted', 'rejected'] as const;
export type FlagStatus = (typeof FLAG_STATUSES)[number];

/** A custodian's "this is personal" on a message, raised in a check pack and brought back into the case. */
export interface CustodianFlag {
  readonly id: number;
  readonly packId: string;
  readonly messageId: number;
  readonly conversationId: number;
  readonly reason: string;
  readonly flaggedAt: number;
  readonly flaggedBy: string;
  /** Null in the pack itself; when the reviewer brought the flag into the case. */
  readonly importedAt: number | null;
  readonly status: FlagStatus;
  readonly resolvedAt: number | null;
  readonly resolvedBy: string | null;
  readonly note: string | null;
}

/** Which fields of an attachment's decision are its own; the others are its message's (spec §13). */
export interface OwnFields {
  readonly classification: boolean;
  readonly relevance: boolean;
  readonly outcome: boolean;
  readonly article8: boolean;
  readonly rationale: boolean;
}

/** An attachment's decision as it takes effect: each field its own where set, else its message's. */
export interface AttachmentDecision {
  readonly attachmentId: number;
  readonly messageId: number;
  readonly fileName: string | null;
  readonly classification: Classification;
  readonly relevance: Relevance;
  readonly outcome: Outcome;
  readonly rationale: string;
  readonly article8: Article8Record | null;
  readonly own: OwnFields;
  /** When and by whom its own decision last changed; null while it inherits everything. */
  readonly updatedAt: number | null;
  readonly updatedBy: string | null;
}

/**
 * A decision on attachments: one attachment is an individual decision, several a bulk action that
 * keeps individually decided fields unless `overwrite` (as DecideArgs for messages).
 */
export interface AttachmentDecideArgs {
  readonly attachmentIds: number[];
  readonly change: ReviewChange;
  readonly overwrite: boolean;
}

export interface AttachmentDecideResult {
  /** Null when nothing changed. */
  readonly batchId: string | null;
  readonly matched: number;
  readonly changed: number;
  readonly kept: number;
  readonly overwritten: number;
  readonly article8Id: number | null;
}
