/**
 * The packaging script's refusals, with its network and tool steps replaced by fakes so nothing here
 * waits on a download, and its real checks run on real files.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { addonAbiOf } from '../../scripts/packaging/abi';
import { findHeaders } from '../../scripts/packaging/headers';
import { PackagingRefused, packageApp, type PackagingSteps } from '../../scripts/packaging/package-app';
import { productionPackages } from '../../scripts/packaging/stage';
import { useTempDir } from '../helpers/temp';

const root = resolve(__dirname, '..', '..');
const NODE_ADDON = join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
const ELECTRON_ABI = 150;

const offline = async (): Promise<void> => {
  throw new TypeError('fetch failed', { cause: new Error('getaddrinfo ENOTFOUND www.electronjs.org') });
};

function steps(stageDir: string, overrides: Partial<PackagingSteps> = {}): PackagingSteps {
  return {
    root,
    stageDir,
    electronVersion: '45.4.1',
    declaredAbi: ELECTRON_ABI,
    findBinary: () => '/opt/electron/electron',
    installBinary: () => ({ ok: true, detail: '' }),
    runInElectron: (_binary, script) => ({ ok: true, output: script.includes('versions.modules') ? String(ELECTRON_ABI) : '3.50.0' }),
    probeHeaders: async () => undefined,
    headersTimeoutMs: 50,
    build: vi.fn(),
    stage: vi.fn(),
    rebuild: vi.fn(async () => undefined),
    packageStaged: vi.fn(),
    log: () => undefined,
    ...overrides,
  };
}

/** A staging folder whose better-sqlite3 build is the given file, as a rebuild would leave it. */
function stagedWith(dir: string, addon: string): void {
  const release = join(dir, 'node_modules', 'better-sqlite3', 'build', 'Release');
  mkdirSync(release, { recursive: true });
  copyFileSync(addon, join(release, 'better_sqlite3.node'));
}

/** A package in the staging folder with one file of the given content. */
function stagedPackage(dir: string, name: string, file: string, content: string): void {
  const packageDir = join(dir, 'node_modules', ...name.split('/'));
  mkdirSync(join(packageDir, dirname(file)), { recursive: true });
  writeFileSync(join(packageDir, 'package.json'), JSON.stringify({ name, version: '1.0.0' }));
  writeFileSync(join(packageDir, file), content);
}

async function refusal(run: Promise<void>): Promise<string> {
  try {
    await run;
  } catch (err) {
    expect(err).toBeInstanceOf(PackagingRefused);
    return (err as PackagingRefused).message;
  }
  throw new Error('packaging went ahead where it should have refused');
}

