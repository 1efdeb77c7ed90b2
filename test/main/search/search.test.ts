import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeCase, type CaseSession } from '../../../main/cases/service';
import type { SearchFilters } from '../../../common/domain/search';
import { messageContext, MessageNotFoundError } from '../../../main/search/context';
import { search } from '../../../main/search/engine';
import { selectMessageIds } from '../../../main/search/select';
import { expandFrom, maxEdits, vocabularyOf } from '../../../main/search/vocabulary';
import { facts, searchCase, words, type MessageFacts } from './search-case';
import { afterAll } from 'vitest';

let session: CaseSession;
let all: MessageFacts[];
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dd-search-'));
  session = await searchCase(dir);
  all = facts(session.writable!);
});
afterAll(() => {
  closeCase(session);
  rmSync(dir, { recursive: true, force: true });
});

const ids = (query: string, filters: SearchFilters = {}): number[] => selectMessageIds(session.db, query, filters).sort((a, b) => a - b);
const expected = (keep: (m: MessageFacts) => boolean): number[] => all.filter(keep).map((m) => m.id);
const text = (m: MessageFacts): string[] => words(`${m.body} ${m.sender} ${m.title}`);
const hasWord = (m: MessageFacts, word: string): boolean => text(m).includes(word);
const nonEmpty = (list: number[]): number[] => {
  expect(list.length).toBeGreaterThan(0);
  return list;
};

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = current;
    }
  }
  return row[b.length]!;
}

describe('query operators (over body, sender and conversation title)', () => {
  it('a word finds every message containing it, in any case', () => {
    expect(ids('FIGURES')).toEqual(nonEmpty(expected((m) => hasWord(m, 'figures'))));
  });

  it('several words must all match, across body, sender and title', () => {
    expect(ids('figures fiona')).toEqual(nonEmpty(expected((m) => hasWord(m, 'figures') && hasWord(m, 'fiona'))));
  });

  it('a quoted phrase matches the words adjacent and in order', () => {
    const phrase = (m: MessageFacts): boolean =>
      words(m.body).join(' ').includes('health board') || text(m).join(' ').includes('health board');
    expect(ids('"health board"')).toEqual(nonEmpty(expected(phrase)));
  });

  it('prefix* matches every word starting with the prefix', () => {
    expect(ids('brief*')).toEqual(nonEmpty(expected((m) => text(m).some((w) => w.startsWith('brief')))));
  });

  it('fuzzy~ tolerates typos within the edit distance for the word length', () => {
    const target = 'figures';
    const typo = 'figuers';
    const reach = maxEdits(typo.length);
    expect(ids(`${typo}~`)).toEqual(nonEmpty(expected((m) => text(m).some((w) => levenshtein(w, typo) <= reach))));
    expect(ids(`${typo}~`)).toEqual(expect.arrayContaining(expected((m) => hasWord(m, target))));
  });

  it('OR matches either side', () => {
    expect(ids('figures OR lockdown')).toEqual(nonEmpty(expected((m) => hasWord(m, 'figures') || hasWord(m, 'lockdown'))));
  });

  it('-word and NOT word exclude messages containing it', () => {
    const want = nonEmpty(expected((m) => hasWord(m, 'figures') && !hasWord(m, 'fiona')));
    expect(ids('figures -fiona')).toEqual(want);
    expect(ids('figures NOT fiona')).toEqual(want);
    expect(want.length).toBeLessThan(ids('figures').length);
  });

  it('parentheses group alternatives', () => {
    expect(ids('(figures OR lockdown) fiona')).toEqual(
      nonEmpty(expected((m) => (hasWord(m, 'figures') || hasWord(m, 'lockdown')) && hasWord(m, 'fiona'))),
    );
  });

  it('an accent-free query finds accented text, and the reverse', () => {
    const accented = all.find((m) => /[\u00c0-\u017f]/u.test(m.body) && words(m.body).some((w) => w.length > 3));
    if (!accented) throw new Error('the fixtures hold no accented word');
    const word = accented.body.split(/[^\p{L}]+/u).find((w) => /[\u00c0-\u017f]/u.test(w))!;
    expect(ids(word)).toContain(accented.id);
    expect(ids(words(word)[0]!)).toContain(accented.id);
  });
});

