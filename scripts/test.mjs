// `npm test`: build, then every suite — unit and integration (Vitest), end-to-end (Playwright) — even
// when an earlier one fails, then one summary line. Exits non-zero if anything failed.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = (command, args) => spawnSync(command, args, { cwd: root, stdio: 'inherit' }).status ?? 1;
const bin = (name) => fileURLToPath(new URL(`../node_modules/.bin/${name}`, import.meta.url));

rmSync(`${root}/test-results/vitest.json`, { force: true });
rmSync(`${root}/test-results/playwright.json`, { force: true });

if (run(process.execPath, ['scripts/build.mjs', '--quiet']) !== 0) {
  process.stdout.write('0 passed, 1 failed (the build failed)\n');
  process.exit(1);
}
const statuses = [run(bin('vitest'), ['run']), run(bin('playwright'), ['test'])];
run(process.execPath, ['scripts/test-summary.mjs']);
process.exit(statuses.some((s) => s !== 0) ? 1 : 0);
