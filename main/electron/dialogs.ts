import { dialog, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import type { DialogAdapter } from '../context';

const FILTERS = [{ name: 'Disclosure Desk case', extensions: ['ddcase'] }];

/** Native open/save dialogs behind the adapter the handlers use (tests substitute their own). */
export function electronDialogs(window: () => BrowserWindow | null, defaultFolder: string): DialogAdapter {
  return {
    native: true,
    async chooseCasePath(purpose, suggestedName) {
      const parent = window();
      if (purpose === 'create') {
        const options = { defaultPath: join(defaultFolder, `${suggestedName ?? 'New case'}.ddcase`), filters: FILTERS };
        const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
        return result.canceled || !result.filePath ? null : result.filePath;
      }
      const options = { defaultPath: defaultFolder, filters: FILTERS, properties: ['openFile' as const] };
      const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
  };
}
