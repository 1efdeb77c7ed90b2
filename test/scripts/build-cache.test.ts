import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterEach, describe, expect, it } from 'vitest';
import { BuildCache, buildKey, sourceInputs } from '../../scripts/build-cache.mjs';

const roots: string[] = [];
afterEach(() => roots.splice(0).forEach((root) => rmSync(root, { recursive: true, force: true })));

/** A project of two modules and one unrelated file, bundled by esbuild as scripts/build.mjs bundles main. */
function project(): { root: string; bundle: () => Promise<string[]>; builds: () => number } {
  const root = mkdtempSync(join(tmpdir(), 'dd-build-cache-'));
  roots.push(root);
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'src/entry.ts'), "import { word } from './word';\nconsole.log(word);\n");
  writeFileSync(join(root, 'src/word.ts'), "export const word = 'first';\n");
  writeFileSync(join(root, 'src/unused.ts'), "export const other = 'x';\n");
  let count = 0;
  const bundle = async (): Promise<string[]> => {
    count++;
    const result = await build({
      absWorkingDir: root,
      entryPoints: ['src/entry.ts'],
      bundle: true,
      outfile: 'dist/entry.js',
      metafile: true,
      logLevel: 'silent',
    });
    return Object.keys(result.metafile.inputs);
  };
  return { root, bundle, builds: () => count };
}

const run = (root: string, bundle: () => Promise<string[]>, key = 'k') =>
  new BuildCache(root, key).ensure('entry', ['dist/entry.js'], bundle);

describe('the incremental build (npm start)', () => {
  it('skips a bundle whose sources are unchanged since its last build, and serves what that build left', async () => {
    const { root, bundle, builds } = project();
    expect(await run(root, bundle)).toBe(true);
    expect(await run(root, bundle)).toBe(false);
    expect(builds()).toBe(1);
    expect(readFileSync(join(root, 'dist/entry.js'), 'utf8')).toContain('first');
  });

  it('builds again when a file the bundle was made from changes, and the output has the change', async () => {
    const { root, bundle, builds } = project();
    await run(root, bundle);
    writeFileSync(join(root, 'src/word.ts'), "export const word = 'second';\n");
    expect(await run(root, bundle)).toBe(true);
    expect(builds()).toBe(2);
    expect(readFileSync(join(root, 'dist/entry.js'), 'utf8')).toContain('second');
    expect(await run(root, bundle)).toBe(false);
  });

  it('ignores a change to a file the bundle does not use', async () => {
    const { root, bundle, builds } = project();
    await run(root, bundle);
    writeFileSync(join(root, 'src/unused.ts'), "export const other = 'y';\n");
    expect(await run(root, bundle)).toBe(false);
    expect(builds()).toBe(1);
  });

  it('builds again when its output is gone, when the build itself changed, or when forced', async () => {
    const { root, bundle, builds } = project();
    await run(root, bundle);
    rmSync(join(root, 'dist/entry.js'));
    expect(await run(root, bundle)).toBe(true);
    expect(await run(root, bundle, 'another build script')).toBe(true);
    expect(await new BuildCache(root, 'another build script').ensure('entry', ['dist/entry.js'], bundle, { force: true })).toBe(true);
    expect(builds()).toBe(4);
  });

  it('keys every bundle to the build script, its options and the lock file', () => {
    const { root } = project();
    writeFileSync(join(root, 'package-lock.json'), '{"v":1}');
    const key = buildKey(root, ['package-lock.json'], { minify: false });
    expect(buildKey(root, ['package-lock.json'], { minify: true })).not.toBe(key);
    writeFileSync(join(root, 'package-lock.json'), '{"v":2}');
    expect(buildKey(root, ['package-lock.json'], { minify: false })).not.toBe(key);
  });

  it('records source files only: not dependencies, virtual modules or files outside the project', () => {
    const { root } = project();
    expect(
      sourceInputs(root, [
        join(root, 'src/word.ts'),
        'src/entry.ts',
        'node_modules/react/index.js',
        '\0virtual',
        '/elsewhere/x.ts',
        'src/entry.ts',
      ]),
    ).toEqual(['src/entry.ts', 'src/word.ts']);
  });
});
