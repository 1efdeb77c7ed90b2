/** The search channels over main/search. */
import { writeFileSync } from 'node:fs';
import type { HandlerDeps, Handlers } from '../handlers';
import type { searchChannels } from '../../common/contract/channels/search';
import type { CaseSession } from '../cases/service';
import { messageContext, senderFacets } from '../search/context';
import { search } from '../search/engine';
import { SearchIndexStaleError } from '../search/errors';
import { updateIndex } from '../search/indexer';
import { indexJobs } from '../search/jobs';
import { keywordCsv, keywordReport } from '../search/keywords';
import { indexStatus } from '../search/status';

/**
 * Up to this many unindexed messages are indexed inline before a search (well under a second);
 * more go to a background job and the search says the index is being updated.
 */
export const INLINE_INDEX_LIMIT = 20_000;

export function searchHandlers(deps: HandlerDeps): Pick<Handlers, keyof typeof searchChannels> {
  const jobs = indexJobs(deps.host.emit, deps.jobs);

  /** Searches only a complete index: brings it up to date first, or says clearly why it cannot. */
  const indexed = async (): Promise<CaseSession> => {
    const open = deps.current();
    const status = indexStatus(open.db);
    if (status.state === 'current') return open;
    if (!open.writable) throw new SearchIndexStaleError(status.pending, status.state === 'missing', 'read-only');
    if (status.pending <= INLINE_INDEX_LIMIT && jobs.running(open.path) === null) {
      await updateIndex(open.writable);
      return open;
    }
    jobs.start(open.path, { rebuild: false });
    throw new SearchIndexStaleError(status.pending, status.state === 'missing', 'updating');
  };

  return {
    'search.query': async ({ query, filters, order, limit, offset }) =>
      search((await indexed()).db, { query, filters, order, limit, offset }),
    'search.context': async ({ messageId }) => messageContext(deps.current().db, messageId),
    'search.facets': async () => ({ senders: senderFacets(deps.current().db) }),
    'search.indexStatus': async () => {
      const open = deps.current();
      return { ...indexStatus(open.db), jobId: jobs.running(open.path) };
    },
    'search.updateIndex': async ({ rebuild }) => {
      deps.writable('its search index cannot be updated');
      return { jobId: jobs.start(deps.current().path, { rebuild }) };
    },
    'search.cancelIndex': async ({ jobId }) => {
      deps.jobs.cancel(jobId);
      return null;
    },
    'keywords.report': async ({ terms, filters }) => keywordReport((await indexed()).db, terms, filters),
    'keywords.exportCsv': async ({ terms, filters, path }) => {
      const report = keywordReport((await indexed()).db, terms, filters);
      // Owner-only, like the case: the terms of a request can themselves be sensitive.
      writeFileSync(path, keywordCsv(report), { mode: 0o600 });
      return { path, rows: report.terms.length + 1 };
    },
    'dialog.chooseSavePath': async ({ suggestedName, kind }) => ({ path: await deps.host.dialogs.chooseSavePath(suggestedName, kind) }),
  };
}
