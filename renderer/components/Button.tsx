import type { ComponentProps } from 'react';
import './button.css';

type Variant = 'default' | 'primary' | 'quiet';

interface ButtonProps extends ComponentProps<'button'> {
  readonly variant?: Variant;
  readonly small?: boolean;
}

/** A plain button with the app's look; `type` defaults to "button" so no button submits a form by accident. */
export function Button({ variant = 'default', small = false, className, type = 'button', ...rest }: ButtonProps) {
  const classes = ['button', variant !== 'default' && `button--${variant}`, small && 'button--small', className].filter(Boolean).join(' ');
  return <button type={type} className={classes} {...rest} />;
}
