/** The audit and reviewer channels over main/audit and the reviewer setting. */
import type { HandlerDeps, Handlers } from '../handlers';
import type { auditChannels } from '../../common/contract/channels/audit';
import { auditFacets, listAudit } from '../audit/browse';
import { auditVerifyJobs } from '../audit/jobs';

export function auditHandlers(deps: HandlerDeps): Pick<Handlers, keyof typeof auditChannels> {
  const jobs = auditVerifyJobs(deps.host.emit, deps.jobs);
  const reviewerInfo = () => ({ stored: deps.reviewer.stored(), current: deps.reviewer.current(), suggested: deps.reviewer.suggested });
  return {
    'reviewer.get': async () => reviewerInfo(),
    'reviewer.set': async ({ name }) => {
      deps.reviewer.set(name);
      return reviewerInfo();
    },
    'audit.facets': async () => auditFacets(deps.current().db),
    'audit.page': async (args) => listAudit(deps.current().db, args),
    'audit.verifyStart': async () => ({ jobId: jobs.start(deps.current().path, null) }),
    'audit.verifyCancel': async ({ jobId }) => {
      deps.jobs.cancel(jobId);
      return null;
    },
  };
}
