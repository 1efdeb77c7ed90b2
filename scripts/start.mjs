// `npm start`: build what changed, then open the app in Electron when its binary is present (or can be fetched),
// otherwise in the system Chromium with the same API bridged to the same handlers.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

// Only what changed since the last build is built again (scripts/build-cache.mjs).
const built = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--incremental'], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

function electronBinary() {
  const dir = join(root, 'node_modules', 'electron');
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

let electron = electronBinary();
if (!electron && existsSync(join(root, 'node_modules', 'electron', 'install.js')) && process.env.DISCLOSURE_DESK_SHELL !== 'chromium') {
  // Electron fetches its binary on first use; offline this fails within a second.
  const fetched = spawnSync(process.execPath, [join(root, 'node_modules', 'electron', 'install.js')], {
    stdio: 'ignore',
    timeout: 300_000,
  });
  if (fetched.status === 0) electron = electronBinary();
}

if (electron && process.env.DISCLOSURE_DESK_SHELL !== 'chromium') {
  const child = spawn(electron, [root], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  const deps = spawnSync(process.execPath, [join(root, 'scripts', 'system-deps.mjs'), '--for', 'app'], { stdio: 'inherit' });
  if (deps.status !== 0) process.exit(deps.status ?? 1);
  process.stdout.write(
    'Electron is not installed here and could not be downloaded (no access to its download site), so Disclosure Desk\n' +
      'opens in the system Chromium instead: the same interface, the same case files, the same services.\n',
  );
  await require(join(root, 'dist', 'main', 'shell.cjs')).main();
}
