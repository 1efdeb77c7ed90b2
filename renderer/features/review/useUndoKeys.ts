import { useEffect, useEffectEvent } from 'react';
import { isMac } from '../../app/platform';
import { isTextEntry } from '../../app/shortcuts';
import { reviewActionForKey } from './reviewKeys';

/** Inside these, keys belong to what is open (a dialog, a popover). */
const OVERLAYS = '[role="dialog"], [role="alertdialog"], [data-radix-popper-content-wrapper]';

/**
 * Ctrl+Z (⌘Z) and Ctrl+Shift+Z / Ctrl+Y on a screen other than Review, where single letters mean
 * nothing: only the modified chords, and never in a text field, whose own undo they are.
 */
export function useUndoKeys(onUndo: () => void, onRedo: () => void): void {
  const handle = useEffectEvent((which: 'undo' | 'redo') => (which === 'undo' ? onUndo() : onRedo()));
  useEffect(() => {
    const listener = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || isTextEntry(event.target) || !(event.ctrlKey || event.metaKey)) return;
      if (event.target instanceof Element && event.target.closest(OVERLAYS)) return;
      const action = reviewActionForKey(event, isMac);
      if (action?.kind !== 'undo' && action?.kind !== 'redo') return;
      event.preventDefault();
      if (!event.repeat) handle(action.kind);
    };
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);
}
