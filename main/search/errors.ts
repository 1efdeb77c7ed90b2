/** Search errors whose messages tell the reviewer what is wrong and what to do. */

/** The query text does not parse; `position` is the 0-based offset of the problem in the query. */
export class QuerySyntaxError extends Error {
  constructor(
    readonly position: number,
    problem: string,
  ) {
    super(`${problem} (at character ${position + 1})`);
    this.name = 'QuerySyntaxError';
  }
}

/** What the reviewer can do about an incomplete index, depending on where the search ran. */
export type StaleIndexHint = 'update' | 'updating' | 'read-only';

const HINTS: Readonly<Record<StaleIndexHint, string>> = {
  update:
    'Update the search index (Search › Update index; from the command line, `disclosure-desk search` does it when the case is writable) and search again.',
  updating: 'It is being updated now; search again when that finishes.',
  'read-only': 'This case is open read-only, so the index cannot be updated here: open it where it can be written, then search again.',
};

/** Searching now could miss messages: the index is behind the case, or was never built by this version. */
export class SearchIndexStaleError extends Error {
  constructor(
    readonly pending: number,
    missing: boolean,
    hint: StaleIndexHint = 'update',
  ) {
    const n = pending.toLocaleString('en-GB');
    super(
      `${missing ? `The search index has not been built for this case's ${n} messages.` : `The search index does not yet include the ${n} most recently imported message${pending === 1 ? '' : 's'}.`} ${HINTS[hint]}`,
    );
    this.name = 'SearchIndexStaleError';
  }
}

/** A phone number the case's messages spell in more ways than one search can hold. */
export class PhoneSpellingsError extends Error {
  constructor(
    readonly position: number,
    text: string,
    spellings: number,
  ) {
    super(
      `The phone number "${text}" (at character ${position + 1}) could be written in ${spellings.toLocaleString('en-GB')} ways in this case, more than one search can ` +
        'look for. Put it in quotes to search for that one spelling, or use Redaction › Every occurrence, which reads every message.',
    );
    this.name = 'PhoneSpellingsError';
  }
}
