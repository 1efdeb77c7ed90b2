/**
 * AST → FTS5 MATCH expression. Pure. Every word reaches FTS5 as a double-quoted string (a quote inside
 * is doubled), so no user text can act as FTS5 syntax; only the operators and parentheses written here
 * can. Fuzzy words become an OR of the vocabulary words within reach (see vocabulary.ts); prefixes use
 * FTS5's own `"…" *`, which is exact and needs no expansion.
 */
import type { QueryNode } from './ast';
import { QuerySyntaxError } from './errors';
import { indexTokens } from './tokens';

/** Index words close to `token` (not including it), nearest first. */
export type FuzzyExpander = (token: string) => readonly string[];

const quote = (tokens: readonly string[]): string => `"${tokens.join(' ').replace(/"/g, '""')}"`;

function leaf(text: string, prefix: boolean, fuzzy: boolean, expand: FuzzyExpander): string {
  const tokens = indexTokens(text);
  const exact = quote(tokens) + (prefix ? ' *' : '');
  // A fuzzy word that the index cuts in two ("covid-19~") is searched as its exact phrase: FTS5
  // phrases cannot hold alternatives, and a typo across a hyphen is rare enough not to guess at.
  if (!fuzzy || tokens.length !== 1) return exact;
  const alternatives = expand(tokens[0] as string).map((term) => quote([term]));
  return alternatives.length ? `(${[exact, ...alternatives].join(' OR ')})` : exact;
}

function excludesOnly(node: QueryNode): QuerySyntaxError {
  return new QuerySyntaxError(node.position, 'an exclusion ("-" or NOT) needs a word to look for alongside it, e.g. lockdown -holiday');
}

function compileNode(node: QueryNode, expand: FuzzyExpander): string {
  switch (node.kind) {
    case 'term':
      return leaf(node.text, node.prefix, node.fuzzy, expand);
    case 'phrase':
      return leaf(node.text, node.prefix, false, expand);
    case 'or':
      return `(${node.children.map((child) => compileNode(child, expand)).join(' OR ')})`;
    case 'and': {
      // FTS5's NOT is binary ("a NOT b"), so the exclusions are gathered and subtracted from the rest.
      const wanted = node.children.filter((child) => child.kind !== 'not');
      const excluded = node.children.flatMap((child) => (child.kind === 'not' ? [child.child] : []));
      if (wanted.length === 0) throw excludesOnly(node);
      const positive = `(${wanted.map((child) => compileNode(child, expand)).join(' AND ')})`;
      if (excluded.length === 0) return positive;
      return `${positive} NOT (${excluded.map((child) => compileNode(child, expand)).join(' OR ')})`;
    }
    case 'not':
      throw excludesOnly(node);
  }
}

export function compileMatch(node: QueryNode, expand: FuzzyExpander): string {
  return compileNode(node, expand);
}

/** Whether the query needs the fuzzy vocabulary at all (so plain queries never pay for building it). */
export function usesFuzzy(node: QueryNode): boolean {
  switch (node.kind) {
    case 'term':
      return node.fuzzy;
    case 'phrase':
      return false;
    case 'or':
    case 'and':
      return node.children.some(usesFuzzy);
    case 'not':
      return usesFuzzy(node.child);
  }
}
