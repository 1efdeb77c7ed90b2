// Vitest and Playwright print no "N passed, N failed" line; this sums their JSON reports into one.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('../test-results/', import.meta.url));
const totals = { passed: 0, failed: 0, skipped: 0 };
const missing = [];

const vitestFile = `${dir}vitest.json`;
if (existsSync(vitestFile)) {
  const report = JSON.parse(readFileSync(vitestFile, 'utf8'));
  totals.passed += report.numPassedTests ?? 0;
  totals.failed += (report.numFailedTests ?? 0) + (report.numFailedTestSuites && !report.numFailedTests ? report.numFailedTestSuites : 0);
  totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
} else missing.push('unit/integration (vitest)');

const playwrightFile = `${dir}playwright.json`;
if (existsSync(playwrightFile)) {
  const { stats } = JSON.parse(readFileSync(playwrightFile, 'utf8'));
  totals.passed += (stats?.expected ?? 0) + (stats?.flaky ?? 0);
  totals.failed += stats?.unexpected ?? 0;
  totals.skipped += stats?.skipped ?? 0;
} else missing.push('end-to-end (playwright)');

for (const suite of missing) process.stdout.write(`no report from the ${suite} suite: counted as 1 failure\n`);
totals.failed += missing.length;
process.stdout.write(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
