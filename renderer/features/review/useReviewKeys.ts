import { useEffect, useEffectEvent } from 'react';
import { isMac } from '../../app/platform';
import { isTextEntry } from '../../app/shortcuts';
import { reviewActionForKey, type ReviewAction } from './reviewKeys';

/** Inside these, keys belong to what is open (the shortcuts overlay, a date-range popover). */
const OVERLAYS = '[role="dialog"], [role="alertdialog"], [data-radix-popper-content-wrapper]';

/** The Review screen's one-key commands, anywhere on the screen except while typing in a field. */
export function useReviewKeys(onAction: (action: ReviewAction) => void): void {
  const handle = useEffectEvent(onAction);
  useEffect(() => {
    const listener = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || isTextEntry(event.target)) return;
      if (event.target instanceof Element && event.target.closest(OVERLAYS)) return;
      const action = reviewActionForKey(event, isMac);
      if (!action) return;
      // Held down, only moving repeats: a held B must not code a run of messages.
      if (event.repeat && action.kind !== 'move' && action.kind !== 'page') return;
      event.preventDefault();
      handle(action);
    };
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);
}