describe('the packaging script', () => {
  const tempDir = useTempDir('dd-package-');

  it('refuses where Electron cannot be downloaded, saying what failed and what to do, before building anything', async () => {
    const plan = steps(tempDir(), {
      findBinary: () => null,
      installBinary: () => ({ ok: false, detail: 'TypeError: fetch failed' }),
      probeHeaders: offline,
    });
    const message = await refusal(packageApp(plan));
    expect(message).toContain(
      'Cannot package Disclosure Desk: the Electron 45.4.1 binary is not installed and could not be downloaded (TypeError: fetch failed)',
    );
    expect(message).toContain('Its headers cannot be had either');
    expect(message).toContain('getaddrinfo ENOTFOUND');
    expect(message).toMatch(/build machine that can reach github\.com/);
    expect(message).toContain('ELECTRON_MIRROR');
    // What it could not verify without Electron, module by module.
    expect(message).toContain('Native modules not verified, because no Electron binary runs here:');
    expect(message).toContain(
      `  - better-sqlite3: node_modules/better-sqlite3/build/Release/better_sqlite3.node: NODE_MODULE_VERSION ${process.versions.modules} here;`,
    );
    expect(message).toContain(
      '  - @img/sharp-linux-x64: node_modules/@img/sharp-linux-x64/lib/sharp-linux-x64-0.35.5.node: Node-API (ABI-stable); its load in Electron is not verified',
    );
    expect(plan.build).not.toHaveBeenCalled();
    expect(plan.packageStaged).not.toHaveBeenCalled();
  });

  it('refuses where Electron is present but its headers cannot be downloaded, within the probe timeout', async () => {
    const hang: PackagingSteps['probeHeaders'] = (_url, timeoutMs) =>
      new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs));
    const plan = steps(tempDir(), { probeHeaders: hang });
    const started = Date.now();
    const message = await refusal(packageApp(plan));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(message).toContain(
      "Electron 45.4.1's headers, needed to rebuild better-sqlite3 for it, are not cached and could not be downloaded",
    );
    expect(message).toContain('timed out after 50 ms');
    expect(plan.rebuild).not.toHaveBeenCalled();
  });

  it('refuses a rebuild that reported success but left a Node-ABI better-sqlite3 (the install-app-deps trap)', async () => {
    const stageDir = tempDir();
    stagedWith(stageDir, NODE_ADDON);
    const plan = steps(stageDir);
    const message = await refusal(packageApp(plan));
    expect(message).toContain(`compiled for NODE_MODULE_VERSION ${process.versions.modules}, but Electron needs ${ELECTRON_ABI}`);
    expect(plan.rebuild).toHaveBeenCalled();
    expect(plan.packageStaged).not.toHaveBeenCalled();
  });

  it('packages only once the addon is compiled for Electron and Electron has loaded it', async () => {
    const stageDir = tempDir();
    const electronAddon = join(tempDir(), 'addon.node');
    writeFileSync(electronAddon, Buffer.from(`\x7fELF…\0node_register_module_v${ELECTRON_ABI}\0…`, 'latin1'));
    stagedWith(stageDir, electronAddon);
    const runInElectron = vi.fn(steps(stageDir).runInElectron);
    const plan = steps(stageDir, { runInElectron });
    await packageApp(plan);
    expect(runInElectron).toHaveBeenLastCalledWith(
      '/opt/electron/electron',
      expect.stringContaining("require('better-sqlite3')"),
      stageDir,
    );
    expect(plan.packageStaged).toHaveBeenCalledWith('/opt/electron/electron');
  });

  it('refuses when Electron cannot load the rebuilt addon, even though its ABI matches', async () => {
    const stageDir = tempDir();
    const addon = join(tempDir(), 'addon.node');
    writeFileSync(addon, `node_register_module_v${ELECTRON_ABI}`);
    stagedWith(stageDir, addon);
    const runInElectron: PackagingSteps['runInElectron'] = (_binary, script) =>
      script.includes('versions.modules') ? { ok: true, output: String(ELECTRON_ABI) } : { ok: false, output: 'Error: invalid ELF header' };
    const message = await refusal(packageApp(steps(stageDir, { runInElectron })));
    expect(message).toContain(
      "Electron could not load better-sqlite3's node_modules/better-sqlite3/build/Release/better_sqlite3.node: Error: invalid ELF header",
    );
  });

  it('loads every staged native module in Electron, Node-API ones too, and tries sharp through its own JavaScript', async () => {
    const stageDir = tempDir();
    const electronAddon = join(tempDir(), 'addon.node');
    writeFileSync(electronAddon, `node_register_module_v${ELECTRON_ABI}`);
    stagedWith(stageDir, electronAddon);
    stagedPackage(stageDir, '@img/sharp-linux-x64', 'lib/sharp-linux-x64.node', 'napi_register_module_v1');
    stagedPackage(stageDir, 'sharp', 'lib/index.js', '');
    const runInElectron = vi.fn(steps(stageDir).runInElectron);
    const lines: string[] = [];
    const plan = steps(stageDir, { runInElectron, log: (line) => lines.push(line) });
    await packageApp(plan);
    const scripts = runInElectron.mock.calls.map(([, script]) => script);
    expect(scripts).toContainEqual(expect.stringContaining(join(stageDir, 'node_modules/@img/sharp-linux-x64/lib/sharp-linux-x64.node')));
    expect(scripts).toContainEqual(
      expect.stringContaining(join(stageDir, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node')),
    );
    expect(scripts).toContainEqual(expect.stringContaining("require('sharp').versions.vips"));
    expect(lines).toContain(
      '@img/sharp-linux-x64: node_modules/@img/sharp-linux-x64/lib/sharp-linux-x64.node: Node-API (ABI-stable), loaded by Electron',
    );
    expect(plan.packageStaged).toHaveBeenCalled();
  });

  it('refuses when Electron cannot load a Node-API module, naming it', async () => {
    const stageDir = tempDir();
    const electronAddon = join(tempDir(), 'addon.node');
    writeFileSync(electronAddon, `node_register_module_v${ELECTRON_ABI}`);
    stagedWith(stageDir, electronAddon);
    stagedPackage(stageDir, '@img/sharp-linux-x64', 'lib/sharp-linux-x64.node', 'napi_register_module_v1');
    const runInElectron: PackagingSteps['runInElectron'] = (_binary, script) =>
      script.includes('sharp-linux-x64.node')
        ? { ok: false, output: 'Error: libvips-cpp.so.8.18.7: cannot open shared object file' }
        : { ok: true, output: script.includes('versions.modules') ? String(ELECTRON_ABI) : '3.50.0' };
    const plan = steps(stageDir, { runInElectron });
    const message = await refusal(packageApp(plan));
    expect(message).toContain(
      "Electron could not load @img/sharp-linux-x64's node_modules/@img/sharp-linux-x64/lib/sharp-linux-x64.node: Error: libvips-cpp.so.8.18.7",
    );
    expect(plan.packageStaged).not.toHaveBeenCalled();
  });

  it('refuses a staged module compiled for another ABI that the script does not rebuild, saying what to do', async () => {
    const stageDir = tempDir();
    const electronAddon = join(tempDir(), 'addon.node');
    writeFileSync(electronAddon, `node_register_module_v${ELECTRON_ABI}`);
    stagedWith(stageDir, electronAddon);
    stagedPackage(stageDir, 'old-addon', 'build/Release/old.node', 'node_register_module_v115');
    const plan = steps(stageDir);
    const message = await refusal(packageApp(plan));
    expect(message).toContain(
      'old-addon (node_modules/old-addon/build/Release/old.node) was compiled for NODE_MODULE_VERSION 115, but Electron needs 150',
    );
    expect(message).toContain(
      'add old-addon to the modules scripts/packaging/main.ts rebuilds for Electron, or use a Node-API build of it',
    );
    expect(plan.packageStaged).not.toHaveBeenCalled();
  });

  it('refuses an Electron binary that is not the one node_modules/electron declares', async () => {
    const message = await refusal(packageApp(steps(tempDir(), { declaredAbi: 143 })));
    expect(message).toContain('reports ABI 150 but node_modules/electron declares 143');
  });
});

