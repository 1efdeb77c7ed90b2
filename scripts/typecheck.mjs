// Type-checks each runtime against its own tsconfig: Node code without DOM types, the renderer without
// Node types, shared code with neither. One program for everything would hide a fence violation.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));
let failed = false;
for (const project of ['tsconfig.shared.json', 'tsconfig.node.json', 'tsconfig.renderer.json', 'tsconfig.electron.json']) {
  const result = spawnSync(process.execPath, [tsc, '-p', project, '--noEmit'], { cwd: root, stdio: 'inherit' });
  process.stdout.write(`typecheck ${project}: ${result.status === 0 ? 'ok' : 'FAILED'}\n`);
  failed ||= result.status !== 0;
}
process.exit(failed ? 1 : 0);
