/**
 * The reviewer's name for the open case's frame: read once it mounts, with the prompt opened when no
 * name has been given on this machine yet.
 */
import { useEffect, useState } from 'react';
import type { ReviewerInfo } from '../../common/contract/channels/audit';
import { desk } from '../api';

export interface ReviewerPrompt {
  /** Null until read. */
  readonly reviewer: ReviewerInfo | null;
  readonly asking: boolean;
  readonly ask: (open: boolean) => void;
  readonly saved: (reviewer: ReviewerInfo) => void;
}

export function useReviewer(): ReviewerPrompt {
  const [reviewer, setReviewer] = useState<ReviewerInfo | null>(null);
  const [asking, setAsking] = useState(false);
  useEffect(() => {
    let current = true;
    const load = async (): Promise<void> => {
      try {
        const info = await desk().reviewer();
        if (!current) return;
        setReviewer(info);
        if (info.stored === null) setAsking(true);
      } catch {
        // The status bar keeps the name the app started with; the prompt can wait for the next case.
      }
    };
    void load();
    return () => {
      current = false;
    };
  }, []);
  return {
    reviewer,
    asking: asking && reviewer !== null,
    ask: setAsking,
    saved: (info) => {
      setReviewer(info);
      setAsking(false);
    },
  };
}
