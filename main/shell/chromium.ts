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
import { events, type EventName, type PayloadOf } from '../../preload/contract';
import type { Dispatch } from '../dispatch';
import { loadAppAsset } from '../security/app-assets';
import { SECURITY_HEADERS, SHELL_ORIGIN, isAppUrl } from '../security/policy';

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

export interface ShellOptions {
  readonly rendererDir: string;
  readonly bridgeScriptPath: string;
  readonly dispatch: Dispatch;
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

export async function openShell(options: ShellOptions): Promise<Shell> {
  // A throwaway profile per run: nothing the browser caches about a case outlives the window.
  const profileDir = mkdtempSync(join(tmpdir(), 'disclosure-desk-profile-'));
  const blockedRequests: string[] = [];
  const args = [...OFFLINE_CHROMIUM_FLAGS, ...(options.noSandbox ? ['--no-sandbox'] : []), ...(options.headless ? [] : ['--app=data:text/html,'])];
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: options.executablePath,
      headless: options.headless,
      args,
      viewport: options.viewport ?? (options.headless ? { width: 1360, height: 860 } : null),
      acceptDownloads: false,
      serviceWorkers: 'block',
      bypassCSP: false,
      locale: 'en-GB',
    });
  } catch (err) {
    rmSync(profileDir, { recursive: true, force: true });
    throw err;
  }

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
      await page.evaluate(
        ([name, body]) => (globalThis as { __deskEmit?: (event: string, payload: unknown) => void }).__deskEmit?.(name, body),
        [event, checked] as const,
      );
    },
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profileDir, { recursive: true, force: true });
    },
  };
}
