import { useState, type DragEvent, type KeyboardEvent } from 'react';
import { desk, errorMessage } from '../../api';
import { Button } from '../../components/Button';
import { TextField } from '../../components/TextField';

interface FilePickerProps {
  readonly nativeDialogs: boolean;
  /** Queues paths; returns how many were not already queued. */
  readonly onAdd: (paths: readonly string[]) => number;
  /** A problem with the list as a whole (nothing chosen), shown under the path field. */
  readonly error?: string | undefined;
}

export const PATH_FIELD_ID = 'import-path';

const CANNOT_READ_DROPS =
  'This window cannot read where dropped files are on your computer (browser windows are never told), so it cannot import them. ' +
  'Paste the full path of each file or folder into “Path of a file or folder” below instead.';

/** Three ways to name what to import: drop it, choose it in the system's dialog, or paste its path. */
export function FilePicker({ nativeDialogs, onAdd, error }: FilePickerProps) {
  const [path, setPath] = useState('');
  const [pathError, setPathError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [dropNote, setDropNote] = useState<string | null>(null);

  const addTyped = (): void => {
    const trimmed = path.trim();
    if (trimmed === '') {
      setPathError('Type or paste the path of a file or folder first.');
      return;
    }
    if (onAdd([trimmed]) === 0) {
      setPathError('That path is already in the list.');
      return;
    }
    setPath('');
    setPathError(null);
  };

  const onPathKey = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key !== 'Enter') return;
    // Enter here adds the path; it must not submit the whole import form.
    event.preventDefault();
    addTyped();
  };

  const choose = async (folders: boolean): Promise<void> => {
    try {
      const { paths } = await desk().chooseImportPaths({ folders });
      if (paths.length > 0) onAdd(paths);
      setDropNote(null);
    } catch (err) {
      setDropNote(errorMessage(err));
    }
  };

  const dragOver = (event: DragEvent<HTMLDivElement>): void => {
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  };

  const dragLeave = (event: DragEvent<HTMLDivElement>): void => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
  };

  const drop = (event: DragEvent<HTMLDivElement>): void => {
    event.preventDefault();
    setDragging(false);
    const files = Array.from(event.dataTransfer.files);
    const paths = files.map((file) => desk().pathForFile(file)).filter((found): found is string => found !== null);
    if (paths.length > 0) onAdd(paths);
    if (files.length === 0)
      setDropNote('Nothing that was dropped is a file or folder. Drop exports from your file manager, or paste their paths below.');
    else if (paths.length < files.length) setDropNote(CANNOT_READ_DROPS);
    else setDropNote(null);
  };

  return (
    <div className="file-picker">
      <div
        className={dragging ? 'drop-zone drop-zone--active' : 'drop-zone'}
        onDragEnter={dragOver}
        onDragOver={dragOver}
        onDragLeave={dragLeave}
        onDrop={drop}
        data-testid="drop-zone"
      >
        <p className="drop-zone__title">Drop export files or folders here</p>
        <p className="drop-zone__hint">
          WhatsApp .txt or .zip, SMS Backup &amp; Restore .xml, Telegram result.json, iMessage chat.db, Cellebrite UFDR, RSMF, Signal
          (signal-export folder).
        </p>
        {nativeDialogs && (
          <div className="drop-zone__actions">
            <Button onClick={() => void choose(false)}>Choose files…</Button>
            <Button onClick={() => void choose(true)}>Choose folder…</Button>
          </div>
        )}
      </div>
      <p className="file-picker__note" role="status">
        {dropNote}
      </p>
      <TextField
        id={PATH_FIELD_ID}
        label="Path of a file or folder"
        mono
        value={path}
        error={error ?? pathError ?? undefined}
        hint="Paste the full path and press Enter to add it to the list. Add as many as you need."
        onChange={(event) => {
          setPath(event.target.value);
          setPathError(null);
        }}
        onKeyDown={onPathKey}
        action={<Button onClick={addTyped}>Add</Button>}
      />
    </div>
  );
}
