import * as Checkbox from '@radix-ui/react-checkbox';
import type { ReactNode } from 'react';
import './checkbox.css';

interface CheckboxFieldProps {
  readonly id: string;
  readonly label: ReactNode;
  readonly checked: boolean;
  readonly onCheckedChange: (checked: boolean) => void;
  readonly disabled?: boolean;
  /** Said under the box, and read with it. */
  readonly hint?: ReactNode;
}

export function CheckboxField({ id, label, checked, onCheckedChange, disabled, hint }: CheckboxFieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const box = (
    <div className="checkbox-field">
      <Checkbox.Root
        id={id}
        className="checkbox"
        checked={checked}
        onCheckedChange={(value) => onCheckedChange(value === true)}
        disabled={disabled}
        aria-describedby={hintId}
      >
        <Checkbox.Indicator className="checkbox__tick" aria-hidden="true">
          ✓
        </Checkbox.Indicator>
      </Checkbox.Root>
      <label htmlFor={id} className="checkbox-field__label">
        {label}
      </label>
    </div>
  );
  if (!hint) return box;
  return (
    <div>
      {box}
      <p id={hintId} className="checkbox-field__hint">
        {hint}
      </p>
    </div>
  );
}
