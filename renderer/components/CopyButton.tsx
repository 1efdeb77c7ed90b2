import { useEffect, useState } from 'react';
import { Button } from './Button';

interface CopyButtonProps {
  readonly text: string;
  /** What is copied, for the button's accessible name ("Copy SHA-256"). */
  readonly what: string;
}

type CopyState = 'idle' | 'copied' | 'failed';

/** Copies a value to the clipboard and says so in the button itself, where the reviewer is looking. */
export function CopyButton({ text, what }: CopyButtonProps) {
  const [state, setState] = useState<CopyState>('idle');

  useEffect(() => {
    if (state === 'idle') return undefined;
    const timer = window.setTimeout(() => setState('idle'), 2500);
    return () => window.clearTimeout(timer);
  }, [state]);

  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
    } catch {
      // Some windows refuse clipboard access; the value stays selectable to copy by hand.
      setState('failed');
    }
  };

  return (
    <>
      <Button small variant="quiet" aria-label={`Copy ${what}`} onClick={() => void copy()}>
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Select and copy by hand' : 'Copy'}
      </Button>
      <span className="visually-hidden" role="status">
        {state === 'copied' ? `${what} copied` : state === 'failed' ? `${what} could not be copied; select it and copy by hand` : ''}
      </span>
    </>
  );
}
