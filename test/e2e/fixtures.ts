/**
 * Per-test fixtures: a fresh settings folder and case folder, handlers over them with stubbed native
 * dialogs, and the app opened in the same Chromium shell `npm start` uses. At the end of every test
 * the shell must have blocked no request (the app stayed offline) and the page must have logged no
 * error (a CSP violation or an uncaught exception would show there).
 *
 * Chromium is started once per worker; each test gets a fresh browser context of it (its own storage,
 * wired by the shell's own `attachShell`), which costs a fraction of starting Chromium for every test.
 */
import { test as base, expect } from '@playwright/test';
import { chromium, type Browser } from 'playwright-core';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveReviewer } from '../../main/cases/reviewer-setting';
import type { DialogAdapter, HostContext } from '../../main/context';
import { createDispatch } from '../../main/dispatch';
import { createHandlers } from '../../main/handlers';
import { lateEmitter } from '../../main/emitter';
import { attachShell, shellArgs, shellContextOptions, type Shell } from '../../main/shell/chromium';
import type { ArgsInputOf, Channel, EventName, JobFinished, ResultOf } from '../../common/contract';
import { CaseFramePage } from './pages/CaseFramePage';
import { ReviewPage } from './pages/ReviewPage';
import { ShortcutsOverlay } from './pages/ShortcutsOverlay';
import { SourcesPage } from './pages/SourcesPage';
import { StartPage } from './pages/StartPage';
import { seedCase, type CaseSeed } from './pages/seedCase';

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

/**
 * The handlers behind the shell, called through the same dispatch (and so the same contract checks)
 * as the renderer's calls: for setting up a case quickly where the UI that would do it is not what a
 * test is about.
 */
export interface Desk {
  call<C extends Channel>(channel: C, args: ArgsInputOf<C>): Promise<ResultOf<C>>;
  /** Resolves when the import job `jobId` has finished, however it finished. */
  jobFinished(jobId: string): Promise<JobFinished>;
}

interface Fixtures {
  dialogAnswers: DialogAnswers;
  /** The reviewer name already given on this "machine"; null to see the first-run prompt. */
  storedReviewer: string | null;
  /** A case created and imported through the handlers before the app loads, so it opens on it. */
  caseSeed: CaseSeed | null;
  workspace: Workspace;
  backend: Backend;
  desk: Desk;
  shell: Shell;
  startPage: StartPage;
  caseFrame: CaseFramePage;
  shortcuts: ShortcutsOverlay;
  sourcesPage: SourcesPage;
  reviewPage: ReviewPage;
  /** Folders the app asked the desktop to show, in order. */
  openedFolders: string[];
}

interface WorkerFixtures {
  shellBrowser: Browser;
}

interface Backend {
  readonly desk: Desk;
  readonly dispatch: ReturnType<typeof createDispatch>;
  /** Where events go once the window exists (until then they are only seen by `desk`). */
  forward(sink: (event: EventName, payload: unknown) => void): void;
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

export const test = base.extend<Fixtures, WorkerFixtures>({
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

  backend: async ({ workspace, dialogAnswers, openedFolders }, use) => {
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
    const dispatch = createDispatch(handlers);
    const finished = new Map<string, JobFinished>();
    const waiting = new Map<string, (job: JobFinished) => void>();
    let forward: (event: EventName, payload: unknown) => void = () => undefined;
    events.attach((event, payload) => {
      if (event === 'job.finished') {
        const job = payload as JobFinished;
        finished.set(job.jobId, job);
        waiting.get(job.jobId)?.(job);
      }
      forward(event, payload);
    });
    const desk: Desk = {
      async call(channel, args) {
        const result = await dispatch(channel, args);
        if (!result.ok) throw new Error(`${channel} failed: ${result.error.name}: ${result.error.message}`);
        return result.value as never;
      },
      jobFinished: (jobId) => {
        const done = finished.get(jobId);
        return done ? Promise.resolve(done) : new Promise((resolve) => waiting.set(jobId, resolve));
      },
    };
    try {
      await use({ desk, dispatch, forward: (sink) => void (forward = sink) });
    } finally {
      dispose();
    }
  },

  desk: async ({ backend }, use) => use(backend.desk),

  caseSeed: [null, { option: true }],

  shell: async ({ shellBrowser, backend, caseSeed, workspace }, use, testInfo) => {
    if (caseSeed) await seedCase(backend.desk, workspace, caseSeed);
    const context = await shellBrowser.newContext(shellContextOptions({ headless: true }));
    // Listening on the context, before the app loads, catches errors during start-up too.
    const pageErrors: string[] = [];
    context.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    context.on('weberror', (error) => pageErrors.push(error.error().message));
    let shell: Shell;
    try {
      shell = await attachShell(context, {
        rendererDir: 'dist/renderer',
        bridgeScriptPath: 'dist/preload/shell-bridge.js',
        dispatch: backend.dispatch,
      });
    } catch (err) {
      await context.close();
      throw err;
    }
    backend.forward((event, payload) => void shell.emit(event, payload as never));
    try {
      await use(shell);
    } finally {
      await shell.close();
    }
    if (testInfo.status === testInfo.expectedStatus) {
      expect(shell.blockedRequests, 'the app tried to reach the network').toEqual([]);
      expect(pageErrors, 'the page logged errors').toEqual([]);
    }
  },

  shellBrowser: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this destructuring; there are none
    async ({}, use) => {
      const browser = await chromium.launch({
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        headless: true,
        args: shellArgs({ headless: true, noSandbox: true }),
      });
      try {
        await use(browser);
      } finally {
        await browser.close();
      }
    },
    // Starting Chromium is the worker's cost, not the first test's: it gets its own time limit.
    { scope: 'worker', timeout: 60_000 },
  ],

  startPage: async ({ shell }, use) => use(new StartPage(shell.page)),
  caseFrame: async ({ shell }, use) => use(new CaseFramePage(shell.page)),
  shortcuts: async ({ shell }, use) => use(new ShortcutsOverlay(shell.page)),
  sourcesPage: async ({ shell }, use) => use(new SourcesPage(shell.page)),
  reviewPage: async ({ shell }, use) => use(new ReviewPage(shell.page)),
});

export { expect };
