import type { ComponentProps, ReactNode } from 'react';
import { FieldNotes, fieldNoteIds } from './FieldNotes';
import './field.css';

interface TextFieldProps extends Omit<ComponentProps<'input'>, 'id' | 'className'> {
  readonly id: string;
  readonly label: string;
  readonly optional?: boolean;
  readonly hint?: ReactNode;
  readonly error?: string | undefined;
  readonly mono?: boolean;
  readonly className?: string;
  /** Controls beside the input (e.g. a "Choose…" button), inside the same row. */
  readonly action?: ReactNode;
}

/** A labelled text input whose hint and error are tied to it, so screen readers read them with it. */
export function TextField({ id, label, optional = false, hint, error, mono = false, className, action, ...input }: TextFieldProps) {
  const { describedBy } = fieldNoteIds(id, hint, error);
  return (
    <div className={['field', error && 'field--invalid', className].filter(Boolean).join(' ')}>
      <label htmlFor={id} className="field__label">
        {label}
        {optional && <span className="field__optional"> (optional)</span>}
      </label>
      <div className="field__control">
        <input
          id={id}
          className={mono ? 'field__input field__input--mono' : 'field__input'}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          spellCheck={false}
          {...input}
        />
        {action}
      </div>
      <FieldNotes id={id} hint={hint} error={error} />
    </div>
  );
}
