/**
 * Which native modules the packaging script finds, and what it decides for each (scripts/packaging/
 * native-modules.ts): on planted files for every case, and on the real installed tree.
 */
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findNativeAddons, loadScript, unverifiedReport, verdictFor, type NativeAddon } from '../../../scripts/packaging/native-modules';
import { productionPackages } from '../../../scripts/packaging/stage';
import { useTempDir } from '../../helpers/temp';

const root = resolve(__dirname, '..', '..', '..');
const ELECTRON_ABI = 150;

function plant(dir: string, file: string, content: string): void {
  mkdirSync(dirname(join(dir, file)), { recursive: true });
  writeFileSync(join(dir, file), content);
}

const addon = (packageName: string, abi: NativeAddon['abi']): NativeAddon => ({
  packageName,
  file: `node_modules/${packageName}/x.node`,
  abi,
});

describe('finding the native modules a package would ship', () => {
  const tempDir = useTempDir('dd-native-');

  it('finds every .node file, scoped and nested packages included, with its package and kind; follows no link, skips build intermediates', () => {
    const stage = tempDir();
    const outside = tempDir();
    plant(stage, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node', `node_register_module_v${ELECTRON_ABI}`);
    plant(stage, 'node_modules/better-sqlite3/build/Release/test_extension.node', 'sqlite3_extension_init');
    plant(stage, 'node_modules/better-sqlite3/build/Release/obj.target/better_sqlite3.node', 'node_register_module_v115');
    plant(stage, 'node_modules/@img/sharp-linux-x64/lib/sharp-linux-x64.node', 'napi_register_module_v1');
    plant(stage, 'node_modules/parent/node_modules/child/prebuilds/child.node', 'napi_module_register');
    plant(stage, 'node_modules/zod/index.js', '');
    plant(outside, 'elsewhere.node', 'napi_register_module_v1');
    symlinkSync(outside, join(stage, 'node_modules', 'linked'));

    expect(findNativeAddons(stage, ['node_modules'])).toEqual([
      { packageName: '@img/sharp-linux-x64', file: 'node_modules/@img/sharp-linux-x64/lib/sharp-linux-x64.node', abi: { kind: 'napi' } },
      {
        packageName: 'better-sqlite3',
        file: 'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
        abi: { kind: 'node', abi: ELECTRON_ABI },
      },
      {
        packageName: 'better-sqlite3',
        file: 'node_modules/better-sqlite3/build/Release/test_extension.node',
        abi: { kind: 'unknown', reason: expect.stringContaining('exports neither') },
      },
      { packageName: 'child', file: 'node_modules/parent/node_modules/child/prebuilds/child.node', abi: { kind: 'napi' } },
    ]);
  });

  it('finds nothing, without failing, where the folders hold no native module or do not exist', () => {
    const stage = tempDir();
    plant(stage, 'node_modules/zod/index.js', '');
    expect(findNativeAddons(stage, ['node_modules', 'missing'])).toEqual([]);
  });

  it("finds the installed app's native modules: better-sqlite3 for this Node's ABI and sharp's Node-API addon", () => {
    const found = findNativeAddons(root, productionPackages(root));
    expect(found).toContainEqual({
      packageName: 'better-sqlite3',
      file: 'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
      abi: { kind: 'node', abi: Number(process.versions.modules) },
    });
    expect(found).toContainEqual({
      packageName: '@img/sharp-linux-x64',
      file: 'node_modules/@img/sharp-linux-x64/lib/sharp-linux-x64-0.35.5.node',
      abi: { kind: 'napi' },
    });
    // Development tools with native parts (esbuild, electron) are not what ships.
    expect(found.map((entry) => entry.packageName)).not.toContain('electron');
  });
});

describe('what the packaging script decides for each native module', () => {
  it('loads a Node-API module in Electron whatever the ABI: it has none to match, but can still fail to link', () => {
    expect(verdictFor(addon('@img/sharp-linux-x64', { kind: 'napi' }), ELECTRON_ABI)).toEqual({
      action: 'load',
      why: 'Node-API (ABI-stable)',
    });
  });

  it("loads a module compiled for Electron's ABI", () => {
    expect(verdictFor(addon('better-sqlite3', { kind: 'node', abi: ELECTRON_ABI }), ELECTRON_ABI)).toEqual({
      action: 'load',
      why: `compiled for NODE_MODULE_VERSION ${ELECTRON_ABI}`,
    });
  });

  it('refuses better-sqlite3 compiled for another ABI, pointing at the nodedir trap', () => {
    const verdict = verdictFor(addon('better-sqlite3', { kind: 'node', abi: 115 }), ELECTRON_ABI);
    expect(verdict).toMatchObject({
      action: 'refuse',
      why: expect.stringContaining('compiled for NODE_MODULE_VERSION 115, but Electron needs 150'),
    });
    expect(verdict.action === 'refuse' && verdict.todo).toContain('npm config delete nodedir');
  });

  it('refuses any other module compiled for another ABI, saying to rebuild it or use a Node-API build', () => {
    const verdict = verdictFor(addon('old-addon', { kind: 'node', abi: 115 }), ELECTRON_ABI);
    expect(verdict.action === 'refuse' && verdict.todo).toContain('add old-addon to the modules scripts/packaging/main.ts rebuilds');
  });

  it('does not load a .node file that is no Node addon (an SQLite extension), and says so', () => {
    expect(verdictFor(addon('better-sqlite3', { kind: 'unknown', reason: 'it exports neither …' }), ELECTRON_ABI)).toMatchObject({
      action: 'skip',
      why: expect.stringContaining('not a Node addon'),
    });
  });

  it('loads a module by its absolute path, quoted as a string literal', () => {
    expect(loadScript("/stage/it's/x.node")).toBe(
      `const m = require("/stage/it's/x.node"); process.stdout.write(Object.keys(m).length + ' exports')`,
    );
  });

  it('says, module by module, what it could not verify and why', () => {
    const report = unverifiedReport(
      [addon('better-sqlite3', { kind: 'node', abi: 115 }), addon('@img/sharp-linux-x64', { kind: 'napi' })],
      'no Electron binary runs here',
    );
    expect(report.split('\n')).toEqual([
      'Native modules not verified, because no Electron binary runs here:',
      '  - better-sqlite3: node_modules/better-sqlite3/x.node: NODE_MODULE_VERSION 115 here; its rebuild for Electron and its load are not verified',
      '  - @img/sharp-linux-x64: node_modules/@img/sharp-linux-x64/x.node: Node-API (ABI-stable); its load in Electron is not verified',
    ]);
  });
});

describe('electron-builder.yml', () => {
  it('unpacks every native module the app ships from the asar archive, sharp and its libvips included', () => {
    const config = readFileSync(join(root, 'electron-builder.yml'), 'utf8');
    const unpacked = [...(config.split(/^asarUnpack:\n/m)[1] ?? '').matchAll(/^ {2}- '([^']+)'$/gm)].map((match) => match[1]);
    expect(unpacked).toEqual(
      expect.arrayContaining(['**/node_modules/better-sqlite3/**', '**/node_modules/sharp/**', '**/node_modules/@img/**']),
    );
    for (const { packageName } of findNativeAddons(root, productionPackages(root)).filter((found) => found.abi.kind !== 'unknown')) {
      const covered = unpacked.some(
        (pattern) => pattern === `**/node_modules/${packageName}/**` || pattern === `**/node_modules/${packageName.split('/')[0]}/**`,
      );
      expect(covered, `${packageName} is unpacked`).toBe(true);
    }
  });
});
