/**
 * `disclosure-desk search` and `disclosure-desk keywords` (docs/spec.md §8). Both bring the case's search
 * index up to date first when the case is writable (a case imported by an older build, or an import
 * whose indexing was interrupted), so a script never gets a silently incomplete answer.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { custodianByName } from '../../db/queries/browse';
import { closeCase, openCase, type CaseSession } from '../cases/service';
import { SEARCH_ORDERS, type SearchFilters, type SearchOrder } from '../../common/domain/search';
import { wallClockToUtc } from '../../common/domain/time';
import { search } from '../search/engine';
import { SearchIndexStaleError } from '../search/errors';
import { updateIndex } from '../search/indexer';
import { keywordCsv, keywordReport, termsOf } from '../search/keywords';
import { indexStatus } from '../search/status';
import type { Command } from './commands';
import { UsageError, type CliIo } from './io';

const str = (value: string | boolean | undefined): string | undefined => (typeof value === 'string' ? value : undefined);

/** Failure (exit 1): the command was well formed but the case does not have what it names. */
export class UnknownCustodianError extends Error {
  constructor(name: string) {
    super(`There is no custodian named "${name}" in this case (see \`disclosure-desk stats\`).`);
    this.name = 'UnknownCustodianError';
  }
}

/**
 * A `--from`/`--to` date: YYYY-MM-DD is a whole day in the case's time zone (so `--to` includes
 * that day); anything else must be an ISO 8601 instant with an offset. Returns UTC epoch ms.
 */
export function dateBound(option: string, value: string, zone: string, endOfDay: boolean): number {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(value);
  if (day) {
    const [year, month, date] = [Number(day[1]), Number(day[2]), Number(day[3])];
    const given = new Date(Date.UTC(year, month - 1, date));
    if (given.getUTCFullYear() !== year || given.getUTCMonth() !== month - 1 || given.getUTCDate() !== date) {
      throw new UsageError(`--${option} ${value} is not a real date`);
    }
    const start = new Date(given.getTime() + (endOfDay ? 86_400_000 : 0));
    const wall = { year: start.getUTCFullYear(), month: start.getUTCMonth() + 1, day: start.getUTCDate(), hour: 0, minute: 0, second: 0 };
    // Midnight can fall in a clock-change gap; the day then starts at the first instant that exists.
    return wallClockToUtc(wall, zone)[0] ?? (wallClockToUtc({ ...wall, hour: 1 }, zone)[0] as number);
  }
  if (!/(Z|[+-]\d{2}:?\d{2})$/u.test(value) || Number.isNaN(Date.parse(value))) {
    throw new UsageError(`--${option} must be a date (YYYY-MM-DD, in the case's time zone) or an ISO 8601 time with an offset`);
  }
  return Date.parse(value);
}

async function searchable(casePath: string, io: CliIo): Promise<CaseSession> {
  const session = openCase(casePath);
  try {
    const status = indexStatus(session.db);
    if (status.state !== 'current') {
      if (!session.writable) throw new SearchIndexStaleError(status.pending, status.state === 'missing', 'read-only');
      io.err(`Updating the search index (${status.pending.toLocaleString('en-GB')} messages)…`);
      await updateIndex(session.writable);
    }
    return session;
  } catch (err) {
    closeCase(session);
    throw err;
  }
}

const plainText = (segments: readonly { text: string }[]): string =>
  segments
    .map((s) => s.text)
    .join('')
    .replace(/\s+/gu, ' ');
const marked = (segments: readonly { text: string; hit: boolean }[]): string =>
  segments
    .map((s) => (s.hit ? `[${s.text}]` : s.text))
    .join('')
    .replace(/\s+/gu, ' ');

