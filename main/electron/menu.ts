import { Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../common/contract';

/** The native menu; commands that concern the UI are sent to the renderer as `menu.command` events. */
export function buildMenu(send: (command: MenuCommand) => void, window: () => BrowserWindow | null, devTools: boolean): Menu {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'New Case…', accelerator: 'CmdOrCtrl+N', click: () => send('new-case') },
        { label: 'Open Case…', accelerator: 'CmdOrCtrl+O', click: () => send('open-case') },
        { label: 'Close Case', accelerator: 'CmdOrCtrl+W', click: () => send('close-case') },
        // On macOS Cmd+W belongs to Close Case above and Quit lives in the app menu.
        ...(isMac ? [] : [{ type: 'separator' as const }, { role: 'quit' as const }]),
      ],
    },
    {
      label: '&Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: '&View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(devTools
          ? [
              { type: 'separator' as const },
              { label: 'Developer Tools', accelerator: 'F12', click: () => window()?.webContents.toggleDevTools() },
            ]
          : []),
      ],
    },
    { label: '&Help', submenu: [{ label: 'Keyboard Shortcuts', accelerator: 'F1', click: () => send('show-shortcuts') }] },
  ];
  return Menu.buildFromTemplate(template);
}
