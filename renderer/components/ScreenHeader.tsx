import type { ReactNode } from 'react';
import './screen-header.css';

export const SCREEN_TITLE_ID = 'screen-title';

/**
 * The title of the screen in the main area. It can take focus (not by Tab) so that switching screens
 * moves the reader's place to the new screen and screen readers announce it.
 */
export function ScreenHeader({ title, description }: { readonly title: string; readonly description?: ReactNode }) {
  return (
    <header className="screen-header">
      <h2 id={SCREEN_TITLE_ID} tabIndex={-1} className="screen-header__title">
        {title}
      </h2>
      {description && <p className="screen-header__description">{description}</p>}
    </header>
  );
}
