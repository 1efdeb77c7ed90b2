// `npm run package [-- <electron-builder target options>]`: rebuilds native modules for Electron,
// verifies them and packages the installers, or refuses with what to do (scripts/packaging/). The
// logic is TypeScript so it is type-checked and unit-tested with the rest; tsx runs it.
import { tsImport } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';

const { main } = await tsImport('./packaging/main.ts', import.meta.url);
process.exitCode = await main(fileURLToPath(new URL('..', import.meta.url)), process.argv.slice(2));
