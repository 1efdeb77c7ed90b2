/**
 * The Chromium shell's stand-in for the preload: the same `makeApi` over a Playwright binding
 * (`__deskInvoke`, answered in Node by the same dispatch as Electron's IPC) instead of ipcRenderer.
 * Injected before any page script runs.
 */
import { makeApi } from '../common/contract/api';
import type { Channel, Envelope, EventName } from '../common/contract';

declare global {
  interface Window {
    __deskInvoke?: (channel: Channel, args: unknown) => Promise<Envelope<unknown>>;
    __deskEmit?: (event: EventName, payload: unknown) => void;
  }
}

const listeners = new Map<EventName, Set<(payload: unknown) => void>>();

const invoke = (channel: Channel, args: unknown): Promise<Envelope<unknown>> => {
  const binding = window.__deskInvoke;
  if (!binding) return Promise.resolve({ ok: false, error: { name: 'TransportError', message: 'the app bridge is not available' } });
  return binding(channel, args);
};

Object.defineProperty(window, '__deskEmit', {
  value: (event: EventName, payload: unknown) => listeners.get(event)?.forEach((listener) => listener(payload)),
});

Object.defineProperty(window, 'desk', {
  value: Object.freeze(
    makeApi(invoke, (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => set.delete(listener);
    }),
  ),
  enumerable: true,
});
