import type { UndoState } from '../../../common/contract/channels/review';
import { desk } from '../../api';
import { useLoaded } from '../../app/useLoaded';

interface UndoRedoEvents {
  /** Something was undone or redone: what to announce (every view showing decisions or redactions reads again). */
  readonly recorded: (text: string) => void;
  readonly failed: (err: unknown) => void;
  readonly announce: (text: string) => void;
}

/**
 * The reviewer's undo and redo stacks, which hold decisions and redactions alike (main/review/undo.ts):
 * the Review and Redaction screens share them, so Ctrl+Z on either takes back the last change made on
 * either. `revision` changes whenever something was recorded, and the stacks are read again.
 */
export function useUndoRedo(caseId: string, revision: number, events: UndoRedoEvents) {
  const loaded = useLoaded(() => desk().reviewUndoState(), `${caseId}:${revision}`);
  const state: UndoState | null = loaded.status === 'ready' ? loaded.value : null;
  const step = async (which: 'undo' | 'redo'): Promise<void> => {
    const what = state?.[which]?.summary;
    try {
      const result = await (which === 'undo' ? desk().reviewUndo() : desk().reviewRedo());
      if (result === null) events.announce(which === 'undo' ? 'Nothing to undo.' : 'Nothing to redo.');
      else events.recorded(`${which === 'undo' ? 'Undone' : 'Redone'}: ${what ?? 'the last change'}.`);
    } catch (err) {
      events.failed(err);
    }
  };
  return { state, undo: () => step('undo'), redo: () => step('redo') };
}
