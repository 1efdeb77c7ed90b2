/** The image redaction channels over main/redact/image-regions. */
import type { HandlerDeps, Handlers } from '../handlers';
import type { imageRedactionChannels } from '../../common/contract/channels/image-redaction';
import { addImageRedaction, listImageRedactions, supersedeImageRedaction } from '../redact/image-regions';

export function imageRedactionHandlers(deps: HandlerDeps): Pick<Handlers, keyof typeof imageRedactionChannels> {
  return {
    'imageRedactions.list': async (args) => listImageRedactions(deps.current().db, args),
    'imageRedactions.add': async (args) => addImageRedaction(deps.writable('image redactions cannot be added'), args, deps.host.actor),
    'imageRedactions.supersede': async (args) =>
      supersedeImageRedaction(deps.writable('image redactions cannot be superseded'), args, deps.host.actor),
  };
}
