/**
 * The faster search paths (issue 18: snippets in one MATCH, page and count in one pass, the join
 * through migration 0020's narrow index) against a reference worked out independently, on a generated
 * case of two chats: every match and its bm25 rank straight from FTS5, the filters applied to the rows
 * read from the tables, ordered and paged here, and each snippet by the one-message-at-a-time MATCH
 * the engine used before. Whole pages are compared, total, order, details and snippets.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WritableDB } from '../../../db/connection';
import { hitRows } from '../../../db/queries/search';
import { closeCase, type CaseSession } from '../../../main/cases/service';
import { importSource } from '../../../main/import/run';
import { compileQuery, search } from '../../../main/search/engine';
import { updateIndex } from '../../../main/search/indexer';
import { ELLIPSIS, HIT_CLOSE, HIT_OPEN, SNIPPET_TOKENS, plainSnippet, segmentsOf } from '../../../main/search/snippet';
import type { SearchFilters, SearchHit, SearchOrder, SearchPage } from '../../../common/domain/search';
import { makeCase } from '../../helpers/case';
import { facts, type MessageFacts } from './search-case';

const GENERATOR = resolve(__dirname, '../../bench/gen-whatsapp.mjs');

let dir: string;
let session: CaseSession;
let rows: Map<number, MessageFacts>;

/** Codes some messages: every 13th mixed with a span redacted, every 7th business, every 11th personal and withheld. */
function review(db: WritableDB): void {
  const ids = db.prepare('SELECT id FROM messages ORDER BY id').pluck().all() as number[];
  const event = db.prepare(
    `INSERT INTO review_events (message_id, batch_id, origin, classification, relevance, outcome, rationale, at, actor)
     VALUES (?, 'speed', 'decision', ?, ?, ?, '', 1, 'test-reviewer')`,
  );
  const current = db.prepare(
    `INSERT INTO reviews (message_id, classification, relevance, outcome, rationale, last_event_id, updated_at, updated_by)
     VALUES (?, ?, ?, ?, '', ?, 1, 'test-reviewer')`,
  );
  const redact = db.prepare(
    `INSERT INTO redactions (message_id, kind, start_utf16, end_utf16, reason_code, note, created_at, created_by)
     VALUES (?, 'span', 0, 1, 'personal-third-party', '', 1, 'test-reviewer')`,
  );
  for (const id of ids) {
    const decision =
      id % 13 === 0
        ? (['mixed', 'relevant', 'disclose_redacted'] as const)
        : id % 7 === 0
          ? (['business', 'relevant', 'disclose'] as const)
          : id % 11 === 0
            ? (['personal', 'not_relevant', 'withhold'] as const)
            : null;
    if (decision) current.run(id, ...decision, event.run(id, ...decision).lastInsertRowid);
    if (id % 13 === 0) redact.run(id);
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dd-search-speed-'));
  session = makeCase(dir);
  const db = session.writable!;
  for (const [seed, messages, custodian] of [
    [3, 2500, 'Fiona Laird'],
    [4, 1500, 'Tom Reid'],
  ] as const) {
    const chat = join(dir, `WhatsApp Chat with Group ${seed}.txt`);
    writeFileSync(chat, execFileSync(process.execPath, [GENERATOR, '--messages', String(messages), '--seed', String(seed)]));
    await importSource(db, { path: chat, custodian, timeZone: 'Europe/London' }, { actor: 'test-reviewer' });
  }
  review(db);
  await updateIndex(db);
  rows = new Map(facts(db).map((m) => [m.id, m]));
}, 60_000);
afterAll(() => {
  closeCase(session);
  rmSync(dir, { recursive: true, force: true });
});

function keeps(f: SearchFilters, m: MessageFacts): boolean {
  return (
    (!f.custodianIds?.length || f.custodianIds.includes(m.custodianId)) &&
    (!f.kinds?.length || f.kinds.includes(m.kind as never)) &&
    (!f.classifications?.length || f.classifications.includes(m.classification as never)) &&
    (!f.outcomes?.length || f.outcomes.includes(m.outcome as never)) &&
    (f.sentFrom === undefined || (m.sentAt !== null && m.sentAt >= f.sentFrom)) &&
    (f.sentTo === undefined || (m.sentAt !== null && m.sentAt < f.sentTo)) &&
    (f.hasRedactions === undefined || f.hasRedactions === m.redacted)
  );
}

