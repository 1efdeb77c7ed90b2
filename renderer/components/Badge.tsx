import type { ReactNode } from 'react';
import './badge.css';

type Tone = 'neutral' | 'warning';

export function Badge({ tone = 'neutral', children }: { readonly tone?: Tone; readonly children: ReactNode }) {
  return <span className={`badge badge--${tone}`}>{children}</span>;
}
