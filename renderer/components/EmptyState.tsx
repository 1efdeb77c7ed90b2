import type { ReactNode } from 'react';
import './empty-state.css';

interface EmptyStateProps {
  readonly title: string;
  readonly children: ReactNode;
  /** What the reviewer will be able to do here, so the screen explains itself before it has data. */
  readonly capabilities: readonly string[];
  /** Which piece of work brings this screen to life. */
  readonly arrivesWith: string;
}

export function EmptyState({ title, children, capabilities, arrivesWith }: EmptyStateProps) {
  return (
    <section className="empty-state" aria-labelledby="empty-state-title">
      <h3 id="empty-state-title" className="empty-state__title">
        {title}
      </h3>
      <div className="empty-state__body">{children}</div>
      <h4 className="empty-state__subtitle">What will appear here</h4>
      <ul className="empty-state__list">
        {capabilities.map((capability) => (
          <li key={capability}>{capability}</li>
        ))}
      </ul>
      <p className="empty-state__note">{arrivesWith}</p>
    </section>
  );
}