describe('what the packaging script reads', () => {
  const tempDir = useTempDir('dd-package-');

  it("reads the ABI compiled into the installed better-sqlite3, which is this Node's", () => {
    expect(addonAbiOf(NODE_ADDON)).toEqual({ kind: 'node', abi: Number(process.versions.modules) });
  });

  it('does not guess the ABI of a file that names none', () => {
    const file = join(tempDir(), 'extension.node');
    writeFileSync(file, 'sqlite3_extension_init');
    expect(addonAbiOf(file)).toMatchObject({ kind: 'unknown' });
  });

  it('recognises a Node-API addon, which names no ABI because it has none to match', () => {
    const file = join(tempDir(), 'napi.node');
    writeFileSync(file, 'napi_register_module_v1');
    expect(addonAbiOf(file)).toEqual({ kind: 'napi' });
    expect(addonAbiOf(join(root, 'node_modules', '@img', 'sharp-linux-x64', 'lib', 'sharp-linux-x64-0.35.5.node'))).toEqual({
      kind: 'napi',
    });
  });

  it('uses cached headers without asking the network', async () => {
    const home = tempDir();
    mkdirSync(join(home, '.electron-gyp', '45.4.1', 'include', 'node'), { recursive: true });
    writeFileSync(join(home, '.electron-gyp', '45.4.1', 'include', 'node', 'node_version.h'), '');
    const probe = vi.fn(offline);
    expect(await findHeaders('45.4.1', { probe, timeoutMs: 50, home })).toEqual({
      ok: true,
      source: join(home, '.electron-gyp', '45.4.1'),
    });
    expect(probe).not.toHaveBeenCalled();
  });

  it('stages the run-time dependencies and none of the development tools', () => {
    const packages = productionPackages(root);
    expect(packages).toEqual(
      expect.arrayContaining([join('node_modules', 'better-sqlite3'), join('node_modules', 'zod'), join('node_modules', 'bindings')]),
    );
    for (const tool of ['electron', 'electron-builder', 'vitest', 'typescript', 'react'])
      expect(packages).not.toContain(join('node_modules', tool));
  });
});
