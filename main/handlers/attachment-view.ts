/** The attachment viewer's channel over main/attachments/view. */
import type { HandlerDeps, Handlers } from '../handlers';
import type { attachmentViewChannels } from '../../common/contract/channels/attachment-view';
import { viewAttachment } from '../attachments/view';

export function attachmentViewHandlers(deps: HandlerDeps): Pick<Handlers, keyof typeof attachmentViewChannels> {
  return {
    'attachments.view': async ({ attachmentId }) => viewAttachment(deps.current().db, attachmentId),
  };
}
