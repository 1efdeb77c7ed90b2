import type { UndoState } from '../../../preload/channels/review';
import { Button } from '../../components/Button';

interface UndoBarProps {
  readonly state: UndoState | null;
  readonly disabledReason: string | null;
  readonly onUndo: () => void;
  readonly onRedo: () => void;
}

/** Undo and redo, each saying what it would undo or redo, as `review.undoState` describes it. */
export function UndoBar({ state, disabledReason, onUndo, onRedo }: UndoBarProps) {
  const undo = state?.undo ?? null;
  const redo = state?.redo ?? null;
  return (
    <div className="undo-bar" role="group" aria-label="Undo and redo">
      <Button
        small
        disabled={undo === null || disabledReason !== null}
        onClick={onUndo}
        aria-keyshortcuts="Z"
        title={disabledReason ?? undefined}
        aria-description={undo ? `Undo ${undo.summary}` : 'Nothing to undo'}
      >
        Undo <span className="undo-bar__what">{undo ? undo.summary : 'nothing'}</span>
      </Button>
      <Button
        small
        disabled={redo === null || disabledReason !== null}
        onClick={onRedo}
        aria-keyshortcuts="Shift+Z"
        aria-description={redo ? `Redo ${redo.summary}` : 'Nothing to redo'}
      >
        Redo <span className="undo-bar__what">{redo ? redo.summary : 'nothing'}</span>
      </Button>
    </div>
  );
}
