/**
 * Query text → AST (docs/spec.md §4): words (all must match), `"exact phrase"`, `prefix*`, `fuzzy~`, `OR`,
 * `-excluded`, plus `AND`, `NOT` and parentheses. Pure. Any string either parses or raises a
 * QuerySyntaxError naming the position, so user input reaches SQLite only as compiled, quoted terms.
 * Operators are upper-case only, as in web search: "and" and "or" in lower case are ordinary words.
 * A phone number outside quotes, spaces and brackets and all, is one operand that matches every
 * spelling of the number; in quotes it is an exact phrase like any other.
 */
import { findPhoneNumbers } from '../../common/domain/phone-numbers';
import type { PhoneNode, QueryNode, TermNode } from './ast';
import { QuerySyntaxError } from './errors';
import { hasIndexToken } from './tokens';

/** Deep enough for any hand-written query; shallow enough that recursion and FTS5's own limit are safe. */
export const MAX_NESTING = 16;

type Token =
  | { readonly type: 'lparen' | 'rparen' | 'or' | 'and' | 'not' | 'minus'; readonly position: number }
  | { readonly type: 'phrase'; readonly text: string; readonly prefix: boolean; readonly position: number }
  | { readonly type: 'word'; readonly node: TermNode }
  | { readonly type: 'phone'; readonly node: PhoneNode };

const isSpace = (ch: string): boolean => /\s/u.test(ch);
const endsWord = (ch: string): boolean => isSpace(ch) || ch === '(' || ch === ')' || ch === '"';
const OPERATORS: Readonly<Record<string, 'or' | 'and' | 'not'>> = { OR: 'or', AND: 'and', NOT: 'not' };

function lexWord(raw: string, position: number): TermNode {
  let text = raw;
  let prefix = false;
  let fuzzy = false;
  // Either order of the two markers: `lockd*~` and `lockd~*` both mean fuzzy and prefix.
  for (let i = 0; i < 2; i++) {
    if (!prefix && text.endsWith('*')) {
      prefix = true;
      text = text.slice(0, -1);
    } else if (!fuzzy && text.endsWith('~')) {
      fuzzy = true;
      text = text.slice(0, -1);
    }
  }
  const stray = text.search(/[*~]/u);
  if (stray >= 0) {
    const marker = text[stray];
    const meaning = marker === '*' ? 'a prefix search' : 'a fuzzy (typo-tolerant) search';
    throw new QuerySyntaxError(position + stray, `"${marker}" marks ${meaning} and goes only at the end of a word`);
  }
  if (!hasIndexToken(text)) throw new QuerySyntaxError(position, `"${raw}" has no letters or digits to search for`);
  return { kind: 'term', text, prefix, fuzzy, position };
}

const balanced = (text: string): boolean => text.split('(').length === text.split(')').length;

/**
 * The phone number written at `position`, if one starts there and ends where a word would. Its
 * brackets must pair up, so "(07700900461 OR …)" stays a group around the number.
 */
function phoneAt(query: string, position: number): PhoneNode | null {
  const [found] = findPhoneNumbers(query.slice(position));
  if (!found || found.start !== 0 || !balanced(found.text)) return null;
  const after = query[position + found.end];
  if (after !== undefined && !isSpace(after) && after !== ')') return null;
  return { kind: 'phone', text: found.text, key: found.key, position };
}

function lex(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const ch = query[i] as string;
    const phone = isSpace(ch) || ch === '"' ? null : phoneAt(query, i);
    if (isSpace(ch)) {
      i++;
    } else if (phone) {
      tokens.push({ type: 'phone', node: phone });
      i += phone.text.length;
    } else if (ch === '(' || ch === ')') {
      tokens.push({ type: ch === '(' ? 'lparen' : 'rparen', position: i });
      i++;
    } else if (ch === '"') {
      const close = query.indexOf('"', i + 1);
      if (close < 0) throw new QuerySyntaxError(i, 'this quote is never closed: add a closing "');
      const text = query.slice(i + 1, close);
      if (!hasIndexToken(text)) throw new QuerySyntaxError(i, 'the quoted phrase has no letters or digits to search for');
      const prefix = query[close + 1] === '*';
      tokens.push({ type: 'phrase', text, prefix, position: i });
      i = close + (prefix ? 2 : 1);
    } else if (ch === '-') {
      const next = query[i + 1];
      if (next === undefined || isSpace(next) || next === ')') {
        throw new QuerySyntaxError(i, '"-" excludes what follows it: write it directly before a word or phrase, e.g. -holiday');
      }
      tokens.push({ type: 'minus', position: i });
      i++;
    } else {
      let end = i;
      while (end < query.length && !endsWord(query[end] as string)) end++;
      const raw = query.slice(i, end);
      const operator = OPERATORS[raw];
      tokens.push(operator ? { type: operator, position: i } : { type: 'word', node: lexWord(raw, i) });
      i = end;
    }
  }
  return tokens;
}

