/**
 * SQLite's refusal of an imported row, in words a reviewer can act on. SQLite alone decides what is
 * refused (every CHECK and foreign key is enforced during an import); this only words its verdict,
 * by the text of the constraint that failed as SQLite reports it, with the values of the row at hand.
 * A refusal without words here is passed on as SQLite phrased it.
 */

/** What the writer knows of the refused row; a value it does not have is left out. */
export interface RefusedRow {
  readonly seq?: number;
  readonly lineStart?: number;
  readonly lineEnd?: number;
  readonly size?: number | null;
}

const WORDS: Readonly<Record<string, (row: RefusedRow) => string>> = {
  'seq >= 0': (r) => `its sequence number (${r.seq}) is negative`,
  'sent_at IS NULL OR sent_at_raw IS NOT NULL': () => 'it has a time but not the text the time was read from',
  'locator_line_end IS NULL OR locator_line_end >= locator_line_start': (r) =>
    `its last line (${r.lineEnd}) comes before its first (${r.lineStart})`,
  "kind <> 'system' OR direction = 'system'": () => 'a system message must have the direction "system"',
  'edit_history IS NULL OR json_valid(edit_history)': () => 'its edit history is not JSON',
  "json_valid(repairs) AND json_type(repairs) = 'array'": () => 'its list of repairs is not a JSON array',
  "repairs = '[]' OR (json_valid(repairs) AND json_type(repairs) = 'array')": () => 'its list of repairs is not a JSON array',
  'locator IS NULL OR json_valid(locator)': () => 'its locator is not JSON',
  'size IS NULL OR size >= 0': (r) => `its size (${r.size}) is negative`,
  'sha256 IS NULL OR length(sha256) = 64': () => 'its SHA-256 is not 64 characters',
  'present = 1 OR missing_reason IS NOT NULL': () => 'it is missing but no reason is given',
  'present = 0 OR sha256 IS NOT NULL': () => 'it is present but has no SHA-256',
};

const CHECK_FAILED = /^CHECK constraint failed: (.+)$/su;

/** The refusal `err` in words, for the row it refused. */
export function refusalInWords(err: Error, row: RefusedRow): string {
  const constraint = CHECK_FAILED.exec(err.message)?.[1];
  const words = constraint === undefined ? undefined : WORDS[constraint];
  return words ? words(row) : err.message;
}
