/**
 * The renderer's only way to the backend: `window.desk`, put there by the Electron preload or the
 * Chromium shell's bridge. Nothing else in the renderer reads `window.desk`.
 */
import type { DeskApi } from '../common/contract/api';

declare global {
  interface Window {
    readonly desk?: DeskApi;
  }
}

class BridgeMissingError extends Error {
  constructor() {
    super(
      'Disclosure Desk’s connection to its case files is missing. Start the app with “npm start” rather than opening this page directly.',
    );
    this.name = 'BridgeMissingError';
  }
}

export function desk(): DeskApi {
  if (!window.desk) throw new BridgeMissingError();
  return window.desk;
}

const UNKNOWN_FAILURE =
  'Something went wrong and the app gave no details. Try again; if it keeps happening, note what you did and report it.';

/**
 * Errors from main arrive as Errors whose message is written for the user (named error classes in
 * main say what happened and what to do); crossing Electron's contextBridge keeps only the message.
 */
export function errorMessage(err: unknown): string {
  return err instanceof Error && err.message.trim() !== '' ? err.message : UNKNOWN_FAILURE;
}
