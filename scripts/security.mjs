// `npm run security`: Electronegativity over the app's sources, offline, failing on unjustified high
// or medium findings (scripts/security/). TypeScript, run by tsx, so it can read the app's own CSP.
import { tsImport } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';

const { main } = await tsImport('./security/scan.ts', import.meta.url);
process.exitCode = await main(fileURLToPath(new URL('..', import.meta.url)));
