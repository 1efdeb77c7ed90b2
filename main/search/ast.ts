/** The parsed form of a search query (SPEC §4). `position` is the 0-based offset in the query text. */

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

export type QueryNode = TermNode | PhraseNode | AndNode | OrNode | NotNode;
