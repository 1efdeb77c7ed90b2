import { useState } from 'react';
import type { CaseInfo } from '../../../common/domain/model';
import { errorMessage } from '../../api';

export interface CaseAction {
  readonly pending: boolean;
  readonly error: string | null;
  /** Resolves true when a case was opened. */
  run(action: () => Promise<CaseInfo | null>): Promise<boolean>;
}

/**
 * Runs a create or open call, reporting the opened case, or main's own explanation of why not.
 * An action that resolves to null (a dialog cancelled) changes nothing.
 */
export function useCaseAction(onOpened: (info: CaseInfo) => void): CaseAction {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return {
    pending,
    error,
    async run(action) {
      setPending(true);
      setError(null);
      try {
        const info = await action();
        if (info) onOpened(info);
        return info !== null;
      } catch (err) {
        setError(errorMessage(err));
        return false;
      } finally {
        setPending(false);
      }
    },
  };
}