describe('filters (docs/spec.md §4), each against a direct reading of the tables', () => {
  const pick = <K extends keyof MessageFacts>(key: K): NonNullable<MessageFacts[K]> => {
    const value = all.find((m) => m.reviewed)?.[key];
    if (value === undefined || value === null) throw new Error(`no reviewed message with ${String(key)}`);
    return value;
  };

  it.each<[string, () => SearchFilters, (m: MessageFacts) => boolean]>([
    ['custodian', () => ({ custodianIds: [pick('custodianId')] }), (m) => m.custodianId === pick('custodianId')],
    ['source', () => ({ sourceIds: [pick('sourceId')] }), (m) => m.sourceId === pick('sourceId')],
    ['conversation', () => ({ conversationIds: [pick('conversationId')] }), (m) => m.conversationId === pick('conversationId')],
    ['sender', () => ({ senderIds: [pick('senderId')] }), (m) => m.senderId === pick('senderId')],
    ['kind', () => ({ kinds: ['media', 'deleted'] }), (m) => m.kind === 'media' || m.kind === 'deleted'],
    ['classification business', () => ({ classifications: ['business'] }), (m) => m.classification === 'business'],
    [
      'classification personal or mixed',
      () => ({ classifications: ['personal', 'mixed'] }),
      (m) => m.classification === 'personal' || m.classification === 'mixed',
    ],
    ['classification unclassified (never reviewed)', () => ({ classifications: ['unclassified'] }), (m) => !m.reviewed],
    ['relevance', () => ({ relevances: ['not_relevant'] }), (m) => m.relevance === 'not_relevant'],
    [
      'outcome',
      () => ({ outcomes: ['disclose_redacted', 'pending'] }),
      (m) => m.outcome === 'disclose_redacted' || m.outcome === 'pending',
    ],
    ['has live redactions', () => ({ hasRedactions: true }), (m) => m.redacted],
    ['has no live redactions', () => ({ hasRedactions: false }), (m) => !m.redacted],
    ['reviewed', () => ({ reviewed: true }), (m) => m.reviewed],
    ['not reviewed', () => ({ reviewed: false }), (m) => !m.reviewed],
  ])('%s', (_name, filters, keep) => {
    const want = nonEmpty(expected(keep));
    expect(want.length).toBeLessThan(all.length);
    expect(ids('', filters())).toEqual(want);
    expect(ids('the', filters())).toEqual(expected((m) => keep(m) && hasWord(m, 'the')));
  });

  it('date range: from inclusive, to exclusive, undated never matches a bound', () => {
    const dated = all
      .filter((m) => m.sentAt !== null)
      .map((m) => m.sentAt!)
      .sort((a, b) => a - b);
    const from = dated[Math.floor(dated.length / 4)]!;
    const to = dated[Math.floor((3 * dated.length) / 4)]!;
    expect(ids('', { sentFrom: from, sentTo: to })).toEqual(
      nonEmpty(expected((m) => m.sentAt !== null && m.sentAt >= from && m.sentAt < to)),
    );
  });

  it('filters combine with AND', () => {
    const custodianId = all[0]!.custodianId;
    expect(ids('', { custodianIds: [custodianId], classifications: ['business'] })).toEqual(
      nonEmpty(expected((m) => m.custodianId === custodianId && m.classification === 'business')),
    );
  });
});

describe('results', () => {
  it('pages with a total; chronological order runs by time, then id', () => {
    const everything = search(session.db, { query: '', filters: {}, order: 'chronological', limit: 500, offset: 0 });
    expect(everything.total).toBe(all.length);
    const times = everything.hits.map((h) => h.sentAt ?? Number.POSITIVE_INFINITY);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const second = search(session.db, { query: '', filters: {}, order: 'chronological', limit: 10, offset: 10 });
    expect(second.hits.map((h) => h.id)).toEqual(everything.hits.slice(10, 20).map((h) => h.id));
  });

  it('ranked order puts the best bm25 match first and returns the same set as chronological', () => {
    const ranked = search(session.db, { query: 'figures', filters: {}, order: 'relevance', limit: 100, offset: 0 });
    const chrono = search(session.db, { query: 'figures', filters: {}, order: 'chronological', limit: 100, offset: 0 });
    expect(ranked.total).toBe(chrono.total);
    expect(ranked.hits.map((h) => h.id).sort()).toEqual(chrono.hits.map((h) => h.id).sort());
  });

  it('snippets are data with the matched words marked as hits', () => {
    const { hits } = search(session.db, { query: 'figures', filters: {}, order: 'relevance', limit: 5, offset: 0 });
    for (const hit of hits) {
      const marked = hit.snippet.filter((s) => s.hit).map((s) => s.text.toLowerCase());
      expect(marked.length).toBeGreaterThan(0);
      expect(marked.every((t) => t === 'figures')).toBe(true);
      const body = all.find((m) => m.id === hit.id)!.body;
      expect(body).toContain(
        hit.snippet
          .map((s) => s.text)
          .join('')
          .replace(/^…|…$/gu, ''),
      );
    }
  });

  it('each hit carries its conversation, custodian, sender and review state', () => {
    const { hits } = search(session.db, {
      query: '',
      filters: { classifications: ['mixed'] },
      order: 'chronological',
      limit: 5,
      offset: 0,
    });
    for (const hit of hits) {
      const m = all.find((f) => f.id === hit.id)!;
      expect(hit).toMatchObject({
        conversationId: m.conversationId,
        custodianId: m.custodianId,
        senderId: m.senderId,
        classification: 'mixed',
        reviewed: true,
        redacted: true,
      });
      expect(hit.conversation).toBe(m.title);
    }
  });

  it('opens a hit in context: its conversation and position there', () => {
    const m = all[all.length - 1]!;
    const context = messageContext(session.db, m.id);
    expect(context.conversationId).toBe(m.conversationId);
    const position = session.db.prepare('SELECT position FROM messages WHERE id = ?').pluck().get(m.id);
    expect(context.position).toBe(position);
    expect(() => messageContext(session.db, 999_999)).toThrow(MessageNotFoundError);
  });
});

describe('vocabulary expansion', () => {
  it('offers the nearest words first, never the word itself, and nothing for short words', () => {
    const vocab = vocabularyOf(['figures', 'figure', 'fixtures', 'lockdown', 'fig']);
    expect(expandFrom(vocab, 'figures')).toEqual(['figure', 'fixtures']);
    expect(expandFrom(vocab, 'fig')).toEqual([]);
  });
});
