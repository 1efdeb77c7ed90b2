/** The search channels over main/search. */
import type { HandlerDeps, Handlers } from '../handlers';
import type { searchChannels } from '../../preload/channels/search';

export function searchHandlers(deps: HandlerDeps): Pick<Handlers, keyof typeof searchChannels> {
  void deps;
  return {};
}
