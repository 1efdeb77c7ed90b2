import type { EventName, PayloadOf } from '../common/contract';
import type { Emit } from './context';

type Sink = (event: EventName, payload: unknown) => void;

/**
 * An `Emit` that handlers can hold before the window exists: events go nowhere until a sink is
 * attached (the Chromium shell is opened after the handlers that feed it are made).
 */
export function lateEmitter(): { readonly emit: Emit; attach(sink: Sink): void } {
  let sink: Sink = () => undefined;
  return {
    emit: <E extends EventName>(event: E, payload: PayloadOf<E>) => sink(event, payload),
    attach: (next) => {
      sink = next;
    },
  };
}
