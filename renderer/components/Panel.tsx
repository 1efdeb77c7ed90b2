import type { ReactNode } from 'react';
import './panel.css';

interface PanelProps {
  readonly id: string;
  readonly title: string;
  readonly children: ReactNode;
  readonly className?: string;
  readonly busy?: boolean;
}

/** A titled block of content on a screen: a section named by its heading. */
export function Panel({ id, title, children, className, busy }: PanelProps) {
  return (
    <section className={className ? `panel ${className}` : 'panel'} aria-labelledby={id} aria-busy={busy || undefined}>
      <h3 id={id} className="panel__title">
        {title}
      </h3>
      {children}
    </section>
  );
}