/** The page as worked out without the engine's queries: FTS5's own matches and ranks, filtered and ordered here. */
function reference(query: string, filters: SearchFilters, order: SearchOrder, limit: number, offset: number): SearchPage {
  const db = session.db;
  const match = compileQuery(db, query)!;
  const ranked = db.prepare('SELECT rowid AS id, rank FROM search_fts WHERE search_fts MATCH ?').all(match) as {
    id: number;
    rank: number;
  }[];
  const kept = ranked.filter(({ id }) => keeps(filters, rows.get(id)!));
  const at = (id: number) => rows.get(id)!.sentAt;
  kept.sort((a, b) =>
    order === 'relevance'
      ? a.rank - b.rank || a.id - b.id
      : Number(at(a.id) === null) - Number(at(b.id) === null) || (at(a.id) ?? 0) - (at(b.id) ?? 0) || a.id - b.id,
  );
  const ids = kept.slice(offset, offset + limit).map(({ id }) => id);
  const details = new Map(hitRows(db, ids).map((row) => [row.id, row]));
  // The snippet statement as the engine ran it before, one message at a time.
  const snippet = db.prepare(
    'SELECT snippet(search_fts, 0, ?, ?, ?, ?) AS s FROM search_fts WHERE search_fts MATCH ? AND rowid = CAST(? AS INTEGER)',
  );
  const hits = ids.map((id): SearchHit => {
    const { body: _body, reviewed, redacted, ...row } = details.get(id)!;
    const marked = (snippet.get(HIT_OPEN, HIT_CLOSE, ELLIPSIS, SNIPPET_TOKENS, match, id) as { s: string } | undefined)?.s;
    const segments = marked === undefined ? plainSnippet(details.get(id)!.body) : segmentsOf(marked);
    return { ...row, snippet: segments, reviewed: reviewed === 1, redacted: redacted === 1 };
  });
  return { total: kept.length, hits };
}

const QUERIES = [
  'brief*',
  'lock*',
  'vacc*',
  'ho*',
  'breifing*~',
  'lockdwn*~',
  'vacination',
  'meeting',
  'lockdown -brief*',
  '"the meeting"',
  'dent* OR surv*',
];
const FILTERS: readonly SearchFilters[] = [
  {},
  { kinds: ['text'], classifications: ['unclassified'] },
  { custodianIds: [1], outcomes: ['withhold', 'pending'] },
  { classifications: ['mixed', 'business'], hasRedactions: true },
  { sentFrom: Date.UTC(2020, 2, 3), sentTo: Date.UTC(2020, 2, 20) },
];

describe('search, against a reference worked out without its queries', () => {
  it('gives the same pages, totals, details and snippets for prefix, fuzzy and filtered queries, in both orders', () => {
    let compared = 0;
    for (const query of QUERIES)
      for (const filters of FILTERS)
        for (const order of ['relevance', 'chronological'] as const)
          for (const offset of [0, 50]) {
            const expected = reference(query, filters, order, 50, offset);
            expect(
              search(session.db, { query, filters, order, limit: 50, offset }),
              `${query} ${JSON.stringify(filters)} ${order} +${offset}`,
            ).toEqual(expected);
            compared += expected.hits.length;
          }
    // Most combinations find something: the comparison is not of empty pages.
    expect(compared).toBeGreaterThan(5_000);
  });

  it('counts the matches when the page asked for lies past the last of them', () => {
    const page = search(session.db, {
      query: 'brief*',
      filters: { kinds: ['text'] },
      order: 'chronological',
      limit: 50,
      offset: 1_000_000,
    });
    expect(page).toEqual({ total: reference('brief*', { kinds: ['text'] }, 'chronological', 50, 0).total, hits: [] });
    expect(page.total).toBeGreaterThan(0);
  });
});
