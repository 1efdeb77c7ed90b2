import './alert.css';

interface ErrorAlertProps {
  readonly title: string;
  readonly message: string | null;
}

/**
 * A failure reported in plain words. Rendered only when there is one, so `role="alert"` announces it.
 * Line breaks in the message are kept: main lists several problems one to a line.
 */
export function ErrorAlert({ title, message }: ErrorAlertProps) {
  if (!message) return null;
  return (
    <div role="alert" className="alert alert--error">
      <p className="alert__title">{title}</p>
      <p className="alert__message">{message}</p>
    </div>
  );
}
