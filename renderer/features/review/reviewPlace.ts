/** Where the reviewer is on the Review screen, kept while they visit other screens. */
export interface ReviewPlace {
  /** Only this source's conversations are listed; null lists every source's. */
  readonly sourceId: number | null;
  readonly conversationId: number | null;
  /** The current message's position in the conversation (a search hit opened in context, or where the reviewer was). */
  readonly position?: number;
}

export const NOWHERE: ReviewPlace = { sourceId: null, conversationId: null };
