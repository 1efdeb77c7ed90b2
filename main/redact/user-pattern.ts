/**
 * A regular expression typed by the user, run so that it cannot hang the app. JavaScript regular
 * expressions backtrack: a pattern like (a+)+$ takes exponential time on "aaaa…!", and a single match
 * call cannot be interrupted from the same thread. Static checks for "dangerous" shapes miss cases
 * (.*.*.*x is polynomial but still hangs on a long message), so instead every match runs inside a
 * node:vm context with a timeout: V8 interrupts even a backtracking regular expression when the budget
 * is spent, and the scan stops with PatternTooSlowError. Limits on length and flags keep the rest simple.
 */
import { runInContext, createContext } from 'node:vm';
import { PatternTooSlowError, UnsafePatternError } from './errors';

export const MAX_PATTERN_LENGTH = 500;
/** i: ignore case; m: ^ and $ at line ends; s: . matches newlines. g and u are always set; y and d make no sense here. */
export const PATTERN_FLAGS = ['i', 'm', 's'] as const;
/** The time one call (one page of a preview) may spend matching. */
export const PATTERN_BUDGET_MS = 2000;

export interface UserPattern {
  readonly source: string;
  readonly flags: string;
}

/**
 * Checks a pattern compiles with the allowed flags (compiling is safe; only matching can run away).
 * Unicode mode ('u') is always on, so offsets never split a surrogate pair and \p{L} works.
 */
export function compileUserPattern(source: string, flags = ''): UserPattern {
  if (source.length === 0) throw new UnsafePatternError('it is empty and would match everywhere');
  if (source.length > MAX_PATTERN_LENGTH) throw new UnsafePatternError(`it is longer than ${MAX_PATTERN_LENGTH} characters`);
  const unknown = [...flags].filter((f) => !(PATTERN_FLAGS as readonly string[]).includes(f));
  if (unknown.length > 0) throw new UnsafePatternError(`flag "${unknown.join('')}" is not allowed (only ${PATTERN_FLAGS.join(', ')})`);
  const unique = [...new Set(flags)].sort().join('');
  try {
    new RegExp(source, `gu${unique}`);
  } catch (err) {
    throw new UnsafePatternError(`it is not a valid regular expression (${(err as Error).message})`);
  }
  return { source, flags: unique };
}

export interface PatternMatch {
  /** Index of the text in the list given. */
  readonly text: number;
  readonly start: number;
  readonly end: number;
}

// The script is fixed: the pattern and texts arrive as data in the context, never as code.
const SCRIPT = `(() => {
  const re = new RegExp(source, flags);
  const out = [];
  texts.forEach((text, i) => {
    for (const m of text.matchAll(re)) if (m[0].length > 0) out.push(i, m.index, m.index + m[0].length);
  });
  return out;
})()`;

/**
 * Every non-empty match of `pattern` in `texts`, stopping with PatternTooSlowError once `budgetMs`
 * is spent. Empty matches (^, \b, a*) are skipped: a redaction hides at least one character.
 */
export function matchUserPattern(pattern: UserPattern, texts: readonly string[], budgetMs = PATTERN_BUDGET_MS): PatternMatch[] {
  const context = createContext({ source: pattern.source, flags: `gu${pattern.flags}`, texts: [...texts] });
  let flat: unknown;
  try {
    flat = runInContext(SCRIPT, context, { timeout: budgetMs });
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw new PatternTooSlowError(budgetMs);
    throw err;
  }
  const numbers = Array.from(flat as ArrayLike<number>, Number);
  const matches: PatternMatch[] = [];
  for (let i = 0; i + 2 < numbers.length; i += 3) matches.push({ text: numbers[i]!, start: numbers[i + 1]!, end: numbers[i + 2]! });
  return matches;
}
