// What `npm start` needs rebuilt: each bundle records the files it was built from (esbuild's
// metafile, Vite's module graph) with their SHA-256, in dist/.build-inputs.json. A bundle whose
// outputs exist and whose every input still has its recorded content is not built again; one
// changed input rebuilds that bundle alone. The key also covers what is not a source file but shapes
// every output: the build script and its options, the lock file (the dependencies' versions).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';

const RECORD = 'dist/.build-inputs.json';

const sha256 = (path) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Source files a bundle was built from, relative to root: dependencies (covered by the lock file) and virtual modules are not. */
export function sourceInputs(root, paths) {
  return [...new Set(paths)]
    .map((path) => (isAbsolute(path) ? relative(root, path) : path))
    .filter((path) => !path.startsWith('..') && !path.includes('node_modules') && !path.includes('\0') && existsSync(join(root, path)))
    .sort();
}

export class BuildCache {
  #root;
  #record;
  #key;

  /** `key`: anything that changes every output (the build script's text, options, the lock file). */
  constructor(root, key) {
    this.#root = root;
    this.#key = key;
    const path = join(root, RECORD);
    try {
      this.#record = existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : {};
    } catch {
      this.#record = {};
    }
  }

  /** Whether the bundle `name` must be built: never built, outputs gone, or any input changed. */
  stale(name, outputs) {
    const entry = this.#record[name];
    if (!entry || entry.key !== this.#key) return true;
    if (!outputs.every((output) => existsSync(join(this.#root, output)))) return true;
    return Object.entries(entry.inputs).some(
      ([path, hash]) => !existsSync(join(this.#root, path)) || sha256(join(this.#root, path)) !== hash,
    );
  }

  /** Records what the bundle `name` was just built from. */
  built(name, inputs) {
    this.#record[name] = { key: this.#key, inputs: Object.fromEntries(inputs.map((path) => [path, sha256(join(this.#root, path))])) };
    const path = join(this.#root, RECORD);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${JSON.stringify(this.#record, null, 1)}\n`);
  }

  /** Runs `build` (which returns its inputs) when `name` is stale or `force`d; true when it ran. */
  async ensure(name, outputs, build, { force = false } = {}) {
    if (!force && !this.stale(name, outputs)) return false;
    this.built(name, sourceInputs(this.#root, await build()));
    return true;
  }
}

/** The key every bundle shares: the build script's own text, its options, the dependencies' versions. */
export function buildKey(root, files, options) {
  const hash = createHash('sha256').update(JSON.stringify(options));
  for (const file of files) hash.update(existsSync(join(root, file)) ? readFileSync(join(root, file)) : '');
  return hash.digest('hex');
}
