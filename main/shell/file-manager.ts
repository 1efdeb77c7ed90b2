/**
 * The Chromium shell's way to show a folder: the platform's own opener, started detached so the app
 * never waits on the file manager. The path is passed as one argument, never through a shell.
 */
import { spawn } from 'node:child_process';
import type { Desktop } from '../context';

const OPENERS: Partial<Record<NodeJS.Platform, string>> = { linux: 'xdg-open', darwin: 'open', win32: 'explorer' };

export const systemFileManager: Desktop = {
  openFolder: (path) =>
    new Promise((resolve, reject) => {
      const opener = OPENERS[process.platform];
      if (!opener) {
        reject(new Error(`This system has no known way to open a folder. The bundle is in ${path}`));
        return;
      }
      const child = spawn(opener, [path], { detached: true, stdio: 'ignore' });
      child.once('error', (err) => reject(new Error(`The folder ${path} could not be opened (${opener}: ${err.message}).`)));
      child.once('spawn', () => {
        child.unref();
        resolve();
      });
    }),
};