export const searchCommand: Command = {
  usage: 'search <case> <query> [--custodian <name>] [--from <date>] [--to <date>] [--limit n] [--order relevance|chronological]',
  options: {
    custodian: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    limit: { type: 'string' },
    order: { type: 'string' },
  },
  async run({ positionals, values, json }, io) {
    const [casePath, query, ...rest] = positionals;
    if (casePath === undefined || query === undefined) throw new UsageError('give the case and a query (quote it: "lockdown -holiday")');
    if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}" (quote a query of several words)`);
    const limitText = str(values.limit) ?? '50';
    if (!/^\d+$/u.test(limitText) || Number(limitText) < 1 || Number(limitText) > 100_000)
      throw new UsageError('--limit must be a whole number from 1 to 100000');
    const order = (str(values.order) ?? 'relevance') as SearchOrder;
    if (!SEARCH_ORDERS.includes(order)) throw new UsageError(`--order must be one of ${SEARCH_ORDERS.join(', ')}`);
    const session = await searchable(casePath, io);
    try {
      const zone = session.meta.defaultTimeZone;
      const custodian = str(values.custodian);
      const from = str(values.from);
      const to = str(values.to);
      const custodianId = custodian === undefined ? undefined : custodianByName(session.db, custodian)?.id;
      if (custodian !== undefined && custodianId === undefined) throw new UnknownCustodianError(custodian);
      const filters: SearchFilters = {
        ...(custodianId === undefined ? {} : { custodianIds: [custodianId] }),
        ...(from === undefined ? {} : { sentFrom: dateBound('from', from, zone, false) }),
        ...(to === undefined ? {} : { sentTo: dateBound('to', to, zone, true) }),
      };
      const page = search(session.db, { query, filters, order, limit: Number(limitText), offset: 0 });
      if (json) {
        const hits = page.hits.map((h) => ({
          id: h.id,
          conversation: h.conversation,
          sender: h.sender,
          sent_at: h.sentAt === null ? null : new Date(h.sentAt).toISOString(),
          snippet: plainText(h.snippet),
        }));
        io.out(JSON.stringify({ total: page.total, hits }));
        return;
      }
      io.out(
        `${page.total.toLocaleString('en-GB')} message${page.total === 1 ? '' : 's'} match${page.total === 1 ? 'es' : ''}${page.total > page.hits.length ? ` (first ${page.hits.length} shown)` : ''}`,
      );
      for (const h of page.hits) {
        const when = h.sentAt === null ? 'undated' : new Date(h.sentAt).toISOString().slice(0, 16).replace('T', ' ');
        io.out(`#${h.id}  ${when}  ${h.conversation} · ${h.sender ?? '(no sender)'}: ${marked(h.snippet)}`);
      }
    } finally {
      closeCase(session);
    }
  },
};

export const keywordsCommand: Command = {
  usage: 'keywords <case> <terms.txt> [--csv <out.csv>]',
  options: { csv: { type: 'string' } },
  async run({ positionals, values, json }, io) {
    const [casePath, termsPath, ...rest] = positionals;
    if (casePath === undefined || termsPath === undefined) throw new UsageError('give the case and a file of search terms, one per line');
    if (rest.length) throw new UsageError(`unexpected argument "${rest[0]}"`);
    const csvPath = str(values.csv);
    const terms = termsOf(readFileSync(termsPath, 'utf8'));
    const session = await searchable(casePath, io);
    try {
      const report = keywordReport(session.db, terms);
      if (csvPath !== undefined) writeFileSync(csvPath, keywordCsv(report), { mode: 0o600 });
      if (json) {
        io.out(JSON.stringify(report));
        return;
      }
      const width = Math.max(16, ...report.terms.map((t) => t.term.length));
      io.out(`${'Term'.padEnd(width)}  ${'Items'.padStart(8)}  ${'Convs'.padStart(6)}  ${'Custs'.padStart(5)}  ${'Unique'.padStart(8)}`);
      for (const t of report.terms) {
        const counts = `${String(t.items).padStart(8)}  ${String(t.conversations).padStart(6)}  ${String(t.custodians).padStart(5)}  ${String(t.uniqueItems).padStart(8)}`;
        io.out(`${t.term.padEnd(width)}  ${t.error === null ? counts : `not searched: ${t.error}`}`);
      }
      const total = report.total;
      io.out(
        `${'Total (any term)'.padEnd(width)}  ${String(total.items).padStart(8)}  ${String(total.conversations).padStart(6)}  ${String(total.custodians).padStart(5)}`,
      );
      if (csvPath !== undefined) io.out(`Hit report written to ${csvPath}`);
    } finally {
      closeCase(session);
    }
  },
};
