/**
 * Where the app keeps per-user settings, matching Electron's `userData` for the product name so the
 * Electron app and the Chromium shell share the recent-cases list.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

export const PRODUCT_NAME = 'Disclosure Desk';

export function userSettingsDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.DISCLOSURE_DESK_SETTINGS) return env.DISCLOSURE_DESK_SETTINGS;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), PRODUCT_NAME);
}

/** Suggested folder for new case files. */
export function defaultCaseFolder(): string {
  return join(homedir(), 'Documents', `${PRODUCT_NAME} Cases`);
}
