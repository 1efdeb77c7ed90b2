import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests drive the built app (`node scripts/build.mjs` first) in the same Chromium shell
 * `npm start` uses; each test opens its own shell, so no browser project is configured here.
 */
export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/playwright',
  workers: 1,
  fullyParallel: false,
  // The JSON report feeds the one "N passed, N failed" line of `npm test` (scripts/test-summary.mjs).
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  timeout: 30_000,
  expect: { timeout: 5_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
});
