/** The attachment decision channels over main/review/attachment-decisions. */
import type { HandlerDeps, Handlers } from '../handlers';
import type { attachmentReviewChannels } from '../../common/contract/channels/attachment-review';
import { attachmentDecisions, decideAttachments } from '../review/attachment-decisions';

export function attachmentReviewHandlers(deps: HandlerDeps): Pick<Handlers, keyof typeof attachmentReviewChannels> {
  return {
    'attachmentReview.get': async ({ attachmentIds }) => attachmentDecisions(deps.current().db, attachmentIds),
    'attachmentReview.decide': async (args) => decideAttachments(deps.writable('decisions cannot be recorded'), args, deps.host.actor),
  };
}
