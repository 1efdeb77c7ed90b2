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
    async chooseImportPaths(folders) {
      const options = {
        title: folders ? 'Choose export folders to import' : 'Choose exports to import',
        properties: folders ? (['openDirectory', 'multiSelections'] as const) : (['openFile', 'multiSelections'] as const),
        filters: folders
          ? []
          : [
              { name: 'Message exports', extensions: ['zip', 'txt', 'xml', 'json', 'db', 'ufdr', 'rsmf', 'eml', 'md'] },
              { name: 'All files', extensions: ['*'] },
            ],
      };
      const parent = window();
      const result = parent
        ? await dialog.showOpenDialog(parent, { ...options, properties: [...options.properties] })
        : await dialog.showOpenDialog({ ...options, properties: [...options.properties] });
      return result.canceled ? [] : result.filePaths;
    },
    async chooseSavePath(suggestedName, kind) {
      const options = { defaultPath: join(defaultFolder, suggestedName), filters: [{ name: kind.toUpperCase(), extensions: [kind] }] };
      const parent = window();
      const result = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    async chooseFolder() {
      const options = {
        title: 'Choose a new, empty folder for the bundle',
        defaultPath: defaultFolder,
        properties: ['openDirectory' as const, 'createDirectory' as const],
      };
      const parent = window();
      const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
  };
}