const positionOf = (token: Token): number => (token.type === 'word' || token.type === 'phone' ? token.node.position : token.position);

class Parser {
  private index = 0;
  private depth = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly length: number,
  ) {}

  parse(): QueryNode {
    const node = this.or();
    const rest = this.peek();
    if (rest) throw new QuerySyntaxError(positionOf(rest), '")" has no matching "("');
    return node;
  }

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }

  /** True when nothing that could start an operand follows (end, `)`, `OR`, `AND`). */
  private operandMissing(): boolean {
    const next = this.peek();
    return next === undefined || next.type === 'rparen' || next.type === 'or' || next.type === 'and';
  }

  private where(): number {
    const next = this.peek();
    return next ? positionOf(next) : this.length;
  }

  private or(): QueryNode {
    const first = this.and();
    const children = [first];
    while (this.peek()?.type === 'or') {
      const op = this.tokens[this.index++] as Token;
      if (this.operandMissing()) throw new QuerySyntaxError(positionOf(op), '"OR" needs something to search for on each side');
      children.push(this.and());
    }
    return children.length === 1 ? first : { kind: 'or', children, position: first.position };
  }

  private and(): QueryNode {
    const children: QueryNode[] = [];
    for (let next = this.peek(); next && next.type !== 'rparen' && next.type !== 'or'; next = this.peek()) {
      if (next.type === 'and') {
        this.index++;
        if (children.length === 0 || this.operandMissing()) {
          throw new QuerySyntaxError(next.position, '"AND" needs something to search for on each side');
        }
        continue;
      }
      children.push(this.unary());
    }
    const [first] = children;
    if (!first) {
      const next = this.peek();
      if (next?.type === 'or') throw new QuerySyntaxError(next.position, '"OR" needs something to search for on each side');
      throw new QuerySyntaxError(this.where(), 'the parentheses are empty: put words between them');
    }
    return children.length === 1 ? first : { kind: 'and', children, position: first.position };
  }

  private unary(): QueryNode {
    const token = this.peek() as Token;
    if (token.type === 'minus' || token.type === 'not') {
      this.index++;
      if (this.operandMissing()) {
        throw new QuerySyntaxError(token.position, `"${token.type === 'not' ? 'NOT' : '-'}" needs a word or phrase after it to exclude`);
      }
      return { kind: 'not', child: this.unary(), position: token.position };
    }
    return this.primary(token);
  }

  private primary(token: Token): QueryNode {
    this.index++;
    switch (token.type) {
      case 'word':
      case 'phone':
        return token.node;
      case 'phrase':
        return { kind: 'phrase', text: token.text, prefix: token.prefix, position: token.position };
      case 'lparen': {
        if (++this.depth > MAX_NESTING) throw new QuerySyntaxError(token.position, `parentheses nest more than ${MAX_NESTING} deep`);
        const inner = this.or();
        if (this.peek()?.type !== 'rparen') throw new QuerySyntaxError(token.position, 'this "(" is never closed: add a ")"');
        this.index++;
        this.depth--;
        return inner;
      }
      default:
        // and(), or() and unary() stop at `)`, `OR` and `AND` before calling here.
        throw new QuerySyntaxError(positionOf(token), `unexpected "${token.type}"`);
    }
  }
}

/** The query's AST, or null when it holds nothing but spaces (search by filters alone). */
export function parseQuery(query: string): QueryNode | null {
  const tokens = lex(query);
  if (tokens.length === 0) return null;
  return new Parser(tokens, query.length).parse();
}
