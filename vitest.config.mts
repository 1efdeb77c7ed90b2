import { defineConfig } from 'vitest/config';

// Parsers must not depend on the machine's zone: every unit test runs far from UTC and London.
process.env.TZ = 'Pacific/Chatham';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    testTimeout: 30_000,
    pool: 'forks',
    // The JSON report feeds the one "N passed, N failed" line CI prints (scripts/test-summary.mjs).
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
