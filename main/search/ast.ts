/** The parsed form of a search query (docs/spec.md §4). `position` is the 0-based offset in the query text. */

/** A word: `lockdown`, `lock*` (prefix), `lockdwn~` (fuzzy), `lockd*~` (both). */
export interface TermNode {
  readonly kind: 'term';
  readonly text: string;
  readonly prefix: boolean;
  readonly fuzzy: boolean;
  readonly position: number;
}

/** `"exact phrase"`, optionally `"exact phr"*` (the last word is a prefix). */
export interface PhraseNode {
  readonly kind: 'phrase';
  readonly text: string;
  readonly prefix: boolean;
  readonly position: number;
}

/**
 * A phone number however it is written (`07700 900461`, `+44 7700 900461`, `(07700) 900 461`): it
 * matches every other spelling of the same number too. `key` is its E.164 form.
 */
export interface PhoneNode {
  readonly kind: 'phone';
  readonly text: string;
  readonly key: string;
  readonly position: number;
}

export interface AndNode {
  readonly kind: 'and';
  readonly children: readonly QueryNode[];
  readonly position: number;
}

export interface OrNode {
  readonly kind: 'or';
  readonly children: readonly QueryNode[];
  readonly position: number;
}

/** `-word` or `NOT word`: excludes, so it needs something to exclude from (see compile.ts). */
export interface NotNode {
  readonly kind: 'not';
  readonly child: QueryNode;
  readonly position: number;
}

export type QueryNode = TermNode | PhraseNode | PhoneNode | AndNode | OrNode | NotNode;
