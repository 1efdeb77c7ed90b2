import type { ComponentProps, ReactNode } from 'react';
import './field.css';

interface SelectFieldProps extends Omit<ComponentProps<'select'>, 'id' | 'className'> {
  readonly id: string;
  readonly label: string;
  readonly hint?: ReactNode;
  readonly className?: string;
  readonly children: ReactNode;
}

/** A labelled native select: the platform's own list, which every screen reader and keyboard knows. */
export function SelectField({ id, label, hint, className, children, ...select }: SelectFieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className={['field', className].filter(Boolean).join(' ')}>
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <div className="field__control">
        <select id={id} className="field__input field__select" aria-describedby={hintId} {...select}>
          {children}
        </select>
      </div>
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
    </div>
  );
}
