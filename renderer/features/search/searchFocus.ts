/**
 * `/` asks for the search box from any screen. The request outlives the switch to the Search screen,
 * whose query box takes it once mounted: after the frame has moved focus to the new screen's title.
 */
import { useEffect, type RefObject } from 'react';

let pending = false;
const listeners = new Set<() => void>();

export function requestSearchFocus(): void {
  pending = true;
  for (const listener of listeners) listener();
}

export function useSearchFocus(target: RefObject<HTMLInputElement | null>): void {
  useEffect(() => {
    const take = (): void => {
      if (!pending) return;
      pending = false;
      // After this commit's effects: the frame focuses the screen title when the screen changes.
      window.setTimeout(() => {
        target.current?.focus();
        target.current?.select();
      }, 0);
    };
    listeners.add(take);
    take();
    return () => {
      listeners.delete(take);
    };
  }, [target]);
}
