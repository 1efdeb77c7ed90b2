import type { ReactNode } from 'react';
import './badge.css';

type Tone = 'neutral' | 'info' | 'warning' | 'success';

export function Badge({ tone = 'neutral', children }: { readonly tone?: Tone; readonly children: ReactNode }) {
  return <span className={`badge badge--${tone}`}>{children}</span>;
}
