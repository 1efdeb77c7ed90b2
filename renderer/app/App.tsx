import { useEffect, useState } from 'react';
import type { CaseInfo } from '../../common/domain/model';
import type { AppInfo } from '../../common/contract';
import { desk, errorMessage } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { requestSearchFocus } from '../features/search/searchFocus';
import { StartScreen } from '../features/start/StartScreen';
import type { StartRequest, StartTab } from '../features/start/startRequest';
import { CaseFrame } from './CaseFrame';
import { ImportJobsProvider } from './ImportJobsProvider';
import type { AppCommand } from './commands';
import type { ScreenId } from './screens';
import { ShortcutsDialog } from './ShortcutsDialog';
import { useKeyboardShortcuts } from './useKeyboardShortcuts';
import { useMenuCommands } from './useMenuCommands';
import './app.css';

type Boot =
  | { readonly status: 'loading' }
  | { readonly status: 'failed'; readonly message: string }
  | { readonly status: 'ready'; readonly app: AppInfo };

export function App() {
  const [boot, setBoot] = useState<Boot>({ status: 'loading' });
  const [openCase, setOpenCase] = useState<CaseInfo | null>(null);
  // The start screen can be shown over an open case (Ctrl+N); the case stays open until replaced.
  const [startOverCase, setStartOverCase] = useState(false);
  const [startRequest, setStartRequest] = useState<StartRequest>({ tab: 'create', focus: 'recent', seq: 0 });
  const [screen, setScreen] = useState<ScreenId>('overview');
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const load = async (): Promise<void> => {
      try {
        // A reloaded window finds the case main still has open.
        const [app, current] = await Promise.all([desk().appInfo(), desk().currentCase()]);
        setOpenCase(current);
        setBoot({ status: 'ready', app });
      } catch (err) {
        setBoot({ status: 'failed', message: errorMessage(err) });
      }
    };
    void load();
  }, []);

  const showingCase = openCase !== null && !startOverCase;
  useEffect(() => {
    document.title = showingCase ? `${openCase.name} — Disclosure Desk` : 'Disclosure Desk';
  }, [showingCase, openCase]);

  const showStart = (tab: StartTab): void => {
    setStartRequest((current) => ({ tab, focus: 'form', seq: current.seq + 1 }));
    setStartOverCase(true);
    setError(null);
  };

  const caseOpened = (info: CaseInfo): void => {
    setOpenCase(info);
    setStartOverCase(false);
    setScreen('overview');
    setError(null);
  };

  const closeCase = async (): Promise<void> => {
    try {
      await desk().closeCase();
      setOpenCase(null);
      setStartOverCase(false);
      setStartRequest((current) => ({ ...current, focus: 'recent', seq: current.seq + 1 }));
      setError(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  // Desktop convention: with native dialogs, Open goes straight to the file picker.
  const openWithDialog = async (): Promise<void> => {
    try {
      const { path } = await desk().chooseCasePath({ purpose: 'open' });
      if (path) caseOpened(await desk().openCase({ path }));
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const run = (command: AppCommand): void => {
    if (boot.status !== 'ready') return;
    if (command.kind === 'show-shortcuts') {
      setShortcutsOpen(true);
      return;
    }
    setShortcutsOpen(false);
    switch (command.kind) {
      case 'new-case':
        showStart('create');
        break;
      case 'open-case':
        if (boot.app.nativeDialogs) void openWithDialog();
        else showStart('open');
        break;
      case 'close-case':
        if (openCase) void closeCase();
        break;
      case 'focus-search':
        if (openCase) {
          setStartOverCase(false);
          setScreen('search');
          setError(null);
          requestSearchFocus();
        }
        break;
      case 'go-to':
        if (openCase) {
          setStartOverCase(false);
          setScreen(command.screen);
          setError(null);
        }
        break;
    }
  };

  // Electron's native menu owns the Ctrl/Cmd shortcuts there (see shortcuts.ts).
  useKeyboardShortcuts(run, boot.status === 'ready' && boot.app.shell === 'electron');
  useMenuCommands(run, boot.status === 'ready');

  if (boot.status === 'loading') {
    return (
      <p className="app-status" role="status">
        Opening Disclosure Desk…
      </p>
    );
  }
  if (boot.status === 'failed') {
    return (
      <main className="app-failed">
        <h1>Disclosure Desk</h1>
        <ErrorAlert title="Disclosure Desk could not start" message={boot.message} />
      </main>
    );
  }
  return (
    <ImportJobsProvider>
      {showingCase ? (
        <CaseFrame
          // A different case is a fresh frame: nothing chosen in the last one carries over.
          key={openCase.caseId}
          app={boot.app}
          info={openCase}
          screen={screen}
          error={error}
          onScreenChange={(next) => run({ kind: 'go-to', screen: next })}
          onShowShortcuts={() => setShortcutsOpen(true)}
          onClose={() => void closeCase()}
        />
      ) : (
        <StartScreen
          app={boot.app}
          request={startRequest}
          error={error}
          openCase={openCase}
          onTabChange={(tab) => setStartRequest((current) => ({ ...current, tab }))}
          onOpened={caseOpened}
          onReturn={() => setStartOverCase(false)}
          onShowShortcuts={() => setShortcutsOpen(true)}
        />
      )}
      <ShortcutsDialog open={shortcutsOpen} onOpenChange={setShortcutsOpen} />
    </ImportJobsProvider>
  );
}
