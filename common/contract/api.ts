/**
 * Builds the renderer's API — one typed method per channel, one subscription method per event — over
 * any transport: Electron's ipcRenderer in the preload, a Playwright binding in the Chromium shell.
 */
import {
  CHANNELS,
  EVENT_NAMES,
  contract,
  events,
  type ArgsInputOf,
  type Channel,
  type Contract,
  type Envelope,
  type EventName,
  type Events,
  type PayloadOf,
  type ResultOf,
} from '.';

export type Invoke = (channel: Channel, args: unknown) => Promise<Envelope<unknown>>;
export type Subscribe = (event: EventName, listener: (payload: unknown) => void) => () => void;

export type DeskApi = {
  [C in Channel as Contract[C]['method']]: Record<string, never> extends ArgsInputOf<C>
    ? (args?: ArgsInputOf<C>) => Promise<ResultOf<C>>
    : (args: ArgsInputOf<C>) => Promise<ResultOf<C>>;
} & {
  [E in EventName as Events[E]['method']]: (listener: (payload: PayloadOf<E>) => void) => () => void;
} & {
  /**
   * The path on disk of a file dropped on the window, or null where the host cannot tell (the
   * Chromium shell: browsers never reveal dropped files' paths). Takes a DOM `File`.
   */
  pathForFile(file: unknown): string | null;
};

export type PathForFile = (file: unknown) => string | null;

/** An error raised in main, carried across the transport with its name and message intact. */
export class DeskError extends Error {
  constructor(
    readonly errorName: string,
    message: string,
  ) {
    super(message);
    this.name = 'DeskError';
  }
}

export function makeApi(invoke: Invoke, subscribe: Subscribe, pathForFile: PathForFile = () => null): DeskApi {
  const api: Record<string, unknown> = { pathForFile };
  for (const channel of CHANNELS) {
    api[contract[channel].method] = async (args: unknown = {}) => {
      const envelope = await invoke(channel, args);
      if (!envelope.ok) throw new DeskError(envelope.error.name, envelope.error.message);
      return envelope.value;
    };
  }
  for (const event of EVENT_NAMES) {
    api[events[event].method] = (listener: (payload: unknown) => void) => subscribe(event, listener);
  }
  return api as DeskApi;
}
