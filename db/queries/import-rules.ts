/**
 * The CHECK constraints of the rows an import writes, restated for the import's writer. A bulk import
 * writes its rows with SQLite's own CHECK and foreign-key enforcement suspended (bulkWrites in
 * import.ts): at a million messages the CHECKs cost a quarter of each insert, while here, on values the
 * writer already holds as numbers, they cost next to nothing. Every rule of the schema (0001-initial.ts)
 * for these tables is here, and test/db/import-rules.test.ts holds each against SQLite's own verdict.
 *
 * Rules that need no restating: NOT NULL, UNIQUE and STRICT column types stay enforced by SQLite; the
 * closed vocabularies a message binds as codes become NULL when unknown (refused as NOT NULL); those it
 * compiles in as literals are checked when the statement is made (shapeLiterals in import.ts); the
 * yes-or-no columns (is_owner, present) are bound from booleans.
 */
import { CONVERSATION_KINDS, PLATFORMS, SOURCE_NOTE_KINDS } from '../../common/domain/model';
import { directionCode, kindCode } from './import';

const SYSTEM_KIND = kindCode('system');
const SYSTEM_DIRECTION = directionCode('system');

/**
 * Why a message row breaks a rule of the `messages` table, or null. Numbers absent from the row are
 * NaN; `hasSentAtRaw` says whether it has the raw time text.
 */
export function messageRowProblem(
  seq: number,
  sentAt: number,
  hasSentAtRaw: boolean,
  lineStart: number,
  lineEnd: number,
  kind: number,
  direction: number,
): string | null {
  if (seq < 0) return `its sequence number (${seq}) is negative`;
  if (!Number.isNaN(sentAt) && !hasSentAtRaw) return 'it has a time but not the text the time was read from';
  // As in SQL, a comparison with a missing value breaks no rule.
  if (lineEnd < lineStart) return `its last line (${lineEnd}) comes before its first (${lineStart})`;
  if (kind === SYSTEM_KIND && direction !== SYSTEM_DIRECTION) return 'a system message must have the direction "system"';
  return null;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Why a message's stored JSON (edit history, repairs: null when the row has none) breaks a rule, or null. */
export function messageJsonProblem(editHistory: string | null, repairs: string | null): string | null {
  if (editHistory !== null && !isJson(editHistory)) return 'its edit history is not JSON';
  if (repairs !== null && !(isJson(repairs) && Array.isArray(JSON.parse(repairs)))) return 'its list of repairs is not a JSON array';
  return null;
}

export function conversationProblem(platform: string, kind: string): string | null {
  if (!(PLATFORMS as readonly string[]).includes(platform)) return `"${platform}" is not a platform`;
  if (!(CONVERSATION_KINDS as readonly string[]).includes(kind)) return `"${kind}" is not a kind of conversation`;
  return null;
}

export function identifierProblem(kind: string): string | null {
  return kind === 'phone' || kind === 'email' || kind === 'username' ? null : `"${kind}" is not a kind of identifier`;
}

export function noteProblem(kind: string, locator: string | null): string | null {
  if (!(SOURCE_NOTE_KINDS as readonly string[]).includes(kind)) return `"${kind}" is not a kind of note`;
  if (locator !== null && !isJson(locator)) return 'its locator is not JSON';
  return null;
}

export interface AttachmentRow {
  readonly size: number | null;
  readonly sha256: string | null;
  readonly present: 0 | 1;
  readonly missingReason: string | null;
}

export function attachmentProblem(a: AttachmentRow): string | null {
  if (a.size !== null && a.size < 0) return `its size (${a.size}) is negative`;
  if (a.sha256 !== null && a.sha256.length !== 64) return 'its SHA-256 is not 64 characters';
  if (a.present === 0 && a.missingReason === null) return 'it is missing but no reason is given';
  if (a.present === 1 && a.sha256 === null) return 'it is present but has no SHA-256';
  return null;
}
