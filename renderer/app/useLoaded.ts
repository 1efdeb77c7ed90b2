import { useEffect, useEffectEvent, useState } from 'react';
import { errorMessage } from '../api';

export type Loaded<T> =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly value: T }
  | { readonly status: 'failed'; readonly message: string };

/**
 * Reads something from the case, and reads it again whenever `key` changes. While a re-read is under
 * way the previous value stays on screen, so a list does not blank out after every import.
 */
export function useLoaded<T>(load: () => Promise<T>, key: string): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const read = useEffectEvent(load);
  useEffect(() => {
    let current = true;
    const run = async (): Promise<void> => {
      try {
        const value = await read();
        if (current) setState({ status: 'ready', value });
      } catch (err) {
        if (current) setState({ status: 'failed', message: errorMessage(err) });
      }
    };
    void run();
    return () => {
      current = false;
    };
  }, [key]);
  return state;
}
