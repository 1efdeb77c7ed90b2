import * as Tabs from '@radix-ui/react-tabs';
import { useEffect, useRef, useState } from 'react';
import type { CaseInfo } from '../../../common/domain/model';
import type { AppInfo } from '../../../common/contract';
import { desk } from '../../api';
import { Button } from '../../components/Button';
import { ErrorAlert } from '../../components/ErrorAlert';
import { KeyCombo } from '../../components/KeyCombo';
import { CreateCaseForm } from './CreateCaseForm';
import { OpenCaseForm } from './OpenCaseForm';
import { RECENT_OPEN_SELECTOR, RecentCases } from './RecentCases';
import { FIRST_FIELD_ID, type StartRequest, type StartTab } from './startRequest';
import { useCaseAction } from './useCaseAction';
import { useRecentCases } from './useRecentCases';
import './start.css';

interface StartScreenProps {
  readonly app: AppInfo;
  readonly request: StartRequest;
  /** A failure of an app-wide command (e.g. Ctrl+O's native dialog), reported here in plain words. */
  readonly error: string | null;
  /** The case still open behind this screen, when the reviewer came here from it. */
  readonly openCase: CaseInfo | null;
  readonly onTabChange: (tab: StartTab) => void;
  readonly onOpened: (info: CaseInfo) => void;
  readonly onReturn: () => void;
  readonly onShowShortcuts: () => void;
}

export function StartScreen({ app, request, error, openCase, onTabChange, onOpened, onReturn, onShowShortcuts }: StartScreenProps) {
  const recent = useRecentCases();
  const [openingPath, setOpeningPath] = useState<string | null>(null);
  const recentOpen = useCaseAction(onOpened);
  const focusedFor = useRef<number | null>(null);
  const recentReady = recent.state.status !== 'loading';

  // Put the keyboard where the request says, once; the recent list must have loaded to focus it.
  useEffect(() => {
    if (focusedFor.current === request.seq || (request.focus === 'recent' && !recentReady)) return;
    focusedFor.current = request.seq;
    const firstRecent = request.focus === 'recent' ? document.querySelector<HTMLElement>(RECENT_OPEN_SELECTOR) : null;
    (firstRecent ?? document.getElementById(FIRST_FIELD_ID[request.tab]))?.focus();
  }, [request, recentReady]);

  const openRecent = async (path: string): Promise<void> => {
    setOpeningPath(path);
    const opened = await recentOpen.run(() => desk().openCase({ path }));
    if (opened) return;
    setOpeningPath(null);
    // A failed open often means the file moved: show the list as it is now.
    await recent.refresh();
  };

  return (
    <div className="start">
      <header className="start__header">
        <div className="start__brand">
          <h1 className="start__title">Disclosure Desk</h1>
          <p className="start__tagline">Review, redact and disclose mobile messages to public inquiries. Works offline.</p>
        </div>
        <div className="start__header-actions">
          {openCase && (
            <Button onClick={onReturn}>
              Back to <span className="start__return-name">{openCase.name}</span>
            </Button>
          )}
          <Button variant="quiet" onClick={onShowShortcuts} aria-keyshortcuts="F1">
            Keyboard shortcuts
            <span aria-hidden="true">
              <KeyCombo keys={['F1']} />
            </span>
          </Button>
        </div>
      </header>
      <main className="start__main" aria-label="Start">
        {error && (
          <div className="start__alert">
            <ErrorAlert title="That did not work" message={error} />
          </div>
        )}
        <RecentCases
          state={recent.state}
          openingPath={openingPath}
          openError={recentOpen.error}
          onOpen={(path) => void openRecent(path)}
          onForget={(path) => void recent.forget(path)}
        />
        <section className="start-panel" aria-label="Create or open a case">
          <Tabs.Root value={request.tab} onValueChange={(tab) => onTabChange(tab === 'open' ? 'open' : 'create')}>
            <Tabs.List className="start-tabs" aria-label="Create or open a case">
              <Tabs.Trigger className="start-tabs__tab" value="create">
                New case
              </Tabs.Trigger>
              <Tabs.Trigger className="start-tabs__tab" value="open">
                Open case
              </Tabs.Trigger>
            </Tabs.List>
            {/* Both forms stay mounted so switching tabs never loses what was typed. */}
            <Tabs.Content className="start-tabs__panel" value="create" forceMount>
              <CreateCaseForm app={app} onCreated={onOpened} />
            </Tabs.Content>
            <Tabs.Content className="start-tabs__panel" value="open" forceMount>
              <OpenCaseForm app={app} onOpened={onOpened} />
            </Tabs.Content>
          </Tabs.Root>
        </section>
      </main>
      <footer className="start__footer">
        <p>
          Disclosure Desk {app.version} · {app.shell === 'electron' ? 'desktop app' : 'Chromium window'} · no network access
        </p>
        <p>Reviewer: {app.user}</p>
      </footer>
    </div>
  );
}
