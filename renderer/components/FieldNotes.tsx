import type { ReactNode } from 'react';

/** The ids a field's control is described by: its error first (read first), then its hint. */
export function fieldNoteIds(id: string, hint: ReactNode, error: string | undefined) {
  const errorId = error ? `${id}-error` : undefined;
  const hintId = hint ? `${id}-hint` : undefined;
  return { errorId, hintId, describedBy: [errorId, hintId].filter(Boolean).join(' ') || undefined };
}

/** A field's error and hint, under it, with the ids its control points at. */
export function FieldNotes({ id, hint, error }: { readonly id: string; readonly hint?: ReactNode; readonly error?: string | undefined }) {
  const { errorId, hintId } = fieldNoteIds(id, hint, error);
  return (
    <>
      {error && (
        <p id={errorId} className="field__error">
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      )}
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
    </>
  );
}
