/**
 * Every native module the package would ship, and what must be true of each before it ships. A file
 * ending in .node is loaded by `require` in the packaged app, so each one is checked, not only the one
 * the packaging script rebuilds: an ABI-specific addon must have been compiled for Electron's
 * NODE_MODULE_VERSION, and every addon (Node-API ones too, which are ABI-stable but can still fail to
 * link) must load in the Electron binary acting as Node.
 */
import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { addonAbiOf, type AddonAbi } from './abi';

export interface NativeAddon {
  /** The package that holds it, e.g. "@img/sharp-linux-x64". */
  readonly packageName: string;
  /** Its path relative to the folder searched from (the project or the staging copy). */
  readonly file: string;
  readonly abi: AddonAbi;
}

/** What to do with one addon before packaging. */
export type AddonVerdict =
  | { readonly action: 'load'; readonly why: string }
  | { readonly action: 'refuse'; readonly why: string; readonly todo: string }
  | { readonly action: 'skip'; readonly why: string };

/** The package a file is in: the folder after the last node_modules in its path (with its scope). */
function owningPackage(file: string): string {
  const parts = file.split(/[\\/]/);
  const at = parts.lastIndexOf('node_modules');
  if (at < 0 || at + 1 >= parts.length - 1) return parts.slice(0, -1).join('/');
  const first = parts[at + 1] ?? '';
  return first.startsWith('@') ? `${first}/${parts[at + 2] ?? ''}` : first;
}

/** node-gyp's intermediate folders: copies of the addon that nothing loads and electron-builder.yml leaves out. */
const BUILD_INTERMEDIATES = new Set(['obj.target', 'obj', '.deps']);

/**
 * The .node files under `dirs` (folders relative to `baseDir`), sorted. Symbolic links are not
 * followed: the staging copy holds real files, and a link could lead outside what ships. Build
 * intermediates are not searched.
 */
export function findNativeAddons(baseDir: string, dirs: readonly string[]): NativeAddon[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!BUILD_INTERMEDIATES.has(entry.name)) walk(path);
      } else if (entry.isFile() && entry.name.endsWith('.node')) files.push(path);
    }
  };
  for (const dir of dirs) {
    const full = join(baseDir, dir);
    if (existsSync(full) && lstatSync(full).isDirectory()) walk(full);
  }
  return [...new Set(files)].sort().map((file) => ({
    packageName: owningPackage(relative(baseDir, file)),
    file: relative(baseDir, file).split(sep).join('/'),
    abi: addonAbiOf(file),
  }));
}

/** Whether an addon may ship with the Electron of ABI `electronAbi`, and what checks it. */
export function verdictFor(addon: NativeAddon, electronAbi: number): AddonVerdict {
  const { abi } = addon;
  if (abi.kind === 'napi') return { action: 'load', why: 'Node-API (ABI-stable)' };
  if (abi.kind === 'unknown')
    return { action: 'skip', why: `not a Node addon (${abi.reason}), so nothing loads it with require; not loaded here` };
  if (abi.abi === electronAbi) return { action: 'load', why: `compiled for NODE_MODULE_VERSION ${abi.abi}` };
  return {
    action: 'refuse',
    why:
      `${addon.packageName} (${addon.file}) was compiled for NODE_MODULE_VERSION ${abi.abi}, but Electron needs ${electronAbi}; ` +
      'packaged, the app could not load it.',
    todo:
      addon.packageName === 'better-sqlite3'
        ? 'The rebuild reported success but compiled against other headers (an npm "nodedir" setting does this). What to do: ' +
          'remove `nodedir` from your npm configuration (npm config delete nodedir) and run `npm run package` again.'
        : `What to do: add ${addon.packageName} to the modules scripts/packaging/main.ts rebuilds for Electron, or use a Node-API build of it.`,
  };
}

/** A script for Electron-as-Node that loads one addon and prints what it exports. */
export function loadScript(absoluteFile: string): string {
  return `const m = require(${JSON.stringify(absoluteFile)}); process.stdout.write(Object.keys(m).length + ' exports')`;
}

/** One line per addon: what could not be verified and why, when no Electron binary runs here. */
export function unverifiedReport(addons: readonly NativeAddon[], why: string): string {
  const lines = addons.map(({ packageName, file, abi }) => {
    const kind =
      abi.kind === 'napi'
        ? 'Node-API (ABI-stable); its load in Electron is not verified'
        : abi.kind === 'node'
          ? `NODE_MODULE_VERSION ${abi.abi} here; its rebuild for Electron and its load are not verified`
          : `not a Node addon (${abi.reason})`;
    return `  - ${packageName}: ${file}: ${kind}`;
  });
  return [`Native modules not verified, because ${why}:`, ...lines].join('\n');
}
