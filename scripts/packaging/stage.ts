/**
 * A staging copy of the app to package: the built app, its packaging resources and only its
 * production dependencies. Native modules are rebuilt for Electron here, so the developer's own
 * node_modules keeps its Node-ABI builds for the tests and the CLI.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

interface Manifest {
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly optionalDependencies?: Readonly<Record<string, string>>;
}

const readManifest = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;

/** Node's lookup: the nearest node_modules/<name> from `fromDir` up to the project root. */
function resolvePackage(name: string, fromDir: string, root: string): string | null {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === root || dirname(dir) === dir) return null;
  }
}

/** Every installed package the app needs at run time, as folders relative to the project root. */
export function productionPackages(root: string): string[] {
  const found = new Set<string>();
  const visit = (dir: string): void => {
    const manifest = readManifest(dir);
    const required = Object.keys(manifest.dependencies ?? {});
    const optional = Object.keys(manifest.optionalDependencies ?? {});
    for (const name of [...required, ...optional]) {
      const location = resolvePackage(name, dir, root);
      if (!location) {
        if (required.includes(name))
          throw new Error(`${name} (needed by ${relative(root, dir) || 'the app'}) is not installed: run npm ci first`);
        continue;
      }
      if (found.has(location)) continue;
      found.add(location);
      visit(location);
    }
  };
  visit(root);
  return [...found].map((dir) => relative(root, dir)).sort();
}

/** Files of a package never needed in the package: a native module's old build is the one that matters. */
const leaveOut =
  (packageDir: string) =>
  (source: string): boolean => {
    const inside = relative(packageDir, source);
    if (inside.split(sep)[0] === 'node_modules') return false;
    // Its Node-ABI build must not survive into the staging copy: only a fresh Electron build may.
    return !(packageDir.endsWith(`${sep}better-sqlite3`) && inside.split(sep)[0] === 'build');
  };

export function stageApp(root: string, stageDir: string): void {
  rmSync(stageDir, { recursive: true, force: true });
  mkdirSync(stageDir, { recursive: true });
  for (const entry of ['dist', 'build', 'electron-builder.yml']) cpSync(join(root, entry), join(stageDir, entry), { recursive: true });
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
  // electron-builder reads the app's metadata from here; scripts and dev tooling do not ship.
  const { scripts: _scripts, devDependencies: _dev, ...shipped } = manifest;
  writeFileSync(join(stageDir, 'package.json'), `${JSON.stringify(shipped, null, 2)}\n`);
  for (const dir of productionPackages(root)) {
    const source = join(root, dir);
    cpSync(source, join(stageDir, dir), { recursive: true, filter: leaveOut(source) });
  }
}
