/**
 * AST → FTS5 MATCH expression. Pure. Every word reaches FTS5 as a double-quoted string (a quote inside
 * is doubled), so no user text can act as FTS5 syntax; only the operators and parentheses written here
 * can. Fuzzy words become an OR of the vocabulary words within reach (see vocabulary.ts); prefixes use
 * FTS5's own `"…" *`, which is exact and needs no expansion. A phone number becomes an OR of the
 * spellings of it the index holds (see phones.ts), plus the spelling typed.
 */
import type { PhoneNode, QueryNode } from './ast';
import { PhoneSpellingsError, QuerySyntaxError } from './errors';
import { indexTokens } from './tokens';

/** Index words close to `token` (not including it), nearest first. */
export type FuzzyExpander = (token: string) => readonly string[];

/** The index's spellings of a phone number (by its E.164 key), each as the tokens it is written in. */
export type PhoneExpander = (key: string) => readonly (readonly string[])[];

const noPhones: PhoneExpander = () => [];

/** More phrases than this for one number make the MATCH slow; PhoneSpellingsError says what to do instead. */
export const MAX_PHONE_SPELLINGS = 400;

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

function phone(node: PhoneNode, phones: PhoneExpander): string {
  const spellings = new Map([indexTokens(node.text), ...phones(node.key)].map((tokens) => [tokens.join(' '), quote(tokens)]));
  if (spellings.size > MAX_PHONE_SPELLINGS) throw new PhoneSpellingsError(node.position, node.text, spellings.size);
  return spellings.size === 1 ? [...spellings.values()].join('') : `(${[...spellings.values()].join(' OR ')})`;
}

function compileNode(node: QueryNode, expand: FuzzyExpander, phones: PhoneExpander): string {
  switch (node.kind) {
    case 'term':
      return leaf(node.text, node.prefix, node.fuzzy, expand);
    case 'phrase':
      return leaf(node.text, node.prefix, false, expand);
    case 'phone':
      return phone(node, phones);
    case 'or':
      return `(${node.children.map((child) => compileNode(child, expand, phones)).join(' OR ')})`;
    case 'and': {
      // FTS5's NOT is binary ("a NOT b"), so the exclusions are gathered and subtracted from the rest.
      const wanted = node.children.filter((child) => child.kind !== 'not');
      const excluded = node.children.flatMap((child) => (child.kind === 'not' ? [child.child] : []));
      if (wanted.length === 0) throw excludesOnly(node);
      const positive = `(${wanted.map((child) => compileNode(child, expand, phones)).join(' AND ')})`;
      if (excluded.length === 0) return positive;
      return `${positive} NOT (${excluded.map((child) => compileNode(child, expand, phones)).join(' OR ')})`;
    }
    case 'not':
      throw excludesOnly(node);
  }
}

export function compileMatch(node: QueryNode, expand: FuzzyExpander, phones: PhoneExpander = noPhones): string {
  return compileNode(node, expand, phones);
}

/** The E.164 keys of the phone numbers in the query (so a query without any never reads the vocabulary for them). */
export function phoneKeys(node: QueryNode): string[] {
  switch (node.kind) {
    case 'phone':
      return [node.key];
    case 'or':
    case 'and':
      return node.children.flatMap(phoneKeys);
    case 'not':
      return phoneKeys(node.child);
    default:
      return [];
  }
}

/** Whether the query needs the fuzzy vocabulary at all (so plain queries never pay for building it). */
export function usesFuzzy(node: QueryNode): boolean {
  switch (node.kind) {
    case 'term':
      return node.fuzzy;
    case 'phrase':
    case 'phone':
      return false;
    case 'or':
    case 'and':
      return node.children.some(usesFuzzy);
    case 'not':
      return usesFuzzy(node.child);
  }
}
