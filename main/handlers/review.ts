/** The review channels over main/review. */
import type { HandlerDeps, Handlers } from '../handlers';
import type { reviewChannels } from '../../preload/channels/review';

export function reviewHandlers(deps: HandlerDeps): Pick<Handlers, keyof typeof reviewChannels> {
  void deps;
  return {};
}
