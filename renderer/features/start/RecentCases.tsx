import type { KeyboardEvent } from 'react';
import type { RecentCase } from '../../../common/domain/model';
import { MOD_KEY } from '../../app/platform';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { ErrorAlert } from '../../components/ErrorAlert';
import { KeyCombo } from '../../components/KeyCombo';
import { formatDateTime } from '../../format';
import type { RecentCasesState } from './useRecentCases';

export const RECENT_OPEN_SELECTOR = '[data-recent-open]';

interface RecentCasesProps {
  readonly state: RecentCasesState;
  readonly openingPath: string | null;
  readonly openError: string | null;
  readonly onOpen: (path: string) => void;
  readonly onForget: (path: string) => void;
}

/** Up and Down move between cases, as in any list; Tab still reaches each case's Forget button. */
function moveFocus(event: KeyboardEvent<HTMLUListElement>): void {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const buttons = Array.from(event.currentTarget.querySelectorAll<HTMLButtonElement>(RECENT_OPEN_SELECTOR));
  const index = buttons.findIndex((button) => button === document.activeElement);
  if (index === -1) return;
  event.preventDefault();
  buttons[Math.min(Math.max(index + (event.key === 'ArrowDown' ? 1 : -1), 0), buttons.length - 1)]?.focus();
}

export function RecentCases({ state, openingPath, openError, onOpen, onForget }: RecentCasesProps) {
  return (
    <section className="start-panel recent" aria-labelledby="recent-title">
      <h2 id="recent-title" className="start-panel__title">
        Recent cases
      </h2>
      <ErrorAlert title="The case was not opened" message={openError} />
      {state.status === 'loading' && <p className="recent__message">Loading recent cases…</p>}
      {state.status === 'failed' && <ErrorAlert title="The recent cases list could not be read" message={state.message} />}
      {state.status === 'ready' && state.cases.length === 0 && <NoRecentCases />}
      {state.status === 'ready' && state.cases.length > 0 && (
        <ul className="recent__list" onKeyDown={moveFocus}>
          {state.cases.map((recent, index) => (
            <RecentCaseRow
              key={recent.path}
              recent={recent}
              index={index}
              opening={openingPath === recent.path}
              busy={openingPath !== null}
              onOpen={onOpen}
              onForget={onForget}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

/** A first run: say what will be listed, and how to get going from the keyboard. */
function NoRecentCases() {
  return (
    <div className="recent__empty">
      <p className="recent__message">No recent cases. Cases you create or open on this computer are listed here, most recent first.</p>
      <dl className="recent__tips">
        <div className="recent__tip">
          <dt>Create a case</dt>
          <dd>
            <KeyCombo keys={[MOD_KEY, 'N']} />
          </dd>
        </div>
        <div className="recent__tip">
          <dt>Open a case file</dt>
          <dd>
            <KeyCombo keys={[MOD_KEY, 'O']} />
          </dd>
        </div>
        <div className="recent__tip">
          <dt>See every keyboard shortcut</dt>
          <dd>
            <KeyCombo keys={['F1']} />
          </dd>
        </div>
      </dl>
    </div>
  );
}

interface RecentCaseRowProps {
  readonly recent: RecentCase;
  readonly index: number;
  readonly opening: boolean;
  readonly busy: boolean;
  readonly onOpen: (path: string) => void;
  readonly onForget: (path: string) => void;
}

function RecentCaseRow({ recent, index, opening, busy, onOpen, onForget }: RecentCaseRowProps) {
  const nameId = `recent-${index}-name`;
  const detailsId = `recent-${index}-details`;
  const missingId = `recent-${index}-missing`;
  return (
    <li className={recent.exists ? 'recent-case' : 'recent-case recent-case--missing'}>
      <button
        type="button"
        className="recent-case__open"
        data-recent-open=""
        aria-labelledby={nameId}
        aria-describedby={recent.exists ? detailsId : `${missingId} ${detailsId}`}
        disabled={busy}
        onClick={() => onOpen(recent.path)}
      >
        <span className="recent-case__heading">
          <span id={nameId} className="recent-case__name" title={recent.name}>
            {recent.name}
          </span>
          {!recent.exists && (
            <span id={missingId}>
              <Badge tone="warning">File not found</Badge>
            </span>
          )}
          {opening && <span className="recent-case__status">Opening…</span>}
        </span>
        <span id={detailsId} className="recent-case__details">
          <span className="recent-case__path mono" title={recent.path}>
            {recent.path}
          </span>
          <span className="recent-case__opened">Last opened {formatDateTime(recent.openedAt)}</span>
        </span>
      </button>
      <Button
        variant="quiet"
        small
        className="recent-case__forget"
        disabled={busy}
        aria-label={`Forget ${recent.name}`}
        title="Remove from this list. The case file itself is not touched."
        onClick={() => onForget(recent.path)}
      >
        Forget
      </Button>
    </li>
  );
}
