import type { ComponentProps, ReactNode } from 'react';
import { FieldNotes, fieldNoteIds } from './FieldNotes';
import './field.css';

interface TextAreaFieldProps extends Omit<ComponentProps<'textarea'>, 'id' | 'className'> {
  readonly id: string;
  readonly label: ReactNode;
  readonly hint?: ReactNode;
  readonly error?: string | undefined;
  readonly className?: string;
}

/** A labelled multi-line field whose hint and error are tied to it, as TextField's are. */
export function TextAreaField({ id, label, hint, error, className, rows = 2, ...textarea }: TextAreaFieldProps) {
  const { describedBy } = fieldNoteIds(id, hint, error);
  return (
    <div className={['field', error && 'field--invalid', className].filter(Boolean).join(' ')}>
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <textarea
        id={id}
        className="field__input field__textarea"
        rows={rows}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...textarea}
      />
      <FieldNotes id={id} hint={hint} error={error} />
    </div>
  );
}
