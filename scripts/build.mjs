// Builds everything the app, the CLI and the tests run: main-process bundles (esbuild), the preload
// bridge (one file, as sandboxed preloads require), the shell bridge, and the renderer (Vite).
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const quiet = process.argv.includes('--quiet');

const node = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  // Native and runtime-provided modules (better-sqlite3, sharp with its prebuilt libvips) stay outside
  // the bundle. pdfjs-dist too: it is an ES module that finds its Node polyfills through import.meta.url,
  // which a CommonJS bundle does not have; main/export/pdf-text-worker.ts loads it with import() from
  // node_modules (a production dependency).
  external: ['electron', 'better-sqlite3', 'sharp', 'playwright-core', 'pdfjs-dist'],
};

await Promise.all([
  build({
    ...node,
    entryPoints: {
      'main/electron-main': 'main/electron/main.ts',
      'main/cli': 'main/cli.ts',
      'main/shell': 'main/shell/start.ts',
      'main/worker': 'main/worker.ts',
      'main/parse-thread': 'main/import/parse-thread-main.ts',
      'main/pdf-text-worker': 'main/export/pdf-text-worker.ts',
      'main/thumbnail-worker': 'main/attachments/thumbnail-thread.ts',
    },
    outdir: 'dist',
    outExtension: { '.js': '.cjs' },
  }),
  build({ ...node, entryPoints: ['preload/index.ts'], outfile: 'dist/preload/index.cjs' }),
  build({
    absWorkingDir: root,
    bundle: true,
    platform: 'browser',
    target: 'chrome120',
    format: 'iife',
    logLevel: 'warning',
    entryPoints: ['preload/shell-bridge.ts'],
    outfile: 'dist/preload/shell-bridge.js',
  }),
]);

await viteBuild({ configFile: `${root}/vite.config.mts`, logLevel: quiet ? 'warn' : 'info' });
