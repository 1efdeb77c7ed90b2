import { useEffect, useEffectEvent } from 'react';
import { desk } from '../api';
import type { AppCommand } from './commands';

/** Commands chosen in Electron's native menu (File ▸ New Case…, Help ▸ Keyboard Shortcuts, …). */
export function useMenuCommands(onCommand: (command: AppCommand) => void, enabled: boolean): void {
  const handle = useEffectEvent(onCommand);
  useEffect(() => {
    if (!enabled) return undefined;
    return desk().onMenuCommand(({ command }) => handle({ kind: command }));
  }, [enabled]);
}
