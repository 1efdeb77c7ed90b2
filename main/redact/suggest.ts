/**
 * Redaction suggestions over a scope (docs/spec.md §6): the detectors of detectors.ts, with the case's names
 * list, run page by page; each suggestion says whether a live redaction already hides it.
 */
import type { ReadableDB } from '../../db/connection';
import { liveNames } from '../../db/queries/redaction';
import type { FindSuggestionsArgs, FindSuggestionsResult } from '../../common/domain/sweep';
import { detectAll, type Detection } from './detectors';
import { scanScope } from './scan';

export function findSuggestions(db: ReadableDB, args: FindSuggestionsArgs): FindSuggestionsResult {
  const names = args.kinds.includes('name') ? liveNames(db).map((n) => n.name) : [];
  const { hits, next } = scanScope<Detection>(
    db,
    args.scope,
    args,
    (chunk) => new Map(chunk.map((m) => [m.id, detectAll(m.body, args.kinds, names)])),
  );
  return { suggestions: hits, next };
}
