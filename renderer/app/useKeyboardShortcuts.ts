import { useEffect, useEffectEvent } from 'react';
import type { AppCommand } from './commands';
import { isMac } from './platform';
import { commandForKey, isTextEntry } from './shortcuts';

export function useKeyboardShortcuts(onCommand: (command: AppCommand) => void, nativeMenu: boolean): void {
  const handle = useEffectEvent(onCommand);
  useEffect(() => {
    const listener = (event: KeyboardEvent): void => {
      if (event.defaultPrevented) return;
      const command = commandForKey(event, { isMac, nativeMenu, typing: isTextEntry(event.target) });
      if (!command) return;
      // Keeps the browser's own meaning of the key (F1 help, Ctrl+O file picker) from running too.
      event.preventDefault();
      handle(command);
    };
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, [nativeMenu]);
}
