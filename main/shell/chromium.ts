/**
 * The Chromium shell: the built renderer in a Chromium window, with the same API as Electron's
 * preload bridged to the same dispatch. Used by `npm start` where no Electron binary exists, and by
 * the end-to-end tests. No network port is opened: Playwright drives Chromium over a pipe, and the
 * renderer's files are served by intercepting requests to an origin that never resolves. Every other
 * request is aborted and recorded.
 */
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { events, type EventName, type PayloadOf } from '../../common/contract';
import type { Dispatch } from '../dispatch';
import { loadAppAsset } from '../security/app-assets';
import { SECURITY_HEADERS, SHELL_ORIGIN, isAppUrl } from '../security/policy';

/** Playwright's words for an evaluation cut off by a navigation or a closing page. */
const PAGE_GONE = /Execution context was destroyed|Target page, context or browser has been closed|frame was detached/;
export const APP_URL = `${SHELL_ORIGIN}/index.html`;

/** Flags that keep Chromium from reaching out on its own (updates, sync, safe browsing, metrics). */
export const OFFLINE_CHROMIUM_FLAGS = [
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-domain-reliability',
  '--disable-client-side-phishing-detection',
  '--disable-breakpad',
  '--metrics-recording-only',
  '--disable-quic',
  '--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication',
];

/** How the shell's pages are wired to the app: its files, its bridge and the dispatch behind it. */
export interface ShellWiring {
  readonly rendererDir: string;
  readonly bridgeScriptPath: string;
  readonly dispatch: Dispatch;
}

export interface ShellOptions extends ShellWiring {
  readonly executablePath: string;
  readonly headless: boolean;
  /** `--no-sandbox` is needed when running as root (CI containers); never the default. */
  readonly noSandbox?: boolean;
  readonly viewport?: { width: number; height: number };
}

export interface Shell {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Requests the renderer attempted beyond the app's own origin (all were blocked). */
  readonly blockedRequests: readonly string[];
  /** Sends an event to the renderer; events sent after the window closed are dropped. */
  emit<E extends EventName>(event: E, payload: PayloadOf<E>): Promise<void>;
  close(): Promise<void>;
}

/** The Chromium command line of the shell: offline, and unsandboxed only when asked. */
export function shellArgs(options: Pick<ShellOptions, 'headless' | 'noSandbox'>): string[] {
  return [
    ...OFFLINE_CHROMIUM_FLAGS,
    ...(options.noSandbox ? ['--no-sandbox'] : []),
    ...(options.headless ? [] : ['--app=data:text/html,']),
  ];
}

/** The options of the shell's browser context, whether it is a persistent profile or a fresh context. */
export function shellContextOptions(options: Pick<ShellOptions, 'headless' | 'viewport'>) {
  return {
    viewport: options.viewport ?? (options.headless ? { width: 1360, height: 860 } : null),
    acceptDownloads: false,
    serviceWorkers: 'block',
    bypassCSP: false,
    locale: 'en-GB',
  } as const;
}

export async function openShell(options: ShellOptions): Promise<Shell> {
  // A throwaway profile per run: nothing the browser caches about a case outlives the window.
  const profileDir = mkdtempSync(join(tmpdir(), 'disclosure-desk-profile-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: options.executablePath,
      headless: options.headless,
      args: shellArgs(options),
      ...shellContextOptions(options),
    });
  } catch (err) {
    rmSync(profileDir, { recursive: true, force: true });
    throw err;
  }
  const shell = await attachShell(context, options);
  return {
    ...shell,
    async close() {
      await shell.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}

/**
 * Wires a browser context as the shell and loads the app in it: the renderer's files served from the
 * app's origin, every other request blocked, the bridge calling `dispatch`. The end-to-end tests give
 * each test a fresh context of one browser this way, instead of starting Chromium for every test.
 */
export async function attachShell(context: BrowserContext, options: ShellWiring): Promise<Shell> {
  const blockedRequests: string[] = [];
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (!isAppUrl(url, SHELL_ORIGIN)) {
      blockedRequests.push(url);
      await route.abort('blockedbyclient');
      return;
    }
    const asset = await loadAppAsset(options.rendererDir, url);
    await route.fulfill({ status: asset.status, body: asset.body, headers: { 'Content-Type': asset.contentType, ...SECURITY_HEADERS } });
  });

  await context.exposeBinding('__deskInvoke', async (source, channel: unknown, payload: unknown) => {
    const frame = source.frame;
    if (frame !== source.page.mainFrame() || !isAppUrl(frame.url(), SHELL_ORIGIN)) {
      return { ok: false, error: { name: 'UntrustedSenderError', message: 'refused a call from an untrusted frame' } };
    }
    return options.dispatch(channel, payload);
  });
  await context.addInitScript({ path: options.bridgeScriptPath });

  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(APP_URL);

  return {
    context,
    page,
    blockedRequests,
    async emit(event, payload) {
      const checked = events[event].payload.parse(payload);
      if (page.isClosed()) return;
      try {
        await page.evaluate(
          ([name, body]) => (globalThis as { __deskEmit?: (event: string, payload: unknown) => void }).__deskEmit?.(name, body),
          [event, checked] as const,
        );
      } catch (err) {
        // An event that arrives while the page reloads or closes has no page to go to; the page reads
        // the current state when it loads, so nothing is lost by dropping it.
        if (page.isClosed() || PAGE_GONE.test(String(err))) return;
        throw err;
      }
    },
    async close() {
      await context.close().catch(() => undefined);
    },
  };
}
