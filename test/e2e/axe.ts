/** axe-core's serious and critical violations on the page as it stands, one line each (empty: none). */
import type { Page } from '@playwright/test';
import type { AxeResults, RunOptions } from 'axe-core';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const BLOCKING = new Set(['serious', 'critical']);
const OPTIONS: RunOptions = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
  // Only violations are read: the passes need not be listed node by node and sent back.
  resultTypes: ['violations'],
};

// The axe-core that @axe-core/playwright ships with. AxeBuilder evaluates its half-megabyte source
// into the page twice per check and merges results in a blank page it opens each time, several
// seconds per check on a busy machine; the app has no frames (its CSP allows none), so one
// axe.run() in the page, loaded once per document, applies the same rules to the same DOM.
const AXE_SOURCE = readFileSync(createRequire(require.resolve('@axe-core/playwright')).resolve('axe-core/axe.min.js'), 'utf8');

/** `within`: a selector to check only that part (a modal dialog), which is much faster on a busy screen. */
export async function blockingViolations(page: Page, within?: string): Promise<string[]> {
  const loaded = await page.evaluate(() => typeof (window as { axe?: unknown }).axe === 'object');
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(
    ({ options, selector }) =>
      (window as unknown as { axe: { run(context: Document | { include: string[] }, options: RunOptions): Promise<AxeResults> } }).axe.run(
        selector === null ? document : { include: [selector] },
        options,
      ),
    { options: OPTIONS, selector: within ?? null },
  );
  return results.violations
    .filter((violation) => BLOCKING.has(violation.impact ?? ''))
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
}
