/**
 * `npm run package`: builds installers that are right by construction or not at all. Every step that
 * could quietly yield a broken package is checked, and the first one that fails stops the run with
 * what failed and what to do:
 *   1. Electron's binary is installed (or can be downloaded), and reports its ABI;
 *   2. Electron's headers are cached (or can be downloaded) for compiling native modules;
 *   3. the app is built and staged with its production dependencies only;
 *   4. better-sqlite3 is rebuilt for Electron in the staging copy;
 *   5. every native module staged is verified (native-modules.ts): an ABI-specific one was compiled for
 *      Electron's ABI, every one loads in the Electron binary itself, better-sqlite3 runs a query and
 *      sharp reports its libvips;
 *   6. electron-builder packages the staging copy with that same Electron.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findHeaders, type HeadersProbe } from './headers';
import { findNativeAddons, loadScript, unverifiedReport, verdictFor } from './native-modules';
import { productionPackages } from './stage';

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
      const addons = findNativeAddons(steps.root, productionPackages(steps.root));
      throw new PackagingRefused(
        `the Electron ${version} binary is not installed and could not be downloaded (${installed.detail || 'the download left no binary'}). ` +
          'It is needed to package the app and to prove the native modules load in it. ' +
          (headers.ok ? `(Its headers are available: ${headers.source}.)` : `Its headers cannot be had either: ${headers.detail}.`) +
          `\n${unverifiedReport(addons, 'no Electron binary runs here')}`,
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
  verifyAddons(steps, binary, electronAbi);
  steps.packageStaged(binary);
}

const AGAIN = 'What to do: delete release/ and run `npm run package` again.';

/** Smoke tests through the packages' own JavaScript, as the app calls them, for the addons it needs most. */
const SMOKE_TESTS: Readonly<Record<string, { readonly script: string; readonly says: string }>> = {
  'better-sqlite3': {
    script:
      "const D = require('better-sqlite3'); const db = new D(':memory:'); process.stdout.write(db.prepare('select sqlite_version() v').get().v)",
    says: 'SQLite',
  },
  sharp: { script: "process.stdout.write(require('sharp').versions.vips)", says: 'libvips' },
};

function verifyAddons(steps: PackagingSteps, binary: string, electronAbi: number): void {
  if (!existsSync(join(steps.stageDir, ADDON)))
    throw new PackagingRefused(`the rebuild of better-sqlite3 left no ${ADDON} in the staging copy.`, AGAIN);
  const addons = findNativeAddons(steps.stageDir, ['node_modules']);
  for (const addon of addons) {
    const verdict = verdictFor(addon, electronAbi);
    if (verdict.action === 'refuse') throw new PackagingRefused(verdict.why, verdict.todo);
    if (verdict.action === 'skip') {
      steps.log(`${addon.packageName}: ${addon.file}: ${verdict.why}`);
      continue;
    }
    const loaded = steps.runInElectron(binary, loadScript(join(steps.stageDir, addon.file)), steps.stageDir);
    if (!loaded.ok) throw new PackagingRefused(`Electron could not load ${addon.packageName}'s ${addon.file}: ${loaded.output}`, AGAIN);
    steps.log(`${addon.packageName}: ${addon.file}: ${verdict.why}, loaded by Electron`);
  }
  const staged = new Set(addons.map((addon) => addon.packageName));
  for (const [name, smoke] of Object.entries(SMOKE_TESTS)) {
    if (name !== 'better-sqlite3' && !existsSync(join(steps.stageDir, 'node_modules', name))) continue;
    const ran = steps.runInElectron(binary, smoke.script, steps.stageDir);
    if (!ran.ok) throw new PackagingRefused(`Electron loaded ${name}'s native module but ${name} itself failed: ${ran.output}`, AGAIN);
    steps.log(
      `${name}: works in Electron, ${smoke.says} ${ran.output}${staged.has(name) ? '' : ' (its native module is in another package)'}`,
    );
  }
}
