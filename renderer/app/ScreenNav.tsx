import { ALT_KEY } from './platform';
import { SCREENS, type ScreenId } from './screens';
import './screen-nav.css';

interface ScreenNavProps {
  readonly current: ScreenId;
  readonly onSelect: (screen: ScreenId) => void;
}

export function ScreenNav({ current, onSelect }: ScreenNavProps) {
  return (
    <nav className="screen-nav" aria-label="Case screens">
      <ul className="screen-nav__list">
        {SCREENS.map((screen, index) => (
          <li key={screen.id}>
            <button
              type="button"
              className="screen-nav__item"
              aria-current={screen.id === current ? 'page' : undefined}
              aria-keyshortcuts={`Alt+${index + 1}`}
              onClick={() => onSelect(screen.id)}
            >
              <span>{screen.label}</span>
              <span className="screen-nav__key" aria-hidden="true">
                {ALT_KEY}+{index + 1}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
