import * as RadioGroup from '@radix-ui/react-radio-group';
import type { KeyboardEvent } from 'react';
import type { ReasonCodeInfo } from '../../../common/contract/channels/redaction';

interface ReasonPickerProps {
  readonly id: string;
  readonly label: string;
  readonly reasons: readonly ReasonCodeInfo[];
  readonly value: string;
  readonly onChange: (code: string) => void;
  /** Enter on a reason: a radio group does not submit by itself (WAI-ARIA), but here Enter means "redact". */
  readonly onEnter?: () => void;
}

/** The case's reason codes as a list of radios, labels as the bundle draws them; arrow keys move and choose. */
export function ReasonPicker({ id, label, reasons, value, onChange, onEnter }: ReasonPickerProps) {
  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'Enter' && onEnter) {
      event.preventDefault();
      onEnter();
    }
  };
  return (
    <div className="reason-picker">
      <span id={`${id}-label`} className="field__label">
        {label}
      </span>
      <RadioGroup.Root
        className="reason-picker__list"
        aria-labelledby={`${id}-label`}
        value={value}
        onValueChange={onChange}
        onKeyDown={onKeyDown}
      >
        {reasons.map((reason) => (
          <RadioGroup.Item
            key={reason.code}
            id={`${id}-${reason.code}`}
            value={reason.code}
            className="reason-picker__item"
            title={[reason.code, reason.description].filter(Boolean).join(' — ')}
          >
            <span className="reason-picker__dot" aria-hidden="true" />
            <span className="reason-picker__label">{reason.label}</span>
          </RadioGroup.Item>
        ))}
      </RadioGroup.Root>
    </div>
  );
}
