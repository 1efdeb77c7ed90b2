/**
 * Per-test fixtures: a fresh settings folder and case folder, handlers over them with stubbed native
 * dialogs, and the app opened in the same Chromium shell `npm start` uses. At the end of every test
 * the shell must have blocked no request (the app stayed offline) and the page must have logged no
 * error (a CSP violation or an uncaught exception would show there).
 */
import { test as base, expect } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveReviewer } from '../../main/cases/reviewer-setting';
import type { DialogAdapter, HostContext } from '../../main/context';
import { createDispatch } from '../../main/dispatch';
import { createHandlers } from '../../main/handlers';
import { lateEmitter } from '../../main/emitter';
import { openShell, type Shell } from '../../main/shell/chromium';
import { CaseFramePage } from './pages/CaseFramePage';
import { ReviewPage } from './pages/ReviewPage';
import { ShortcutsOverlay } from './pages/ShortcutsOverlay';
import { SourcesPage } from './pages/SourcesPage';
import { StartPage } from './pages/StartPage';

/**
 * What the stubbed native dialogs answer: a file name in the test's case folder, or nothing (the
 * reviewer cancelled). `native: false` is the Chromium shell, which shows path fields instead.
 */
export interface DialogAnswers {
  readonly native: boolean;
  readonly create?: string;
  readonly open?: string;
  /** Absolute paths the import dialog returns. */
  readonly imports?: readonly string[];
  /** A file name in the case folder the save dialog returns (keyword report CSV). */
  readonly save?: string;
}

export interface Workspace {
  readonly settingsDir: string;
  readonly caseFolder: string;
  /** The path of a case file in this test's case folder. */
  casePath(fileName: string): string;
}

interface Fixtures {
  dialogAnswers: DialogAnswers;
  /** The reviewer name already given on this "machine"; null to see the first-run prompt. */
  storedReviewer: string | null;
  workspace: Workspace;
  shell: Shell;
  startPage: StartPage;
  caseFrame: CaseFramePage;
  shortcuts: ShortcutsOverlay;
  sourcesPage: SourcesPage;
  reviewPage: ReviewPage;
  /** Folders the app asked the desktop to show, in order. */
  openedFolders: string[];
}

export const REVIEWER = 'e2e-reviewer';

function stubDialogs(answers: DialogAnswers, caseFolder: string): DialogAdapter {
  return {
    native: answers.native,
    chooseCasePath: async (purpose) => {
      const fileName = purpose === 'create' ? answers.create : answers.open;
      return fileName === undefined ? null : join(caseFolder, fileName);
    },
    chooseImportPaths: async () => [...(answers.imports ?? [])],
    chooseSavePath: async () => (answers.save === undefined ? null : join(caseFolder, answers.save)),
    chooseFolder: async () => null,
  };
}

export const test = base.extend<Fixtures>({
  dialogAnswers: [{ native: false }, { option: true }],
  storedReviewer: [REVIEWER, { option: true }],

  workspace: async ({ storedReviewer }, use) => {
    const root = mkdtempSync(join(tmpdir(), 'disclosure-desk-e2e-'));
    const settingsDir = join(root, 'settings');
    const caseFolder = join(root, 'cases');
    mkdirSync(settingsDir, { mode: 0o700 });
    mkdirSync(caseFolder, { mode: 0o700 });
    // Most tests play a reviewer who gave their name long ago; the prompt has its own test.
    if (storedReviewer !== null) saveReviewer(settingsDir, storedReviewer);
    await use({ settingsDir, caseFolder, casePath: (fileName) => join(caseFolder, fileName) });
    rmSync(root, { recursive: true, force: true });
  },

  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this destructuring; there are none
  openedFolders: async ({}, use) => {
    await use([]);
  },

  shell: async ({ workspace, dialogAnswers, openedFolders }, use, testInfo) => {
    const events = lateEmitter();
    const host: HostContext = {
      emit: events.emit,
      shell: 'chromium',
      appVersion: '0.0.0-e2e',
      settingsDir: workspace.settingsDir,
      defaultCaseFolder: workspace.caseFolder,
      actor: REVIEWER,
      dialogs: stubDialogs(dialogAnswers, workspace.caseFolder),
      desktop: { openFolder: async (path) => void openedFolders.push(path) },
    };
    const { handlers, dispose } = createHandlers(host);
    const shell = await openShell({
      rendererDir: 'dist/renderer',
      bridgeScriptPath: 'dist/preload/shell-bridge.js',
      dispatch: createDispatch(handlers),
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      noSandbox: true,
    });
    events.attach((event, payload) => void shell.emit(event, payload as never));
    const pageErrors: string[] = [];
    shell.page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    shell.page.on('pageerror', (error) => pageErrors.push(error.message));
    // openShell has already loaded the app; load it again with the listeners above attached, so an
    // error during start-up (a CSP violation, say) is caught too.
    await shell.page.reload();
    try {
      await use(shell);
    } finally {
      await shell.close();
      dispose();
    }
    if (testInfo.status === testInfo.expectedStatus) {
      expect(shell.blockedRequests, 'the app tried to reach the network').toEqual([]);
      expect(pageErrors, 'the page logged errors').toEqual([]);
    }
  },

  startPage: async ({ shell }, use) => use(new StartPage(shell.page)),
  caseFrame: async ({ shell }, use) => use(new CaseFramePage(shell.page)),
  shortcuts: async ({ shell }, use) => use(new ShortcutsOverlay(shell.page)),
  sourcesPage: async ({ shell }, use) => use(new SourcesPage(shell.page)),
  reviewPage: async ({ shell }, use) => use(new ReviewPage(shell.page)),
});

export { expect };
