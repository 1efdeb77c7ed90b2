/** Timeline thumbnails over main/attachments/thumbnails: cached in a case that accepts writes, made afresh in one that does not. */
import type { HandlerDeps, Handlers } from '../handlers';
import type { thumbnailChannels } from '../../common/contract/channels/thumbnails';
import { thumbnailsFor, uncachedThumbnails } from '../attachments/thumbnails';

export function thumbnailHandlers(deps: HandlerDeps): Pick<Handlers, keyof typeof thumbnailChannels> {
  return {
    'attachments.thumbnails': async ({ attachmentIds }) => {
      const session = deps.current();
      const writable = session.meta.mode === 'full' ? session.writable : null;
      const thumbnails = writable ? await thumbnailsFor(writable, attachmentIds) : await uncachedThumbnails(session.db, attachmentIds);
      return { thumbnails };
    },
  };
}
