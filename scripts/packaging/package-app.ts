/**
 * `npm run package`: builds installers that are right by construction or not at all. Every step that
 * could quietly yield a broken package is checked, and the first one that fails stops the run with
 * what failed and what to do:
 *   1. Electron's binary is installed (or can be downloaded), and reports its ABI;
 *   2. Electron's headers are cached (or can be downloaded) for compiling native modules;
 *   3. the app is built and staged with its production dependencies only;
 *   4. better-sqlite3 is rebuilt for Electron in the staging copy;
 *   5. the rebuilt addon is verified: the ABI compiled into it equals Electron's, and the Electron
 *      binary itself loads it and runs a query;
 *   6. electron-builder packages the staging copy with that same Electron.
 */
import { join } from 'node:path';
import { addonAbiOf } from './abi';
import { findHeaders, type HeadersProbe } from './headers';

export class PackagingRefused extends Error {
  constructor(what: string, todo: string) {
    super(`Cannot package Disclosure Desk: ${what}\n${todo}`);
    this.name = 'PackagingRefused';
  }
}

/** The steps that touch the outside world, injected so the refusals can be tested offline. */
export interface PackagingSteps {
  readonly root: string;
  readonly stageDir: string;
  readonly electronVersion: string;
  /** Electron's own record of its ABI (node_modules/electron/abi_version), if it ships one. */
  readonly declaredAbi: number | null;
  findBinary(): string | null;
  installBinary(): { ok: boolean; detail: string };
  runInElectron(binary: string, script: string, cwd: string): { ok: boolean; output: string };
  readonly probeHeaders: HeadersProbe;
  readonly headersTimeoutMs: number;
  build(): void;
  stage(): void;
  rebuild(): Promise<void>;
  packageStaged(binary: string): void;
  log(line: string): void;
}

const ADDON = join('node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');

function connectedMachineAdvice(version: string): string {
  return [
    'What to do: run `npm ci && npm run package` on a build machine that can reach github.com (the Electron binary)',
    'and www.electronjs.org (its headers); see "Packaging" in README.md. Behind a firewall, point ELECTRON_MIRROR at a',
    `mirror of Electron's releases and ELECTRON_REBUILD_DIST_URL at a mirror of its headers, or pre-fill the caches:`,
    `electron-v${version}-<platform>-<arch>.zip in electron_config_cache, and the headers in ~/.electron-gyp/${version}.`,
  ].join('\n');
}

export async function packageApp(steps: PackagingSteps): Promise<void> {
  const version = steps.electronVersion;
  const advice = connectedMachineAdvice(version);

  let binary = steps.findBinary();
  if (!binary) {
    steps.log(`Electron ${version} is not installed; trying its download…`);
    const installed = steps.installBinary();
    binary = installed.ok ? steps.findBinary() : null;
    if (!binary) {
      // Say at once whether the headers are a problem too, rather than one refusal per run.
      const headers = await findHeaders(version, { probe: steps.probeHeaders, timeoutMs: steps.headersTimeoutMs });
      throw new PackagingRefused(
        `the Electron ${version} binary is not installed and could not be downloaded (${installed.detail || 'the download left no binary'}). ` +
          'It is needed to package the app and to prove the rebuilt better-sqlite3 loads in it. ' +
          (headers.ok ? `(Its headers are available: ${headers.source}.)` : `Its headers cannot be had either: ${headers.detail}.`),
        advice,
      );
    }
  }

  const reported = steps.runInElectron(binary, 'process.stdout.write(process.versions.modules)', steps.root);
  const electronAbi = Number(reported.output);
  if (!reported.ok || !Number.isInteger(electronAbi)) {
    throw new PackagingRefused(
      `the Electron binary at ${binary} did not run as Node to report its ABI (${reported.output || 'no output'}).`,
      advice,
    );
  }
  if (steps.declaredAbi !== null && steps.declaredAbi !== electronAbi) {
    throw new PackagingRefused(
      `the Electron binary reports ABI ${electronAbi} but node_modules/electron declares ${steps.declaredAbi}: the binary is not the one this package installs.`,
      'What to do: delete node_modules/electron and run `npm ci` again.',
    );
  }
  steps.log(`Electron ${version}: NODE_MODULE_VERSION ${electronAbi} (reported by ${binary})`);

  const headers = await findHeaders(version, { probe: steps.probeHeaders, timeoutMs: steps.headersTimeoutMs });
  if (!headers.ok) {
    throw new PackagingRefused(
      `Electron ${version}'s headers, needed to rebuild better-sqlite3 for it, are not cached and could not be downloaded: ${headers.detail}.`,
      advice,
    );
  }
  steps.log(`Electron headers: ${headers.source}`);

  steps.build();
  steps.stage();
  await steps.rebuild();
  verifyAddon(steps, binary, electronAbi);
  steps.packageStaged(binary);
}

function verifyAddon(steps: PackagingSteps, binary: string, electronAbi: number): void {
  const addon = join(steps.stageDir, ADDON);
  const built = addonAbiOf(addon);
  if (built.kind !== 'node')
    throw new PackagingRefused(
      `the rebuilt ${addon} cannot be checked: ${built.reason}.`,
      'What to do: delete release/ and run `npm run package` again.',
    );
  if (built.abi !== electronAbi) {
    throw new PackagingRefused(
      `the rebuilt better-sqlite3 was compiled for NODE_MODULE_VERSION ${built.abi}, but Electron needs ${electronAbi}; packaged, the app could not open a case. ` +
        'The rebuild reported success but compiled against other headers (an npm "nodedir" setting does this).',
      'What to do: remove `nodedir` from your npm configuration (npm config delete nodedir) and run `npm run package` again.',
    );
  }
  const script =
    "const D = require('better-sqlite3'); const db = new D(':memory:'); process.stdout.write(db.prepare('select sqlite_version() v').get().v)";
  const loaded = steps.runInElectron(binary, script, steps.stageDir);
  if (!loaded.ok)
    throw new PackagingRefused(
      `Electron could not load the rebuilt better-sqlite3: ${loaded.output}`,
      'What to do: delete release/ and run `npm run package` again.',
    );
  steps.log(`better-sqlite3: compiled for NODE_MODULE_VERSION ${built.abi}, loaded by Electron, SQLite ${loaded.output}`);
}
