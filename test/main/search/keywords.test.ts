import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeCase, type CaseSession } from '../../../main/cases/service';
import type { KeywordReport } from '../../../common/domain/search';
import { COMMANDS } from '../../../main/cli/commands';
import { csvCell, csvDocument } from '../../../main/search/csv';
import { keywordCsv, keywordReport, termsOf } from '../../../main/search/keywords';
import { facts, searchCase, words, type MessageFacts } from './search-case';

let dir: string;
let session: CaseSession;
let all: MessageFacts[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dd-keywords-'));
  session = await searchCase(dir);
  all = facts(session.writable!);
});
afterAll(() => {
  closeCase(session);
  rmSync(dir, { recursive: true, force: true });
});

const TERMS = ['figures', 'lockdown', 'brief*', '"health board"', 'figures OR lockdown', 'nothingmatchesthis'];

/** A direct count of one term: the matching messages found by reading every message's words. */
function directMatches(term: string): MessageFacts[] {
  const has = (m: MessageFacts, test: (joined: string, list: string[]) => boolean): boolean => {
    const list = words(`${m.body} ${m.sender} ${m.title}`);
    return test(` ${list.join(' ')} `, list);
  };
  const matchers: Record<string, (m: MessageFacts) => boolean> = {
    figures: (m) => has(m, (_j, l) => l.includes('figures')),
    lockdown: (m) => has(m, (_j, l) => l.includes('lockdown')),
    'brief*': (m) => has(m, (_j, l) => l.some((w) => w.startsWith('brief'))),
    '"health board"': (m) => words(m.body).join(' ').includes('health board') || has(m, (j) => j.includes(' health board ')),
    'figures OR lockdown': (m) => has(m, (_j, l) => l.includes('figures') || l.includes('lockdown')),
    nothingmatchesthis: () => false,
  };
  return all.filter(matchers[term]!);
}

const summary = (ms: MessageFacts[]) => ({
  items: ms.length,
  conversations: new Set(ms.map((m) => m.conversationId)).size,
  custodians: new Set(ms.map((m) => m.custodianId)).size,
});

describe('keyword hit report', () => {
  it('counts items, conversations, custodians and unique items per term as a direct count does', () => {
    const report = keywordReport(session.db, TERMS);
    const perTerm = TERMS.map((t) => new Set(directMatches(t).map((m) => m.id)));
    report.terms.forEach((row, i) => {
      const mine = perTerm[i]!;
      const unique = [...mine].filter((id) => perTerm.every((other, j) => j === i || !other.has(id))).length;
      expect(row).toEqual({ term: TERMS[i], ...summary(directMatches(TERMS[i]!)), uniqueItems: unique, error: null });
    });
    expect(report.terms[0]!.items).toBeGreaterThan(0);
    const any = all.filter((m) => perTerm.some((s) => s.has(m.id)));
    expect(report.total).toEqual(summary(any));
  });

  it('reports a term that does not parse, with zero counts, and still counts the rest', () => {
    const report = keywordReport(session.db, ['figures', '"unclosed']);
    expect(report.terms[1]).toMatchObject({ term: '"unclosed', items: 0, uniqueItems: 0 });
    expect(report.terms[1]!.error).toContain('never closed');
    expect(report.total.items).toBe(report.terms[0]!.items);
  });

  it('counts within the filters when given', () => {
    const custodianId = all[0]!.custodianId;
    const report = keywordReport(session.db, ['figures'], { custodianIds: [custodianId] });
    expect(report.terms[0]!.items).toBe(directMatches('figures').filter((m) => m.custodianId === custodianId).length);
  });

  it('reads a list one term per line, trimmed, skipping blank lines', () => {
    expect(termsOf('  figures \r\n\n"health board"\rbrief*\n   \n')).toEqual(['figures', '"health board"', 'brief*']);
  });
});

describe('CSV', () => {
  it('quotes fields with commas, quotes or line breaks (RFC 4180) and ends rows with CRLF', () => {
    expect(csvDocument([['a,b', 'say "hi"', 'two\nlines', 3]])).toBe('"a,b","say ""hi""","two\nlines",3\r\n');
  });

  it('neutralises cells a spreadsheet would run as a formula', () => {
    for (const cell of ['=HYPERLINK("http://x")', '+1', '-holiday', '@SUM(A1)', '\tx'])
      expect(csvCell(cell).replace(/^"|"$/g, '').startsWith(`'`)).toBe(true);
    expect(csvCell(5)).toBe('5');
    expect(csvCell('plain')).toBe('plain');
  });

  it('writes a header, a row per term and a total row', () => {
    const csv = keywordCsv(keywordReport(session.db, ['figures', '-x OR']));
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe('Term,Items,Conversations,Custodians,Unique items,Problem');
    expect(lines[2]!.startsWith(`'-x OR,0,0,0,0,`)).toBe(true);
    expect(lines[3]!.startsWith('Total (any term),')).toBe(true);
  });
});

describe('CLI', () => {
  const run = async (name: string, positionals: string[], values: Record<string, string> = {}, json = true) => {
    const out: string[] = [];
    await COMMANDS[name]!.run({ positionals, values, json, actor: 'test-reviewer' }, { out: (t) => out.push(t), err: () => undefined });
    return out.join('\n');
  };

  it('search --json prints {total, hits:[{id, conversation, sender, sent_at, snippet}]}', async () => {
    const printed = JSON.parse(await run('search', [session.path, 'figures'], { limit: '2' })) as {
      total: number;
      hits: Record<string, unknown>[];
    };
    expect(printed.total).toBe(directMatches('figures').length);
    expect(printed.hits).toHaveLength(2);
    for (const hit of printed.hits) {
      expect(Object.keys(hit).sort()).toEqual(['conversation', 'id', 'sender', 'sent_at', 'snippet']);
      expect(String(hit.snippet).toLowerCase()).toContain('figures');
    }
  });

  it('search --custodian and --from/--to narrow the result', async () => {
    const custodian = all[0]!;
    const name = session.db.prepare('SELECT name FROM custodians WHERE id = ?').pluck().get(custodian.custodianId) as string;
    const printed = JSON.parse(
      await run('search', [session.path, 'figures'], { custodian: name, from: '2020-01-01', to: '2030-12-31', limit: '500' }),
    ) as { total: number };
    expect(printed.total).toBe(directMatches('figures').filter((m) => m.custodianId === custodian.custodianId && m.sentAt !== null).length);
    await expect(run('search', [session.path, 'figures'], { custodian: 'Nobody At All' })).rejects.toThrow('no custodian named');
  });

  it('keywords writes the CSV report and prints the same numbers as JSON', async () => {
    const termsFile = join(dir, 'terms.txt');
    const csvFile = join(dir, 'report.csv');
    writeFileSync(termsFile, TERMS.join('\n'));
    const printed = JSON.parse(await run('keywords', [session.path, termsFile], { csv: csvFile })) as KeywordReport;
    expect(printed).toEqual(keywordReport(session.db, TERMS));
    expect(readFileSync(csvFile, 'utf8')).toBe(keywordCsv(printed));
  });
});
