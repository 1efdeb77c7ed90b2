/** Wires the packaging steps of package-app.ts to this machine: real downloads, builds and tools. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { electronBinary, electronVersion, installElectron, runInElectron } from './electron';
import { headersUrl, probeByHead } from './headers';
import { PackagingRefused, packageApp } from './package-app';
import { stageApp } from './stage';

const BINARY_DOWNLOAD_TIMEOUT_MS = 300_000;
const HEADERS_PROBE_TIMEOUT_MS = 15_000;

function run(command: string, args: readonly string[], cwd: string, failure: string): void {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (result.status !== 0) throw new PackagingRefused(failure, 'What to do: fix the error printed above and run `npm run package` again.');
}

/** node-gyp takes `nodedir` from npm's configuration and would then compile against Node's headers. */
function withoutNodedir(env: NodeJS.ProcessEnv): void {
  for (const name of Object.keys(env)) if (name.toLowerCase() === 'npm_config_nodedir') delete env[name];
}

/** @param root the project folder; @param builderArgs passed on to electron-builder (targets). */
export async function main(root: string, builderArgs: readonly string[]): Promise<number> {
  const stageDir = join(root, 'release', 'stage');
  const version = electronVersion(root);
  const abiFile = join(root, 'node_modules', 'electron', 'abi_version');
  try {
    await packageApp({
      root,
      stageDir,
      electronVersion: version,
      declaredAbi: existsSync(abiFile) ? Number(readFileSync(abiFile, 'utf8').trim()) : null,
      findBinary: () => electronBinary(root),
      installBinary: () => installElectron(root, BINARY_DOWNLOAD_TIMEOUT_MS),
      runInElectron,
      probeHeaders: probeByHead,
      headersTimeoutMs: HEADERS_PROBE_TIMEOUT_MS,
      build: () => run(process.execPath, [join(root, 'scripts', 'build.mjs')], root, 'the app did not build.'),
      stage: () => stageApp(root, stageDir),
      rebuild: async () => {
        withoutNodedir(process.env);
        const { rebuild } = await import('@electron/rebuild');
        await rebuild({
          buildPath: stageDir,
          electronVersion: version,
          force: true,
          onlyModules: ['better-sqlite3'],
          headerURL: headersUrl(),
        });
      },
      packageStaged: () =>
        run(
          join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'electron-builder.cmd' : 'electron-builder'),
          [
            '--projectDir',
            stageDir,
            '--publish',
            'never',
            `-c.electronVersion=${version}`,
            // The very Electron whose ABI was verified above, not a second download.
            `-c.electronDist=${join(root, 'node_modules', 'electron', 'dist')}`,
            `-c.directories.output=${join(root, 'release')}`,
            ...builderArgs,
          ],
          root,
          'electron-builder failed.',
        ),
      log: (line) => process.stdout.write(`${line}\n`),
    });
    process.stdout.write(`Packaged into ${join(root, 'release')}\n`);
    return 0;
  } catch (err) {
    if (!(err instanceof PackagingRefused)) throw err;
    process.stderr.write(`${err.message}\n`);
    return 1;
  } finally {
    rmSync(stageDir, { recursive: true, force: true });
  }
}
