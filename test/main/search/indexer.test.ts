import { spawnSync } from 'node:child_process';
import { CancelledError } from '../../../common/domain/cancellation';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeCase } from '../../../main/cases/service';
import { createHandlers } from '../../../main/handlers';
import { importSource } from '../../../main/import/run';
import { SearchIndexStaleError } from '../../../main/search/errors';
import { updateIndex } from '../../../main/search/indexer';
import { selectMessageIds } from '../../../main/search/select';
import { INDEX_VERSION, indexStatus } from '../../../main/search/status';
import { makeCase } from '../../helpers/case';
import { fixture } from '../../helpers/fixtures';
import { testHost } from '../../helpers/host';
import { useTempDir } from '../../helpers/temp';
import { searchCase } from './search-case';

const tempDir = useTempDir();
const count = (session: { db: { prepare(s: string): { pluck(): { get(): unknown } } } }, sql: string): number =>
  session.db.prepare(sql).pluck().get() as number;

describe('search index upkeep', () => {
  it('is missing until built, and searching a missing index refuses instead of missing messages', async () => {
    const session = await searchCase(tempDir(), { index: false });
    const status = indexStatus(session.db);
    expect(status.state).toBe('missing');
    expect(status.pending).toBe(count(session, 'SELECT count(*) FROM messages'));
    expect(() => selectMessageIds(session.db, 'figures', {})).toThrow(SearchIndexStaleError);
    await updateIndex(session.writable!);
    expect(indexStatus(session.db)).toEqual({ state: 'current', indexedUpTo: count(session, 'SELECT max(id) FROM messages'), pending: 0 });
    closeCase(session);
  });

  it('indexes only the new messages after a later import, detecting the gap first', async () => {
    const session = await searchCase(tempDir());
    const before = count(session, 'SELECT count(*) FROM search_fts');
    await importSource(
      session.writable!,
      { path: fixture('telegram/result.json'), custodian: 'Euan Baird', timeZone: 'Europe/London' },
      { actor: 't' },
    );
    const added = count(session, 'SELECT count(*) FROM messages') - before;
    expect(indexStatus(session.db)).toMatchObject({ state: 'stale', pending: added });
    expect(() => selectMessageIds(session.db, '', {})).toThrow(/does not yet include the \d+ most recently imported/);
    const outcome = await updateIndex(session.writable!, { batchSize: 7 });
    expect(outcome).toEqual({ indexed: added, rebuilt: false });
    expect(selectMessageIds(session.db, '', {})).toHaveLength(before + added);
    // Each message indexed exactly once: the FTS5 doc count equals the message count.
    expect(count(session, "SELECT doc FROM search_vocab WHERE term = 'the'")).toBe(
      session.db.prepare("SELECT count(*) FROM search_fts WHERE search_fts MATCH 'the'").pluck().get() as number,
    );
    closeCase(session);
  });

  it('a cancelled update keeps what it indexed, and the next update continues from there', async () => {
    const session = await searchCase(tempDir(), { index: false });
    const token = { isCancellationRequested: false };
    const progress: number[] = [];
    await expect(
      updateIndex(session.writable!, {
        batchSize: 20,
        token,
        onProgress: ({ indexed }) => {
          progress.push(indexed);
          if (indexed >= 40) token.isCancellationRequested = true;
        },
      }),
    ).rejects.toThrow(CancelledError);
    const partial = indexStatus(session.db);
    expect(partial.state).toBe('stale');
    const total = count(session, 'SELECT count(*) FROM messages');
    expect(partial.pending).toBe(total - 40);
    expect(await updateIndex(session.writable!)).toEqual({ indexed: total - 40, rebuilt: false });
    closeCase(session);
  });

  it('an index written by another index version is rebuilt from scratch', async () => {
    const session = await searchCase(tempDir());
    session.writable!.prepare('UPDATE search_state SET index_version = ?').run(INDEX_VERSION + 1);
    expect(indexStatus(session.db).state).toBe('missing');
    const outcome = await updateIndex(session.writable!);
    expect(outcome).toEqual({ indexed: count(session, 'SELECT count(*) FROM messages'), rebuilt: true });
    expect(indexStatus(session.db).state).toBe('current');
    closeCase(session);
  });

  it('search.query brings an index with a small gap up to date before answering', async () => {
    const dir = tempDir();
    const built = await searchCase(dir, { index: false });
    const path = built.path;
    closeCase(built);
    const { handlers, dispose } = createHandlers(testHost(dir));
    await handlers['case.open']({ path });
    const page = await handlers['search.query']({ query: 'figures', filters: {}, order: 'relevance', limit: 5, offset: 0 });
    expect(page.total).toBeGreaterThan(0);
    expect((await handlers['search.indexStatus']({})).state).toBe('current');
    dispose();
  });

  it('closing the case cancels an index job under way rather than leaving it working on the file', async () => {
    const dir = tempDir();
    // Big enough that the rebuild is still under way when the case closes (it checks between batches).
    const chat = join(dir, 'chat.txt');
    const generated = spawnSync(
      process.execPath,
      [join(__dirname, '../../bench/gen-whatsapp.mjs'), '--messages', '150000', '--seed', '3'],
      { maxBuffer: 1 << 26 },
    );
    writeFileSync(chat, generated.stdout);
    const built = makeCase(dir);
    await importSource(built.writable!, { path: chat, custodian: 'Generated', timeZone: 'Europe/London' }, { actor: 'test-reviewer' });
    const path = built.path;
    closeCase(built);
    let finished: (payload: unknown) => void = () => undefined;
    const outcome = new Promise<unknown>((resolve) => (finished = resolve));
    const host = { ...testHost(dir), emit: (event: string, payload: unknown) => event === 'search.indexFinished' && finished(payload) };
    const { handlers, dispose } = createHandlers(host);
    await handlers['case.open']({ path });
    const { jobId } = await handlers['search.updateIndex']({ rebuild: true });
    await handlers['case.close']({});
    expect(await outcome).toMatchObject({ jobId, ok: false, cancelled: true });
    dispose();
  }, 60_000);
});
