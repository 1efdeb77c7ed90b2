import { useState } from 'react';
import type { AttachmentDecideArgs } from '../../../common/contract/channels/attachment-review';
import type { DecideArgs, UndoState } from '../../../common/contract/channels/review';
import { desk, errorMessage } from '../../api';
import { plural } from '../../format';
import { useUndoRedo } from './useUndoRedo';

export type DecideInput = Omit<DecideArgs, 'propagate' | 'overwrite'> & { readonly propagate?: boolean; readonly overwrite?: boolean };

export interface ReviewActions {
  /** Changes whenever a decision, undo or redo was recorded: everything showing decisions reads again. */
  readonly revision: number;
  readonly undoState: UndoState | null;
  /** The last failure, in main's words; cleared by the next success. */
  readonly error: string | null;
  /** What the last action did, for the polite live region. */
  readonly announcement: string;
  /** Resolves true when recorded. `what` names the change for the announcement ("Message 4: business"). */
  decide(input: DecideInput, what: string): Promise<boolean>;
  /** An attachment's own decision (or several attachments'); resolves true when recorded. */
  decideAttachments(input: AttachmentDecideArgs, what: string): Promise<boolean>;
  undo(): Promise<void>;
  redo(): Promise<void>;
  announce(text: string): void;
  /** Something else that changes what rows show (a redaction) was recorded: read again and say so. */
  changed(text: string): void;
  dismissError(): void;
}

/** Recording decisions for the Review screen, with undo and redo and what to tell the reviewer. */
export function useReviewActions(caseId: string): ReviewActions {
  const [revision, setRevision] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');

  const recorded = (text: string): void => {
    setRevision((value) => value + 1);
    setError(null);
    setAnnouncement(text);
  };

  const failed = (err: unknown): void => {
    setError(errorMessage(err));
    setAnnouncement('');
  };
  const undoRedo = useUndoRedo(caseId, revision, { recorded, failed, announce: setAnnouncement });

  return {
    revision,
    undoState: undoRedo.state,
    error,
    announcement,
    decide: async ({ propagate = false, overwrite = false, ...input }, what) => {
      try {
        const result = await desk().reviewDecide({ ...input, propagate, overwrite });
        const propagated = result.propagated > 0 ? `, and ${plural(result.propagated, 'copy', 'copies')} on other devices` : '';
        const keptCount = result.kept + result.heldByRedactions;
        const kept = keptCount > 0 ? ` ${plural(keptCount, 'message')} kept as ${keptCount === 1 ? 'it was' : 'they were'}.` : '';
        recorded(
          result.changed + result.propagated === 0
            ? kept
              ? `${what}: nothing changed.${kept}`
              : `${what}: already so, nothing changed.`
            : `${what}: ${plural(result.changed, 'message')} changed${propagated}.${kept}`,
        );
        return true;
      } catch (err) {
        failed(err);
        return false;
      }
    },
    decideAttachments: async (input, what) => {
      try {
        const result = await desk().attachmentReviewDecide(input);
        const kept =
          result.kept > 0 ? ` ${plural(result.kept, 'attachment')} kept as decided on ${result.kept === 1 ? 'its' : 'their'} own.` : '';
        recorded(
          result.changed === 0
            ? `${what}: already so, nothing changed.${kept}`
            : `${what}: ${plural(result.changed, 'attachment')} changed.${kept}`,
        );
        return true;
      } catch (err) {
        failed(err);
        return false;
      }
    },
    undo: undoRedo.undo,
    redo: undoRedo.redo,
    announce: setAnnouncement,
    changed: recorded,
    dismissError: () => setError(null),
  };
}
