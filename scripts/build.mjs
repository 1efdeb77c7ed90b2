// Builds everything the app, the CLI and the tests run: main-process bundles (esbuild), the preload
// bridge (one file, as sandboxed preloads require), the shell bridge, and the renderer (Vite).
// --incremental (`npm start`) builds only the bundles whose sources changed since the last build
// (scripts/build-cache.mjs); without it every bundle is built, and recorded for the next start.
import { fileURLToPath } from 'node:url';
import { BuildCache, buildKey } from './build-cache.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const quiet = process.argv.includes('--quiet');
const incremental = process.argv.includes('--incremental');

const node = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  metafile: true,
  // Native and runtime-provided modules (better-sqlite3, sharp with its prebuilt libvips) stay outside
  // the bundle. pdfjs-dist too: it is an ES module that finds its Node polyfills through import.meta.url,
  // which a CommonJS bundle does not have; main/export/pdf-text-worker.ts loads it with import() from
  // node_modules (a production dependency).
  external: ['electron', 'better-sqlite3', 'sharp', 'playwright-core', 'pdfjs-dist'],
};

const MAIN_ENTRIES = {
  'main/electron-main': 'main/electron/main.ts',
  'main/cli': 'main/cli.ts',
  'main/shell': 'main/shell/start.ts',
  'main/worker': 'main/worker.ts',
  'main/parse-thread': 'main/import/parse-thread-main.ts',
  'main/pdf-text-worker': 'main/export/pdf-text-worker.ts',
  'main/thumbnail-worker': 'main/attachments/thumbnail-thread.ts',
};

const cache = new BuildCache(
  root,
  buildKey(
    root,
    [
      'scripts/build.mjs',
      'scripts/build-cache.mjs',
      'package-lock.json',
      'tsconfig.json',
      'tsconfig.base.json',
      'vite.config.mts',
      'scripts/vite/woff2-only.mts',
    ],
    { node, MAIN_ENTRIES },
  ),
);
const ensure = (name, outputs, run) => cache.ensure(name, outputs, run, { force: !incremental });
const inputsOf = (result) => Object.keys(result.metafile.inputs);
// Loaded only for a bundle that is built: loading Vite alone takes longer than checking every input.
const build = async (options) => (await import('esbuild')).build(options);
const viteBuild = async (config) => (await import('vite')).build(config);

/** The module ids Vite's build read, for the cache. */
function moduleIds() {
  const ids = [];
  return {
    plugin: {
      name: 'disclosure-desk:inputs',
      generateBundle() {
        ids.push(...this.getModuleIds());
      },
    },
    ids,
  };
}

const started = performance.now();
const built = await Promise.all([
  ensure(
    'main',
    Object.keys(MAIN_ENTRIES).map((name) => `dist/${name}.cjs`),
    async () => inputsOf(await build({ ...node, entryPoints: MAIN_ENTRIES, outdir: 'dist', outExtension: { '.js': '.cjs' } })),
  ),
  ensure('preload', ['dist/preload/index.cjs'], async () =>
    inputsOf(await build({ ...node, entryPoints: ['preload/index.ts'], outfile: 'dist/preload/index.cjs' })),
  ),
  ensure('shell-bridge', ['dist/preload/shell-bridge.js'], async () =>
    inputsOf(
      await build({
        absWorkingDir: root,
        bundle: true,
        platform: 'browser',
        target: 'chrome120',
        format: 'iife',
        logLevel: 'warning',
        metafile: true,
        entryPoints: ['preload/shell-bridge.ts'],
        outfile: 'dist/preload/shell-bridge.js',
      }),
    ),
  ),
  ensure('renderer', ['dist/renderer/index.html'], async () => {
    const inputs = moduleIds();
    await viteBuild({ configFile: `${root}/vite.config.mts`, logLevel: quiet ? 'warn' : 'info', plugins: [inputs.plugin] });
    return inputs.ids;
  }),
]);
if (incremental && !quiet) {
  const names = ['main', 'preload', 'shell-bridge', 'renderer'].filter((_, i) => built[i]);
  process.stdout.write(
    `${names.length ? `Built ${names.join(', ')}` : 'Sources unchanged since the last build'} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );
}
