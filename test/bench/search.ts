/**
 * Search benchmarks over the case the import benchmark created, one measurement per process so each
 * peak RSS is its own. Prints one JSON line. Usage (via scripts/bench.mjs):
 *   tsx test/bench/search.ts <index-build|filter-index|queries|fts5-alone|minisearch-alone|case-open> <case>
 * The fixed query set uses the generator's vocabulary (test/bench/gen-whatsapp.mjs), with typos.
 */
import Database from 'better-sqlite3';
import MiniSearch from 'minisearch';
import type { ReadableDB } from '../../db/connection';
import { closeCase, caseCounts, openCase } from '../../main/cases/service';
import { listConversations } from '../../db/queries/browse';
import { timeline } from '../../main/browse/timeline';
import { search } from '../../main/search/engine';
import { updateIndex } from '../../main/search/indexer';

const EXACT = [
  'briefing',
  'lockdown',
  'vaccination',
  'hospitality',
  'procurement',
  'birthday',
  'dentist',
  'surveillance',
  'stakeholders',
  'wastewater',
  'physio',
  'babysitter',
];
const PREFIX = ['brief', 'lock', 'vacc', 'hosp', 'procure', 'birth', 'dent', 'surv', 'stake', 'waste', 'phys', 'babys'];
/** Typing with a typo, as a search box sees it: fuzzy and prefix together. */
const FUZZY_PREFIX = [
  'breifing',
  'lockdwn',
  'vacination',
  'hospitalty',
  'procurment',
  'brithday',
  'dentsit',
  'surveilance',
  'stakeholdrs',
  'wastwater',
  'physoi',
  'babysiter',
];

const [mode, casePath] = process.argv.slice(2);
if (!mode || !casePath) throw new Error('usage: search.ts <mode> <case>');
const path: string = casePath;

const peakRssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);
const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return Number(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!.toFixed(2));
};

/** Each query twice (cold, then warm), so p50 shows the usual case and p95 the cold and heavy ones. */
function timeQueries(queries: readonly string[], run: (q: string) => number): { p50: number; p95: number; hits: number } {
  const times: number[] = [];
  let hits = 0;
  for (let round = 0; round < 2; round++) {
    for (const q of queries) {
      const started = performance.now();
      hits += run(q);
      times.push(performance.now() - started);
    }
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95), hits };
}

const timed = <T>(work: () => T): [T, number] => {
  const started = performance.now();
  const result = work();
  return [result, (performance.now() - started) / 1000];
};

async function measure(): Promise<Record<string, unknown>> {
  switch (mode) {
    case 'index-build': {
      const session = openCase(path);
      const started = performance.now();
      const outcome = await updateIndex(session.writable!, { rebuild: true });
      const seconds = (performance.now() - started) / 1000;
      closeCase(session);
      return { items: outcome.indexed, seconds };
    }
    case 'filter-index': {
      // What the search indexes cost in the case file (dbstat), and what building the filter index
      // (migration 0020) costs an existing case: built again inside a transaction rolled back after.
      const db = new Database(path);
      const megabytes = (names: readonly string[]): number =>
        (
          db.prepare(`SELECT sum(pgsize) AS n FROM dbstat WHERE name IN (SELECT value FROM json_each(?))`).get(JSON.stringify(names)) as {
            n: number;
          }
        ).n /
        1024 ** 2;
      const sizes = {
        caseMb: megabytes(
          (db.prepare(`SELECT DISTINCT name FROM dbstat`).pluck().all() as string[]).filter((name) => !name.startsWith('sqlite_')),
        ),
        ftsMb: megabytes(['search_fts_data', 'search_fts_idx', 'search_fts_docsize', 'search_fts_config']),
        filterIndexMb: megabytes(['messages_for_search']),
      };
      db.exec('BEGIN');
      db.exec('DROP INDEX messages_for_search');
      const [, buildSeconds] = timed(() =>
        db.exec('CREATE INDEX messages_for_search ON messages(id, sent_at, kind, source_id, conversation_id, sender_participant_id)'),
      );
      db.exec('ROLLBACK');
      db.close();
      return { ...sizes, buildSeconds };
    }
    case 'queries': {
      const session = openCase(path, { readOnly: true });
      const db = session.db;
      const ours = (query: string): number => search(db, { query, filters: {}, order: 'relevance', limit: 50, offset: 0 }).total;
      const exact = timeQueries(EXACT, ours);
      const prefix = timeQueries(
        PREFIX.map((w) => `${w}*`),
        ours,
      );
      const [, vocabularySeconds] = timed(() => ours('zzzzzz~'));
      const fuzzyPrefix = timeQueries(
        FUZZY_PREFIX.map((w) => `${w}*~`),
        ours,
      );
      const filtered = timeQueries(
        FUZZY_PREFIX.map((w) => `${w}*~`),
        (query) =>
          search(db, {
            query,
            filters: { classifications: ['unclassified'], kinds: ['text'] },
            order: 'chronological',
            limit: 50,
            offset: 0,
          }).total,
      );
      closeCase(session);
      return { exact, prefix, fuzzyPrefix, filtered, vocabularySeconds };
    }
    case 'fts5-alone': {
      // The floor: one MATCH, best 50 by rank, ids only — no count, filters, details or snippets.
      const db = new Database(path, { readonly: true });
      const statement = db.prepare('SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY rank LIMIT 50');
      const run = (match: string): number => statement.all(match).length;
      const exact = timeQueries(
        EXACT.map((w) => `"${w}"`),
        run,
      );
      const prefix = timeQueries(
        PREFIX.map((w) => `"${w}" *`),
        run,
      );
      db.close();
      return { exact, prefix };
    }
    case 'minisearch-alone': {
      const db = new Database(path, { readonly: true }) as ReadableDB;
      const mini = new MiniSearch<{ id: number; body: string }>({ fields: ['body'], storeFields: [] });
      const [, buildSeconds] = timed(() => {
        for (const row of db.prepare('SELECT id, body FROM messages').iterate() as Iterable<{ id: number; body: string }>) mini.add(row);
      });
      const heapMb = Math.round(process.memoryUsage().heapUsed / 1024 ** 2);
      const run =
        (options: object) =>
        (q: string): number =>
          mini.search(q, options).slice(0, 50).length;
      const exact = timeQueries(EXACT, run({}));
      const prefix = timeQueries(PREFIX, run({ prefix: true }));
      const fuzzyPrefix = timeQueries(FUZZY_PREFIX, run({ prefix: true, fuzzy: 0.2 }));
      const saved = JSON.stringify(mini);
      const [, loadSeconds] = timed(() => MiniSearch.loadJSON(saved, { fields: ['body'] }));
      db.close();
      return { buildSeconds, heapMb, exact, prefix, fuzzyPrefix, loadSeconds };
    }
    case 'case-open': {
      // What the app does from "Open" to its first screen: open + migrate, the case summary, the
      // conversation list, and the first window of the first conversation's timeline.
      const [messages, seconds] = timed(() => {
        const session = openCase(path);
        caseCounts(session);
        const conversations = listConversations(session.db, null);
        const first = conversations[0];
        const window = first ? timeline(session.db, first.id, 0, 100).messages.length : 0;
        closeCase(session);
        return window;
      });
      return { seconds, firstWindow: messages };
    }
    default:
      throw new Error(`unknown mode ${mode}`);
  }
}

async function main(): Promise<void> {
  try {
    const result = await measure();
    process.stdout.write(`${JSON.stringify({ mode, ...result, peakRssMb: peakRssMb() })}\n`);
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  }
}

void main();
