import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileMatch, usesFuzzy } from '../../../main/search/compile';
import { QuerySyntaxError } from '../../../main/search/errors';
import { parseQuery } from '../../../main/search/parse';

const noFuzz = (): string[] => [];
const compile = (query: string, expand: (t: string) => readonly string[] = noFuzz): string | null => {
  const ast = parseQuery(query);
  return ast === null ? null : compileMatch(ast, expand);
};

function syntaxError(query: string): QuerySyntaxError {
  try {
    compile(query);
  } catch (err) {
    if (err instanceof QuerySyntaxError) return err;
    throw err;
  }
  throw new Error(`expected a QuerySyntaxError for ${JSON.stringify(query)}`);
}

describe('parseQuery', () => {
  it('reads words, phrases, prefixes, fuzzy words and their combinations', () => {
    expect(parseQuery('lockdown "health board" board* figurs~ lockd*~')).toEqual({
      kind: 'and',
      position: 0,
      children: [
        { kind: 'term', text: 'lockdown', prefix: false, fuzzy: false, position: 0 },
        { kind: 'phrase', text: 'health board', prefix: false, position: 9 },
        { kind: 'term', text: 'board', prefix: true, fuzzy: false, position: 24 },
        { kind: 'term', text: 'figurs', prefix: false, fuzzy: true, position: 31 },
        { kind: 'term', text: 'lockd', prefix: true, fuzzy: true, position: 39 },
      ],
    });
  });

  it('binds OR looser than the implicit AND, and reads -word and NOT word as exclusions', () => {
    expect(compile('a b OR c -d')).toBe('(("a" AND "b") OR ("c") NOT ("d"))');
    expect(compile('a NOT (b OR c)')).toBe('("a") NOT (("b" OR "c"))');
    expect(compile('a AND b')).toBe('("a" AND "b")');
  });

  it('treats lower-case and/or/not as words to find', () => {
    expect(compile('salt and pepper')).toBe('("salt" AND "and" AND "pepper")');
  });

  it('returns null for a query of spaces only (search by filters alone)', () => {
    expect(parseQuery('   \t')).toBeNull();
  });

  it.each([
    ['"unclosed phrase', 0, 'never closed'],
    ['a OR', 2, '"OR" needs'],
    ['OR a', 0, '"OR" needs'],
    ['a AND', 2, '"AND" needs'],
    ['(a b', 0, 'never closed'],
    ['a b)', 3, 'no matching'],
    ['()', 1, 'empty'],
    ['a - b', 2, 'directly before'],
    ['lo*ck', 2, 'end of a word'],
    ['!!!', 0, 'no letters or digits'],
    ['-holiday', 0, 'needs a word to look for'],
    ['a OR -b', 5, 'needs a word to look for'],
  ])('rejects %j with an error at character %i naming the problem', (query, position, problem) => {
    const err = syntaxError(query);
    expect(err.position).toBe(position);
    expect(err.message).toContain(problem);
    expect(err.message).toContain(`at character ${position + 1}`);
  });

  it('refuses nesting deeper than it can safely compile', () => {
    expect(syntaxError(`${'('.repeat(40)}a${')'.repeat(40)}`).message).toContain('nest');
  });
});

describe('compileMatch', () => {
  it('quotes every word as index tokens, so FTS5 operators, columns and quotes in user text are plain words', () => {
    expect(compile('NEAR(a b) "x"" y" col:term')).toBe('("near" AND ("a" AND "b") AND "x" AND "y" AND "col term")');
  });

  it('expands a fuzzy word into the vocabulary words the expander offers, keeping the word itself', () => {
    const ast = parseQuery('figurs~ briefing')!;
    expect(usesFuzzy(ast)).toBe(true);
    expect(compileMatch(ast, (t) => (t === 'figurs' ? ['figures', 'figure'] : []))).toBe(
      '(("figurs" OR "figures" OR "figure") AND "briefing")',
    );
  });

  it('uses FTS5 prefix syntax for prefix words, without expansion', () => {
    expect(compile('board* "health bo"*')).toBe('("board" * AND "health bo" *)');
  });
});

describe('any input', () => {
  const db = new Database(':memory:');
  db.exec(`CREATE VIRTUAL TABLE t USING fts5(body, sender, title, tokenize = 'unicode61 remove_diacritics 2');
           INSERT INTO t VALUES ('Board figures lockdown café', 'Fiona', 'Covid Core'), ('"quoted" (paren) -minus* ~tilde', 'x', 'y');`);
  const alphabet = fc.constantFrom(...'ab "()-*~:^+ORANDNOTé\t{}\\\'.'.split(''), 'OR', 'AND', 'NOT', 'NEAR', '"');

  it('either parses and compiles to a MATCH that SQLite accepts, or is a QuerySyntaxError with a position inside the text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(alphabet, { maxLength: 30 }).map((parts) => parts.join('')),
        ),
        (query) => {
          let match: string | null;
          try {
            match = compile(query, (t) => [`${t}x`]);
          } catch (err) {
            expect(err).toBeInstanceOf(QuerySyntaxError);
            const position = (err as QuerySyntaxError).position;
            expect(position).toBeGreaterThanOrEqual(0);
            expect(position).toBeLessThanOrEqual(query.length);
            return;
          }
          if (match !== null) expect(() => db.prepare('SELECT rowid FROM t WHERE t MATCH ?').all(match)).not.toThrow();
        },
      ),
      { numRuns: 3000 },
    );
  });
});
