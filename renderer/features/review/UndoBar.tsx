import type { UndoState } from '../../../common/contract/channels/review';
import { Button } from '../../components/Button';
import './undo-bar.css';

interface UndoBarProps {
  readonly state: UndoState | null;
  readonly disabledReason: string | null;
  readonly onUndo: () => void;
  readonly onRedo: () => void;
  /** The keys that undo and redo here (aria-keyshortcuts): Review takes plain Z, other screens only Ctrl+Z / ⌘Z. */
  readonly keys?: { readonly undo: string; readonly redo: string };
}

const REVIEW_KEYS = { undo: 'Z', redo: 'Shift+Z' };

/** Undo and redo, each saying what it would undo or redo (a decision or a redaction), as `review.undoState` describes it. */
export function UndoBar({ state, disabledReason, onUndo, onRedo, keys = REVIEW_KEYS }: UndoBarProps) {
  const undo = state?.undo ?? null;
  const redo = state?.redo ?? null;
  return (
    <div className="undo-bar" role="group" aria-label="Undo and redo">
      <Button
        small
        disabled={undo === null || disabledReason !== null}
        onClick={onUndo}
        aria-keyshortcuts={keys.undo}
        title={disabledReason ?? (undo ? `Undo ${undo.summary}` : undefined)}
        aria-description={undo ? `Undo ${undo.summary}` : 'Nothing to undo'}
      >
        Undo <span className="undo-bar__what">{undo ? undo.summary : 'nothing'}</span>
      </Button>
      <Button
        small
        disabled={redo === null || disabledReason !== null}
        onClick={onRedo}
        aria-keyshortcuts={keys.redo}
        title={disabledReason ?? (redo ? `Redo ${redo.summary}` : undefined)}
        aria-description={redo ? `Redo ${redo.summary}` : 'Nothing to redo'}
      >
        Redo <span className="undo-bar__what">{redo ? redo.summary : 'nothing'}</span>
      </Button>
    </div>
  );
}
